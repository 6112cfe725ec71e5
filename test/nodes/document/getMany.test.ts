// Get Many through n8n's engine: Return All gives exactly the documents there are, whatever the page size; every
// filter operator selects what Frappe would; OR filters, JSON filters, child-table filters, fields and order.
import type { IDataObject } from 'n8n-workflow';

import { DocumentTestbed, VERSIONS } from './support';

const PAGED = 'Paging Item';
const PAGED_COUNT = 1234;
const PROBE = 'Filter Probe';

interface ProbeRow {
	title: string;
	qty: number;
	amount: number;
	day: string;
	status: string;
	note: string | null;
}

function today(): string {
	const now = new Date();
	return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

const probes: ProbeRow[] = Array.from({ length: 10 }, (_, i) => ({
	title: `probe ${i}`,
	qty: i,
	amount: i * 10.5,
	day: `2024-01-${String(i + 1).padStart(2, '0')}`,
	status: ['Open', 'Closed', 'Cancelled'][i % 3],
	note: i % 2 === 0 ? 'even' : null,
}));
probes.push({
	title: 'probe today',
	qty: 100,
	amount: 0,
	day: today(),
	status: 'Open',
	note: null,
});

let bed: DocumentTestbed;
let pagedNames: string[];

beforeAll(async () => {
	bed = await DocumentTestbed.start({ seed: 'demo' });
	const { store } = bed.server;
	const permissions = [
		{ role: 'System Manager', read: 1, write: 1, create: 1, delete: 1, report: 1 },
	];
	store.defineDocType({
		name: PAGED,
		module: 'Custom',
		custom: 1,
		autoname: 'hash',
		fields: [
			{ fieldname: 'seq', label: 'Seq', fieldtype: 'Int' },
			{ fieldname: 'label', label: 'Label', fieldtype: 'Data' },
		],
		permissions,
	});
	store.defineDocType({
		name: PROBE,
		module: 'Custom',
		custom: 1,
		autoname: 'field:title',
		fields: [
			{ fieldname: 'title', label: 'Title', fieldtype: 'Data', reqd: 1 },
			{ fieldname: 'qty', label: 'Qty', fieldtype: 'Int' },
			{ fieldname: 'amount', label: 'Amount', fieldtype: 'Currency' },
			{ fieldname: 'day', label: 'Day', fieldtype: 'Date' },
			{
				fieldname: 'status',
				label: 'Status',
				fieldtype: 'Select',
				options: 'Open\nClosed\nCancelled',
			},
			{ fieldname: 'note', label: 'Note', fieldtype: 'Data' },
		],
		permissions,
	});
	pagedNames = [];
	for (let seq = 0; seq < PAGED_COUNT; seq++) {
		pagedNames.push(store.insert(PAGED, { seq, label: `item ${seq}` }).name as string);
	}
	for (const row of probes) store.insert(PROBE, { ...row });
}, 60_000);

afterAll(async () => await bed.close());

describe.each(VERSIONS)('Get Many on API %s', (apiVersion) => {
	const sizeParameter = apiVersion === 'v2' ? 'limit' : 'limit_page_length';

	it.each([1, 7, 500, 1000])(
		`returns all ${PAGED_COUNT} documents exactly once with page size %i`,
		async (pageSize) => {
			const mark = bed.server.requests.length;
			const docs = await bed.ok({
				apiVersion,
				operation: 'getMany',
				doctype: PAGED,
				returnAll: true,
				options: { pageSize, fields: ['name', 'seq'] },
			});
			expect(docs).toHaveLength(PAGED_COUNT);
			const names = docs.map((doc) => doc.name as string);
			expect(new Set(names).size).toBe(PAGED_COUNT);
			expect([...names].sort()).toEqual([...pagedNames].sort());
			const requests = bed.requestsSince(mark);
			// One row more than the page says whether more follow: no trailing empty page.
			expect(requests).toHaveLength(Math.ceil(PAGED_COUNT / pageSize));
			expect(requests[0]).toContain(
				`/${apiVersion === 'v2' ? 'api/v2/document' : 'api/resource'}/Paging Item?`,
			);
			// Without an Order By, pages follow the name (keyset paging).
			expect(requests[0]).toContain('order_by=name asc');
			expect(requests[1]).toContain(`${sizeParameter}=${pageSize + 1}`);
			expect(requests[1]).toContain('["name",">",');
			expect(requests[1]).not.toContain('limit_start');
		},
		60_000,
	);

	it('stops at the limit, asking only for what is missing', async () => {
		const mark = bed.server.requests.length;
		const docs = await bed.ok({
			apiVersion,
			operation: 'getMany',
			doctype: PAGED,
			limit: 10,
			options: { pageSize: 4 },
		});
		expect(docs).toHaveLength(10);
		expect(
			bed
				.requestsSince(mark)
				.map(
					(request) =>
						/limit_start=\d+/.exec(request)?.[0] +
						' ' +
						new RegExp(`${sizeParameter}=\\d+`).exec(request)?.[0],
				),
		).toEqual([
			// A Limit without an Order By keeps Frappe's list order, so it pages by offset.
			`limit_start=0 ${sizeParameter}=5`,
			`limit_start=4 ${sizeParameter}=5`,
			`limit_start=8 ${sizeParameter}=2`,
		]);
	});

	it('uses a page of 1000 by default and returns 50 without Return All', async () => {
		const mark = bed.server.requests.length;
		const docs = await bed.ok({ apiVersion, operation: 'getMany', doctype: PAGED });
		expect(docs).toHaveLength(50);
		expect(bed.requestsSince(mark)).toHaveLength(1);
		const all = await bed.ok({ apiVersion, operation: 'getMany', doctype: PAGED, returnAll: true });
		expect(all).toHaveLength(PAGED_COUNT);
		expect(all[0]).toEqual({ name: expect.any(String) });
	});

	describe('filter operators', () => {
		const cases: Array<[string, string, unknown, (row: ProbeRow) => boolean]> = [
			['equals', 'status', 'Open', (row) => row.status === 'Open'],
			['notEquals', 'status', 'Open', (row) => row.status !== 'Open'],
			['greater', 'qty', '5', (row) => row.qty > 5],
			['less', 'qty', '3', (row) => row.qty < 3],
			['greaterOrEqual', 'qty', '5', (row) => row.qty >= 5],
			['lessOrEqual', 'amount', '21', (row) => row.amount <= 21],
			['like', 'title', '%probe 1%', (row) => row.title.includes('probe 1')],
			['notLike', 'title', '%probe 1%', (row) => !row.title.includes('probe 1')],
			['in', 'status', 'Closed, Cancelled', (row) => ['Closed', 'Cancelled'].includes(row.status)],
			['notIn', 'status', '["Closed"]', (row) => row.status !== 'Closed'],
			['isSet', 'note', '', (row) => row.note !== null],
			['isNotSet', 'note', '', (row) => row.note === null],
			[
				'between',
				'day',
				'2024-01-03, 2024-01-05',
				(row) => row.day >= '2024-01-03' && row.day <= '2024-01-05',
			],
			['timespan', 'day', 'today', (row) => row.day === today()],
		];

		it.each(cases)('%s on %s', async (operator, field, value, expected) => {
			const docs = await bed.ok({
				apiVersion,
				operation: 'getMany',
				doctype: PROBE,
				returnAll: true,
				filters: { conditions: [{ field, operator, value }] },
			});
			const want = probes.filter(expected).map((row) => row.title);
			expect(want.length).toBeGreaterThan(0);
			expect(docs.map((doc) => doc.name).sort()).toEqual(want.sort());
		});

		it('keeps a number from an expression a number', async () => {
			const docs = await bed.ok(
				{
					apiVersion,
					operation: 'getMany',
					doctype: PROBE,
					returnAll: true,
					filters: {
						conditions: [{ field: 'qty', operator: 'greater', value: '={{ $json.min }}' }],
					},
				},
				{ input: [{ min: 7 }] },
			);
			expect(docs.map((doc) => doc.name).sort()).toEqual(['probe 8', 'probe 9', 'probe today']);
		});
	});

	it('combines builder filters, JSON filters and OR filters', async () => {
		const mark = bed.server.requests.length;
		const docs = await bed.ok({
			apiVersion,
			operation: 'getMany',
			doctype: PROBE,
			returnAll: true,
			filters: { conditions: [{ field: 'qty', operator: 'less', value: '9' }] },
			options: {
				filtersJson: '{"amount": [">", 0]}',
				orFilters: { conditions: [{ field: 'status', operator: 'equals', value: 'Closed' }] },
				orFiltersJson: '[["note", "=", "even"]]',
				fields: ['name', 'qty'],
				orderBy: 'qty asc',
			},
		});
		const want = probes
			.filter(
				(row) => row.qty < 9 && row.amount > 0 && (row.status === 'Closed' || row.note === 'even'),
			)
			.sort((a, b) => a.qty - b.qty);
		expect(docs).toEqual(want.map((row) => ({ name: row.title, qty: row.qty })));
		const [request] = bed.requestsSince(mark);
		expect(request).toContain('filters=[["qty","<","9"],["amount",">",0]]');
		expect(request).toContain('or_filters=[["status","=","Closed"],["note","=","even"]]');
		expect(request).toContain('order_by=qty asc, name asc');
	});

	it('filters a doctype with a space by a child-table field and returns all fields', async () => {
		const { store } = bed.server;
		const tag = `child-filter-${apiVersion}`;
		const gadget = store.insert('Sales Voucher', {
			customer: tag,
			items: [{ item: 'Gadget 9000', qty: 1, rate: 1 }],
		}).name;
		store.insert('Sales Voucher', { customer: tag, items: [{ item: 'Widget', qty: 1, rate: 1 }] });
		const mark = bed.server.requests.length;
		const docs = await bed.ok({
			apiVersion,
			operation: 'getMany',
			doctype: 'Sales Voucher',
			returnAll: true,
			filters: { conditions: [{ field: 'customer', operator: 'equals', value: tag }] },
			options: {
				filtersJson: '[["Sales Voucher Item", "item", "=", "Gadget 9000"]]',
				fields: ['*'],
			},
		});
		expect(docs).toHaveLength(1);
		expect(docs[0]).toMatchObject({ name: gadget, customer: tag, docstatus: 0 } as IDataObject);
		expect(bed.requestsSince(mark)[0]).toContain(
			'order_by=`tabSales Voucher`.`modified` desc, `tabSales Voucher`.`name` desc',
		);
	});

	it('reports a filter mistake before sending anything', async () => {
		const mark = bed.server.requests.length;
		const result = await bed.run({
			apiVersion,
			operation: 'getMany',
			doctype: PROBE,
			filters: { conditions: [{ field: 'day', operator: 'between', value: '2024-01-01' }] },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'The "between" filter on "day" needs exactly two values, e.g. "2024-01-01, 2024-01-31"',
		);
		expect(bed.requestsSince(mark)).toEqual([]);
	});
});
