// The one error constructor: any failure of a request to Frappe (or of a step before it) becomes a
// NodeApiError carrying Frappe's own message and a hint, told what the operation knows (doctype,
// document, method, file); never the request, its headers or a traceback. An error made here passes
// through unchanged.
import type { JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { summarizeFrappeError, type ErrorContext } from './errors';
import { httpFailureOf, networkCodeOf, responseBodyOf, type HttpFailure } from './httpFailure';
import {
	credentialTypeOf,
	documentNameForMessages,
	itemIndexOf,
	optionalTextParameter,
	type NodeContext,
} from './parameters';

export type FrappeError = NodeApiError | NodeOperationError;

/**
 * What the operation knows when the error is made; what it leaves out is read from the node's
 * parameters.
 */
export interface KnownContext extends ErrorContext {
	/** Said before Frappe's message, e.g. "Created ToDo X as a draft, but could not submit it". */
	doing?: string;
}

const madeFrom = new WeakMap<object, { cause: unknown; known: KnownContext }>();

/**
 * The permission a failed document request needed, from its verb (and, for a PUT, the docstatus it
 * set).
 */
function requiredRight(failure: HttpFailure | undefined): string | undefined {
	const url = String(failure?.config?.url ?? '');
	if (!/\/api\/(?:resource|v2\/document)\//.test(url)) return undefined;
	const method = String(failure?.config?.method ?? 'get').toUpperCase();
	if (method === 'GET') return 'read';
	if (method === 'DELETE') return 'delete';
	if (method === 'POST') {
		return /\/api\/(?:resource|v2\/document)\/[^/?]+\/[^?]+/.test(url) ? 'write' : 'create';
	}
	const data = failure?.config?.data;
	const docstatus = /"docstatus":\s*([12])/.exec(typeof data === 'string' ? data : '')?.[1];
	return docstatus === '1' ? 'submit' : docstatus === '2' ? 'cancel' : 'write';
}

function contextOf(context: NodeContext, failure: HttpFailure | undefined, known: KnownContext) {
	return {
		doctype: known.doctype ?? optionalTextParameter(context, 'doctype'),
		documentName: known.documentName ?? documentNameForMessages(context),
		method: known.method ?? optionalTextParameter(context, 'methodPath'),
		verb: known.verb ?? failure?.config?.method?.toUpperCase(),
		credentialType: credentialTypeOf(context),
		file: known.file,
		fileUrl: known.fileUrl,
		privateFile: known.privateFile,
		upload: known.upload,
		right: known.right ?? requiredRight(failure),
	};
}

/**
 * The HTTP status of a failed OAuth2 token refresh (errors of n8n's OAuth2 client carry `status`
 * and `body`).
 */
function refusedRefreshStatus(error: unknown): number | undefined {
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

function withDoing(message: string, known: KnownContext): string {
	return known.doing ? `${known.doing}: ${message}` : message;
}

function apiError(
	context: NodeContext,
	details: JsonObject,
	options: { message: string; description?: string; httpCode?: string },
): NodeApiError {
	return new NodeApiError(context.getNode(), details, {
		...options,
		itemIndex: itemIndexOf(context),
	});
}

function build(context: NodeContext, error: unknown, known: KnownContext): FrappeError {
	const failure = httpFailureOf(error);
	const status = failure?.response?.status;
	const refresh = refusedRefreshStatus(error);
	if (!status && refresh !== undefined && credentialTypeOf(context) === 'frappeOAuth2Api') {
		// Frappe answers a refresh it refuses with 404 (not `invalid_grant`), quoting the refresh
		// token: keep only the status.
		const message = 'The Frappe OAuth2 credential needs to be reconnected';
		return apiError(
			context,
			{ httpCode: String(refresh), message },
			{
				message: withDoing(message, known),
				description: `Frappe refused to renew the access token (HTTP ${refresh}): it was revoked, or its refresh token is no longer valid (tokens with the "openid" scope cannot be refreshed on Frappe 15). Open the credential and connect it again.`,
				httpCode: String(refresh),
			},
		);
	}
	if (!status) {
		if (error instanceof NodeApiError || error instanceof NodeOperationError) {
			if (known.doing) error.message = withDoing(error.message, known);
			return error;
		}
		const code = networkCodeOf(error);
		if (!code) {
			return new NodeOperationError(context.getNode(), error as Error, {
				itemIndex: itemIndexOf(context),
			});
		}
		const message = `Could not reach the Frappe site (${code})`;
		return apiError(
			context,
			{ code, message },
			{
				message: withDoing(message, known),
				description:
					'Check the Site URL of the credential and that the site is reachable from n8n.',
			},
		);
	}
	return fromAnswer(
		context,
		status,
		responseBodyOf(failure),
		failure?.response?.headers,
		contextOf(context, failure, known),
		known,
	);
}

function fromAnswer(
	context: NodeContext,
	status: number,
	body: unknown,
	headers: Record<string, unknown> | undefined,
	errorContext: ErrorContext,
	known: KnownContext,
): NodeApiError {
	const summary = summarizeFrappeError(status, body, headers, errorContext);
	const details: JsonObject = { httpCode: summary.httpCode, message: summary.message };
	if (summary.excType) details.exc_type = summary.excType;
	if (summary.retryAfterSeconds !== undefined) details.retryAfter = summary.retryAfterSeconds;
	return apiError(context, details, {
		message: withDoing(summary.message, known),
		description: summary.description,
		httpCode: summary.httpCode,
	});
}

/** `error` as a Frappe error for the user (see the top of this file). */
export function frappeError(
	context: NodeContext,
	error: unknown,
	known: KnownContext = {},
): FrappeError {
	const earlier = error && typeof error === 'object' ? madeFrom.get(error) : undefined;
	if (earlier && Object.keys(known).length === 0) return error as FrappeError;
	// An error made here is made again only when the caller knows more than its maker did.
	const cause = earlier ? earlier.cause : error;
	const knownNow = earlier ? { ...earlier.known, ...known } : known;
	const made = build(context, cause, knownNow);
	madeFrom.set(made, { cause, known: knownNow });
	return made;
}

/**
 * Frappe's error answer read by the caller itself (e.g. a streamed download), as a Frappe error.
 */
export function frappeAnswerError(
	context: NodeContext,
	answer: { status: number; body: unknown; headers?: Record<string, unknown> },
	known: KnownContext = {},
): FrappeError {
	const made = fromAnswer(
		context,
		answer.status,
		answer.body,
		answer.headers,
		contextOf(context, undefined, known),
		known,
	);
	madeFrom.set(made, { cause: made, known });
	return made;
}

/**
 * A mistake in the node's parameters, or a state Frappe would refuse, said before anything is sent.
 */
export function parameterError(
	context: NodeContext,
	message: string,
	description?: string,
): NodeOperationError {
	const made = new NodeOperationError(context.getNode(), message, {
		description,
		itemIndex: itemIndexOf(context),
	});
	madeFrom.set(made, { cause: made, known: {} });
	return made;
}
