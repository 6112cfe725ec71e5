// The trigger's part of issues 11 and 15, through n8n-core's HookContext and WebhookContext against the test server:
// manual mode's secret lives in a credential (never in the workflow or an execution) and its items name the doctype
// and event; a user who may not create Webhooks is told what automatic mode needs; a delivery Frappe sends again
// (it retries when n8n answers too slowly) starts one run, and the same bytes after the window start another.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';
import { request } from 'undici';

import { FrappeTrigger } from '../../../nodes/FrappeTrigger/FrappeTrigger.node';
import { AUTOMATIC_MODE_NEEDS } from '../../../nodes/FrappeTrigger/registration';
import { startFrappeServer } from '../../frappe-server';
import type { Doc } from '../../frappe-server/types';
import { attachWebhooks } from '../../frappe-server/webhooks';
import type { TriggerUnderTest } from '../../harness';
import { bodyOf, deliveryRecordings, waitFor } from '../../helpers';
import { api, automaticTrigger, manualTrigger, post, triggerHarness, type Site } from './support';

const SECRET = 'manual-secret-9f2c';

function signedHeaders(secret: string, body: Buffer): Record<string, string> {
	return {
		'X-Frappe-Webhook-Signature': createHmac('sha256', secret).update(body).digest('base64'),
	};
}

describe('manual mode: the Webhook Secret credential, doctype and event on every item', () => {
	const harness = triggerHarness();
	let trigger: TriggerUnderTest;

	afterEach(async () => await trigger?.close());

	test('a Form URL-Encoded style body without a doctype gets the doctype and event of the node', async () => {
		trigger = await manualTrigger(harness, {
			secret: SECRET,
			manualDoctype: 'Sales Order',
			manualEvent: 'on_submit',
		});
		expect(await trigger.hook('checkExists')).toBe(true);
		const body = Buffer.from('{"name": "SO-0001", "status": "To Deliver"}');
		const response = await post(trigger.webhookUrl, body, signedHeaders(SECRET, body));
		expect(response.status).toBe(200);
		expect(trigger.executions.map((run) => run[0].map((item) => item.json))).toEqual([
			[{ name: 'SO-0001', status: 'To Deliver', event: 'on_submit', doctype: 'Sales Order' }],
		]);
	});

	test('the secret is nowhere in the node parameters or the run’s data', async () => {
		const recording = deliveryRecordings.find((candidate) => candidate.secret !== null)!;
		trigger = await manualTrigger(harness, { secret: recording.secret!, manualDoctype: 'ToDo' });
		const body = bodyOf(recording);
		expect(
			(await post(trigger.webhookUrl, body, signedHeaders(recording.secret!, body))).status,
		).toBe(200);
		expect(JSON.stringify(trigger.node.parameters)).not.toContain(recording.secret!);
		expect(JSON.stringify(trigger.executions)).not.toContain(recording.secret!);
		expect(JSON.stringify(trigger.staticData)).not.toContain(recording.secret!);
	});

	test('a delivery signed with another secret is refused', async () => {
		trigger = await manualTrigger(harness, { secret: SECRET });
		const body = Buffer.from('{"name": "x"}');
		const response = await post(trigger.webhookUrl, body, signedHeaders('another', body));
		expect(response.status).toBe(401);
		expect(trigger.executions).toHaveLength(0);
	});

	test('the credential test (testedBy) says whether a secret is set', async () => {
		const test = new FrappeTrigger().methods.credentialTest.frappeWebhookSecretTest;
		const run = async (webhookSecret: string): Promise<INodeCredentialTestResult> =>
			await test.call({} as ICredentialTestFunctions, {
				id: '1',
				name: 'secret',
				type: 'frappeWebhookSecretApi',
				data: { webhookSecret },
			});
		expect(await run('  ')).toEqual({
			status: 'Error',
			message:
				'Paste the Webhook Secret of the Webhook in Frappe (tick Enable Security there to get one)',
		});
		expect((await run(SECRET)).status).toBe('OK');
	});

	test('repeated deliveries start runs by default in manual mode', async () => {
		trigger = await manualTrigger(harness, { secret: SECRET });
		const body = Buffer.from('{"name": "x"}');
		await post(trigger.webhookUrl, body, signedHeaders(SECRET, body));
		await post(trigger.webhookUrl, body, signedHeaders(SECRET, body));
		expect(trigger.executions).toHaveLength(2);
	});
});

describe('automatic mode with a user who may not create Webhooks', () => {
	let site: Site;
	let trigger: TriggerUnderTest;

	beforeAll(async () => {
		const server = await startFrappeServer({ seed: 'contract' });
		const webhooks = attachWebhooks(server, { retryDelaysMs: [5, 5, 5] });
		site = {
			server,
			webhooks,
			harness: triggerHarness(),
			close: async () => {
				await webhooks.close();
				await server.close();
			},
		};
	});

	afterAll(async () => {
		await trigger?.close();
		await site.close();
	});

	test('activation fails with Frappe’s words and says what automatic mode needs', async () => {
		trigger = await automaticTrigger(site, {}, site.server.users.clerk);
		expect(await trigger.hook('checkExists')).toBe(false);
		const failure = trigger.hook('create');
		await expect(failure).rejects.toMatchObject({
			httpCode: '403',
			message: expect.stringContaining(
				'does not have doctype access via role permission for document Webhook',
			),
			description: expect.stringContaining(AUTOMATIC_MODE_NEEDS),
		});
		await expect(failure).rejects.toMatchObject({
			description: expect.stringContaining('"create" permission on Webhook'),
		});
		expect(site.server.store.rowsOf('Webhook')).toHaveLength(0);
	});
});

describe('Ignore Repeated Deliveries (automatic mode, on by default)', () => {
	let site: Site;
	let trigger: TriggerUnderTest;
	let proxy: Server | undefined;

	beforeEach(async () => {
		const server = await startFrappeServer({ seed: 'contract' });
		// a receiver slower than the Webhook's timeout: Frappe's requests raises ReadTimeout and sends again at once
		const webhooks = attachWebhooks(server, { retryDelaysMs: [5, 5, 5], timeoutMs: 300 });
		site = {
			server,
			webhooks,
			harness: triggerHarness(),
			close: async () => {
				await webhooks.close();
				await server.close();
			},
		};
	});

	afterEach(async () => {
		jest.useRealTimers();
		proxy?.closeAllConnections();
		await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
		proxy = undefined;
		await trigger?.hook('delete').catch(() => undefined);
		await trigger?.close();
		await site.close();
	});

	/**
	 * Puts a slow network between Frappe and n8n: each request reaches n8n at once, but the first answer comes back
	 * only after Frappe stopped waiting for it. Returns the proxy's URL.
	 */
	async function slowFirstAnswer(target: string): Promise<string> {
		let requests = 0;
		proxy = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', async () => {
				const first = requests++ === 0;
				const headers: Record<string, string> = {};
				for (const [key, value] of Object.entries(req.headers)) {
					if (!['host', 'content-length', 'connection'].includes(key)) headers[key] = String(value);
				}
				const answer = await request(target, {
					method: 'POST',
					headers,
					body: Buffer.concat(chunks),
				});
				const text = await answer.body.text();
				if (first) await new Promise((resolve) => setTimeout(resolve, 600));
				if (!res.destroyed) res.writeHead(answer.statusCode).end(text);
			});
		});
		await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`;
	}

	test('the same delivery twice → one run; the copy is answered 200', async () => {
		trigger = await automaticTrigger(site);
		await trigger.activate();
		const [webhook] = (trigger.staticData['node:Frappe Trigger'] as { webhookNames: string[] })
			.webhookNames;
		const proxied = await slowFirstAnswer(trigger.webhookUrl);
		expect(
			(await api(site.server, 'PUT', `/api/resource/Webhook/${webhook}`, { request_url: proxied }))
				.status,
		).toBe(200);

		const created = await api(site.server, 'POST', '/api/resource/ToDo', {
			description: 'delivered twice',
		});
		const name = (created.body.data as Doc).name;
		await waitFor(() => !site.webhooks.busy && trigger.deliveries.length === 2, { tries: 500 });

		const attempts = site.webhooks.attempts.filter((attempt) => attempt.webhook === webhook);
		expect(attempts.map((attempt) => [attempt.attempt, attempt.status ?? attempt.error])).toEqual([
			[1, expect.stringContaining('requests.exceptions.ReadTimeout')],
			[2, 200],
		]);
		expect(attempts[0].body.equals(attempts[1].body)).toBe(true);
		expect(trigger.deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0][0][0].json).toMatchObject({ name, event: 'after_insert' });
		expect(JSON.parse(trigger.deliveries[1].responseBody)).toEqual({
			message: expect.stringMatching(/^Already received at .+; ignored as a repeated delivery$/),
		});
	});

	test('within the window the same bytes start nothing; after it they start a second run', async () => {
		trigger = await automaticTrigger(site, { repeatWindowMinutes: 30 });
		await trigger.activate();
		await api(site.server, 'POST', '/api/resource/ToDo', { description: 'replayed later' });
		await waitFor(() => !site.webhooks.busy && trigger.executions.length === 1);
		const first = trigger.deliveries[0];
		const replay = () =>
			post(trigger.webhookUrl, first.body, {
				'X-Frappe-Webhook-Signature': String(first.headers['x-frappe-webhook-signature']),
			});
		const onlyDate = {
			doNotFake: [
				'hrtime',
				'nextTick',
				'performance',
				'queueMicrotask',
				'setImmediate',
				'clearImmediate',
				'setInterval',
				'clearInterval',
				'setTimeout',
				'clearTimeout',
			],
		};

		jest.useFakeTimers({ ...onlyDate, now: Date.now() + 29 * 60_000 } as Parameters<
			typeof jest.useFakeTimers
		>[0]);
		expect((await replay()).status).toBe(200);
		expect(trigger.executions).toHaveLength(1);

		jest.useFakeTimers({ ...onlyDate, now: Date.now() + 2 * 60_000 } as Parameters<
			typeof jest.useFakeTimers
		>[0]);
		expect((await replay()).status).toBe(200);
		expect(trigger.executions).toHaveLength(2);
		expect(trigger.executions[1]).toEqual(trigger.executions[0]);
	});

	test('turned off, every copy runs', async () => {
		trigger = await automaticTrigger(site, { ignoreRepeatedDeliveries: false });
		await trigger.activate();
		await api(site.server, 'POST', '/api/resource/ToDo', { description: 'no memory' });
		await waitFor(() => !site.webhooks.busy && trigger.executions.length === 1);
		const first = trigger.deliveries[0];
		await post(trigger.webhookUrl, first.body, {
			'X-Frappe-Webhook-Signature': String(first.headers['x-frappe-webhook-signature']),
		});
		expect(trigger.executions).toHaveLength(2);
		expect(trigger.staticData['node:Frappe Trigger']).not.toHaveProperty('recentDeliveries');
	});
});
