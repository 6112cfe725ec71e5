import type {
	Icon,
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IN8nHttpFullResponse,
	INodeProperties,
} from 'n8n-workflow';

import { CREDENTIAL_REFUSALS } from '../nodes/shared/authMessages';
import { decodeServerMessages, parseJson, stripHtml } from '../nodes/shared/errors';
import { logInOnce } from '../nodes/shared/session';
import { siteUrlOf } from '../nodes/shared/siteUrl';
import { ignoreSslIssuesProperty, loggedUserTest, siteUrlProperty } from './shared';

/**
 * Username + password login, for sites or users without API keys.
 *
 * `preAuthentication` logs in with `POST /api/method/login` and keeps Frappe's `sid` cookie in the
 * hidden, expirable `sid` field; every request then sends `Cookie: sid=…`. n8n runs the login
 * again when `sid` is empty. Frappe answers an expired session as Guest (403 with `session_expired:
 * 1`), not with a 401, so renewing on expiry is done by the Frappe node, which calls the login
 * again with `sid` blanked.
 */
export class FrappeSessionApi implements ICredentialType {
	name = 'frappeSessionApi';

	displayName = 'Frappe Session API';

	icon: Icon = { light: 'file:frappe.svg', dark: 'file:frappe.dark.svg' };

	documentationUrl = 'https://docs.frappe.io/framework-git/rest-api/authentication';

	properties: INodeProperties[] = [
		siteUrlProperty,
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. jane@example.com',
			description: 'The user ID or email address used to log in to Frappe',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Users with two-factor authentication or an expired password cannot log in here; use the Frappe API credential (API key and secret) for them',
		},
		ignoreSslIssuesProperty,
		{
			displayName: 'Session ID',
			name: 'sid',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return { ...(await logInOnce(credentials, async () => await frappeLogin(this, credentials))) };
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Cookie: '=sid={{$credentials.sid}}',
			},
		},
	};

	test: ICredentialTestRequest = loggedUserTest(CREDENTIAL_REFUSALS.frappeSessionApi);
}

/**
 * An error that carries no request, response or credential data, only what the user needs to read.
 */
class FrappeLoginError extends Error {
	constructor(
		message: string,
		readonly description?: string,
		readonly code?: string,
	) {
		super(message);
		this.name = 'FrappeLoginError';
	}
}

async function frappeLogin(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ sid: string }> {
	const siteUrl = siteUrlOf(credentials);
	const username = String(credentials.username ?? '').trim();
	const password = String(credentials.password ?? '');
	if (!/^https?:\/\/[^/\s]/i.test(siteUrl)) {
		throw new FrappeLoginError(
			'The Site URL of the Frappe Session credential must start with http:// or https://',
		);
	}
	if (username === '' || password === '') {
		throw new FrappeLoginError(
			'Enter both the username and the password of the Frappe Session credential',
		);
	}
	const secrets = [password];
	let response: IN8nHttpFullResponse;
	try {
		response = (await helper.helpers.httpRequest({
			method: 'POST',
			url: `${siteUrl}/api/method/login`,
			body: { usr: username, pwd: password },
			json: true,
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			skipSslCertificateValidation: credentials.ignoreSSLIssues === true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		// Rethrow without the request (its body holds the password): keep only the message and the
		// network code.
		const code =
			typeof (error as { code?: unknown }).code === 'string'
				? (error as { code: string }).code
				: undefined;
		const reason = redact(String((error as Error).message ?? error), secrets);
		throw new FrappeLoginError(
			`Could not reach the Frappe site to log in${code ? ` (${code})` : ''}`,
			`${reason}. Check the Site URL.`,
			code,
		);
	}

	const status = response.statusCode;
	const body = parseBody(response.body);
	const frappeMessage = redact(readFrappeMessage(body), secrets);

	if (body.verification !== undefined || body.tmp_id !== undefined) {
		throw new FrappeLoginError(
			'This Frappe user has two-factor authentication, which a session login cannot complete',
			'Use the Frappe API credential (API key and secret) for this user, or exempt the user from two-factor authentication.',
		);
	}
	if (status === 200 && body.message === 'Password Reset') {
		throw new FrappeLoginError(
			'Frappe requires a new password for this user before it allows a login',
			'Log in to the Frappe desk in a browser, set a new password, then enter it in this credential.',
		);
	}
	if (
		status === 429 ||
		/too many/i.test(frappeMessage) ||
		/locked/i.test(frappeMessage) ||
		body.exc_type === 'SecurityException'
	) {
		const said = frappeMessage || `HTTP ${status}`;
		throw new FrappeLoginError(
			'Frappe refused the login because of too many failed attempts (the account or address is locked for now)',
			`${said}. Wait until the lock expires, then check the username and password before trying again.`,
		);
	}
	if (status === 401) {
		if (
			frappeMessage === '' ||
			/invalid login credentials|incorrect user|incomplete login details/i.test(frappeMessage)
		) {
			throw new FrappeLoginError(
				'Frappe rejected the login: wrong username or password',
				frappeMessage ? `Frappe said: ${frappeMessage}` : undefined,
			);
		}
		throw new FrappeLoginError(`Frappe rejected the login: ${frappeMessage}`);
	}
	if (status >= 500) {
		throw new FrappeLoginError(
			`The Frappe site failed to answer the login (HTTP ${status})`,
			frappeMessage
				? `Frappe said: ${frappeMessage}`
				: 'Try again later, or check the site and any proxy in front of it.',
		);
	}
	const notJson = typeof response.body === 'string' && Object.keys(body).length === 0;
	if (status === 404 || notJson || (status >= 200 && status < 300 && body.message === undefined)) {
		throw new FrappeLoginError(
			`Not a Frappe site or wrong URL (the login address answered ${status}${notJson ? ' with a page that is not Frappe JSON' : ''})`,
			'Check the Site URL and any path prefix.',
		);
	}
	if (status < 200 || status >= 300) {
		throw new FrappeLoginError(
			`Frappe could not log in (HTTP ${status})`,
			frappeMessage ? `Frappe said: ${frappeMessage}` : undefined,
		);
	}

	const sid = readSid(response.headers);
	if (sid === undefined) {
		throw new FrappeLoginError(
			'Frappe accepted the login but sent no session cookie (sid)',
			'A proxy in front of Frappe may be removing Set-Cookie headers.',
		);
	}
	return { sid };
}

function parseBody(body: unknown): IDataObject {
	const parsed = parseJson(body);
	return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
		? (parsed as IDataObject)
		: {};
}

/**
 * Frappe's own text for a failed login: `message`, the unpacked `_server_messages`, or the
 * exception line.
 */
function readFrappeMessage(body: IDataObject): string {
	if (typeof body.message === 'string') return stripHtml(body.message);
	const text = decodeServerMessages(body._server_messages).join(' ');
	if (text !== '') return text;
	if (typeof body.exception === 'string') {
		return stripHtml(body.exception.replace(/^[\w.]+(Error|Exception):?\s*/, ''));
	}
	return '';
}

function readSid(headers: IN8nHttpFullResponse['headers']): string | undefined {
	const raw = headers?.['set-cookie'] ?? headers?.['Set-Cookie'];
	const cookies = Array.isArray(raw) ? raw : raw === undefined ? [] : [String(raw)];
	for (const cookie of cookies) {
		const match = /^\s*sid=([^;]*)/.exec(String(cookie));
		if (match && match[1] !== '' && match[1] !== 'Guest') return decodeURIComponent(match[1]);
	}
	return undefined;
}

function redact(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length >= 3) result = result.split(secret).join('***');
	}
	return result;
}
