// The one place that talks to Frappe. Declarative operations reach it through `sendFrappeRequest` (the node's
// `requestOperations.pagination`, which RoutingNode calls with the request it built); list searches, hooks and
// pre-send functions call `frappeApiRequest`. Both unpack Frappe's errors into NodeApiError, renew an expired
// session once, and honour "Continue On Fail" per item.
import type {
	DeclarativeRestApiSettings,
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IGetNodeParameterOptions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { parseDeskUrl } from './documentUrl';
import { summarizeFrappeError, type ErrorContext } from './errors';

export const SESSION_CREDENTIAL = 'frappeSessionApi';

export type CredentialTypeName = 'frappeApi' | 'frappeOAuth2Api' | 'frappeSessionApi';

export type RequestContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| IExecutePaginationFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions;

interface HttpFailure {
	response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	config?: { headers?: Record<string, unknown> };
	code?: string;
	message?: string;
}

/** The HTTP failure behind an error thrown by n8n's request helpers (NodeApiError keeps it as `cause`). */
export function httpFailureOf(error: unknown): HttpFailure | undefined {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		if (candidate && typeof candidate === 'object' && 'response' in candidate) {
			const failure = candidate as HttpFailure;
			if (failure.response && typeof failure.response === 'object') return failure;
		}
	}
	return undefined;
}

function bodyOf(failure: HttpFailure | undefined): unknown {
	const data = failure?.response?.data;
	if (Buffer.isBuffer(data)) return data.toString('utf8');
	return data;
}

export function isExpiredSession(error: unknown): boolean {
	const failure = httpFailureOf(error);
	if (failure?.response?.status !== 403) return false;
	let body = bodyOf(failure);
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return false;
		}
	}
	return Boolean((body as IDataObject | undefined)?.session_expired);
}

/**
 * A node parameter from any context: only IExecuteFunctions takes an item index; the single-item, load-options,
 * hook and webhook contexts take (name, fallback, options), so an index there would be read as the fallback.
 */
export function nodeParameterOf(
	context: RequestContext,
	name: string,
	fallback?: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	if ('getInputData' in context && !('getItemIndex' in context)) {
		return (context as IExecuteFunctions).getNodeParameter(name, 0, fallback, options);
	}
	return (context as IExecuteSingleFunctions).getNodeParameter(name, fallback, options);
}

export function credentialTypeOf(context: RequestContext): CredentialTypeName {
	return nodeParameterOf(context, 'authentication', 'frappeApi') as CredentialTypeName;
}

export function siteUrlOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.siteUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}

function sidInCookieHeader(failure: HttpFailure | undefined): string | undefined {
	const headers = failure?.config?.headers ?? {};
	for (const [name, value] of Object.entries(headers)) {
		if (name.toLowerCase() !== 'cookie') continue;
		const match = /(?:^|;\s*)sid=([^;]*)/.exec(String(value));
		if (match) return match[1];
	}
	return undefined;
}

const pendingRenewals = new Map<string, Promise<void>>();

/**
 * Logs the session credential in again. n8n re-runs `preAuthentication` only after a 401, while Frappe answers
 * a dead `sid` with 403 + `session_expired`: handing n8n the credential with `sid` emptied makes it log in
 * (and store the new sid) before a cheap request. Concurrent items share one login; a request that failed with
 * a sid another item already replaced just retries.
 */
export async function renewSession(this: RequestContext, error: unknown): Promise<void> {
	const reference = this.getNode().credentials?.[SESSION_CREDENTIAL];
	const key = reference?.id ?? reference?.name ?? this.getNode().name;
	let renewal = pendingRenewals.get(key);
	if (!renewal) {
		renewal = loginAgain(this, reference, sidInCookieHeader(httpFailureOf(error)));
		pendingRenewals.set(key, renewal);
		void renewal.then(
			() => pendingRenewals.delete(key),
			() => pendingRenewals.delete(key),
		);
	}
	await renewal;
}

async function loginAgain(
	context: RequestContext,
	reference: { id: string | null; name: string } | undefined,
	staleSid: string | undefined,
): Promise<void> {
	const credentials = await context.getCredentials(SESSION_CREDENTIAL);
	if (staleSid !== undefined && credentials.sid && credentials.sid !== staleSid) return;
	await context.helpers.httpRequestWithAuthentication.call(
		context,
		SESSION_CREDENTIAL,
		{
			method: 'GET',
			baseURL: siteUrlOf(credentials),
			url: '/api/method/frappe.auth.get_logged_user',
			json: true,
			skipSslCertificateValidation: Boolean(credentials.ignoreSSLIssues),
		},
		{
			credentialsDecrypted: {
				id: reference?.id ?? '',
				name: reference?.name ?? '',
				type: SESSION_CREDENTIAL,
				data: { ...credentials, sid: '' },
			},
		},
	);
}

function safeParameter(context: RequestContext, name: string): string | undefined {
	try {
		const value = nodeParameterOf(context, name, undefined, { extractValue: true });
		return typeof value === 'string' && value !== '' ? value : undefined;
	} catch {
		return undefined;
	}
}

function itemIndexOf(context: RequestContext): number {
	return 'getItemIndex' in context ? context.getItemIndex() : 0;
}

/** The permission a failed document request needed, from its verb (and, for a PUT, the docstatus it set). */
function requiredRight(failure: HttpFailure | undefined): string | undefined {
	const config = failure?.config as { method?: string; url?: string; data?: unknown } | undefined;
	const url = String(config?.url ?? '');
	if (!/\/api\/(?:resource|v2\/document)\//.test(url)) return undefined;
	const method = String(config?.method ?? 'get').toUpperCase();
	if (method === 'GET') return 'read';
	if (method === 'DELETE') return 'delete';
	if (method === 'POST')
		return /\/api\/(?:resource|v2\/document)\/[^/?]+\/[^?]+/.test(url) ? 'write' : 'create';
	const docstatus = /"docstatus":\s*([12])/.exec(
		typeof config?.data === 'string' ? config.data : '',
	)?.[1];
	return docstatus === '1' ? 'submit' : docstatus === '2' ? 'cancel' : 'write';
}

function errorContextOf(context: RequestContext, failure?: HttpFailure): ErrorContext {
	const documentName = safeParameter(context, 'documentName');
	return {
		doctype: safeParameter(context, 'doctype'),
		documentName:
			documentName === undefined ? undefined : (parseDeskUrl(documentName)?.name ?? documentName),
		method: safeParameter(context, 'methodPath'),
		right: requiredRight(failure),
	};
}

/** The HTTP status of a failed OAuth2 token refresh (errors of n8n's OAuth2 client carry `status` and `body`). */
function oauth2RefreshFailure(error: unknown): number | undefined {
	for (let current = error, depth = 0; current && depth < 4; depth++) {
		const candidate = current as {
			status?: unknown;
			body?: unknown;
			code?: unknown;
			cause?: unknown;
		};
		if (
			typeof candidate.status === 'number' &&
			'body' in candidate &&
			candidate.code === 'ESTATUS'
		) {
			return candidate.status;
		}
		current = candidate.cause;
	}
	return undefined;
}

/** A NodeApiError carrying Frappe's own message and a hint; never the request, its headers or a traceback. */
export function toFrappeError(
	context: RequestContext,
	error: unknown,
): NodeApiError | NodeOperationError {
	const failure = httpFailureOf(error);
	const itemIndex = itemIndexOf(context);
	const refusedRefresh = oauth2RefreshFailure(error);
	if (
		!failure?.response?.status &&
		refusedRefresh !== undefined &&
		credentialTypeOf(context) === 'frappeOAuth2Api'
	) {
		// Frappe answers a refresh it refuses with 404 (not `invalid_grant`), quoting the refresh token: keep only
		// the status.
		return new NodeApiError(
			context.getNode(),
			{
				httpCode: String(refusedRefresh),
				message: 'The Frappe OAuth2 credential needs to be reconnected',
			},
			{
				message: 'The Frappe OAuth2 credential needs to be reconnected',
				description: `Frappe refused to renew the access token (HTTP ${refusedRefresh}): it was revoked, or its refresh token is no longer valid (tokens with the "openid" scope cannot be refreshed on Frappe 15). Open the credential and connect it again.`,
				httpCode: String(refusedRefresh),
				itemIndex,
			},
		);
	}
	if ((error instanceof NodeApiError || error instanceof NodeOperationError) && !failure)
		return error;
	if (!failure?.response?.status) {
		const code =
			(error as HttpFailure)?.code ?? ((error as { cause?: HttpFailure })?.cause?.code as string);
		if (!code) {
			return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
		return new NodeApiError(
			context.getNode(),
			{ code, message: `Could not reach the Frappe site (${code})` } as JsonObject,
			{
				message: `Could not reach the Frappe site (${code})`,
				description:
					'Check the Site URL of the credential and that the site is reachable from n8n.',
				itemIndex,
			},
		);
	}
	const summary = summarizeFrappeError(
		failure.response.status,
		bodyOf(failure),
		failure.response.headers,
		errorContextOf(context, failure),
	);
	const details: JsonObject = { httpCode: summary.httpCode, message: summary.message };
	if (summary.excType) details.exc_type = summary.excType;
	if (summary.retryAfterSeconds !== undefined) details.retryAfter = summary.retryAfterSeconds;
	return new NodeApiError(context.getNode(), details, {
		message: summary.message,
		description: summary.description,
		httpCode: summary.httpCode,
		itemIndex,
	});
}

/** Runs `send`, renewing an expired session once, and turns a failure into a Frappe NodeApiError. */
export async function withFrappeErrors<T>(
	context: RequestContext,
	send: () => Promise<T>,
): Promise<T> {
	try {
		return await send();
	} catch (error) {
		if (credentialTypeOf(context) === SESSION_CREDENTIAL && isExpiredSession(error)) {
			try {
				await renewSession.call(context, error);
				return await send();
			} catch (retryError) {
				throw toFrappeError(context, retryError);
			}
		}
		throw toFrappeError(context, error);
	}
}

/**
 * The item "Continue On Fail" gives for a failed input item. n8n's engine sets the item's JSON to
 * `{ error: message }` from `error`; the description and HTTP code stay on the error object.
 */
export function errorItem(
	context: IExecuteSingleFunctions,
	error: NodeApiError | NodeOperationError,
): INodeExecutionData {
	return { json: { error: error.message }, error, pairedItem: { item: context.getItemIndex() } };
}

export type FrappeRequestFunction = (
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
) => Promise<INodeExecutionData[]>;

/** Sends the request RoutingNode built (or a variation of it), with Frappe's errors and session renewal. */
export async function sendRoutingRequest(
	context: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await withFrappeErrors(context, async () => await context.makeRoutingRequest(requestData));
}

/**
 * Makes an operation's request function (its `routing.operations.pagination`) out of `run`: whatever `run` throws,
 * a Frappe answer or a mistake in the parameters, becomes a NodeApiError/NodeOperationError for the item, or the
 * item's error output under "Continue On Fail", so every operation fails the same way.
 */
export function frappeRequestFunction(run: FrappeRequestFunction): FrappeRequestFunction {
	return async function (this: IExecutePaginationFunctions, requestData) {
		try {
			return await run.call(this, requestData);
		} catch (error) {
			const frappeError = toFrappeError(this, error);
			if (this.continueOnFail()) return [errorItem(this, frappeError)];
			throw frappeError;
		}
	};
}

/**
 * The node's `requestOperations.pagination`: RoutingNode hands every operation's request here (operations send
 * `paginate: true`), so one request path serves them all. Operations that need more (paging, a lookup first) pass
 * their own function, made with `frappeRequestFunction`.
 */
export const sendFrappeRequest = frappeRequestFunction(async function (requestData) {
	return await sendRoutingRequest(this, requestData);
});

/** A request from code (list searches, hooks, pre-send steps), with the node's credential and Frappe's errors. */
export async function frappeApiRequest<T = IDataObject>(
	this: RequestContext,
	options: Omit<IHttpRequestOptions, 'url'> & { url: string },
): Promise<T> {
	const credentialType = credentialTypeOf(this);
	const credentials = await this.getCredentials(credentialType);
	const request: IHttpRequestOptions = {
		json: true,
		...options,
		baseURL: siteUrlOf(credentials),
		headers: { Accept: 'application/json', ...(options.headers ?? {}) },
		skipSslCertificateValidation: Boolean(credentials.ignoreSSLIssues),
	};
	return await withFrappeErrors(
		this,
		async () =>
			(await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
				...request,
			})) as T,
	);
}
