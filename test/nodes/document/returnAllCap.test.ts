// Return All of more documents than n8n's engine can take from one input item: RoutingNode adds an item's results
// with push(...items), which fails past about 125,000 with "Maximum call stack size exceeded". The node stops at
// 100,000 with an error that says what to do, instead.
import { MAX_DOCUMENTS_PER_ITEM } from '../../../nodes/Frappe/resources/document/getMany';
import { DocumentTestbed } from './support';

const MANY = 'Many Row';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start({ seed: 'empty' });
	const { store } = bed.server;
	store.defineDocType({
		name: MANY,
		module: 'Custom',
		custom: 1,
		autoname: 'hash',
		fields: [{ fieldname: 'seq', label: 'Seq', fieldtype: 'Int' }],
		permissions: [{ role: 'System Manager', read: 1, write: 1, create: 1, delete: 1 }],
	});
	for (let seq = 0; seq <= MAX_DOCUMENTS_PER_ITEM; seq++) store.insert(MANY, { seq });
}, 120_000);

afterAll(async () => await bed.close());

it('stops past the documents one input item may bring, saying why and what to do', async () => {
	const result = await bed.run({
		operation: 'getMany',
		doctype: MANY,
		returnAll: true,
		options: { pageSize: 50_000 },
	});
	expect(result.status).toBe('error');
	expect(result.error?.message).toBe(
		`More than 100,000 ${MANY} documents for one input item, more than n8n can take from one node`,
	);
	expect(result.error?.description).toMatch(/Narrow the list with filters/);
}, 120_000);

it('gives exactly that many when the limit asks for them', async () => {
	const docs = await bed.ok({
		operation: 'getMany',
		doctype: MANY,
		limit: MAX_DOCUMENTS_PER_ITEM,
		options: { pageSize: 50_000 },
	});
	expect(docs).toHaveLength(MAX_DOCUMENTS_PER_ITEM);
	expect(new Set(docs.map((doc) => doc.name)).size).toBe(MAX_DOCUMENTS_PER_ITEM);
}, 120_000);
