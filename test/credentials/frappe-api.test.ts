// The Frappe API credential (key + secret): its `test` as n8n's CredentialsTester runs it, for every way it can fail,
// and its `authenticate` on real node requests (token and Basic styles, Host header, path prefix).
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { Frappe } from '../../nodes/Frappe/Frappe.node';
import { basicHeader, startFrappeServer, tokenHeader, type FrappeServer } from '../frappe-server';
import { N8nHarness } from '../harness';
import {
	closedPortUrl,
	credentialTypes,
	expectNoSecrets,
	startFixedSite,
	startPrefixProxy,
	startSelfSignedFront,
	type RunningServer,
} from './helpers';

const FRAPPE = 'n8n-nodes-frappe.frappe';

let server: FrappeServer;
let proxy: RunningServer;
let harness: N8nHarness;

const admin = () => server.users.administrator;
const good = (overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject => ({
	siteUrl: server.url,
	apiKey: admin().apiKey,
	apiSecret: admin().apiSecret,
	...overrides,
});

beforeAll(async () => {
	server = await startFrappeServer();
	proxy = await startPrefixProxy(server.url, '/erp');
	harness = new N8nHarness({ nodeTypes: { [FRAPPE]: new Frappe() }, credentialTypes });
});

afterAll(async () => {
	await proxy.close();
	await server.close();
});

describe('credential test', () => {
	test('passes with the key and secret, token style (the default)', async () => {
		const before = server.requests.length;
		await expect(harness.testCredential('frappeApi', good())).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		const sent = server.requests.slice(before);
		expect(sent.map((r) => r.path)).toEqual(['/api/method/frappe.auth.get_logged_user']);
		expect(sent[0].headers.authorization).toBe(tokenHeader(admin()));
	});

	test('passes with the Basic style', async () => {
		const before = server.requests.length;
		await expect(
			harness.testCredential('frappeApi', good({ headerStyle: 'basic' })),
		).resolves.toMatchObject({ status: 'OK' });
		expect(server.requests.slice(before)[0].headers.authorization).toBe(basicHeader(admin()));
	});

	test('passes with a trailing slash and surrounding spaces in the Site URL and the key', async () => {
		const result = await harness.testCredential(
			'frappeApi',
			good({ siteUrl: ` ${server.url}/ `, apiKey: ` ${admin().apiKey} ` }),
		);
		expect(result).toMatchObject({ status: 'OK' });
	});

	test('passes behind a path prefix', async () => {
		const before = server.requests.length;
		await expect(
			harness.testCredential('frappeApi', good({ siteUrl: proxy.url })),
		).resolves.toMatchObject({ status: 'OK' });
		expect(server.requests.slice(before).map((r) => r.path)).toEqual([
			'/api/method/frappe.auth.get_logged_user',
		]);
	});

	test('sends the Host header override and no Host override when it is empty', async () => {
		let before = server.requests.length;
		await expect(
			harness.testCredential('frappeApi', good({ hostHeader: 'erp.example.com' })),
		).resolves.toMatchObject({ status: 'OK' });
		expect(server.requests.slice(before)[0].headers.host).toBe('erp.example.com');
		before = server.requests.length;
		await expect(
			harness.testCredential('frappeApi', good({ hostHeader: '' })),
		).resolves.toMatchObject({ status: 'OK' });
		expect(server.requests.slice(before)[0].headers.host).toBe(new URL(server.url).host);
	});

	test('wrong secret → 401 message', async () => {
		const result = await harness.testCredential(
			'frappeApi',
			good({ apiSecret: 'wrong-secret-123' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/rejected the API key or secret \(401\)/);
	});

	test('unknown key → 401 message', async () => {
		const result = await harness.testCredential('frappeApi', good({ apiKey: 'nosuchkey12345' }));
		expect(result.message).toMatch(/rejected the API key or secret \(401\)/);
	});

	test('a key and secret that Frappe ignores (three-word header) → Guest 403 message', async () => {
		// "token key secret:x" has three words: Frappe ignores the header and runs the request as Guest (auth/20)
		const result = await harness.testCredential(
			'frappeApi',
			good({ apiKey: `${admin().apiKey} pasted-twice` }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/answered as Guest \(403\)/);
	});

	test('a proxy that drops the Authorization header → Guest 403 message', async () => {
		const stripping = await startPrefixProxy(server.url, '/erp', ['authorization']);
		try {
			const result = await harness.testCredential('frappeApi', good({ siteUrl: stripping.url }));
			expect(result.message).toMatch(
				/answered as Guest \(403\): the Authorization header did not reach Frappe/,
			);
		} finally {
			await stripping.close();
		}
	});

	test('wrong path prefix → not a Frappe site', async () => {
		const noPrefix = proxy.url.replace(/\/erp$/, '/wrong');
		const result = await harness.testCredential('frappeApi', good({ siteUrl: noPrefix }));
		expect(result.message).toMatch(
			/Not a Frappe site or wrong URL \(404\): check the Site URL and any path prefix/,
		);
	});

	test('missing path prefix → not a Frappe site', async () => {
		const result = await harness.testCredential(
			'frappeApi',
			good({ siteUrl: proxy.url.replace(/\/erp$/, '') }),
		);
		expect(result.message).toMatch(/Not a Frappe site or wrong URL \(404\)/);
	});

	test('a web page that answers 200 HTML → not a Frappe site', async () => {
		const site = await startFixedSite(
			200,
			'text/html',
			'<!doctype html><html><body>Welcome to nginx!</body></html>',
		);
		try {
			const result = await harness.testCredential('frappeApi', good({ siteUrl: site.url }));
			expect(result.message).toMatch(
				/Not a Frappe site or wrong URL \(the answer is not Frappe JSON\)/,
			);
		} finally {
			await site.close();
		}
	});

	test('a JSON API that is not Frappe (no "message") → not a Frappe site', async () => {
		const site = await startFixedSite(200, 'application/json', '{"status":"ok"}');
		try {
			const result = await harness.testCredential('frappeApi', good({ siteUrl: site.url }));
			expect(result.message).toMatch(/Not a Frappe site or wrong URL/);
		} finally {
			await site.close();
		}
	});

	test('a proxy that answers {"message": "Guest"} → not logged in', async () => {
		const site = await startFixedSite(200, 'application/json', '{"message":"Guest"}');
		try {
			const result = await harness.testCredential('frappeApi', good({ siteUrl: site.url }));
			expect(result.message).toMatch(/answered as Guest: the API key and secret were not applied/);
		} finally {
			await site.close();
		}
	});

	test('unreachable host → the error code', async () => {
		const result = await harness.testCredential(
			'frappeApi',
			good({ siteUrl: await closedPortUrl() }),
		);
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	test('a Site URL without http(s) → https:// is used (an http-only site then fails the TLS handshake)', async () => {
		const result = await harness.testCredential(
			'frappeApi',
			good({ siteUrl: new URL(server.url).host }),
		);
		expect(result).toEqual({ status: 'Error', message: 'EPROTO' });
		const front = await startSelfSignedFront(server.url);
		if (!front) return; // no openssl on this machine
		try {
			const relaxed = await harness.testCredential(
				'frappeApi',
				good({ siteUrl: `${new URL(front.url).host}/app/todo`, ignoreSSLIssues: true }),
			);
			expect(relaxed).toEqual({ status: 'OK', message: 'Connection successful!' });
		} finally {
			await front.close();
		}
	});

	test.each([
		['a desk page', (url: string) => `${url}/app/sales-voucher/SV-0001?fullscreen=1#details`],
		['/app', (url: string) => `${url}/app`],
		['/desk', (url: string) => `${url}/desk#Form/ToDo/1`],
		['/login', (url: string) => `${url}/login?redirect-to=/app`],
		['a Frappe Cloud app path', (url: string) => `${url}/helpdesk/tickets/12`],
		['trailing slashes and spaces', (url: string) => `  ${url}//  `],
	])('a Site URL pasted from the browser (%s) → the site root is tested', async (_, form) => {
		const direct = await harness.testCredential('frappeApi', good({ siteUrl: form(server.url) }));
		expect(direct).toEqual({ status: 'OK', message: 'Connection successful!' });
		const prefixed = await harness.testCredential('frappeApi', good({ siteUrl: form(proxy.url) }));
		expect(prefixed).toEqual({ status: 'OK', message: 'Connection successful!' });
	});

	test('self-signed HTTPS: fails unless Ignore SSL Issues is on', async () => {
		const front = await startSelfSignedFront(server.url);
		if (!front) return; // no openssl on this machine
		try {
			const strict = await harness.testCredential('frappeApi', good({ siteUrl: front.url }));
			expect(strict.status).toBe('Error');
			expect(strict.message).toMatch(/SELF_SIGNED|self[- ]signed/i);
			const relaxed = await harness.testCredential(
				'frappeApi',
				good({ siteUrl: front.url, ignoreSSLIssues: true }),
			);
			expect(relaxed).toMatchObject({ status: 'OK' });
		} finally {
			await front.close();
		}
	});

	test('no failure shows the secret', async () => {
		const secret = 'a-very-secret-value-42';
		const cases = [
			good({ apiSecret: secret }),
			good({ apiSecret: secret, headerStyle: 'basic' }),
			good({ apiSecret: secret, siteUrl: await closedPortUrl() }),
			good({ apiSecret: secret, siteUrl: proxy.url.replace(/\/erp$/, '/wrong') }),
			good({ apiSecret: secret, apiKey: 'two words' }),
		];
		for (const data of cases) {
			const result = await harness.testCredential('frappeApi', data);
			expect(result.status).toBe('Error');
			expectNoSecrets(result, {
				secret,
				basic: Buffer.from(`${admin().apiKey}:${secret}`).toString('base64'),
			});
		}
	});
});

describe('on node requests', () => {
	const whoAmI = {
		type: FRAPPE,
		parameters: {
			authentication: 'frappeApi',
			resource: 'method',
			operation: 'call',
			methodPath: 'frappe.auth.get_logged_user',
			httpMethod: 'GET',
		},
	};

	test('token and Basic styles, Host header and path prefix on a node run', async () => {
		for (const [data, expectHeader] of [
			[good(), tokenHeader(admin())],
			[
				good({ headerStyle: 'basic', hostHeader: 'erp.example.com', siteUrl: `${proxy.url}/` }),
				basicHeader(admin()),
			],
		] as const) {
			const credential = harness.addCredential('frappeApi', data);
			const before = server.requests.length;
			const result = await harness.runNode({ ...whoAmI, credentials: { frappeApi: credential } });
			expect(result.error).toBeUndefined();
			expect(result.items).toHaveLength(1);
			expect(Object.values(result.items[0].json)).toContain('Administrator');
			const sent = server.requests.slice(before);
			expect(sent).toHaveLength(1);
			expect(sent[0].headers.authorization).toBe(expectHeader);
			if (data.hostHeader) expect(sent[0].headers.host).toBe('erp.example.com');
		}
	});

	test('a wrong secret fails the node without showing the secret', async () => {
		const secret = 'another-secret-value-77';
		const credential = harness.addCredential('frappeApi', good({ apiSecret: secret }));
		const result = await harness.runNode({ ...whoAmI, credentials: { frappeApi: credential } });
		expect(result.status).toBe('error');
		expect(result.error).toBeDefined();
		expectNoSecrets(result.error, { secret });
		expectNoSecrets(JSON.stringify(result.run.data.resultData), { secret });
	});
});
