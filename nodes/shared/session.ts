// Renewing an expired session of the Frappe Session credential. n8n re-runs the credential's
// `preAuthentication` only after a 401, while Frappe answers a dead `sid` with 403 +
// `session_expired`: handing n8n the credential with `sid` emptied makes it log in again (and store
// the new sid) before a cheap request. Concurrent items share the one login: logins in flight are
// kept in one map (`loginInFlight`), which the credential's own login uses too; a request that
// failed with a sid already replaced just retries. Both maps live in each process and stay small:
// logins under way, and the last login per account for a minute (an execution that read the
// credential before another one saved its new sid reuses it). In n8n's queue mode each worker so
// logs in about once per expiry.
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import { httpFailureOf, responseBodyOf } from './httpFailure';
import type { NodeContext } from './parameters';
import { siteUrlOf } from './siteUrl';

export const SESSION_CREDENTIAL = 'frappeSessionApi';

export function isExpiredSession(error: unknown): boolean {
	const failure = httpFailureOf(error);
	return isExpiredSessionAnswer(failure?.response?.status, responseBodyOf(failure));
}

/** Whether Frappe's answer (status and body, parsed or as text) says the session expired. */
export function isExpiredSessionAnswer(status: number | undefined, body: unknown): boolean {
	if (status !== 403) return false;
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body);
		} catch {
			return false;
		}
	}
	return Boolean((body as IDataObject | undefined)?.session_expired);
}

export function sidSentWith(error: unknown): string | undefined {
	const headers = httpFailureOf(error)?.config?.headers ?? {};
	for (const [name, value] of Object.entries(headers)) {
		if (name.toLowerCase() !== 'cookie') continue;
		const match = /(?:^|;\s*)sid=([^;]*)/.exec(String(value));
		if (match) return match[1];
	}
	return undefined;
}

const loginsInFlight = new Map<string, Promise<unknown>>();

/** Runs `login` unless a login under the same key is under way, whose outcome is then shared. */
async function loginInFlight<T>(key: string, login: () => Promise<T>): Promise<T> {
	let pending = loginsInFlight.get(key) as Promise<T> | undefined;
	if (!pending) {
		pending = login();
		loginsInFlight.set(key, pending);
		const forget = () => loginsInFlight.delete(key);
		pending.then(forget, forget);
	}
	return await pending;
}

const RECENT_LOGIN_MS = 60_000;
const RECENT_LOGINS_KEPT = 100;
const recentLogins = new Map<string, { sid: string; at: number }>();

function accountKey(credentials: ICredentialDataDecryptedObject): string {
	const account = [credentials.siteUrl, credentials.username, credentials.password];
	return createHash('sha256')
		.update(JSON.stringify([...account, credentials.ignoreSSLIssues]))
		.digest('hex');
}

/**
 * The session credential's login: a login of the same account made in the last minute is reused,
 * one under way is shared (one session, and one failed attempt towards Frappe's lockout, for items
 * that start together).
 */
export async function logInOnce(
	credentials: ICredentialDataDecryptedObject,
	login: () => Promise<{ sid: string }>,
): Promise<{ sid: string }> {
	const key = accountKey(credentials);
	const recent = recentLogins.get(key);
	if (recent && Date.now() - recent.at < RECENT_LOGIN_MS) return { sid: recent.sid };
	return await loginInFlight(`login:${key}`, async () => {
		const result = await login();
		recentLogins.delete(key);
		recentLogins.set(key, { sid: result.sid, at: Date.now() });
		while (recentLogins.size > RECENT_LOGINS_KEPT) {
			recentLogins.delete(recentLogins.keys().next().value as string);
		}
		return result;
	});
}

/** Logs the session credential in again, unless another item already replaced `staleSid`. */
export async function renewSession(
	context: NodeContext,
	staleSid: string | undefined,
): Promise<void> {
	const reference = context.getNode().credentials?.[SESSION_CREDENTIAL];
	const key = `renewal:${reference?.id ?? reference?.name ?? context.getNode().name}`;
	await loginInFlight(key, async () => await logInAgain(context, reference, staleSid));
}

async function logInAgain(
	context: NodeContext,
	reference: { id: string | null; name: string } | undefined,
	staleSid: string | undefined,
): Promise<void> {
	const credentials = await context.getCredentials(SESSION_CREDENTIAL);
	if (staleSid !== undefined && credentials.sid && credentials.sid !== staleSid) return;
	// A recent login of this account may be as dead as the sid that failed (Frappe ends a user's
	// sessions together).
	recentLogins.delete(accountKey(credentials));
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
