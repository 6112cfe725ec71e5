// Automatic mode end to end: n8n-core's HookContext runs checkExists/create/delete against the test server, the
// server's webhooks deliver real signed requests to the trigger's URL, and n8n-core's WebhookContext runs webhook().
import { buildWebhookTemplate } from '../../../nodes/FrappeTrigger/payload';
import type { Doc } from '../../frappe-server/types';
import type { TriggerUnderTest } from '../../harness';
import { waitFor } from '../../helpers';
import { api, automaticTrigger, startSite, type Site } from './support';

describe('Frappe Trigger, automatic mode, through HookContext and WebhookContext', () => {
	let site: Site;
	let trigger: TriggerUnderTest;

	beforeEach(async () => {
		site = await startSite();
	});

	afterEach(async () => {
		await trigger?.close();
		await site.close();
	});

	const webhooksOf = (names: unknown) =>
		(names as string[]).map((name) => site.server.store.get('Webhook', name));

	test('create makes one Webhook per event, signed with a fresh secret kept in static data', async () => {
		trigger = await automaticTrigger(site, {
			events: ['after_insert', 'on_update', 'on_trash'],
			condition: 'doc.priority != "Low"',
		});
		expect(await trigger.hook('checkExists')).toBe(false);
		expect(await trigger.hook('create')).toBe(true);

		const data = trigger.staticData['node:Frappe Trigger'] as Record<string, unknown>;
		expect(data).toEqual({
			webhookNames: [expect.any(String), expect.any(String), expect.any(String)],
			webhookSecret: expect.stringMatching(/^[0-9a-f]{64}$/),
			webhookUrl: trigger.webhookUrl,
			doctype: 'ToDo',
			events: ['after_insert', 'on_update', 'on_trash'],
		});
		const names = data.webhookNames as string[];
		expect(names).toEqual([
			expect.stringMatching(/^n8n-wf-test-node-0-[0-9a-f]{8}-after_insert$/),
			expect.stringMatching(/^n8n-wf-test-node-0-[0-9a-f]{8}-on_update$/),
			expect.stringMatching(/^n8n-wf-test-node-0-[0-9a-f]{8}-on_trash$/),
		]);
		const events = ['after_insert', 'on_update', 'on_trash'] as const;
		webhooksOf(names).forEach((webhook, index) => {
			expect(webhook).toMatchObject({
				name: names[index],
				webhook_doctype: 'ToDo',
				webhook_docevent: events[index],
				enabled: 1,
				condition: 'doc.priority != "Low"',
				request_url: trigger.webhookUrl,
				request_method: 'POST',
				request_structure: 'JSON',
				enable_security: 1,
				webhook_json: buildWebhookTemplate({ event: events[index], webhookName: names[index] }),
				webhook_headers: [
					expect.objectContaining({ key: 'Content-Type', value: 'application/json' }),
				],
				webhook_data: [],
			});
			expect(site.server.store.getPassword('Webhook', names[index], 'webhook_secret')).toBe(
				data.webhookSecret,
			);
		});
		// every Webhook was created by POST /api/resource/Webhook with the name in the body, with the API key
		const posts = site.server.requests.filter(
			(r) => r.method === 'POST' && r.path === '/api/resource/Webhook',
		);
		expect(posts).toHaveLength(3);
		expect(
			posts.every(
				(r) =>
					r.headers.authorization ===
					`token ${site.server.users.administrator.apiKey}:${site.server.users.administrator.apiSecret}`,
			),
		).toBe(true);
		expect(posts.map((r) => (JSON.parse(r.body.toString()) as Doc).name)).toEqual(names);
		expect(await trigger.hook('checkExists')).toBe(true);
	});

	test('a document event in Frappe sends a signed delivery and the trigger emits the document', async () => {
		trigger = await automaticTrigger(site, { events: ['after_insert', 'on_update'] });
		await trigger.activate();
		const created = await api(site.server, 'POST', '/api/resource/ToDo', {
			description: 'from Frappe',
			priority: 'High',
		});
		expect(created.status).toBe(200);
		const name = (created.body.data as Doc).name as string;
		await waitFor(() => trigger.executions.length === 2 && !site.webhooks.busy);

		expect(trigger.deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
		expect(trigger.deliveries[0].responseBody).toBe('{"message":"Workflow was started"}');
		expect(trigger.deliveries[0].headers['x-frappe-webhook-signature']).toMatch(
			/^[A-Za-z0-9+/]{43}=$/,
		);
		const items = trigger.executions.map((execution) => execution[0][0].json);
		const stored = site.server.store.get('ToDo', name)!;
		const names = trigger.staticData['node:Frappe Trigger'] as { webhookNames: string[] };
		expect(items[0]).toEqual({
			...stored,
			event: 'after_insert',
			doctype: 'ToDo',
			webhook: names.webhookNames[0],
		});
		expect(items[1]).toEqual({
			...stored,
			event: 'on_update',
			doctype: 'ToDo',
			webhook: names.webhookNames[1],
		});
		expect(items[0]).toMatchObject({
			name,
			description: 'from Frappe',
			priority: 'High',
			status: 'Open',
			docstatus: 0,
			allocated_to: null,
		});

		// a later save fires on_update only
		await api(site.server, 'PUT', `/api/resource/ToDo/${name}`, { status: 'Closed' });
		await waitFor(() => trigger.executions.length === 3 && !site.webhooks.busy);
		expect(trigger.executions[2][0][0].json).toMatchObject({
			name,
			status: 'Closed',
			event: 'on_update',
		});
	});

	test('selected fields and a condition: Frappe sends only those fields, only when the condition holds', async () => {
		trigger = await automaticTrigger(site, {
			payload: 'fields',
			fields: 'status, priority',
			condition: 'doc.priority == "High"',
		});
		await trigger.activate();
		await api(site.server, 'POST', '/api/resource/ToDo', { description: 'low', priority: 'Low' });
		const high = await api(site.server, 'POST', '/api/resource/ToDo', {
			description: 'high',
			priority: 'High',
		});
		await waitFor(() => trigger.executions.length >= 1 && !site.webhooks.busy);
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(trigger.executions).toHaveLength(1);
		expect(trigger.executions[0][0][0].json).toEqual({
			name: (high.body.data as Doc).name,
			status: 'Open',
			priority: 'High',
			event: 'after_insert',
			doctype: 'ToDo',
			webhook: (trigger.staticData['node:Frappe Trigger'] as { webhookNames: string[] })
				.webhookNames[0],
		});
	});

	test('a submittable doctype: submitted and cancelled, with child rows and floats', async () => {
		trigger = await automaticTrigger(site, {
			doctype: { __rl: true, mode: 'list', value: 'Sales Voucher' },
			events: ['on_submit', 'on_cancel'],
		});
		await trigger.activate();
		const created = await api(site.server, 'POST', '/api/resource/Sales%20Voucher', {
			customer: 'Zoë "Z" Ltd',
			grand_total: 250.5,
			items: [{ item: 'Widget', qty: 2, rate: 125.25 }],
		});
		const name = (created.body.data as Doc).name as string;
		await api(site.server, 'PUT', `/api/resource/Sales%20Voucher/${name}`, { docstatus: 1 });
		await api(site.server, 'PUT', `/api/resource/Sales%20Voucher/${name}`, { docstatus: 2 });
		await waitFor(() => trigger.executions.length === 2 && !site.webhooks.busy);
		const [submitted, cancelled] = trigger.executions.map((execution) => execution[0][0].json);
		expect(submitted).toMatchObject({
			name,
			event: 'on_submit',
			doctype: 'Sales Voucher',
			docstatus: 1,
			customer: 'Zoë "Z" Ltd',
			grand_total: 250.5,
		});
		expect(submitted.items).toEqual([
			expect.objectContaining({
				item: 'Widget',
				qty: 2,
				rate: 125.25,
				parent: name,
				doctype: 'Sales Voucher Item',
			}),
		]);
		expect(cancelled).toMatchObject({ name, event: 'on_cancel', docstatus: 2 });
		expect(trigger.deliveries[0].body.toString()).toContain('"grand_total": 250.5');
		expect(trigger.deliveries[0].body.toString()).toContain('"qty": 2.0');
	});

	test('checkExists turns false when someone deletes one of the Webhooks in Frappe; activation re-creates it', async () => {
		trigger = await automaticTrigger(site, { events: ['after_insert', 'on_update'] });
		await trigger.activate();
		const [first, second] = (
			trigger.staticData['node:Frappe Trigger'] as { webhookNames: string[] }
		).webhookNames;
		expect((await api(site.server, 'DELETE', `/api/resource/Webhook/${second}`)).status).toBe(202);
		expect(await trigger.hook('checkExists')).toBe(false);
		await trigger.activate();
		expect(await trigger.hook('checkExists')).toBe(true);
		expect(site.server.store.get('Webhook', first)).toBeDefined();
		expect(site.server.store.get('Webhook', second)).toMatchObject({
			enabled: 1,
			request_url: trigger.webhookUrl,
		});
		// the secret is new and every Webhook has it (the leftover one was updated, not duplicated)
		const secret = (trigger.staticData['node:Frappe Trigger'] as { webhookSecret: string })
			.webhookSecret;
		expect(site.server.store.getPassword('Webhook', first, 'webhook_secret')).toBe(secret);
		expect(site.server.store.getPassword('Webhook', second, 'webhook_secret')).toBe(secret);
		await api(site.server, 'POST', '/api/resource/ToDo', { description: 'after re-creation' });
		await waitFor(() => trigger.executions.length === 2 && !site.webhooks.busy);
		expect(trigger.deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
	});

	test('checkExists turns false when a Webhook is disabled, repointed or given another event in Frappe', async () => {
		trigger = await automaticTrigger(site);
		await trigger.activate();
		const [name] = (trigger.staticData['node:Frappe Trigger'] as { webhookNames: string[] })
			.webhookNames;
		for (const change of [
			{ enabled: 0 },
			{ request_url: 'http://127.0.0.1:1/elsewhere' },
			{ webhook_docevent: 'on_update' },
		]) {
			expect((await api(site.server, 'PUT', `/api/resource/Webhook/${name}`, change)).status).toBe(
				200,
			);
			expect(await trigger.hook('checkExists')).toBe(false);
			await trigger.activate();
			expect(await trigger.hook('checkExists')).toBe(true);
			expect(site.server.store.get('Webhook', name)).toMatchObject({
				enabled: 1,
				request_url: trigger.webhookUrl,
				webhook_docevent: 'after_insert',
			});
		}
	});

	test('checkExists is false with no static data, or when the settings ask for other events', async () => {
		trigger = await automaticTrigger(site, { events: ['after_insert'] });
		expect(await trigger.hook('checkExists')).toBe(false);
		await trigger.activate();
		trigger.node.parameters.events = ['after_insert', 'on_trash'];
		expect(await trigger.hook('checkExists')).toBe(false);
	});

	test('delete disables, then deletes every Webhook, clears static data, and nothing is queued afterwards', async () => {
		trigger = await automaticTrigger(site, { events: ['after_insert', 'on_update'] });
		await trigger.activate();
		const names = (trigger.staticData['node:Frappe Trigger'] as { webhookNames: string[] })
			.webhookNames;
		await api(site.server, 'POST', '/api/resource/ToDo', { description: 'loads the cache' });
		await waitFor(() => trigger.executions.length === 2 && !site.webhooks.busy);
		const before = site.server.requests.length;

		expect(await trigger.hook('delete')).toBe(true);
		const calls = site.server.requests
			.slice(before)
			.map((r) => `${r.method} ${decodeURIComponent(r.path)} ${r.body.toString()}`);
		expect(calls).toEqual([
			`PUT /api/resource/Webhook/${names[0]} {"enabled":0}`,
			`DELETE /api/resource/Webhook/${names[0]} `,
			`PUT /api/resource/Webhook/${names[1]} {"enabled":0}`,
			`DELETE /api/resource/Webhook/${names[1]} `,
		]);
		expect(names.map((name) => site.server.store.get('Webhook', name))).toEqual([
			undefined,
			undefined,
		]);
		expect(trigger.staticData['node:Frappe Trigger']).toEqual({});

		const jobs = site.webhooks.jobs.length;
		await api(site.server, 'POST', '/api/resource/ToDo', { description: 'after deactivation' });
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(site.webhooks.jobs).toHaveLength(jobs);
		expect(trigger.executions).toHaveLength(2);
	});

	test('delete is quiet when the Webhooks are already gone in Frappe', async () => {
		trigger = await automaticTrigger(site, { events: ['after_insert', 'on_update'] });
		await trigger.activate();
		for (const name of (trigger.staticData['node:Frappe Trigger'] as { webhookNames: string[] })
			.webhookNames) {
			await api(site.server, 'DELETE', `/api/resource/Webhook/${name}`);
		}
		expect(await trigger.hook('delete')).toBe(true);
		expect(trigger.staticData['node:Frappe Trigger']).toEqual({});
		expect(await trigger.hook('delete')).toBe(true);
	});

	test('delete also finds the Webhooks when static data was lost (the names are deterministic)', async () => {
		trigger = await automaticTrigger(site, { events: ['on_update'] });
		await trigger.activate();
		const [name] = (trigger.staticData['node:Frappe Trigger'] as { webhookNames: string[] })
			.webhookNames;
		delete trigger.staticData['node:Frappe Trigger'];
		expect(await trigger.hook('delete')).toBe(true);
		expect(site.server.store.get('Webhook', name)).toBeUndefined();
	});

	test('unticking an event removes its Webhook on the next create', async () => {
		trigger = await automaticTrigger(site, { events: ['after_insert', 'on_update'] });
		await trigger.activate();
		const [, onUpdate] = (trigger.staticData['node:Frappe Trigger'] as { webhookNames: string[] })
			.webhookNames;
		trigger.node.parameters.events = ['after_insert'];
		await trigger.activate();
		expect(site.server.store.get('Webhook', onUpdate)).toBeUndefined();
		expect((trigger.staticData['node:Frappe Trigger'] as { events: string[] }).events).toEqual([
			'after_insert',
		]);
	});

	test("Frappe refusing a Webhook fails the activation with Frappe's message and leaves nothing behind", async () => {
		trigger = await automaticTrigger(site, { events: ['after_insert', 'on_submit'] });
		await expect(trigger.hook('create')).rejects.toThrow(
			'DocType must be Submittable for the selected Doc Event',
		);
		expect(site.server.store.list('Webhook', { filters: [['name', 'like', 'n8n-%']] })).toEqual([]);
		expect(trigger.staticData['node:Frappe Trigger']).toEqual({});

		trigger.node.parameters.events = ['after_insert'];
		trigger.node.parameters.condition = 'doc.priority ==';
		// (Frappe's text is "invalid syntax (<unknown>, line 1)"; the Frappe node's error unpacking drops "<unknown>" as HTML)
		await expect(trigger.hook('create')).rejects.toThrow(/Invalid Condition: invalid syntax/);
	});

	test("a user without permission on Webhook gets Frappe's permission error", async () => {
		trigger = await automaticTrigger(site, {}, site.server.users.clerk);
		await expect(trigger.hook('create')).rejects.toThrow(/permission|not permitted/i);
	});

	test('missing settings are refused before anything reaches Frappe', async () => {
		trigger = await automaticTrigger(site, { events: [] });
		await expect(trigger.hook('create')).rejects.toThrow('Choose at least one event');
		trigger.node.parameters.events = ['after_insert'];
		trigger.node.parameters.payload = 'fields';
		trigger.node.parameters.fields = 'status, {{ 7*7 }}';
		await expect(trigger.hook('create')).rejects.toThrow('Not a Frappe fieldname: {{, 7*7, }}');
		expect(site.server.requests.filter((r) => r.path.startsWith('/api/resource/Webhook'))).toEqual(
			[],
		);
	});
});
