// Bulk Create, Bulk Update and Bulk Delete through n8n's engine: many input items in few requests, each output item
// paired with its input item and carrying its own result or Frappe's own error; a chunk Frappe refuses as a whole is
// split so that good documents are written once and bad ones reported.
import { DocumentTestbed } from '../document/support';
import { defineBulkItem, ITEM, jsonFromInput } from './support';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start({ seed: 'demo' });
	defineBulkItem(bed);
});

afterAll(async () => await bed.close());

function bulkRequests(mark: number, method: string): string[] {
	return bed.requestsSince(mark).filter((request) => request.includes(method));
}

describe.each(['v1', 'v2'] as const)('on API %s', (apiVersion) => {
	const tag = (title: string) => `${apiVersion} ${title}`;

	it('Bulk Create writes good rows once and reports bad rows per item (missing title, duplicate name)', async () => {
		bed.server.store.insert(ITEM, { title: tag('taken') });
		const input = [
			{ title: tag('a'), qty: 1 },
			{ qty: 2 },
			{ title: tag('taken') },
			{ title: tag('b'), status: 'Closed' },
			{ title: tag('c'), status: 'Urgent' },
			{ title: tag('d') },
		];
		const mark = bed.server.requests.length;
		const result = await bed.run(
			{ apiVersion, operation: 'bulkCreate', doctype: ITEM },
			{ input, continueOnFail: true },
		);
		expect(result.status).toBe('success');
		const out = result.items;
		expect(out).toHaveLength(6);
		expect(out.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(out[0].json).toEqual({ doctype: ITEM, name: tag('a') });
		expect(out[3].json).toEqual({ doctype: ITEM, name: tag('b') });
		expect(out[5].json).toEqual({ doctype: ITEM, name: tag('d') });
		expect(String(out[1].json.error)).toMatch(/Title/);
		expect(String(out[2].json.error)).toMatch(/already exists|Duplicate/i);
		expect(String(out[4].json.error)).toMatch(/Status cannot be "Urgent"/);
		for (const title of ['a', 'b', 'd', 'taken']) {
			expect(bed.server.store.count(ITEM, [['title', '=', tag(title)]])).toBe(1);
		}
		// One request for the chunk, then halves until each bad document stands alone: far fewer than one each.
		const sent = bulkRequests(mark, 'insert_many');
		expect(sent.length).toBeGreaterThan(1);
		expect(sent.length).toBeLessThan(12);
	});

	it('Bulk Create of 201 documents takes two requests (Frappe takes at most 200)', async () => {
		const input = Array.from({ length: 201 }, (_, i) => ({ title: tag(`n${i}`), qty: i }));
		const mark = bed.server.requests.length;
		const out = await bed.ok({ apiVersion, operation: 'bulkCreate', doctype: ITEM }, { input });
		expect(out).toHaveLength(201);
		expect(out.map((json) => json.name)).toEqual(input.map((row) => row.title));
		expect(bulkRequests(mark, 'insert_many')).toHaveLength(2);
		expect(bed.server.store.count(ITEM, [['title', 'like', tag('n%')]])).toBe(201);
	});

	it('Bulk Update saves each document and reports the failed ones with their own error', async () => {
		for (const title of ['u1', 'u2', 'u3']) bed.server.store.insert(ITEM, { title: tag(title) });
		const input = [
			{ name: tag('u1'), status: 'Closed' },
			{ name: tag('missing'), status: 'Closed' },
			{ name: tag('u2'), status: 'Urgent' },
			{ name: tag('u3'), qty: 7 },
		];
		const mark = bed.server.requests.length;
		const result = await bed.run(
			{
				apiVersion,
				operation: 'bulkUpdate',
				doctype: ITEM,
				documentName: { __rl: true, mode: 'name', value: '={{ $json.name }}' },
				valuesFrom: 'fields',
				specifyFields: 'json',
				jsonFields: '={{ JSON.stringify({ status: $json.status, qty: $json.qty }) }}',
			},
			{ input, continueOnFail: true },
		);
		expect(result.status).toBe('success');
		const out = result.items;
		expect(out.map((item) => item.pairedItem)).toEqual(input.map((_, item) => ({ item })));
		expect(out[0].json).toEqual({ doctype: ITEM, name: tag('u1') });
		expect(out[3].json).toEqual({ doctype: ITEM, name: tag('u3') });
		expect(String(out[1].json.error)).toMatch(/not found/);
		expect(String(out[2].json.error)).toMatch(/Urgent/);
		expect(bulkRequests(mark, 'bulk_update')).toHaveLength(1);
		expect(bed.server.store.getDoc(ITEM, tag('u1')).status).toBe('Closed');
		expect(bed.server.store.getDoc(ITEM, tag('u2')).status).not.toBe('Urgent');
		expect(bed.server.store.getDoc(ITEM, tag('u3')).qty).toBe(7);
	});

	it('Bulk Delete deletes each document and reports the ones it could not', async () => {
		for (const title of ['d1', 'd2']) bed.server.store.insert(ITEM, { title: tag(title) });
		const input = [{ name: tag('d1') }, { name: tag('nope') }, { name: tag('d2') }];
		const parameters = {
			apiVersion,
			operation: 'bulkDelete',
			doctype: ITEM,
			documentName: { __rl: true, mode: 'name', value: '={{ $json.name }}' },
		};
		const result = await bed.run(parameters, { input, continueOnFail: true });
		const out = result.items;
		expect(out[0].json).toEqual({ deleted: true, doctype: ITEM, name: tag('d1') });
		expect(String(out[1].json.error)).toMatch(/not found/);
		expect(out[2].json).toEqual({ deleted: true, doctype: ITEM, name: tag('d2') });
		expect(bed.server.store.count(ITEM, [['title', 'in', [tag('d1'), tag('d2')]]])).toBe(0);
		const again = await bed.ok({ ...parameters, options: { ignoreMissing: true } }, { input });
		expect(again.map((json) => json.missing)).toEqual([true, true, true]);
	});
});

it('Bulk Create without Continue On Fail stops at the first bad item, naming it', async () => {
	const result = await bed.run(
		{ operation: 'bulkCreate', doctype: ITEM, valuesFrom: 'fields', ...jsonFromInput },
		{ input: [{ title: 'stop ok' }, { qty: 1 }] },
	);
	expect(result.status).toBe('error');
	expect(result.error?.message).toMatch(/Could not create the Bulk Item/);
	expect(bed.server.store.count(ITEM, [['title', '=', 'stop ok']])).toBe(1);
});
