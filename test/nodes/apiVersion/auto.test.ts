// API Version "Auto" (the default from node version 1.1): one probe (GET /api/v2/method/ping) per site and credential
// picks v2 on a Frappe 15-like site and v1 on a Frappe 14-like one (no /api/v2: 404), kept for later runs; nodes of
// version 1 keep v1 without a probe; "Include Request Info" shows the decision in the first output item only; a
// Site URL pasted from the browser reaches the site's root.
import type { IDataObject } from 'n8n-workflow';

import { startPrefixProxy, type RunningServer } from '../../credentials/helpers';
import { byName, DocumentTestbed, fieldRows } from '../document/support';

const PROBE = 'GET /api/v2/method/ping';

function getManyToDos(testbed: DocumentTestbed, parameters: IDataObject = {}, typeVersion = 1.1) {
	const node = testbed.node({
		operation: 'getMany',
		doctype: byName('ToDo'),
		returnAll: false,
		limit: 3,
		...parameters,
	});
	return { ...node, typeVersion };
}

async function run(testbed: DocumentTestbed, node: ReturnType<typeof getManyToDos>, input = [{}]) {
	const mark = testbed.server.requests.length;
	const result = await testbed.harness.runNode(node, input);
	return { result, requests: testbed.requestsSince(mark) };
}

describe('API Version Auto on a Frappe 15-like site', () => {
	let testbed: DocumentTestbed;

	beforeAll(async () => {
		testbed = await DocumentTestbed.start({ version: 15 });
	});
	afterAll(async () => await testbed.close());

	test('probes once, then uses v2 without asking again', async () => {
		const first = await run(testbed, getManyToDos(testbed));
		expect(first.result.status).toBe('success');
		expect(first.requests[0]).toBe(PROBE);
		expect(first.requests.slice(1).every((r) => r.startsWith('GET /api/v2/document/ToDo'))).toBe(
			true,
		);
		expect(first.result.items).toHaveLength(3);

		const second = await run(testbed, getManyToDos(testbed), [{}, {}]);
		expect(second.result.status).toBe('success');
		expect(second.requests).not.toContain(PROBE);
		expect(second.requests.every((r) => r.startsWith('GET /api/v2/document/ToDo'))).toBe(true);
	});

	test('another credential on the same site is asked for itself', async () => {
		const clerk = getManyToDos(testbed);
		clerk.credentials = { frappeApi: testbed.clerk };
		const { requests } = await run(testbed, clerk);
		expect(requests[0]).toBe(PROBE);
	});

	test('Include Request Info: the first output item only says what was used and why', async () => {
		const { result } = await run(testbed, getManyToDos(testbed, { includeRequestInfo: true }), [
			{},
			{},
		]);
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(6);
		expect(result.items[0].json.requestInfo).toEqual({
			siteUrl: testbed.server.url,
			apiVersion: 'v2',
			apiVersionSetting: 'auto',
			apiVersionReason: 'the site answers /api/v2/method/ping (Frappe 15 or later)',
		});
		expect(result.items.slice(1).some((item) => 'requestInfo' in item.json)).toBe(false);
		const plain = await run(testbed, getManyToDos(testbed));
		expect(plain.result.items.some((item) => 'requestInfo' in item.json)).toBe(false);
	});

	test('v1 and v2 stay selectable, without a probe', async () => {
		for (const apiVersion of ['v1', 'v2']) {
			const other = getManyToDos(testbed, { apiVersion, includeRequestInfo: true });
			other.credentials = { frappeApi: testbed.limited };
			const { result, requests } = await run(testbed, other);
			expect(requests).not.toContain(PROBE);
			expect(requests[0]).toMatch(
				apiVersion === 'v1' ? /^GET \/api\/resource\/ToDo/ : /^GET \/api\/v2\/document\/ToDo/,
			);
			if (result.items[0]) {
				expect(result.items[0].json.requestInfo).toEqual({
					siteUrl: testbed.server.url,
					apiVersion,
					apiVersionSetting: apiVersion,
				});
			}
		}
	});

	test('a node of version 1 keeps the old default, v1, and sends no probe', async () => {
		const old = getManyToDos(testbed, {}, 1);
		old.credentials = { frappeApi: testbed.tokenCredential(testbed.server.users.clerk, 'Clerk 2') };
		const { result, requests } = await run(testbed, old);
		expect(result.status).toBe('success');
		expect(requests.every((r) => r.startsWith('GET /api/resource/ToDo'))).toBe(true);
	});

	test('a wrong secret: the failed probe is kept 15 s only, and the error is the request’s own', async () => {
		const wrong = getManyToDos(testbed);
		wrong.credentials = {
			frappeApi: testbed.tokenCredential(
				{ apiKey: testbed.server.users.administrator.apiKey, apiSecret: 'wrong-secret' },
				'Wrong secret',
			),
		};
		const first = await run(testbed, wrong);
		expect(first.result.status).toBe('error');
		// n8n sends a request refused with 401 once more itself, the probe too: it is asked in one place only
		const firstToDo = first.requests.findIndex((r) => r.startsWith('GET /api/resource/ToDo'));
		expect(first.requests[0]).toBe(PROBE);
		expect(first.requests.slice(0, firstToDo).every((r) => r === PROBE)).toBe(true);
		expect(first.requests.slice(firstToDo)).not.toContain(PROBE);
		expect(first.result.error?.message).toMatch(/API key|secret|authenticat/i);
		expect(JSON.stringify(first.result.error)).not.toContain('wrong-secret');
		const soon = await run(testbed, wrong);
		expect(soon.requests).not.toContain(PROBE);
		const now = Date.now();
		const later = jest.spyOn(Date, 'now').mockReturnValue(now + 16_000);
		try {
			const again = await run(testbed, wrong);
			expect(again.requests[0]).toBe(PROBE);
		} finally {
			later.mockRestore();
		}
	});
});

describe('API Version Auto on a Frappe 14-like site (no /api/v2)', () => {
	let testbed: DocumentTestbed;

	beforeAll(async () => {
		testbed = await DocumentTestbed.start({ version: 14 });
	});
	afterAll(async () => await testbed.close());

	test('the probe gets 404 and v1 is used, kept for later runs', async () => {
		const first = await run(testbed, getManyToDos(testbed, { includeRequestInfo: true }));
		expect(first.result.status).toBe('success');
		expect(first.requests[0]).toBe(PROBE);
		expect(first.requests.slice(1).every((r) => r.startsWith('GET /api/resource/ToDo'))).toBe(true);
		expect(first.result.items[0].json.requestInfo).toEqual({
			siteUrl: testbed.server.url,
			apiVersion: 'v1',
			apiVersionSetting: 'auto',
			apiVersionReason: 'the site has no /api/v2/method/ping (404: Frappe 14 or older)',
		});
		const second = await run(testbed, getManyToDos(testbed));
		expect(second.requests).not.toContain(PROBE);
		expect(second.requests.every((r) => r.startsWith('GET /api/resource/ToDo'))).toBe(true);
	});

	test('Create through Auto writes with v1', async () => {
		const create = {
			...testbed.node({
				operation: 'create',
				doctype: byName('ToDo'),
				fieldValues: fieldRows({ description: 'made through Auto' }),
			}),
			typeVersion: 1.1,
		};
		const { result, requests } = await run(testbed, create);
		expect(result.status).toBe('success');
		expect(requests).toContain('POST /api/resource/ToDo');
		expect(result.items[0].json.description).toBe('made through Auto');
	});
});

describe('a Site URL pasted from the browser', () => {
	let testbed: DocumentTestbed;
	let proxy: RunningServer;

	beforeAll(async () => {
		testbed = await DocumentTestbed.start({ version: 15 });
		proxy = await startPrefixProxy(testbed.server.url, '/erp');
	});
	afterAll(async () => {
		await proxy.close();
		await testbed.close();
	});

	test.each([
		['a desk page', (url: string) => `${url}/app/todo?status=Open`],
		['a Frappe Cloud app path', (url: string) => `${url}/crm/leads`],
		['/login with a trailing slash', (url: string) => `${url}/login/`],
	])('%s: requests go to the site root, a path prefix stays', async (_, form) => {
		for (const [root, name] of [
			[testbed.server.url, 'direct'],
			[proxy.url, 'prefixed'],
		]) {
			const credential = testbed.harness.addCredential(
				'frappeApi',
				{
					siteUrl: form(root),
					apiKey: testbed.server.users.administrator.apiKey,
					apiSecret: testbed.server.users.administrator.apiSecret,
				},
				`${name} ${form(root)}`,
			);
			const node = getManyToDos(testbed, { includeRequestInfo: true });
			node.credentials = { frappeApi: credential };
			const { result } = await run(testbed, node);
			expect(result.status).toBe('success');
			expect(result.items[0].json.requestInfo).toMatchObject({ siteUrl: root, apiVersion: 'v2' });
		}
	});
});
