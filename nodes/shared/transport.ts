// The one place that talks to Frappe. The Frappe node's declarative operations are sent by its send driver
// (nodes/Frappe/send.ts) through `sendWithRenewal`; pickers, hooks, polls and lookups call `frappeApiRequest`.
// Both renew an expired session once and turn any failure into Frappe's own words (frappeError.ts).
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { frappeError, type KnownContext } from './frappeError';
import { credentialTypeOf, type NodeContext } from './parameters';
import { isExpiredSession, renewSession, SESSION_CREDENTIAL, sidSentWith } from './session';
import { siteUrlOf } from './siteUrl';

/**
 * Runs `send`, and once more after renewing the session when Frappe says it expired; a failure becomes a Frappe
 * error told what the caller knows.
 */
export async function sendWithRenewal<T>(
	context: NodeContext,
	send: () => Promise<T>,
	known?: KnownContext,
): Promise<T> {
	try {
		try {
			return await send();
		} catch (error) {
			if (credentialTypeOf(context) !== SESSION_CREDENTIAL || !isExpiredSession(error)) {
				throw frappeError(context, error, known);
			}
			await renewSession(context, sidSentWith(error));
			return await send();
		}
	} catch (error) {
		throw frappeError(context, error, known);
	}
}

/** A request from code, with the node's credential; a failure is a Frappe error told what the caller knows. */
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
	};
	return await sendWithRenewal(
		this,
		async () =>
			(await this.helpers.httpRequestWithAuthentication.call(this, credentialType, {
				...request,
			})) as T,
		known,
	);
}
