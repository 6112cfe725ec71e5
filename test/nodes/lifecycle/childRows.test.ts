// Get Many with child tables (one item per child row, paged exactly; or whole documents read a few at a time) and
// Get Many by tag, through n8n's engine against the test server (lists/03-10, desk/36), on API v1 and v2.
import type { IDataObject } from 'n8n-workflow';

import { DocumentTestbed, VERSIONS } from '../document/support';
import { SV } from './support';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start();
});

afterAll(async () => await bed.close());

function voucher(customer: string, items: [string, number][]): string {
	return bed.server.store.insert(SV, {
		customer,
		grand_total: items.reduce((sum, [, qty]) => sum + qty, 0),
		items: items.map(([item, qty]) => ({ item, qty, rate: 1 })),
	}).name as string;
}

describe.each(VERSIONS)('Get Many with child rows on API %s', (apiVersion) => {
	const customer = `${apiVersion} rows`;
	let names: string[];

	beforeAll(() => {
		names = [
			voucher(customer, [
				['A', 1],
				['B', 2],
				['C', 3],
			]),
			voucher(customer, [['D', 4]]),
			voucher(customer, []),
			voucher(customer, [
				['E', 5],
				['F', 6],
			]),
		];
	});

	const list = async (options: IDataObject, returnAll = true) =>
		await bed.ok({
			apiVersion,
			operation: 'getMany',
			doctype: SV,
			returnAll,
			limit: 3,
			filters: { conditions: [{ field: 'customer', operator: 'equals', value: customer }] },
			options,
		});

	it('gives one item per child row (a document without rows once), each exactly once across pages', async () => {
		const fields = ['name', 'items.item', 'items.qty'];
		const mark = bed.server.requests.length;
		const paged = await list({ fields, pageSize: 2, orderBy: 'grand_total desc' });
		const whole = await list({ fields, pageSize: 100, orderBy: 'grand_total desc' });
		expect(paged).toEqual(whole);
		expect(paged.map((row) => row.item)).toEqual(['E', 'F', 'A', 'B', 'C', 'D', null]);
		expect(new Set(paged.map((row) => row.name))).toEqual(new Set(names));
		const first = bed.requestsSince(mark).find((request) => request.includes('order_by'));
		expect(first).toContain(
			'order_by=`tabSales Voucher`.`grand_total` desc, `tabSales Voucher`.`name` desc, `tabSales Voucher Item`.`idx` asc',
		);
	});

	it('reads whole documents with their child tables, one request each, within the limit', async () => {
		const mark = bed.server.requests.length;
		const docs = await list(
			{ childTables: 'documents', parallelRequests: 2, orderBy: 'name asc' },
			false,
		);
		expect(docs).toHaveLength(3);
		for (const doc of docs) {
			expect(doc.doctype).toBe(SV);
			expect(Array.isArray(doc.items)).toBe(true);
		}
		expect(docs.map((doc) => doc.name)).toEqual([...names].sort().slice(0, 3));
		const requests = bed.requestsSince(mark);
		expect(
			requests.filter(
				(r) => r.startsWith('GET') && docs.some((d) => r.endsWith(`/${String(d.name)}`)),
			),
		).toHaveLength(3);
	});

	it('filters by tag (_user_tags like)', async () => {
		const [tagged] = names;
		bed.server.store.raw(SV, tagged)!._user_tags = `,urgent-${apiVersion},vip`;
		expect(await list({ tags: `urgent-${apiVersion}, vip` })).toEqual([{ name: tagged }]);
		expect(await list({ tags: 'nobody-has-this' })).toEqual([]);
	});
});
