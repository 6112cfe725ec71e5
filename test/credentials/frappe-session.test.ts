// The Frappe Session credential (username + password): login through preAuthentication, its failures (wrong password,
// 2FA, forced password reset, lockout, not Frappe, unreachable), one login for many requests, and a session that
// expires on the server mid-workflow being renewed by the Frappe node's request driver.
import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { Frappe } from '../../nodes/Frappe/Frappe.node';
import { startFrappeServer, type FrappeServer } from '../frappe-server';
import { N8nHarness, type NodeUnderTest } from '../harness';
import {
	closedPortUrl,
	credentialTypes,
	expectNoSecrets,
	startFixedSite,
	startPrefixProxy,
	type RunningServer,
} from './helpers';

const FRAPPE = 'n8n-nodes-frappe.frappe';
const EXPIRE = 'test.expireSessions';

let server: FrappeServer;
let lockoutServer: FrappeServer;
let proxy: RunningServer;
let harness: N8nHarness;

/** A node that makes every session on the server unknown, as if they had expired, then passes its items on. */
function expireSessionsNode(): INodeType {
	return {
		description: {
			displayName: 'Expire Sessions',
			name: 'expireSessions',
			group: ['transform'],
			version: 1,
			description: 'Test helper',
			defaults: { name: 'Expire Sessions' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			server.expireSessions();
			return [this.getInputData()];
		},
	};
}

const admin = () => server.users.administrator;
const good = (overrides: Record<string, unknown> = {}) => ({
	siteUrl: server.url,
	username: admin().email,
	password: admin().password,
	...overrides,
});

/**
 * A System Manager of its own, for tests that count logins: the credential reuses a login of the same account made
 * within the last minute (nodes/shared/session.ts), so accounts shared between tests would share sessions.
 */
let accounts = 0;
function ownAccount(): { siteUrl: string; username: string; password: string } {
	const email = `session-${++accounts}@example.com`;
	server.store.insertDoc(
		'User',
		{
			name: email,
			email,
			first_name: `Session ${accounts}`,
			user_type: 'System User',
			roles: [{ role: 'System Manager' }],
		},
		{ ignorePermissions: true, keepName: true },
	);
	server.store.setPassword('User', email, 'password', `pass-${accounts}`);
	return { siteUrl: server.url, username: email, password: `pass-${accounts}` };
}

const whoAmI = (name?: string) => ({
	type: FRAPPE,
	name,
	parameters: {
		authentication: 'frappeSessionApi',
		resource: 'method',
		operation: 'call',
		methodPath: 'frappe.auth.get_logged_user',
		httpMethod: 'GET',
	},
});

beforeAll(async () => {
	server = await startFrappeServer({
		login: { twoFactorUsers: ['clerk@example.com'], passwordResetUsers: ['limited@example.com'] },
	});
	lockoutServer = await startFrappeServer({ login: { maxLoginAttempts: 3, lockoutSeconds: 60 } });
	proxy = await startPrefixProxy(server.url, '/erp');
	harness = new N8nHarness({
		nodeTypes: { [FRAPPE]: new Frappe(), [EXPIRE]: expireSessionsNode() },
		credentialTypes,
	});
});

afterAll(async () => {
	await proxy.close();
	await lockoutServer.close();
	await server.close();
});

describe('credential test', () => {
	test('logs in and passes; the test request carries the new sid cookie', async () => {
		const logins = server.counters.logins;
		const before = server.requests.length;
		await expect(harness.testCredential('frappeSessionApi', good())).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(server.counters.logins).toBe(logins + 1);
		const sent = server.requests.slice(before);
		expect(sent.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /api/method/login 200',
			'GET /api/method/frappe.auth.get_logged_user 200',
		]);
		expect(JSON.parse(sent[0].body.toString())).toEqual({
			usr: 'Administrator',
			pwd: admin().password,
		});
		const sid = server.sessions.all().at(-1)!.sid;
		expect(sent[1].headers.cookie).toBe(`sid=${sid}`);
	});

	test('passes behind a path prefix, with a trailing slash', async () => {
		await expect(
			harness.testCredential('frappeSessionApi', good({ siteUrl: `${proxy.url}/` })),
		).resolves.toMatchObject({ status: 'OK' });
	});

	test('wrong password → wrong username or password', async () => {
		const result = await harness.testCredential(
			'frappeSessionApi',
			good({ password: 'not-the-password' }),
		);
		expect(result).toEqual({
			status: 'Error',
			message: 'Frappe rejected the login: wrong username or password',
		});
	});

	test('unknown user → wrong username or password', async () => {
		const result = await harness.testCredential(
			'frappeSessionApi',
			good({ username: 'nobody@example.com' }),
		);
		expect(result.message).toBe('Frappe rejected the login: wrong username or password');
	});

	test('two-factor user → says a session login cannot do 2FA', async () => {
		const clerk = server.users.clerk;
		const result = await harness.testCredential(
			'frappeSessionApi',
			good({ username: clerk.email, password: clerk.password }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/two-factor authentication/);
	});

	test('expired password → says Frappe wants a new password', async () => {
		const limited = server.users.limited;
		const result = await harness.testCredential(
			'frappeSessionApi',
			good({ username: limited.email, password: limited.password }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/requires a new password/);
	});

	test('locked account → says too many failed attempts, and a right password does not unlock it', async () => {
		const data = {
			siteUrl: lockoutServer.url,
			username: 'Administrator',
			password: 'wrong-password-1',
		};
		for (let attempt = 0; attempt < 3; attempt++) {
			const result = await harness.testCredential('frappeSessionApi', data);
			expect(result.message).toBe('Frappe rejected the login: wrong username or password');
		}
		const locked = await harness.testCredential('frappeSessionApi', {
			...data,
			password: lockoutServer.users.administrator.password,
		});
		expect(locked.status).toBe('Error');
		expect(locked.message).toMatch(/too many failed attempts/);
	});

	test('not a Frappe site (HTML page, 404, JSON without message) → not a Frappe site', async () => {
		for (const [status, type, body] of [
			[200, 'text/html', '<html><body>It works!</body></html>'],
			[404, 'text/html', '<html><body>Not Found</body></html>'],
			[200, 'application/json', '{"ok":true}'],
		] as const) {
			const site = await startFixedSite(status, type, body);
			try {
				const result = await harness.testCredential(
					'frappeSessionApi',
					good({ siteUrl: site.url }),
				);
				expect(result.status).toBe('Error');
				expect(result.message).toMatch(/^Not a Frappe site or wrong URL/);
			} finally {
				await site.close();
			}
		}
	});

	test('a proxy that drops the Cookie header → logged in, then Guest 403 message', async () => {
		const stripping = await startPrefixProxy(server.url, '/erp', ['cookie']);
		try {
			const result = await harness.testCredential(
				'frappeSessionApi',
				good({ siteUrl: stripping.url }),
			);
			expect(result.message).toMatch(
				/accepted the login but answered the next request as Guest \(403\)/,
			);
		} finally {
			await stripping.close();
		}
	});

	test('wrong path prefix → not a Frappe site', async () => {
		const result = await harness.testCredential(
			'frappeSessionApi',
			good({ siteUrl: proxy.url.replace(/\/erp$/, '/wrong') }),
		);
		expect(result.message).toMatch(
			/^Not a Frappe site or wrong URL \(the login address answered 404/,
		);
	});

	test('unreachable host → the error code', async () => {
		const result = await harness.testCredential(
			'frappeSessionApi',
			good({ siteUrl: await closedPortUrl() }),
		);
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	test('the password and the session id never appear in a failure', async () => {
		const password = 'Sup3r-Secret-Password!';
		const sid = server.sessions.all().at(-1)?.sid;
		const cases = [
			good({ password }),
			good({ password, siteUrl: await closedPortUrl() }),
			good({ password, siteUrl: proxy.url.replace(/\/erp$/, '/wrong') }),
			good({ username: server.users.clerk.email, password }),
		];
		for (const data of cases) {
			const result = await harness.testCredential('frappeSessionApi', data);
			expect(result.status).toBe('Error');
			expectNoSecrets(result, { password, sid });
		}
	});
});

describe('on node requests', () => {
	test('one login serves every item and the next run; the sid is stored on the credential', async () => {
		const account = ownAccount();
		const credential = harness.addCredential('frappeSessionApi', account);
		const logins = server.counters.logins;
		const first = await harness.runNode(
			{ ...whoAmI(), credentials: { frappeSessionApi: credential } },
			[{}, {}, {}, {}, {}],
		);
		expect(first.error).toBeUndefined();
		expect(first.items).toHaveLength(5);
		for (const item of first.items) expect(Object.values(item.json)).toContain(account.username);
		expect(server.counters.logins).toBe(logins + 1);
		const sid = harness.credentials.get(credential.id).data.sid as string;
		expect(server.sessions.get(sid)?.user).toBe(account.username);

		const second = await harness.runNode(
			{ ...whoAmI(), credentials: { frappeSessionApi: credential } },
			[{}, {}, {}],
		);
		expect(second.error).toBeUndefined();
		expect(second.items).toHaveLength(3);
		expect(server.counters.logins).toBe(logins + 1);
		expect(harness.credentials.get(credential.id).data.sid).toBe(sid);
	});

	test('a credential that has no session yet reuses a login of the same account made a moment ago', async () => {
		// In n8n's queue mode an execution can read the credential before another one saved its new sid.
		const account = ownAccount();
		const logins = server.counters.logins;
		const first = harness.addCredential('frappeSessionApi', account);
		const second = harness.addCredential('frappeSessionApi', account);
		for (const credential of [first, second]) {
			const run = await harness.runNode({
				...whoAmI(),
				credentials: { frappeSessionApi: credential },
			});
			expect(run.error).toBeUndefined();
		}
		expect(server.counters.logins).toBe(logins + 1);
		expect(harness.credentials.get(second.id).data.sid).toBe(
			harness.credentials.get(first.id).data.sid,
		);
	});

	test('a session that expires on the server between two nodes is renewed once, transparently', async () => {
		const account = ownAccount();
		const credential = harness.addCredential('frappeSessionApi', account);
		const logins = server.counters.logins;
		const start = server.requests.length;
		const run = await harness.runChain(
			[
				{ ...whoAmI('Before'), credentials: { frappeSessionApi: credential } },
				{ type: EXPIRE, name: 'Expire', parameters: {} },
				{ ...whoAmI('After'), credentials: { frappeSessionApi: credential } },
			],
			[{}, {}, {}, {}],
		);
		expect(run.data.resultData.error).toBeUndefined();
		const after = run.data.resultData.runData.After[0].data!.main[0]!;
		expect(after).toHaveLength(4);
		for (const item of after) expect(Object.values(item.json)).toContain(account.username);
		// one login for "Before", one shared renewal for the four items of "After"
		expect(server.counters.logins).toBe(logins + 2);
		const renewed = harness.credentials.get(credential.id).data.sid as string;
		expect(server.sessions.get(renewed)?.user).toBe(account.username);
		// Before: login + 4 requests; After: 4 × 403 (session_expired), one login and its check, 4 re-sent requests
		const sent = server.requests
			.slice(start)
			.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);
		const firstExpired = sent.findIndex((line) => line.endsWith(' 403'));
		expect(sent.slice(0, firstExpired)).toEqual([
			'POST /api/method/login 200',
			...Array(4).fill('GET /api/method/frappe.auth.get_logged_user 200'),
		]);
		const afterExpiry = sent.slice(firstExpired);
		expect(afterExpiry.filter((line) => line.endsWith(' 403'))).toHaveLength(4);
		expect(afterExpiry.filter((line) => line.startsWith('POST /api/method/login'))).toEqual([
			'POST /api/method/login 200',
		]);
		expect(
			afterExpiry.filter((line) => line === 'GET /api/method/frappe.auth.get_logged_user 200'),
		).toHaveLength(5);
		expect(afterExpiry).toHaveLength(10);
	});

	test('a wrong password fails the node with the message and no secret', async () => {
		const password = 'Wr0ng-But-Secret';
		const credential = harness.addCredential('frappeSessionApi', good({ password }));
		const logins = server.requests.filter((r) => r.path === '/api/method/login').length;
		const result = await harness.runNode(
			{ ...whoAmI(), credentials: { frappeSessionApi: credential } },
			[{}, {}, {}],
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/wrong username or password/);
		expectNoSecrets(result.error, { password });
		expectNoSecrets(JSON.stringify(result.run.data.resultData), { password });
		// the three items share one login attempt: one failure towards the lockout, not three
		expect(server.requests.filter((r) => r.path === '/api/method/login').length).toBe(logins + 1);
	});
});

describe('when the renewal itself fails', () => {
	test('expired session and a password changed in Frappe: the login message, and neither sid nor password shown', async () => {
		const own = await startFrappeServer();
		try {
			const password = 'Original-Pass-987';
			own.store.setPassword('User', 'Administrator', 'password', password);
			const credential = harness.addCredential('frappeSessionApi', {
				siteUrl: own.url,
				username: 'Administrator',
				password,
			});
			const first = await harness.runNode({
				...whoAmI(),
				credentials: { frappeSessionApi: credential },
			});
			expect(first.error).toBeUndefined();
			const sid = harness.credentials.get(credential.id).data.sid as string;

			own.store.setPassword('User', 'Administrator', 'password', 'Changed-Elsewhere-123');
			own.expireSessions();
			const second = await harness.runNode(
				{ ...whoAmI(), credentials: { frappeSessionApi: credential } },
				[{}, {}],
			);
			expect(second.status).toBe('error');
			expect(second.error?.message).toMatch(/wrong username or password/);
			expectNoSecrets(second.error, { sid, password });
			expectNoSecrets(JSON.stringify(second.run.data.resultData), { sid, password });
		} finally {
			await own.close();
		}
	});
});

describe('with the Document resource', () => {
	const byName = (value: string) => ({ __rl: true, mode: 'name', value });

	for (const apiVersion of ['v1', 'v2']) {
		test(`${apiVersion}: Get Many, the session expires, then Get for each document: one renewal, no error`, async () => {
			const tag = `renew-${apiVersion}-${Date.now()}`;
			const names = [1, 2, 3].map(
				(i) => server.store.insert('ToDo', { description: `${tag} ${i}` }).name as string,
			);
			const credential = harness.addCredential('frappeSessionApi', ownAccount());
			const logins = server.counters.logins;
			const document = (name: string, parameters: Record<string, unknown>): NodeUnderTest => ({
				type: FRAPPE,
				name,
				parameters: {
					authentication: 'frappeSessionApi',
					resource: 'document',
					apiVersion,
					doctype: byName('ToDo'),
					...parameters,
				} as NodeUnderTest['parameters'],
				credentials: { frappeSessionApi: credential },
			});
			const run = await harness.runChain([
				document('List', {
					operation: 'getMany',
					returnAll: true,
					filters: { conditions: [{ field: 'description', operator: 'like', value: `${tag}%` }] },
					options: { fields: ['name', 'description'] },
				}),
				{ type: EXPIRE, name: 'Expire', parameters: {} },
				document('Read', { operation: 'get', documentName: byName('={{ $json.name }}') }),
			]);
			expect(run.data.resultData.error).toBeUndefined();
			const read = run.data.resultData.runData.Read[0].data!.main[0]!.map((item) => item.json);
			expect(read.map((doc) => doc.name).sort()).toEqual([...names].sort());
			expect(read.map((doc) => doc.description).sort()).toEqual(
				[1, 2, 3].map((i) => `${tag} ${i}`),
			);
			expect(server.counters.logins).toBe(logins + 2);
		});
	}
});
