// webhook() on real HTTP requests (n8n-core's WebhookContext): every delivery Frappe 15.44.2 made is accepted with its
// secret, and forged ones are refused with 401 before anything runs.
import { createHmac } from 'node:crypto';

import type { N8nHarness, TriggerUnderTest } from '../../harness';
import { bodyOf, deliveryRecordings, type DeliveryRecording } from '../../helpers';
import { automaticParameters, manualTrigger, post, triggerHarness, TRIGGER_TYPE } from './support';
import { TriggerUnderTest as Trigger } from '../../harness';

const signed = deliveryRecordings.filter((recording) => recording.secret !== null);
const unsigned = deliveryRecordings.filter((recording) => recording.secret === null);

/** The headers Frappe sent, minus those the HTTP client sets itself. */
function recordedHeaders(recording: DeliveryRecording): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const [name, value] of recording.request.headers) {
		if (!['host', 'content-length', 'connection'].includes(name.toLowerCase()))
			headers[name] = value;
	}
	return headers;
}

function sign(secret: string, body: Buffer | string): string {
	return createHmac('sha256', secret).update(body).digest('base64');
}

describe('webhook(): deliveries as Frappe sends them', () => {
	let harness: N8nHarness;
	let trigger: TriggerUnderTest;

	beforeAll(() => {
		harness = triggerHarness();
	});

	afterEach(async () => {
		await trigger?.close();
	});

	test.each(signed.map((recording) => [recording.file, recording] as const))(
		'%s is accepted in manual mode with its secret',
		async (_file, recording) => {
			trigger = await manualTrigger(harness, {
				secret: recording.secret!,
				manualEvent: recording.event,
			});
			const response = await post(
				trigger.webhookUrl,
				bodyOf(recording),
				recordedHeaders(recording),
			);
			expect(response.status).toBe(200);
			expect(JSON.parse(response.text)).toEqual({ message: 'Workflow was started' });
			expect(trigger.executions).toHaveLength(1);
			const body = JSON.parse(recording.request.body_text) as Record<string, unknown>;
			const doc = (body.doc ?? body) as Record<string, unknown>;
			const item = trigger.executions[0][0][0].json;
			expect(item).toEqual({
				...doc,
				event: recording.event,
				...(typeof doc.doctype === 'string' ? { doctype: doc.doctype } : {}),
			});
			expect(trigger.deliveries[0].body.equals(bodyOf(recording))).toBe(true);
		},
	);

	test.each(signed.map((recording) => [recording.file, recording] as const))(
		'%s is accepted in automatic mode with the stored secret',
		async (_file, recording) => {
			trigger = await new Trigger(harness, {
				type: TRIGGER_TYPE,
				parameters: automaticParameters(),
			}).listen();
			trigger.staticData['node:Frappe Trigger'] = {
				webhookSecret: recording.secret!,
				doctype: recording.webhook.webhook_doctype,
			};
			const response = await post(
				trigger.webhookUrl,
				bodyOf(recording),
				recordedHeaders(recording),
			);
			expect(response.status).toBe(200);
			expect(trigger.executions).toHaveLength(1);
			expect(trigger.executions[0][0][0].json.doctype).toBe(recording.webhook.webhook_doctype);
		},
	);

	test.each(unsigned.map((recording) => [recording.file, recording] as const))(
		'%s (security off in Frappe) is refused while Require Signature is on, accepted when it is off',
		async (_file, recording) => {
			trigger = await manualTrigger(harness, { secret: 'any-secret' });
			expect(
				(await post(trigger.webhookUrl, bodyOf(recording), recordedHeaders(recording))).status,
			).toBe(401);
			expect(trigger.executions).toHaveLength(0);
			await trigger.close();
			trigger = await manualTrigger(harness, { requireSignature: false });
			expect(
				(await post(trigger.webhookUrl, bodyOf(recording), recordedHeaders(recording))).status,
			).toBe(200);
			expect(trigger.executions[0][0][0].json).toEqual(JSON.parse(recording.request.body_text));
		},
	);
});

describe('webhook(): forged deliveries are refused with 401 and start nothing', () => {
	const recording = signed.find((candidate) => candidate.file.startsWith('44-'))!;
	const body = bodyOf(recording);
	const secret = recording.secret!;
	const signature = recording.signature_header!;
	const other = signed.find((candidate) => candidate.file.startsWith('61-'))!;
	const flip = (buffer: Buffer, index: number) => {
		const copy = Buffer.from(buffer);
		copy[index] ^= 0x01;
		return copy;
	};
	const forgeries: Array<[string, Buffer, Record<string, string>]> = [
		['wrong secret', body, { 'X-Frappe-Webhook-Signature': sign('not-the-secret', body) }],
		['one flipped byte in the body', flip(body, 40), { 'X-Frappe-Webhook-Signature': signature }],
		[
			'one flipped character in the signature',
			body,
			{ 'X-Frappe-Webhook-Signature': (signature[5] === 'A' ? 'B' : 'A') + signature.slice(1) },
		],
		[
			'the same JSON re-serialised with other spacing',
			Buffer.from(JSON.stringify(JSON.parse(body.toString()))),
			{ 'X-Frappe-Webhook-Signature': signature },
		],
		[
			'truncated body',
			body.subarray(0, body.length - 10),
			{ 'X-Frappe-Webhook-Signature': signature },
		],
		['empty body', Buffer.alloc(0), { 'X-Frappe-Webhook-Signature': signature }],
		['missing header', body, {}],
		['header for another body', body, { 'X-Frappe-Webhook-Signature': other.signature_header! }],
		[
			'signature in hex instead of base64',
			body,
			{ 'X-Frappe-Webhook-Signature': createHmac('sha256', secret).update(body).digest('hex') },
		],
		['signature of the body under another header name', body, { 'X-Webhook-Signature': signature }],
	];

	let harness: N8nHarness;
	let trigger: TriggerUnderTest;

	beforeAll(() => {
		harness = triggerHarness();
	});

	afterEach(async () => {
		await trigger?.close();
	});

	describe.each([
		['manual mode', async () => await manualTrigger(harness, { secret })],
		[
			'automatic mode',
			async () => {
				const created = await new Trigger(harness, {
					type: TRIGGER_TYPE,
					parameters: automaticParameters(),
				}).listen();
				created.staticData['node:Frappe Trigger'] = { webhookSecret: secret, doctype: 'ToDo' };
				return created;
			},
		],
	])('%s', (_mode, make) => {
		test.each(forgeries)('%s', async (_name, forgedBody, headers) => {
			trigger = await make();
			const response = await post(trigger.webhookUrl, forgedBody, {
				'content-type': 'application/json',
				...headers,
			});
			expect(response.status).toBe(401);
			expect(JSON.parse(response.text)).toEqual({
				message: 'Missing or invalid X-Frappe-Webhook-Signature',
			});
			expect(trigger.executions).toHaveLength(0);
			expect(trigger.deliveries).toHaveLength(1);
			expect(trigger.deliveries[0].emitted).toBeUndefined();
			// the genuine delivery still goes through
			expect(
				(await post(trigger.webhookUrl, body, { 'X-Frappe-Webhook-Signature': signature })).status,
			).toBe(200);
			expect(trigger.executions).toHaveLength(1);
		});
	});

	test('automatic mode without a stored secret refuses even a correctly signed delivery', async () => {
		trigger = await new Trigger(harness, {
			type: TRIGGER_TYPE,
			parameters: automaticParameters(),
		}).listen();
		expect(
			(await post(trigger.webhookUrl, body, { 'X-Frappe-Webhook-Signature': signature })).status,
		).toBe(401);
		expect(trigger.executions).toHaveLength(0);
	});
});

describe('webhook(): bodies', () => {
	let harness: N8nHarness;
	let trigger: TriggerUnderTest;

	beforeAll(() => {
		harness = triggerHarness();
	});

	afterEach(async () => {
		await trigger?.close();
	});

	test('a signed body that is not JSON is refused with 400 and starts nothing', async () => {
		trigger = await manualTrigger(harness, { secret: 'k' });
		for (const text of ['not json', '{"unterminated": ', 'name=TODO-1&status=Open', '']) {
			const response = await post(trigger.webhookUrl, text, {
				'X-Frappe-Webhook-Signature': sign('k', text),
			});
			expect([text, response.status]).toEqual([text, 400]);
		}
		expect(trigger.executions).toHaveLength(0);
	});

	test('without a Content-Type, with application/json, or text/plain: the same item from the same bytes', async () => {
		trigger = await manualTrigger(harness, { secret: 'k', manualEvent: 'on_update' });
		const text =
			'{"doctype": "ToDo", "name": "TD-1", "description": "caf\\u00e9 \\"quoted\\"\\nline"}';
		for (const contentType of [undefined, 'application/json', 'text/plain']) {
			const headers: Record<string, string> = { 'X-Frappe-Webhook-Signature': sign('k', text) };
			if (contentType) headers['content-type'] = contentType;
			expect((await post(trigger.webhookUrl, text, headers)).status).toBe(200);
		}
		const expected = {
			doctype: 'ToDo',
			name: 'TD-1',
			description: 'café "quoted"\nline',
			event: 'on_update',
		};
		expect(trigger.executions.map((execution) => execution[0][0].json)).toEqual([
			expected,
			expected,
			expected,
		]);
	});

	test('the envelope the automatic Webhooks send is unwrapped; other JSON is kept as it is', async () => {
		trigger = await manualTrigger(harness, { requireSignature: false });
		await post(
			trigger.webhookUrl,
			'{"event": "on_trash", "webhook": "n8n-x", "doctype": "ToDo", "doc": {"name": "TD-2", "event": "own field"}}',
		);
		await post(trigger.webhookUrl, '[1, 2]');
		await post(trigger.webhookUrl, '{"event": "on_trash", "doc": {"name": "TD-3"}, "extra": 1}');
		expect(trigger.executions.map((execution) => execution[0][0].json)).toEqual([
			{ name: 'TD-2', event: 'on_trash', doctype: 'ToDo', webhook: 'n8n-x' },
			{ body: [1, 2] },
			{ event: 'on_trash', doc: { name: 'TD-3' }, extra: 1 },
		]);
	});
});

describe('manual mode lifecycle', () => {
	let harness: N8nHarness;
	let trigger: TriggerUnderTest;

	beforeAll(() => {
		harness = triggerHarness();
	});

	afterEach(async () => {
		await trigger?.close();
	});

	test('activation refuses a missing secret while Require Signature is on', async () => {
		trigger = await manualTrigger(harness, { secret: '' });
		const refusal = trigger.hook('checkExists');
		await expect(refusal).rejects.toThrow(
			'Manual mode with Require Signature needs a Frappe Webhook Secret credential',
		);
		await expect(refusal).rejects.toMatchObject({
			description:
				'Create a Frappe Webhook Secret credential with the Webhook Secret of the Webhook in Frappe and select it in this node, or turn off Require Signature.',
		});
	});

	test('a workflow that still holds the old Webhook Secret parameter is told it is no longer used', async () => {
		trigger = await manualTrigger(harness, {});
		trigger.node.parameters.secret = 'pasted before 0.3';
		await expect(trigger.hook('checkExists')).rejects.toMatchObject({
			message: 'Manual mode with Require Signature needs a Frappe Webhook Secret credential',
			description: expect.stringMatching(
				/^The Webhook Secret is no longer a field of the node, and the one saved in this workflow is not used\. Create a Frappe Webhook Secret credential/,
			),
		});
	});

	test('with a secret (or without Require Signature) there is nothing to create or delete', async () => {
		trigger = await manualTrigger(harness, { secret: 's' });
		expect(await trigger.hook('checkExists')).toBe(true);
		expect(await trigger.hook('create')).toBe(true);
		expect(await trigger.hook('delete')).toBe(true);
		await trigger.close();
		trigger = await manualTrigger(harness, { requireSignature: false });
		expect(await trigger.hook('checkExists')).toBe(true);
	});
});
