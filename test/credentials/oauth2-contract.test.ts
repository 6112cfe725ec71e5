// Contract: every recording in test/fixtures/frappe-15.44.2/oauth2/, replayed in order against the test server with
// the OAuth2 provider installed. The recordings depend on each other (the client of 01 is used by all, the code of 07
// by 08, the tokens of 18/19 by 20–30), so they run as one sequence; the two steps the recorder did outside HTTP
// recordings (a second authorization code with scope "all", forcing a token's expiry) are done here the same way.
import { createHash } from 'node:crypto';

import { startFrappeServer, type FrappeServer } from '../frappe-server';
import { installOAuth2, type OAuthProvider } from '../frappe-server/oauth2';
import { loadRecording, recordingFiles, replay, type ReplayOptions } from './replay';

const RECORDED_ORIGIN = 'http://127.0.0.1:8000';
const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';
const VERIFIER = 'n8n-frappe-recorder-pkce-verifier-0123456789-abcdefghijklmnopqrstuvwxyz';

/** Differences between the recorded site and the test server that are about the site, not the provider. */
const SITE_DIFFERENCES: Record<string, string[]> = {
	// Frappe's OAuth Client controller adds a default "Desk User" row to allowed_roles; the test server's document
	// store does not (yet): that is the store's OAuth Client controller, not this provider
	'01-create-client.json': ['response.body.data.allowed_roles'],
	// the recorded site had ERPNext's 27 roles; the test server's Administrator has its own role catalogue
	'14-openid-profile.json': ['response.body.roles'],
};

let server: FrappeServer;
let provider: OAuthProvider;
const vars: Record<string, string> = {};
let loginCookies = '';

async function loginCookieHeader(): Promise<string> {
	const admin = server.users.administrator;
	const response = await fetch(`${server.url}/api/method/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
		body: JSON.stringify({ usr: admin.email, pwd: admin.password }),
	});
	const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
	vars['<sid>'] = cookies.find((cookie) => cookie.startsWith('sid='))!.slice(4);
	return cookies.join('; ');
}

/** authorize + approve with the login cookies, as the recorder did for its second code (scope "all"). */
async function authorizationCode(scope: string): Promise<string> {
	const query = new URLSearchParams({
		client_id: vars['<client_id>'],
		response_type: 'code',
		scope,
		redirect_uri: REDIRECT_URI,
		state: 'xyz',
		code_challenge: createHash('sha256').update(VERIFIER).digest('base64url'),
		code_challenge_method: 'S256',
	});
	const authorize = await fetch(`${server.url}/api/method/frappe.integrations.oauth2.authorize?${query}`, {
		headers: { Cookie: loginCookies, Accept: 'text/html' },
		redirect: 'manual',
	});
	const approve = await fetch(`${server.url}${authorize.headers.get('location')}`, {
		headers: { Cookie: loginCookies, Accept: 'text/html' },
		redirect: 'manual',
	});
	return new URL(approve.headers.get('location')!).searchParams.get('code')!;
}

const BEFORE: Record<string, () => Promise<void> | void> = {
	'17-token-wrong-verifier.json': async () => {
		vars['<authorization_code_2>'] = await authorizationCode('all');
	},
	// the recorder set the token's expiration_time to 2020 with PUT /api/resource/OAuth Bearer Token/<token>
	'26-bearer-expired.json': () => provider.expireToken(vars['<access_token_3>']),
};

beforeAll(async () => {
	server = await startFrappeServer();
	provider = installOAuth2(server);
	const admin = server.users.administrator;
	vars['<api_key>'] = admin.apiKey;
	vars['<api_secret>'] = admin.apiSecret;
	vars['<password>'] = admin.password;
	loginCookies = await loginCookieHeader();
});

afterAll(async () => {
	await server.close();
});

describe('OAuth2 provider replays the Frappe 15.44.2 recordings', () => {
	for (const file of recordingFiles('oauth2')) {
		test(file, async () => {
			await BEFORE[file]?.();
			const recording = loadRecording('oauth2', file);
			const options: ReplayOptions = { recordedOrigin: RECORDED_ORIGIN, ignore: SITE_DIFFERENCES[file] };
			const result = await replay(recording, server.url, vars, options);
			expect(result.differences).toEqual([]);
			if (SITE_DIFFERENCES[file]?.includes('response.body.roles')) {
				expect((result.body as { roles: string[] }).roles).toEqual(
					expect.arrayContaining(['Administrator', 'System Manager', 'All', 'Guest']),
				);
			}
		});
	}
});

describe('what the recordings imply', () => {
	test('a code survives a wrong verifier but not a missing one', async () => {
		const code = await authorizationCode('all');
		const exchange = async (verifier?: string) =>
			await fetch(`${server.url}/api/method/frappe.integrations.oauth2.get_token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
				body: new URLSearchParams({
					grant_type: 'authorization_code',
					code,
					redirect_uri: REDIRECT_URI,
					client_id: vars['<client_id>'],
					...(verifier === undefined ? {} : { code_verifier: verifier }),
				}),
			});
		expect((await exchange(`${VERIFIER}-wrong`)).status).toBe(400);
		expect((await exchange(undefined)).status).toBe(400);
		// validate_code deletes a PKCE code that arrives without a verifier
		const last = await exchange(VERIFIER);
		expect(last.status).toBe(400);
		expect(await last.json()).toEqual({ error: 'invalid_grant' });
	});

	test('plain PKCE and a token request that only sends Basic client authentication', async () => {
		const query = new URLSearchParams({
			client_id: vars['<client_id>'],
			response_type: 'code',
			scope: 'all',
			redirect_uri: REDIRECT_URI,
			state: 's',
			code_challenge: 'plain-challenge-value',
			code_challenge_method: 'plain',
		});
		const authorize = await fetch(`${server.url}/api/method/frappe.integrations.oauth2.authorize?${query}`, {
			headers: { Cookie: loginCookies },
			redirect: 'manual',
		});
		const approve = await fetch(`${server.url}${authorize.headers.get('location')}`, { headers: { Cookie: loginCookies }, redirect: 'manual' });
		const code = new URL(approve.headers.get('location')!).searchParams.get('code')!;
		// client_id only in a Basic header (what n8n sends for PKCE when a client secret is set): validate_auth
		// reads it as API key:secret before get_token runs → 401, so the credential keeps the secret out of PKCE
		const basicOnly = await fetch(`${server.url}/api/method/frappe.integrations.oauth2.get_token`, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
				Authorization: `Basic ${Buffer.from(`${vars['<client_id>']}:secret`).toString('base64')}`,
			},
			body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: 'plain-challenge-value' }),
		});
		expect(basicOnly.status).toBe(401);
		const ok = await fetch(`${server.url}/api/method/frappe.integrations.oauth2.get_token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: vars['<client_id>'], code_verifier: 'plain-challenge-value' }),
		});
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual(expect.objectContaining({ token_type: 'Bearer', expires_in: 3600, scope: 'all' }));
	});

	test('approve needs a session; the consent page appears without skip_authorization', async () => {
		const guest = await fetch(`${server.url}/api/method/frappe.integrations.oauth2.approve?client_id=${vars['<client_id>']}`, {
			headers: { Accept: 'application/json' },
			redirect: 'manual',
		});
		expect(guest.status).toBe(403);
		server.store.update('OAuth Client', vars['<client_id>'], { skip_authorization: 0 }, { ignorePermissions: true });
		try {
			const query = new URLSearchParams({ client_id: vars['<client_id>'], response_type: 'code', scope: 'all', redirect_uri: REDIRECT_URI, state: 's' });
			const page = await fetch(`${server.url}/api/method/frappe.integrations.oauth2.authorize?${query}`, { headers: { Cookie: loginCookies }, redirect: 'manual' });
			expect(page.status).toBe(200);
			const html = await page.text();
			expect(html).toContain('/api/method/frappe.integrations.oauth2.approve?');
			expect(html).toContain('error=access_denied');
		} finally {
			server.store.update('OAuth Client', vars['<client_id>'], { skip_authorization: 1 }, { ignorePermissions: true });
		}
	});

	test('expires_in follows the configured lifetime', async () => {
		provider.expiresIn = 5;
		try {
			const code = await authorizationCode('all');
			const response = await fetch(`${server.url}/api/method/frappe.integrations.oauth2.get_token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: vars['<client_id>'], code_verifier: VERIFIER }),
			});
			expect(((await response.json()) as { expires_in: number }).expires_in).toBe(5);
		} finally {
			provider.expiresIn = 3600;
		}
	});
});
