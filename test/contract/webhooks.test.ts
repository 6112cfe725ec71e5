// Contract: the test server's outgoing webhooks against what Frappe 15.44.2 did (test/fixtures/frappe-15.44.2/webhooks).
//
// 1. Deliveries: for every recorded delivery, the server — given the same Webhook and the same document — sends the
//    same body bytes, the same X-Frappe-Webhook-Signature and the same headers in the same order (values of Host and
//    the signature aside, which depend on the port and on the body).
// 2. Exchanges: the recorded Webhook requests (create, validation errors, list, request logs, disable, delete) replay
//    in their recorded order with the same status and the same body, `volatile` paths aside. The deliveries the
//    recorded run made happen in between, so that the request logs exist.
//
// The receiving side is a plain node:http server (test/helpers/receiver.ts); deliveries are awaited by polling.
import { request } from 'undici';

import { startFrappeServer, tokenHeader, type FrappeServer } from '../frappe-server';
import type { Doc } from '../frappe-server/types';
import { attachWebhooks, type WebhookEngine } from '../frappe-server/webhooks';
import {
	bodyOf,
	deliveryRecordings,
	exchangeRecordings,
	type DeliveryRecording,
	type ExchangeRecording,
	header,
	startReceiver,
	waitFor,
	type Receiver,
} from '../helpers';

const RECORDED_RECEIVER = 'http://127.0.0.1:9998';
const FAST = { retryDelaysMs: [5, 5, 5] };

// ---- volatile paths ---------------------------------------------------------------------------------------------

type Segment = { key: string } | { any: true } | { index: number } | { json: true };

function parsePath(path: string): Segment[] {
	const segments: Segment[] = [];
	for (const match of path.matchAll(/\[\*\]|\[(\d+)\]|\|json|([^.[|]+)/g)) {
		if (match[0] === '[*]') segments.push({ any: true });
		else if (match[0] === '|json') segments.push({ json: true });
		else if (match[1] !== undefined) segments.push({ index: Number(match[1]) });
		else segments.push({ key: match[2] });
	}
	return segments;
}

/** Replaces the values at `path` by a marker (and JSON strings along the way by their parsed value). */
function maskPath(holder: Record<string, unknown>, field: string, segments: Segment[]): void {
	const value = holder[field];
	if (value === undefined) return;
	if (segments.length === 0) {
		holder[field] = '<volatile>';
		return;
	}
	const [head, ...rest] = segments;
	if ('json' in head) {
		if (typeof value !== 'string') return;
		holder[field] = JSON.parse(value) as unknown;
		maskPath(holder, field, rest);
		return;
	}
	if (value === null || typeof value !== 'object') return;
	const container = value as Record<string, unknown>;
	if ('any' in head) for (const key of Object.keys(container)) maskPath(container, key, rest);
	else if ('index' in head) maskPath(container, String(head.index), rest);
	else maskPath(container, head.key, rest);
}

/** The recordings keep each traceback of `exc` to its first 300 characters ("…[truncated N chars]"). */
function truncateExc(body: unknown): unknown {
	if (
		!body ||
		typeof body !== 'object' ||
		typeof (body as Record<string, unknown>).exc !== 'string'
	)
		return body;
	const tracebacks = JSON.parse((body as { exc: string }).exc) as string[];
	const cut = tracebacks.map((tb) => tb.replace(/…\[truncated \d+ chars\]$/, '').slice(0, 300));
	return { ...(body as object), exc: cut };
}

function masked(body: unknown, volatile: string[], prefix: string): unknown {
	const root = {
		value: structuredClone(prefix === 'response.body' ? truncateExc(body) : body),
	} as Record<string, unknown>;
	for (const path of volatile) {
		if (!path.startsWith(prefix)) continue;
		maskPath(root, 'value', parsePath(path.slice(prefix.length)));
	}
	return root.value;
}

// ---- helpers ----------------------------------------------------------------------------------------------------

function substitute<T>(value: T, receiver: Receiver): T {
	return JSON.parse(JSON.stringify(value).split(RECORDED_RECEIVER).join(receiver.url)) as T;
}

async function replay(server: FrappeServer, recording: ExchangeRecording, receiver: Receiver) {
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(recording.request.headers)) {
		headers[name] =
			value === 'token <api_key>:<api_secret>' ? tokenHeader(server.users.administrator) : value;
	}
	const body =
		recording.request.body.kind === 'json'
			? JSON.stringify(substitute(recording.request.body.value, receiver))
			: undefined;
	const response = await request(`${server.url}${recording.request.path}`, {
		method: recording.request.method as 'GET',
		headers,
		body,
	});
	const text = await response.body.text();
	return {
		status: response.statusCode,
		contentType: String(response.headers['content-type'] ?? ''),
		body: JSON.parse(text) as unknown,
	};
}

/** The document a delivery was made for, as complete as the recordings tell (the whole-document Webhook "d" has it all). */
function recordedDocument(recording: DeliveryRecording): Doc {
	const full = deliveryRecordings.find(
		(candidate) =>
			candidate.webhook.name === 'rec-d-todo-custom-header' &&
			candidate.trigger.docname === recording.trigger.docname,
	);
	if (full) return (JSON.parse(full.request.body_text) as { doc: Doc }).doc;
	const body = JSON.parse(recording.request.body_text) as Doc;
	return {
		name: recording.trigger.docname,
		description: body.description,
		priority: body.priority ?? 'Medium',
	};
}

function insertRecordedToDo(server: FrappeServer, doc: Doc): void {
	const data: Doc = { ...doc, status: 'Open' };
	delete data.doctype;
	server.store.insert('ToDo', data, { keepTimestamps: true });
}

function webhookDoc(recording: DeliveryRecording, receiver: Receiver): Doc {
	const config: Doc = {
		...recording.webhook,
		request_url: `${receiver.url}${recording.request.path}`,
	};
	if (config.webhook_secret === null) delete config.webhook_secret;
	return config;
}

function compareDelivery(
	recording: DeliveryRecording,
	received: { headers: Array<[string, string]>; body: Buffer },
) {
	expect(received.body.toString('latin1')).toBe(bodyOf(recording).toString('latin1'));
	expect(received.body.equals(bodyOf(recording))).toBe(true);
	expect(header(received, 'X-Frappe-Webhook-Signature') ?? null).toBe(recording.signature_header);
	expect(received.headers.map(([name]) => name)).toEqual(
		recording.request.headers.map(([name]) => name),
	);
	for (const [name, value] of recording.request.headers) {
		if (['host', 'x-frappe-webhook-signature'].includes(name.toLowerCase())) continue;
		expect([name, header(received, name)]).toEqual([name, value]);
	}
	expect(header(received, 'Content-Type')).toBe(
		recording.request.headers.find(([name]) => name === 'Content-Type')?.[1],
	);
}

// ---- 1. deliveries ------------------------------------------------------------------------------------------------

describe('deliveries: same Webhook, same document → the bytes and signature Frappe 15.44.2 sent', () => {
	let server: FrappeServer;
	let webhooks: WebhookEngine;
	let receiver: Receiver;

	beforeEach(async () => {
		server = await startFrappeServer({ seed: 'contract' });
		webhooks = attachWebhooks(server, FAST);
		receiver = await startReceiver();
	});

	afterEach(async () => {
		await webhooks.close();
		await receiver.close();
		await server.close();
	});

	const viaStore = deliveryRecordings.filter((recording) => recording.trigger.doctype === 'ToDo');

	test('every delivery recording is covered', () => {
		expect(deliveryRecordings).toHaveLength(12);
		expect(viaStore).toHaveLength(11);
	});

	test.each(viaStore.map((recording) => [recording.file, recording] as const))(
		'%s: a ToDo event through the store, the Webhook as created',
		async (_file, recording) => {
			server.store.insert('Webhook', webhookDoc(recording, receiver));
			const doc = recordedDocument(recording);
			insertRecordedToDo(server, doc);
			if (recording.trigger.action.startsWith('update')) {
				await waitFor(() => receiver.requests.length === 1 && !webhooks.busy);
				server.store.update('ToDo', String(doc.name), { status: 'Closed' });
			}
			const expected = recording.trigger.action.startsWith('update') ? 2 : 1;
			await waitFor(() => receiver.requests.length >= expected && !webhooks.busy);
			expect(receiver.requests).toHaveLength(expected);
			const received = receiver.requests[expected - 1];
			expect(received.method).toBe('POST');
			expect(received.path).toBe(recording.request.path);
			compareDelivery(recording, received);
		},
	);

	test('61-delivery-f-sv-submit-ascii.json: the submitted Sales Voucher (child rows as recorded)', async () => {
		const recording = deliveryRecordings.find((candidate) => candidate.file.startsWith('61-'))!;
		server.store.insert('Webhook', webhookDoc(recording, receiver));
		const body = JSON.parse(recording.request.body_text) as Doc & { items: Doc[] };
		// the document as Frappe's as_dict had it when on_submit ran (child names cannot be chosen through an insert)
		const doc: Doc = {
			name: body.name,
			owner: 'Administrator',
			creation: body.items[0].creation,
			modified: body.items[0].modified,
			modified_by: 'Administrator',
			docstatus: 1,
			idx: 0,
			customer: body.customer,
			posting_date: body.posting_date,
			status: 'Draft',
			owner_user: null,
			grand_total: body.grand_total,
			amended_from: null,
			doctype: 'Sales Voucher',
			items: body.items,
		};
		webhooks.onEvent({
			doctype: 'Sales Voucher',
			name: String(body.name),
			event: 'on_submit',
			doc,
		});
		await waitFor(() => receiver.requests.length >= 1 && !webhooks.busy);
		compareDelivery(recording, receiver.requests[0]);
	});

	test('a Sales Voucher submitted over HTTP fires on_submit once, with floats as floats', async () => {
		const recording = deliveryRecordings.find((candidate) => candidate.file.startsWith('61-'))!;
		server.store.insert('Webhook', webhookDoc(recording, receiver));
		const auth = {
			authorization: tokenHeader(server.users.administrator),
			'content-type': 'application/json',
		};
		const created = await request(`${server.url}/api/resource/Sales%20Voucher`, {
			method: 'POST',
			headers: auth,
			body: JSON.stringify({
				customer: 'rec-x webhook customer',
				posting_date: '2024-03-15',
				grand_total: 400,
				items: [
					{ item: 'Widget', qty: 2, rate: 100 },
					{ item: 'Gadget', qty: 1, rate: 200 },
				],
			}),
		});
		const name = ((await created.body.json()) as { data: Doc }).data.name as string;
		expect(created.statusCode).toBe(200);
		const submitted = await request(`${server.url}/api/resource/Sales%20Voucher/${name}`, {
			method: 'PUT',
			headers: auth,
			body: '{"docstatus": 1}',
		});
		expect(submitted.statusCode).toBe(200);
		await submitted.body.text();
		await waitFor(() => receiver.requests.length >= 1 && !webhooks.busy);
		expect(receiver.requests).toHaveLength(1);
		const text = receiver.requests[0].body.toString('utf8');
		expect(text).toMatch(
			/^\{"event": "on_submit", "name": "[0-9a-v]{10}", "doctype": "Sales Voucher", "customer": "rec-x webhook customer", "docstatus": 1, "posting_date": "2024-03-15", "grand_total": 400\.0, "items": \[\{"creation": /,
		);
		expect(text).toContain('"qty": 2.0, "rate": 100.0}');
		const parsed = JSON.parse(text) as Doc;
		const recorded = JSON.parse(recording.request.body_text) as Doc;
		expect(
			masked(
				parsed,
				recording.volatile.map((path) => path.replace('request.body_text|json.', '')),
				'',
			),
		).toEqual(
			masked(
				recorded,
				recording.volatile.map((path) => path.replace('request.body_text|json.', '')),
				'',
			),
		);
	});
});

// ---- 2. exchanges ---------------------------------------------------------------------------------------------------

describe('exchanges: the recorded Webhook requests replay with the same status and body', () => {
	let server: FrappeServer;
	let webhooks: WebhookEngine;
	let receiver: Receiver;
	const results = new Map<string, { status: number; contentType: string; body: unknown }>();

	beforeAll(async () => {
		server = await startFrappeServer({ seed: 'contract' });
		webhooks = attachWebhooks(server, FAST);
		receiver = await startReceiver();
		// the two Webhooks the recorded server already had (webhooks/01, 02 disable them)
		for (const file of ['01-', '02-']) {
			const recorded = (
				exchangeRecordings.find((recording) => recording.file.startsWith(file))!.response.body as {
					data: Doc;
				}
			).data;
			const pre: Doc = { ...recorded, enabled: 1, webhook_secret: '***'.replace(/\*/g, 'x') };
			for (const key of ['meets_condition', 'preview_request_body', 'doctype']) delete pre[key];
			pre.webhook_headers = ((recorded.webhook_headers as Doc[]) ?? []).map((row) => ({
				key: row.key,
				value: row.value,
			}));
			pre.webhook_data = ((recorded.webhook_data as Doc[]) ?? []).map((row) => ({
				fieldname: row.fieldname,
				key: row.key,
			}));
			server.store.insert('Webhook', pre, { keepTimestamps: true });
		}
		const byFile = (prefix: string) =>
			exchangeRecordings.find((recording) => recording.file.startsWith(prefix))!;
		for (const prefix of [
			'01-',
			'02-',
			'03-',
			'04-',
			'05-',
			'06-',
			'07-',
			'08-',
			'09-',
			'10-',
			'11-',
			'12-',
			'13-',
			'14-',
			'15-',
		]) {
			results.set(prefix, await replay(server, byFile(prefix), receiver));
		}
		// what the recorded run did between creating the Webhooks and reading their logs
		const deliveries = (file: string) =>
			deliveryRecordings.find((recording) => recording.file.startsWith(file))!;
		insertRecordedToDo(server, recordedDocument(deliveries('44-')));
		await waitFor(() => webhooks.jobs.length >= 4 && !webhooks.busy);
		server.store.update('ToDo', deliveries('45-').trigger.docname, { status: 'Closed' });
		insertRecordedToDo(server, recordedDocument(deliveries('49-')));
		insertRecordedToDo(server, recordedDocument(deliveries('60-')));
		server.store.insert(
			'ToDo',
			{ name: '422g74gibi', description: 'naive-rec-mwu4d8i4 with a "double quote" inside' },
			{ keepTimestamps: true },
		);
		await waitFor(() => webhooks.jobs.length >= 12 && !webhooks.busy);
		for (const prefix of ['16-', '17-', '18-', '19-', '20-']) {
			results.set(prefix, await replay(server, byFile(prefix), receiver));
		}
	});

	afterAll(async () => {
		await webhooks.close();
		await receiver.close();
		await server.close();
	});

	test("the recorded run's deliveries happened in between (and the naive template sent nothing for the quote)", () => {
		const sent = receiver.requests.map((received) => received.path);
		expect(sent).toEqual([
			// insert: after_insert runs before on_update (Document.insert), so a, c, d are queued before b
			'/wh/a-todo-after-insert-json',
			'/wh/c-todo-no-security',
			'/wh/d-todo-custom-header',
			'/wh/b-todo-on-update-form',
			// update
			'/wh/b-todo-on-update-form',
			// insert of the High priority ToDo
			'/wh/a-todo-after-insert-json',
			'/wh/c-todo-no-security',
			'/wh/d-todo-custom-header',
			'/wh/e-todo-condition-high',
			'/wh/b-todo-on-update-form',
			// the naive template, plain text (the one with a quote sends nothing)
			'/wh/i-todo-naive-template',
		]);
		expect(
			webhooks.jobs
				.filter((job) => job.state === 'failed')
				.map((job) => [job.webhook, job.docname]),
		).toEqual([['rec-i-todo-naive-template', '422g74gibi']]);
	});

	/**
	 * Known differences of the core server, outside the webhook module: the traceback of an invalid condition starts in
	 * Webhook.validate_condition on a real Frappe (the SyntaxError is re-raised with `exc=e`), while the server's
	 * traceback for it is the generic API one. Only the `exc` frames differ; the exception line is compared.
	 */
	const excFramesDiffer = new Set(['15-']);

	test.each(exchangeRecordings.map((recording) => [recording.file, recording] as const))(
		'%s',
		(file, recording) => {
			const actual = results.get(file.slice(0, 3));
			expect(actual).toBeDefined();
			expect(actual!.status).toBe(recording.response.status);
			expect(actual!.contentType).toBe(recording.response.headers['content-type']);
			const expected = substitute(recording.response.body, receiver) as Record<string, unknown>;
			const volatile = excFramesDiffer.has(file.slice(0, 3))
				? [...recording.volatile, 'response.body.exc']
				: recording.volatile;
			expect(masked(actual!.body, volatile, 'response.body')).toEqual(
				masked(expected, volatile, 'response.body'),
			);
			if (excFramesDiffer.has(file.slice(0, 3))) {
				const tracebacks = JSON.parse(
					String((actual!.body as Record<string, unknown>).exc),
				) as string[];
				expect(tracebacks.at(-1)!.trimEnd().split('\n').at(-1)).toBe(expected.exception);
			}
		},
	);

	test('the request log of a delivery holds the signature as byte values and the data pretty-printed (webhooks/18)', () => {
		const log = (results.get('18-')!.body as { data: Doc[] }).data[0];
		const headers = JSON.parse(String(log.headers)) as Record<string, number[]>;
		const delivery = receiver.requests.find(
			(received) => received.path === '/wh/a-todo-after-insert-json',
		)!;
		expect(Buffer.from(headers['X-Frappe-Webhook-Signature']).toString()).toBe(
			header(delivery, 'X-Frappe-Webhook-Signature'),
		);
		expect(String(log.data)).toBe(
			'{\n "description": "rec-mwu4d8i4 webhook plain \\"quoted\\" <b>html</b>",\n "doctype": "ToDo",\n "name": "41qrk71mkj",\n "priority": "Low"\n}',
		);
	});

	test("the failed naive template logged Frappe's json.loads traceback and sent nothing (webhooks/17)", () => {
		const logs = (results.get('17-')!.body as { data: Doc[] }).data;
		const recorded = (
			exchangeRecordings.find((recording) => recording.file.startsWith('17-'))!.response.body as {
				data: Doc[];
			}
		).data;
		const error = String(logs[1].error);
		const recordedError = String(recorded[1].error);
		expect(error.split('\n').slice(0, -2)).toEqual(recordedError.split('\n').slice(0, -2));
		expect(error).toMatch(
			/\njson\.decoder\.JSONDecodeError: Expecting ',' delimiter: line 1 column \d+ \(char \d+\)\n$/,
		);
	});
});

// ---- 3. Frappe's rules that no single recording shows -------------------------------------------------------------

describe("Frappe's webhook rules beyond the recordings (webhook.py, __init__.py)", () => {
	let server: FrappeServer;
	let webhooks: WebhookEngine;
	let receiver: Receiver;
	const auth = () => ({
		authorization: tokenHeader(server.users.administrator),
		'content-type': 'application/json',
	});

	beforeEach(async () => {
		server = await startFrappeServer({ seed: 'contract' });
		webhooks = attachWebhooks(server, { retryDelaysMs: [5, 5, 5], timeoutMs: 200 });
		receiver = await startReceiver();
	});

	afterEach(async () => {
		await webhooks.close();
		await receiver.close();
		await server.close();
	});

	async function api(
		method: string,
		path: string,
		body?: unknown,
	): Promise<{ status: number; body: Doc }> {
		const response = await request(`${server.url}${path}`, {
			method: method as 'GET',
			headers: auth(),
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.body.text();
		return { status: response.statusCode, body: JSON.parse(text) as Doc };
	}

	function todoWebhook(name: string, extra: Doc = {}): Doc {
		return {
			name,
			webhook_doctype: 'ToDo',
			webhook_docevent: 'after_insert',
			request_url: `${receiver.url}/${name}`,
			request_method: 'POST',
			request_structure: 'JSON',
			webhook_json:
				'{"name": {{ doc.name | tojson }}, "description": {{ doc.description | tojson }}}',
			enable_security: 1,
			webhook_secret: 'rules-secret',
			...extra,
		};
	}

	async function newTodo(description: string): Promise<string> {
		const created = await api('POST', '/api/resource/ToDo', { description });
		expect(created.status).toBe(200);
		return (created.body.data as Doc).name as string;
	}

	const logsOf = (webhook: string) =>
		server.store.list('Webhook Request Log', {
			fields: ['name', 'webhook', 'response', 'error', 'data', 'headers'],
			filters: [['webhook', '=', webhook]],
			order_by: 'creation asc',
		});

	test('sent after the commit only: a failed request fires nothing', async () => {
		expect((await api('POST', '/api/resource/Webhook', todoWebhook('rules-commit'))).status).toBe(
			200,
		);
		const failed = await api('POST', '/api/resource/ToDo', { priority: 'High' });
		expect(failed.status).toBe(417);
		await newTodo('committed');
		await waitFor(() => receiver.requests.length >= 1 && !webhooks.busy);
		expect(
			receiver.requests.map((received) => JSON.parse(received.body.toString()) as Doc),
		).toEqual([{ name: expect.any(String), description: 'committed' }]);
	});

	test('no Content-Type unless a header row adds one; the signature covers the exact bytes', async () => {
		await api('POST', '/api/resource/Webhook', todoWebhook('rules-plain'));
		await api(
			'POST',
			'/api/resource/Webhook',
			todoWebhook('rules-typed', {
				webhook_headers: [
					{ key: 'Content-Type', value: 'application/json' },
					{ key: 'X-Empty', value: '' },
				],
			}),
		);
		await newTodo('Grüße "quoted" ✓ 😀');
		await waitFor(() => receiver.requests.length >= 2 && !webhooks.busy);
		const plain = receiver.requests.find((received) => received.path === '/rules-plain')!;
		const typed = receiver.requests.find((received) => received.path === '/rules-typed')!;
		expect(header(plain, 'Content-Type')).toBeUndefined();
		expect(header(typed, 'Content-Type')).toBe('application/json');
		expect(header(typed, 'X-Empty')).toBeUndefined();
		expect(plain.body.toString()).toMatch(
			/"description": "Gr\\u00fc\\u00dfe \\"quoted\\" \\u2713 \\ud83d\\ude00"\}$/,
		);
		expect(plain.body.equals(typed.body)).toBe(true);
		const { createHmac } = await import('node:crypto');
		expect(header(plain, 'X-Frappe-Webhook-Signature')).toBe(
			createHmac('sha256', 'rules-secret').update(plain.body).digest('base64'),
		);
	});

	test('the condition is Python over the document; false sends nothing', async () => {
		await api(
			'POST',
			'/api/resource/Webhook',
			todoWebhook('rules-condition', {
				condition: 'doc.priority == "High" and "urgent" in (doc.description or "")',
			}),
		);
		await newTodo('urgent but medium');
		await api('POST', '/api/resource/ToDo', { description: 'urgent and high', priority: 'High' });
		await api('POST', '/api/resource/ToDo', { description: 'calm', priority: 'High' });
		await waitFor(() => receiver.requests.length >= 1 && !webhooks.busy);
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(
			receiver.requests.map(
				(received) => (JSON.parse(received.body.toString()) as Doc).description,
			),
		).toEqual(['urgent and high']);
	});

	test('up to 3 tries on an HTTP error, each logged with the response; the job then fails', async () => {
		receiver.respond = () => ({ status: 500, body: 'boom' });
		await api('POST', '/api/resource/Webhook', todoWebhook('rules-retry'));
		await newTodo('retry me');
		await waitFor(() => webhooks.jobs.length === 1 && webhooks.jobs[0].state === 'failed');
		expect(receiver.requests).toHaveLength(3);
		expect(new Set(receiver.requests.map((received) => received.body.toString())).size).toBe(1);
		const logs = logsOf('rules-retry');
		expect(logs).toHaveLength(3);
		for (const log of logs) {
			expect(log.response).toBe('boom');
			expect(String(log.error)).toMatch(
				/\nrequests\.exceptions\.HTTPError: 500 Server Error: Internal Server Error for url: http:\/\/127\.0\.0\.1:\d+\/rules-retry\n$/,
			);
		}
	});

	test('a try that succeeds ends the job', async () => {
		let calls = 0;
		receiver.respond = () => ({
			status: ++calls === 1 ? 503 : 200,
			body: calls === 1 ? 'busy' : '{"ok":true}',
		});
		await api('POST', '/api/resource/Webhook', todoWebhook('rules-second-try'));
		await newTodo('second try');
		await waitFor(() => webhooks.jobs[0]?.state === 'sent');
		expect(receiver.requests).toHaveLength(2);
		expect(
			logsOf('rules-second-try').map((log) => [
				log.response,
				String(log.error) === '' ? '' : 'traceback',
			]),
		).toEqual([
			['busy', 'traceback'],
			['{"ok":true}', ''],
		]);
	});

	test('a read timeout is retried at once; a refused connection is retried after the delay', async () => {
		receiver.respond = () => ({ status: 200, delayMs: 400 });
		await api('POST', '/api/resource/Webhook', todoWebhook('rules-timeout'));
		await api(
			'POST',
			'/api/resource/Webhook',
			todoWebhook('rules-refused', { request_url: 'http://127.0.0.1:9/refused' }),
		);
		await newTodo('slow');
		await waitFor(
			() => webhooks.jobs.length === 2 && webhooks.jobs.every((job) => job.state === 'failed'),
			{ tries: 400 },
		);
		const timeouts = webhooks.attempts.filter((attempt) => attempt.webhook === 'rules-timeout');
		expect(timeouts.map((attempt) => attempt.error?.split(':')[0])).toEqual(
			Array(3).fill('requests.exceptions.ReadTimeout'),
		);
		const refused = webhooks.attempts.filter((attempt) => attempt.webhook === 'rules-refused');
		expect(refused.map((attempt) => attempt.error?.split(':')[0])).toEqual(
			Array(3).fill('requests.exceptions.ConnectionError'),
		);
		expect(logsOf('rules-timeout').every((log) => log.response === null)).toBe(true);
	});

	test('a Webhook deleted while enabled stays cached and queued (nothing is sent) until a Webhook is saved', async () => {
		await api('POST', '/api/resource/Webhook', todoWebhook('rules-stale'));
		await newTodo('first');
		await waitFor(() => receiver.requests.length === 1 && !webhooks.busy);
		expect((await api('DELETE', '/api/resource/Webhook/rules-stale')).status).toBe(202);
		await newTodo('after delete');
		await waitFor(() => webhooks.jobs.length === 2 && !webhooks.busy);
		expect(webhooks.jobs[1]).toMatchObject({
			webhook: 'rules-stale',
			state: 'failed',
			error: 'frappe.exceptions.DoesNotExistError: Webhook rules-stale not found',
		});
		expect(receiver.requests).toHaveLength(1);
		// saving any Webhook drops the cache
		await api('POST', '/api/resource/Webhook', todoWebhook('rules-other', { enabled: 0 }));
		await newTodo('after a save');
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(webhooks.busy).toBe(false);
		expect(webhooks.jobs).toHaveLength(2);
	});

	test('disabled first, then deleted: never queued again', async () => {
		await api('POST', '/api/resource/Webhook', todoWebhook('rules-clean'));
		await newTodo('first');
		await waitFor(() => receiver.requests.length === 1 && !webhooks.busy);
		expect((await api('PUT', '/api/resource/Webhook/rules-clean', { enabled: 0 })).status).toBe(
			200,
		);
		expect((await api('DELETE', '/api/resource/Webhook/rules-clean')).status).toBe(202);
		await newTodo('after');
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(webhooks.jobs).toHaveLength(1);
		expect(webhooks.cachedWebhookNames).toEqual([]);
	});

	test('one job per (Webhook, document) of a transaction, with the last state', async () => {
		server.store.insert('Webhook', todoWebhook('rules-dedupe', { webhook_docevent: 'on_update' }));
		const todo = server.store.insert('ToDo', { description: 'dedupe v1' });
		await waitFor(() => receiver.requests.length === 1 && !webhooks.busy);
		webhooks.onEvent({
			doctype: 'ToDo',
			name: String(todo.name),
			event: 'on_update',
			doc: { ...todo, description: 'dedupe v2' },
		});
		webhooks.onEvent({
			doctype: 'ToDo',
			name: String(todo.name),
			event: 'on_update',
			doc: { ...todo, description: 'dedupe v3' },
		});
		await waitFor(() => receiver.requests.length >= 2 && !webhooks.busy);
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(
			receiver.requests.map(
				(received) => (JSON.parse(received.body.toString()) as Doc).description,
			),
		).toEqual(['dedupe v1', 'dedupe v3']);
	});

	test('on_submit, on_cancel and on_trash of a Sales Voucher over HTTP (the recorded g and h Webhooks)', async () => {
		for (const prefix of ['08-', '09-', '10-']) {
			const config = substitute(
				exchangeRecordings.find((recording) => recording.file.startsWith(prefix))!.request.body
					.value as Doc,
				receiver,
			);
			server.store.insert('Webhook', config);
		}
		const created = await api('POST', '/api/resource/Sales%20Voucher', {
			customer: 'Zoë',
			grand_total: 250,
			items: [{ item: 'Widget', qty: 2.5, rate: 100 }],
		});
		const name = (created.body.data as Doc).name as string;
		await api('PUT', `/api/resource/Sales%20Voucher/${name}`, { docstatus: 1 });
		await api('PUT', `/api/resource/Sales%20Voucher/${name}`, { docstatus: 2 });
		expect((await api('DELETE', `/api/resource/Sales%20Voucher/${name}`)).status).toBe(202);
		await waitFor(() => receiver.requests.length >= 3 && !webhooks.busy);
		expect(receiver.requests.map((received) => received.path)).toEqual([
			'/wh/f-sv-on-submit',
			'/wh/g-sv-on-cancel',
			'/wh/h-sv-on-trash',
		]);
		const [, cancel, trash] = receiver.requests.map((received) => received.body.toString());
		expect(cancel).toMatch(
			/^\{"event": "on_cancel", "name": "[0-9a-v]{10}", "doctype": "Sales Voucher", "customer": "Zo\\u00eb", "docstatus": 2, "grand_total": 250\.0, "items": \[\{/,
		);
		expect(trash).toBe(
			`{"name": "${name}", "customer": "Zo\\u00eb", "docstatus": 2, "grand_total": 250.0}`,
		);
	});
});
