// The Frappe OAuth2 credential against the test server's OAuth2 provider, connected the way n8n's OAuth2 credential
// controller does it (packages/cli/src/oauth/oauth.service.ts generateAOauth2AuthUri + oauth2-credential.controller.ts
// handleCallback, with @n8n/client-oauth2): authorize URL with a PKCE challenge, the browser's trip through Frappe's
// authorize/approve with a logged-in session, the code exchanged with the verifier, the token data stored on the
// credential. Then nodes use the bearer token, n8n refreshes it after a 401, and the failures are readable.
import { createHash, randomBytes } from 'node:crypto';
import * as qs from 'node:querystring';

import { ClientOAuth2, type ClientOAuth2Options } from '@n8n/client-oauth2';
import type { ICredentialDataDecryptedObject, IDataObject, INodeType } from 'n8n-workflow';

import { Frappe } from '../../nodes/Frappe/Frappe.node';
import { startFrappeServer, tokenHeader, type FrappeServer } from '../frappe-server';
import { installOAuth2, type OAuthProvider } from '../frappe-server/oauth2';
import { N8nHarness, type StoredCredential } from '../harness';
import { credentialTypes, expectNoSecrets, startPrefixProxy, type RunningServer } from './helpers';

const FRAPPE = 'n8n-nodes-frappe.frappe';
const WHO_AM_I = 'test.frappeWhoAmI';
const INSTANCE = 'http://127.0.0.1:5678';
const REDIRECT_URI = `${INSTANCE}/rest/oauth2-credential/callback`;

/** A minimal declarative node on the OAuth2 credential: GET frappe.auth.get_logged_user. */
const whoAmINode: INodeType = {
	description: {
		displayName: 'Frappe Who Am I',
		name: 'frappeWhoAmI',
		group: ['transform'],
		version: 1,
		description: 'Test helper',
		defaults: { name: 'Who Am I' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'frappeOAuth2Api', required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.siteUrl.replace(/\\/+$/, "")}}',
			headers: { Accept: 'application/json' },
		},
		properties: [
			{
				displayName: 'Method',
				name: 'method',
				type: 'string',
				default: 'frappe.auth.get_logged_user',
				routing: { request: { method: 'GET', url: '=/api/method/{{$value}}' } },
			},
		],
	},
};

let server: FrappeServer;
let provider: OAuthProvider;
let proxy: RunningServer;
let harness: N8nHarness;
let clientId = '';
let clientSecret = '';
let frappeCookies = '';

/** What the app's OauthService.convertCredentialToOptions builds from the credential. */
function convertCredentialToOptions(
	credential: ICredentialDataDecryptedObject,
): ClientOAuth2Options {
	const scope = credential.scope as string | undefined;
	return {
		clientId: credential.clientId as string,
		clientSecret: (credential.clientSecret as string | undefined) ?? '',
		accessTokenUri: (credential.accessTokenUrl as string | undefined) ?? '',
		authorizationUri: (credential.authUrl as string | undefined) ?? '',
		authentication: ((credential.authentication as string | undefined) ?? 'header') as
			'header' | 'body',
		redirectUri: REDIRECT_URI,
		scopes: (scope ?? 'openid').split(','),
		scopesSeparator: scope?.includes(',') ? ',' : ' ',
		ignoreSSLIssues: (credential.ignoreSSLIssues as boolean | undefined) ?? false,
	};
}

/** OauthService.generateAOauth2AuthUri: defaults applied (stored scope dropped, it is hidden), PKCE challenge. */
function authorizationUri(credential: StoredCredential): string {
	const stored = harness.credentials.get(credential.id);
	const decrypted = { ...stored.data };
	delete decrypted.scope;
	const oauthCredentials = harness.credentialsHelper.applyDefaults(decrypted, 'frappeOAuth2Api');
	const state = Buffer.from(
		JSON.stringify({ token: 'csrf-token', createdAt: Date.now(), data: credential.id }),
	).toString('base64');
	const options: ClientOAuth2Options = { ...convertCredentialToOptions(oauthCredentials), state };
	if (oauthCredentials.authQueryParameters)
		options.query = qs.parse(oauthCredentials.authQueryParameters as string);
	const toUpdate: IDataObject = { csrfSecret: 'csrf-secret' };
	if (oauthCredentials.grantType === 'pkce') {
		const verifier = randomBytes(32).toString('base64url');
		const challenge = createHash('sha256').update(verifier).digest('base64url');
		options.query = { ...options.query, code_challenge: challenge, code_challenge_method: 'S256' };
		toUpdate.codeVerifier = verifier;
	}
	stored.data = { ...stored.data, ...toUpdate } as ICredentialDataDecryptedObject;
	return new ClientOAuth2(options).code.getUri();
}

/** The user's browser: Frappe's authorize, then approve, with the desk session cookies; returns n8n's callback URL. */
async function browserAuthorizes(uri: string): Promise<string> {
	let url = uri;
	for (let hop = 0; hop < 5; hop++) {
		const response = await fetch(url, {
			headers: { Cookie: frappeCookies, Accept: 'text/html' },
			redirect: 'manual',
		});
		const location = response.headers.get('location');
		if (!location)
			throw new Error(`authorize stopped with ${response.status}: ${await response.text()}`);
		const next = new URL(location, url).toString();
		if (next.startsWith(REDIRECT_URI)) return next;
		url = next;
	}
	throw new Error('too many redirects');
}

/** OAuth2CredentialController.handleCallback: exchange the code and store oauthTokenData. */
async function handleCallback(
	credential: StoredCredential,
	callbackUrl: string,
	verifier?: string,
): Promise<void> {
	const stored = harness.credentials.get(credential.id);
	const decryptedDataOriginal = { ...stored.data };
	const oauthCredentials = harness.credentialsHelper.applyDefaults(
		decryptedDataOriginal,
		'frappeOAuth2Api',
	);
	let options: Partial<ClientOAuth2Options> = {};
	const oAuthOptions = convertCredentialToOptions(oauthCredentials);
	if (oauthCredentials.grantType === 'pkce') {
		options = { body: { code_verifier: verifier ?? decryptedDataOriginal.codeVerifier } };
	} else if (oauthCredentials.authentication === 'body') {
		options = {
			body: {
				...(oAuthOptions.body ?? {}),
				client_id: oAuthOptions.clientId,
				client_secret: oAuthOptions.clientSecret,
			},
		};
		delete oAuthOptions.clientSecret;
	}
	const oAuthObj = new ClientOAuth2(oAuthOptions);
	const queryParameters = callbackUrl.split('?').splice(1, 1).join('');
	const oauthToken = await oAuthObj.code.getToken(
		`${oAuthOptions.redirectUri}?${queryParameters}`,
		options,
	);
	const tokenData = decryptedDataOriginal.oauthTokenData;
	const oauthTokenData = {
		...(typeof tokenData === 'object' ? tokenData : {}),
		...oauthToken.data,
	};
	const updated = { ...stored.data, oauthTokenData } as ICredentialDataDecryptedObject;
	delete updated.csrfSecret;
	stored.data = updated;
}

async function connect(credential: StoredCredential): Promise<void> {
	await handleCallback(credential, await browserAuthorizes(authorizationUri(credential)));
}

function addOAuth2Credential(overrides: ICredentialDataDecryptedObject = {}): StoredCredential {
	return harness.addCredential('frappeOAuth2Api', { siteUrl: server.url, clientId, ...overrides });
}

const tokenOf = (credential: StoredCredential) =>
	harness.credentials.get(credential.id).data.oauthTokenData as IDataObject;

function tokenRequests(grantType: string): IDataObject[] {
	return server.requests
		.filter((r) => r.path === '/api/method/frappe.integrations.oauth2.get_token')
		.map((r) => Object.fromEntries(new URLSearchParams(r.body.toString())))
		.filter((form) => form.grant_type === grantType);
}

beforeAll(async () => {
	server = await startFrappeServer();
	provider = installOAuth2(server);
	proxy = await startPrefixProxy(server.url, '/erp');
	harness = new N8nHarness({
		nodeTypes: { [FRAPPE]: new Frappe(), [WHO_AM_I]: whoAmINode },
		credentialTypes,
	});
	const admin = server.users.administrator;
	const created = await fetch(`${server.url}/api/resource/OAuth%20Client`, {
		method: 'POST',
		headers: {
			Authorization: tokenHeader(admin),
			'Content-Type': 'application/json',
			Accept: 'application/json',
		},
		body: JSON.stringify({
			app_name: 'n8n',
			redirect_uris: REDIRECT_URI,
			default_redirect_uri: REDIRECT_URI,
			grant_type: 'Authorization Code',
			response_type: 'Code',
			skip_authorization: 1,
			scopes: 'all openid',
		}),
	});
	const client = ((await created.json()) as { data: { client_id: string; client_secret: string } })
		.data;
	clientId = client.client_id;
	clientSecret = client.client_secret;
	const login = await fetch(`${server.url}/api/method/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ usr: admin.email, pwd: admin.password }),
	});
	frappeCookies = login.headers
		.getSetCookie()
		.map((cookie) => cookie.split(';')[0])
		.join('; ');
});

afterAll(async () => {
	await proxy.close();
	await server.close();
});

afterEach(() => {
	provider.expiresIn = 3600;
});

describe('connecting', () => {
	test('the credential resolves Frappe endpoints from the Site URL, PKCE by default, secret left out', () => {
		const data = harness.credentialsHelper.applyDefaults(
			{ siteUrl: ' https://erp.example.com/sub/ ', clientId: 'abc', clientSecret: 'kept-out' },
			'frappeOAuth2Api',
		);
		expect(data).toMatchObject({
			grantType: 'pkce',
			authUrl: 'https://erp.example.com/sub/api/method/frappe.integrations.oauth2.authorize',
			accessTokenUrl: 'https://erp.example.com/sub/api/method/frappe.integrations.oauth2.get_token',
			scope: 'all',
			authentication: 'body',
		});
		expect(data.clientSecret).toBeUndefined();
		const withCode = harness.credentialsHelper.applyDefaults(
			{
				siteUrl: 'https://x.test',
				clientId: 'abc',
				clientSecret: 's',
				grantType: 'authorizationCode',
				customScope: ' all openid ',
			},
			'frappeOAuth2Api',
		);
		expect(withCode).toMatchObject({ clientSecret: 's', scope: 'all openid' });
	});

	test('PKCE (S256): authorize, approve, code + verifier exchange, token stored; nodes use the bearer token', async () => {
		const credential = addOAuth2Credential();
		const uri = new URL(authorizationUri(credential));
		expect(uri.origin + uri.pathname).toBe(
			`${server.url}/api/method/frappe.integrations.oauth2.authorize`,
		);
		expect(Object.fromEntries(uri.searchParams)).toMatchObject({
			client_id: clientId,
			response_type: 'code',
			scope: 'all',
			redirect_uri: REDIRECT_URI,
			code_challenge_method: 'S256',
		});
		await handleCallback(credential, await browserAuthorizes(uri.toString()));

		const exchange = tokenRequests('authorization_code').at(-1)!;
		expect(exchange).toMatchObject({
			client_id: clientId,
			redirect_uri: REDIRECT_URI,
			code_verifier: expect.any(String),
		});
		expect(exchange.client_secret).toBeUndefined();
		const token = tokenOf(credential);
		expect(token).toMatchObject({
			token_type: 'Bearer',
			expires_in: 3600,
			scope: 'all',
			access_token: expect.any(String),
			refresh_token: expect.any(String),
		});
		expect(token.id_token).toBeUndefined();

		const declarative = await harness.runNode({
			type: WHO_AM_I,
			parameters: {},
			credentials: { frappeOAuth2Api: credential },
		});
		expect(declarative.error).toBeUndefined();
		expect(declarative.items.map((item) => item.json)).toEqual([{ message: 'Administrator' }]);
		expect(server.requests.at(-1)!.headers.authorization).toBe(
			`Bearer ${token.access_token as string}`,
		);

		const frappeNode = await harness.runNode({
			type: FRAPPE,
			parameters: {
				authentication: 'frappeOAuth2Api',
				resource: 'method',
				operation: 'call',
				methodPath: 'frappe.auth.get_logged_user',
				httpMethod: 'GET',
			},
			credentials: { frappeOAuth2Api: credential },
		});
		expect(frappeNode.error).toBeUndefined();
		expect(Object.values(frappeNode.items[0].json)).toContain('Administrator');

		await expect(
			harness.testCredential('frappeOAuth2Api', harness.credentials.get(credential.id).data),
		).resolves.toMatchObject({ status: 'OK' });
	});

	test('authorization code grant with the client secret in the body', async () => {
		const credential = addOAuth2Credential({ grantType: 'authorizationCode', clientSecret });
		const uri = new URL(authorizationUri(credential));
		expect(uri.searchParams.get('code_challenge')).toBeNull();
		await handleCallback(credential, await browserAuthorizes(uri.toString()));
		expect(tokenRequests('authorization_code').at(-1)).toMatchObject({
			client_id: clientId,
			client_secret: clientSecret,
		});
		const result = await harness.runNode({
			type: WHO_AM_I,
			parameters: {},
			credentials: { frappeOAuth2Api: credential },
		});
		expect(result.items.map((item) => item.json)).toEqual([{ message: 'Administrator' }]);
	});

	test('works behind a path prefix', async () => {
		const credential = addOAuth2Credential({ siteUrl: `${proxy.url}/` });
		const uri = authorizationUri(credential);
		expect(uri.startsWith(`${proxy.url}/api/method/frappe.integrations.oauth2.authorize?`)).toBe(
			true,
		);
		await handleCallback(credential, await browserAuthorizes(uri));
		const result = await harness.runNode({
			type: WHO_AM_I,
			parameters: {},
			credentials: { frappeOAuth2Api: credential },
		});
		expect(result.items.map((item) => item.json)).toEqual([{ message: 'Administrator' }]);
	});

	test('a wrong code_verifier fails the exchange (invalid_grant) and stores nothing', async () => {
		const credential = addOAuth2Credential();
		const callback = await browserAuthorizes(authorizationUri(credential));
		const failure = await handleCallback(
			credential,
			callback,
			'not-the-verifier-0123456789-abcdefghijklmnop',
		).then(
			() => undefined,
			(error: Error & { body?: unknown }) => error,
		);
		expect(failure).toBeDefined();
		expect(failure!.message).toMatch(/authorization grant .* is invalid/);
		expect(failure!.body).toEqual({ error: 'invalid_grant' });
		expect(harness.credentials.get(credential.id).data.oauthTokenData).toBeUndefined();
		expectNoSecrets(`${failure!.message} ${JSON.stringify(failure!.body)}`, { clientSecret });
		// Frappe keeps the code after a failed PKCE check: the right verifier still gets the token
		await handleCallback(credential, callback);
		expect(tokenOf(credential).access_token).toEqual(expect.any(String));
	});
});

describe('using the token', () => {
	test('an expired token is refreshed on the next request (401 → refresh_token grant) and the new token is stored', async () => {
		provider.expiresIn = 1;
		const credential = addOAuth2Credential();
		await connect(credential);
		const first = tokenOf(credential);
		expect(first.expires_in).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 1100));
		provider.expiresIn = 3600;
		const refreshesBefore = tokenRequests('refresh_token').length;

		const result = await harness.runNode({
			type: WHO_AM_I,
			parameters: {},
			credentials: { frappeOAuth2Api: credential },
		});
		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json)).toEqual([{ message: 'Administrator' }]);

		const refreshes = tokenRequests('refresh_token');
		expect(refreshes).toHaveLength(refreshesBefore + 1);
		expect(refreshes.at(-1)).toEqual({
			grant_type: 'refresh_token',
			refresh_token: first.refresh_token,
			client_id: clientId,
		});
		const second = tokenOf(credential);
		expect(second.access_token).not.toBe(first.access_token);
		expect(second.refresh_token).not.toBe(first.refresh_token);
		expect(second.expires_in).toBe(3600);
		expect(server.requests.at(-1)!.headers.authorization).toBe(
			`Bearer ${second.access_token as string}`,
		);
	});

	test('with the openid scope Frappe cannot refresh (404 "User None not found"), which is why the default leaves it out', async () => {
		provider.expiresIn = 1;
		const credential = addOAuth2Credential({ customScope: 'all openid' });
		await connect(credential);
		const token = tokenOf(credential);
		expect(token.id_token).toEqual(expect.any(String));
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const result = await harness.runNode({
			type: WHO_AM_I,
			parameters: {},
			credentials: { frappeOAuth2Api: credential },
		});
		expect(result.status).toBe('error');
		const last = server.requests.filter((r) => r.path.endsWith('.get_token')).at(-1)!;
		expect(last.status).toBe(404);
		expectNoSecrets(result.error, {
			access: token.access_token as string,
			refresh: token.refresh_token as string,
		});
	});

	test('a revoked token fails the node (the refresh is refused too) without showing any token', async () => {
		const credential = addOAuth2Credential();
		await connect(credential);
		const token = tokenOf(credential);
		const revoke = await fetch(`${server.url}/api/method/frappe.integrations.oauth2.revoke_token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ token: token.access_token as string }),
		});
		expect(revoke.status).toBe(200);

		const result = await harness.runNode({
			type: WHO_AM_I,
			parameters: {},
			credentials: { frappeOAuth2Api: credential },
		});
		expect(result.status).toBe('error');
		expect(result.error).toBeDefined();
		const secrets = {
			access: token.access_token as string,
			refresh: token.refresh_token as string,
			clientSecret,
		};
		expectNoSecrets(result.error, secrets);
		expectNoSecrets(JSON.stringify(result.run.data.resultData), secrets);

		const viaFrappeNode = await harness.runNode({
			type: FRAPPE,
			parameters: {
				authentication: 'frappeOAuth2Api',
				resource: 'method',
				operation: 'call',
				methodPath: 'frappe.auth.get_logged_user',
				httpMethod: 'GET',
			},
			credentials: { frappeOAuth2Api: credential },
		});
		expect(viaFrappeNode.status).toBe('error');
		expect(viaFrappeNode.error?.message).toBe(
			'The Frappe OAuth2 credential needs to be reconnected',
		);
		expectNoSecrets(viaFrappeNode.error, secrets);
		expectNoSecrets(JSON.stringify(viaFrappeNode.run.data.resultData), secrets);

		const tested = await harness.testCredential(
			'frappeOAuth2Api',
			harness.credentials.get(credential.id).data,
		);
		expect(tested.status).toBe('Error');
		expectNoSecrets(tested, secrets);
	});
});
