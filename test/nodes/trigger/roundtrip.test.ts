// Documents whose content breaks naive templates or naive parsers arrive intact: quotes, newlines, HTML, non-ASCII
// (accents, CJK, emoji, lone control characters) and a 1 MB document, through the whole path: Frappe renders the
// trigger's template, json.loads/json.dumps it, signs the bytes; the trigger verifies and parses them.
import type { Doc } from '../../frappe-server/types';
import type { TriggerUnderTest } from '../../harness';
import { waitFor } from '../../helpers';
import { api, automaticTrigger, startSite, type Site } from './support';

const NASTY = [
	'plain',
	'a "double" and \'single\' quote',
	'line one\nline two\r\nthree\ttabbed',
	'<b>html</b> & <script>alert(1)</script>',
	'Grüße, Zoë, naïve café — “curly” ‘quotes’ …',
	'中文字符 日本語 한국어 العربية עברית',
	'emoji 😀👍🏽 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
	'backslash \\ and \\u00e9 written out, {{ doc.name }} and {% raw %}',
	'control \u0001\u0002\u001f and DEL \u007f',
];

describe("content round-trips through Frappe's webhook and the trigger", () => {
	let site: Site;
	let trigger: TriggerUnderTest;

	beforeAll(async () => {
		site = await startSite();
	});

	afterAll(async () => {
		await trigger?.close();
		await site.close();
	});

	afterEach(async () => {
		await trigger?.hook('delete');
		await trigger?.close();
	});

	test.each([
		['whole document', 'document'],
		['selected fields', 'fields'],
	])('non-ASCII and special characters (%s)', async (_label, payload) => {
		trigger = await automaticTrigger(site, { payload, fields: 'description, priority' });
		await trigger.activate();
		for (const description of NASTY) {
			expect((await api(site.server, 'POST', '/api/resource/ToDo', { description })).status).toBe(
				200,
			);
		}
		await waitFor(() => trigger.executions.length === NASTY.length && !site.webhooks.busy);
		expect(trigger.deliveries.every((delivery) => delivery.status === 200)).toBe(true);
		expect(trigger.executions.map((execution) => execution[0][0].json.description)).toEqual(NASTY);
		for (const delivery of trigger.deliveries) {
			// Python's json.dumps with ensure_ascii: the bytes on the wire are ASCII
			expect([...delivery.body].every((byte) => byte < 0x80)).toBe(true);
		}
	});

	test('a 1 MB document', async () => {
		trigger = await automaticTrigger(site, { events: ['on_update'] });
		await trigger.activate();
		const unit = 'Zoë 中文 😀 "q" \\ <b>\n';
		const description = unit.repeat(Math.ceil((1024 * 1024) / unit.length)).slice(0, 1024 * 1024);
		const created = await api(site.server, 'POST', '/api/resource/ToDo', { description });
		expect(created.status).toBe(200);
		await waitFor(() => trigger.executions.length === 1 && !site.webhooks.busy, { tries: 1000 });
		expect(trigger.deliveries[0].status).toBe(200);
		expect(trigger.deliveries[0].body.length).toBeGreaterThan(1024 * 1024);
		const item = trigger.executions[0][0][0].json;
		expect(item.description).toBe(description);
		expect(item).toEqual({
			...site.server.store.get('ToDo', (created.body.data as Doc).name as string),
			event: 'on_update',
			doctype: 'ToDo',
			webhook: expect.any(String),
		});
	});
});
