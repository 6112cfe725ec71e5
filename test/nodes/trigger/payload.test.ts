// The pure parts of the trigger: templates, names, bodies, items.
import {
	buildWebhookTemplate,
	deliveryItem,
	isEnvelope,
	parseBody,
	parseFieldList,
	webhookNameFor,
} from '../../../nodes/FrappeTrigger/payload';
import { EVENT_OPTIONS, EVENT_VALUES } from '../../../nodes/FrappeTrigger/events';
import { fromPlain, pyJsonDumps, pyJsonLoads, renderTemplate } from '../../frappe-server/python';

/** What Frappe does with a webhook_json template: render, json.loads, json.dumps (the bytes it sends). */
function frappeBody(template: string, doc: Record<string, unknown>): string {
	return pyJsonDumps(pyJsonLoads(renderTemplate(template, { doc: fromPlain(doc) })));
}

describe('buildWebhookTemplate', () => {
	const doc = {
		name: 'TD-0001',
		doctype: 'ToDo',
		description:
			'a "quote", a \\ backslash, {{ braces }}, {% tags %}\nnew line, <b>html</b>, é 中 😀, \u0001',
		status: 'Open',
		items: [{ item: 'Widget', qty: 2 }],
		keys: 'a field named like a dict method',
		empty: null,
	};

	test('whole document: valid JSON for any content, the document intact', () => {
		const template = buildWebhookTemplate({
			event: 'on_update',
			webhookName: 'n8n-wf-node-abcd1234-on_update',
		});
		const sent = frappeBody(template, doc);
		expect(JSON.parse(sent)).toEqual({
			event: 'on_update',
			webhook: 'n8n-wf-node-abcd1234-on_update',
			doctype: 'ToDo',
			doc,
		});
	});

	test('selected fields: the name always, fields named like dict methods, missing fields as null', () => {
		const template = buildWebhookTemplate({
			event: 'after_insert',
			webhookName: 'w',
			fields: ['description', 'items', 'keys', 'missing'],
		});
		expect(template).toBe(
			'{ "event": "after_insert", "webhook": "w", "doctype": {{ doc.doctype | tojson }}, "doc": { "name": {{ doc["name"] | tojson }}, "description": {{ doc["description"] | tojson }}, "items": {{ doc["items"] | tojson }}, "keys": {{ doc["keys"] | tojson }}, "missing": {{ doc["missing"] | tojson }} } }',
		);
		expect(JSON.parse(frappeBody(template, doc))).toEqual({
			event: 'after_insert',
			webhook: 'w',
			doctype: 'ToDo',
			doc: {
				name: 'TD-0001',
				description: doc.description,
				items: doc.items,
				keys: doc.keys,
				missing: null,
			},
		});
	});

	test('refuses fieldnames that could inject template code', () => {
		expect(() =>
			buildWebhookTemplate({ event: 'on_update', webhookName: 'w', fields: ['a"] }}{{ 7*7'] }),
		).toThrow('Not a Frappe fieldname');
	});
});

describe('parseFieldList', () => {
	test('commas, spaces, duplicates', () => {
		expect(parseFieldList(' status, priority ,status,, custom_field_1\ngrand_total')).toEqual([
			'status',
			'priority',
			'custom_field_1',
			'grand_total',
		]);
		expect(parseFieldList(['a', 'b'])).toEqual(['a', 'b']);
		expect(parseFieldList('')).toEqual([]);
	});

	test('anything but a fieldname is refused', () => {
		expect(() => parseFieldList('status, doc.name')).toThrow('Not a Frappe fieldname: doc.name');
		expect(() => parseFieldList('1abc')).toThrow('Not a Frappe fieldname: 1abc');
	});
});

describe('webhookNameFor', () => {
	test('deterministic, tied to workflow, node, URL and event', () => {
		const name = webhookNameFor(
			'Wf1234567890abcd',
			'5b0e4c1c-1d1f-4b8a-9d0e-0a0b0c0d0e0f',
			'https://n8n.example.com/webhook/abc/webhook',
			'on_update',
		);
		expect(name).toMatch(
			/^n8n-Wf1234567890abcd-5b0e4c1c-1d1f-4b8a-9d0e-0a0b0c0d0e0f-[0-9a-f]{8}-on_update$/,
		);
		expect(
			webhookNameFor(
				'Wf1234567890abcd',
				'5b0e4c1c-1d1f-4b8a-9d0e-0a0b0c0d0e0f',
				'https://n8n.example.com/webhook/abc/webhook',
				'on_update',
			),
		).toBe(name);
		const test = webhookNameFor(
			'Wf1234567890abcd',
			'5b0e4c1c-1d1f-4b8a-9d0e-0a0b0c0d0e0f',
			'https://n8n.example.com/webhook-test/abc/webhook',
			'on_update',
		);
		expect(test).not.toBe(name);
		expect(name.length).toBeLessThanOrEqual(140);
	});

	test('odd ids are reduced to safe characters', () => {
		expect(webhookNameFor('a/b c', 'x"y', 'u', 'after_insert')).toMatch(
			/^n8n-a-b-c-x-y-[0-9a-f]{8}-after_insert$/,
		);
	});
});

describe('parseBody and deliveryItem', () => {
	test('JSON from the exact bytes; not JSON and empty are errors', () => {
		expect(parseBody(Buffer.from('{"a": "caf\\u00e9"}'))).toEqual({
			ok: true,
			value: { a: 'café' },
		});
		expect(parseBody(Buffer.from('name=x'))).toEqual({ ok: false, reason: 'The body is not JSON' });
		expect(parseBody(Buffer.alloc(0))).toEqual({ ok: false, reason: 'The body is empty' });
	});

	test('envelope, plain document, other JSON', () => {
		expect(isEnvelope({ event: 'on_update', doc: {} })).toBe(true);
		expect(isEnvelope({ doc: {} })).toBe(true);
		expect(isEnvelope({ doc: [] })).toBe(false);
		expect(isEnvelope({ doc: {}, name: 'x' })).toBe(false);
		expect(
			deliveryItem({
				event: 'on_update',
				webhook: 'w',
				doctype: 'ToDo',
				doc: { name: 'A', event: 'mine' },
			}),
		).toEqual({
			name: 'A',
			event: 'on_update',
			doctype: 'ToDo',
			webhook: 'w',
		});
		expect(
			deliveryItem({ doc: { name: 'A', doctype: 'Note' } }, { event: 'after_insert' }),
		).toEqual({ name: 'A', doctype: 'Note', event: 'after_insert' });
		expect(deliveryItem({ name: 'A' }, { doctype: 'ToDo' })).toEqual({
			name: 'A',
			doctype: 'ToDo',
		});
		expect(deliveryItem('text')).toEqual({ body: 'text' });
		expect(deliveryItem(null)).toEqual({ body: null });
	});
});

describe('events', () => {
	test('all seven Frappe events, with the hints the issue asks for', () => {
		expect([...EVENT_VALUES].sort()).toEqual([
			'after_insert',
			'on_cancel',
			'on_change',
			'on_submit',
			'on_trash',
			'on_update',
			'on_update_after_submit',
		]);
		const byValue = Object.fromEntries(EVENT_OPTIONS.map((option) => [option.value, option]));
		expect(byValue.on_update.description).toMatch(/also fires it when a document is created/);
		expect(byValue.on_update_after_submit.description).toMatch(
			/Frappe 14 and 15 never fire this event/,
		);
		expect(EVENT_OPTIONS.map((option) => option.name)).toEqual(
			[...EVENT_OPTIONS.map((option) => option.name)].sort(),
		);
	});
});
