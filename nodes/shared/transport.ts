// The one place that talks to Frappe. The Frappe node's declarative operations are sent by its send
// driver (nodes/Frappe/send.ts) through `sendWithRenewal`; pickers, hooks, polls and lookups call
// `frappeApiRequest`. Both renew an expired session once, repeat what Frappe refused for now
// (retry.ts), bound each request by a timeout and turn any failure into Frappe's own words
// (frappeError.ts).
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { frappeError, type FrappeError, type KnownContext } from './frappeError';
import { credentialTypeOf, type NodeContext } from './parameters';
import { DEFAULT_MAX_TRIES, isTimeout, retryDelaySeconds, type RetryPolicy } from './retry';
import { isExpiredSession, renewSession, SESSION_CREDENTIAL, sidSentWith } from './session';
import { siteUrlOf } from './siteUrl';

export interface SendPolicy extends Partial<RetryPolicy> {
	/** The request's timeout, for the error that says it ran out. */
	timeoutSeconds?: number;
}

/** Said after Frappe's message when more than one try was made. */
function withTries(error: FrappeError, tries: number): FrappeError {
	if (tries > 1) {
		error.message = `${error.message} (gave up after ${tries} tries)`;
		if ('context' in error && error.context) error.context.tries = tries;
	}
	return error;
}

function timeoutError(
	context: NodeContext,
	error: unknown,
	known: KnownContext | undefined,
	seconds: number | undefined,
): FrappeError {
	const made = frappeError(context, error, known);
	const within = seconds === undefined ? '' : ` within ${seconds} seconds`;
	const doing = known?.doing ? `${known.doing}: ` : '';
	made.message = `${doing}Frappe did not answer${within} (timeout)`;
	made.description =
		'The site may be busy or the request too large. Raise "Timeout (Seconds)" under Sending, or ask for less per request (a smaller page size or batch).';
	return made;
}

/**
 * Runs `send`, and once more after renewing the session when Frappe says it expired; repeats it
 * after a 429 or 503 (and, when safe to repeat, a 502, 504 or connection reset), waiting with n8n's
 * `sleep` as retry.ts says, at most `maxTries` times in all. A failure is a Frappe error told what
 * the caller knows and how many tries were made.
 */
export async function sendWithRenewal<T>(
	context: NodeContext,
	send: () => Promise<T>,
	known?: KnownContext,
	policy: SendPolicy = {},
): Promise<T> {
	const retry: RetryPolicy = {
		maxTries: Math.max(1, Math.floor(policy.maxTries ?? DEFAULT_MAX_TRIES)),
		safeToRepeat: policy.safeToRepeat ?? false,
	};
	let renewed = false;
	for (let tries = 1; ; tries++) {
		try {
			return await send();
		} catch (error) {
			if (!renewed && credentialTypeOf(context) === SESSION_CREDENTIAL && isExpiredSession(error)) {
				// A renewed session is not a try.
				renewed = true;
				await renewSession(context, sidSentWith(error));
				tries--;
				continue;
			}
			if (isTimeout(error)) {
				throw withTries(timeoutError(context, error, known, policy.timeoutSeconds), tries);
			}
			const wait = retryDelaySeconds(error, tries, retry);
			if (wait === undefined) throw withTries(frappeError(context, error, known), tries);
			await sleep(wait * 1000);
		}
	}
}

/**
 * Requests from code (pickers, meta, hooks) wait this long, as Frappe's API guide asks of ordinary
 * calls.
 */
export const CODE_REQUEST_TIMEOUT_SECONDS = 30;

/**
 * A request from code, with the node's credential; a failure is a Frappe error told what the caller
 * knows.
 */
export async function frappeApiRequest<T = IDataObject>(
	this: NodeContext,
	options: Omit<IHttpRequestOptions, 'url'> & { url: string },
	known?: KnownContext,
): Promise<T> {
	const credentialType = credentialTypeOf(this);
	const credentials = await this.getCredentials(credentialType);
	const request: IHttpRequestOptions = {
		json: true,
		...options,
		baseURL: siteUrlOf(credentials),
		headers: { Accept: 'application/json', ...(options.headers ?? {}) },
		skipSslCertificateValidation: Boolean(credentials.ignoreSSLIssues),
		timeout: options.timeout ?? CODE_REQUEST_TIMEOUT_SECONDS * 1000,
	};
	return await sendWithRenewal(
		this,
		async () =>
			(await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
				...request,
			})) as T,
		known,
		{
			safeToRepeat: (request.method ?? 'GET').toUpperCase() === 'GET',
			timeoutSeconds: (request.timeout ?? 0) / 1000,
		},
	);
}
