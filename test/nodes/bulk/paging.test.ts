// Return All through n8n's engine: exactly the N matching documents, each once, for N of 0, 1, a page less one, a
// page, a page and one, and 2,500; with filters and OR filters; in as many requests as full pages (no trailing
// empty page); and with documents modified while it pages.
import { DocumentTestbed } from '../document/support';

// One doctype per count, so that a page's query reads only its own rows (the test server scans them all).
const rowDoctype = (count: number) => `Paged Row ${count}`;
const PAGE_SIZES = [1, 7, 500, 1000];
const COUNTS = [...new Set([0, 1, 2, 6, 7, 8, 499, 500, 501, 999, 1000, 1001, 2500])];

let bed: DocumentTestbed;
const names = new Map<number, string[]>();

beforeAll(async () => {
	bed = await DocumentTestbed.start({ seed: 'demo' });
	const { store } = bed.server;
	for (const count of COUNTS) {
		store.defineDocType({
			name: rowDoctype(count),
			module: 'Custom',
			custom: 1,
			autoname: 'hash',
			fields: [
				{ fieldname: 'grp', label: 'Group', fieldtype: 'Data' },
				{
					fieldname: 'status',
					label: 'Status',
					fieldtype: 'Select',
					options: 'Open\nClosed\nCancelled',
				},
				{ fieldname: 'seq', label: 'Seq', fieldtype: 'Int' },
			],
			permissions: [{ role: 'System Manager', read: 1, write: 1, create: 1, delete: 1 }],
		});
	}
	for (const count of COUNTS) {
		const group: string[] = [];
		for (let seq = 0; seq < count; seq++) {
			const status = seq % 2 === 0 ? 'Open' : 'Closed';
			group.push(store.insert(rowDoctype(count), { grp: `g${count}`, status, seq }).name as string);
			// Rows of the group that the OR filters leave out.
			if (seq % 3 === 0)
				store.insert(rowDoctype(count), { grp: `g${count}`, status: 'Cancelled', seq });
			// Rows of another group, which the filter leaves out.
			if (seq % 5 === 0) store.insert(rowDoctype(count), { grp: 'other', status, seq });
		}
		names.set(count, group);
	}
}, 120_000);

afterAll(async () => await bed.close());

function returnAll(count: number, pageSize: number, apiVersion: 'v1' | 'v2' = 'v1') {
	return {
		apiVersion,
		operation: 'getMany',
		doctype: rowDoctype(count),
		returnAll: true,
		filters: { conditions: [{ field: 'grp', operator: 'equals', value: `g${count}` }] },
		options: {
			pageSize,
			fields: ['seq'],
			orFilters: {
				conditions: [
					{ field: 'status', operator: 'equals', value: 'Open' },
					{ field: 'status', operator: 'equals', value: 'Closed' },
				],
			},
		},
	};
}

describe.each(PAGE_SIZES)('page size %i', (pageSize) => {
	// 2,500 at a page of 1 is 2,500 requests through the engine (minutes on a busy machine): page 7 pages as deep.
	const counts = [0, 1, pageSize - 1, pageSize, pageSize + 1, pageSize === 1 ? 0 : 2500].filter(
		(count, index, all) => count >= 0 && all.indexOf(count) === index,
	);
	it.each(counts)(
		'returns exactly the %i matching documents',
		async (count) => {
			const mark = bed.server.requests.length;
			const docs = await bed.ok(returnAll(count, pageSize));
			expect(docs).toHaveLength(count);
			// Only the fields asked for: the name the paging needed is not added to the output.
			expect(docs.every((doc) => Object.keys(doc).join() === 'seq')).toBe(true);
			expect(docs.map((doc) => doc.seq)).toEqual(
				[...Array(count).keys()].sort((a, b) => {
					const [x, y] = [names.get(count)![a], names.get(count)![b]];
					return x < y ? -1 : x > y ? 1 : 0;
				}),
			);
			expect(bed.requestsSince(mark)).toHaveLength(Math.max(1, Math.ceil(count / pageSize)));
		},
		300_000,
	);
});

it.each(['v1', 'v2'] as const)(
	'neither skips nor repeats documents modified while it pages (API %s)',
	async (apiVersion) => {
		const count = 501;
		const expected = [...names.get(count)!].sort();
		const { store } = bed.server;
		const requests = bed.server.requests;
		const record = requests.push.bind(requests);
		let pages = 0;
		// After each page: three documents of the list are saved again (their `modified` moves to now) and one new
		// document that does not match is added.
		requests.push = (...recorded) => {
			pages++;
			for (let k = 0; k < 3; k++) {
				const name = expected[(pages * 37 + k * 101) % expected.length];
				store.update(rowDoctype(count), name, {
					status: store.getDoc(rowDoctype(count), name).status,
				});
			}
			store.insert(rowDoctype(count), { grp: 'elsewhere', status: 'Open', seq: -1 });
			return record(...recorded);
		};
		try {
			const docs = await bed.ok({
				...returnAll(count, 50, apiVersion),
				options: { ...returnAll(count, 50).options, fields: ['name'] },
			});
			expect(pages).toBe(Math.ceil(count / 50));
			expect(docs.map((doc) => doc.name)).toEqual(expected);
		} finally {
			requests.push = record;
		}
	},
	60_000,
);

it('pages by offset under the order the user gave, still exactly once each', async () => {
	const count = 1001;
	const mark = bed.server.requests.length;
	const docs = await bed.ok({
		...returnAll(count, 500),
		options: { ...returnAll(count, 500).options, orderBy: 'seq desc', fields: ['seq'] },
	});
	expect(docs.map((doc) => doc.seq)).toEqual([...Array(count).keys()].reverse());
	const sent = bed.requestsSince(mark);
	expect(sent).toHaveLength(3);
	expect(sent[2]).toContain('limit_start=1000');
	expect(sent[0]).toContain('limit_page_length=501');
});
