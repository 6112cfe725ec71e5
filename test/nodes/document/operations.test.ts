// Every Document operation through n8n's engine against the Frappe-compatible server, on API v1 and v2, with a
// doctype whose name has a space (Sales Voucher) wherever it fits.
import type { IDataObject } from 'n8n-workflow';

import { byName, byUrl, DocumentTestbed, fieldRows, fromList, VERSIONS } from './support';

const SV = 'Sales Voucher';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start();
	bed.server.registerDocMethod(SV, 'apply_discount', {
		handler: (doc, args) => ({
			name: doc.name,
			discounted: Number(doc.grand_total) * (1 - Number(args.percent) / 100),
		}),
	});
	bed.server.registerDocMethod(SV, 'total_quantity', {
		handler: (doc) => (doc.items as IDataObject[]).reduce((sum, row) => sum + Number(row.qty), 0),
		methods: ['GET', 'POST'],
	});
});

afterAll(async () => await bed.close());

function newVoucher(customer: string, items = [{ item: 'Widget', qty: 2, rate: 25 }]): string {
	const grand_total = items.reduce((sum, row) => sum + row.qty * row.rate, 0);
	return bed.server.store.insert(SV, { customer, posting_date: '2025-05-01', grand_total, items })
		.name as string;
}

describe.each(VERSIONS)('Document operations on API %s', (apiVersion) => {
	const tag = `ops-${apiVersion}`;

	describe('Create', () => {
		it('creates a document with a child table from the field picker, values typed by the field', async () => {
			const [doc] = await bed.ok({
				apiVersion,
				operation: 'create',
				doctype: SV,
				fieldValues: fieldRows({
					customer: `${tag} picker`,
					grand_total: '350.5',
					items:
						'[{"item": "Widget", "qty": 2, "rate": 25}, {"item": "Gadget", "qty": 3, "rate": 100.25}]',
				}),
			});
			expect(doc).toMatchObject({
				doctype: SV,
				customer: `${tag} picker`,
				grand_total: 350.5,
				docstatus: 0,
			});
			expect((doc.items as IDataObject[]).map((row) => [row.item, row.qty, row.rate])).toEqual([
				['Widget', 2, 25],
				['Gadget', 3, 100.25],
			]);
			const stored = bed.server.store.get(SV, doc.name as string)!;
			expect(stored.grand_total).toBe(350.5);
			expect(stored.items as IDataObject[]).toHaveLength(2);
		});

		it('creates a document from JSON, values keeping their JSON types', async () => {
			const [doc] = await bed.ok({
				apiVersion,
				operation: 'create',
				doctype: 'Customer',
				specifyFields: 'json',
				jsonFields: JSON.stringify({
					customer_name: `${tag} Json Co`,
					credit_limit: 1200,
					disabled: true,
				}),
			});
			expect(doc).toMatchObject({ name: `${tag} Json Co`, credit_limit: 1200, disabled: 1 });
		});

		it('stores a Check given as "true" as 1, not 0', async () => {
			const [doc] = await bed.ok({
				apiVersion,
				operation: 'create',
				doctype: 'Customer',
				fieldValues: fieldRows({
					customer_name: `${tag} Check Co`,
					disabled: 'true',
					credit_limit: '75',
				}),
			});
			expect(doc).toMatchObject({ disabled: 1, credit_limit: 75 });
			expect(bed.server.store.get('Customer', `${tag} Check Co`)).toMatchObject({ disabled: 1 });
		});

		it('keeps the type of a value given by an expression', async () => {
			const [doc] = await bed.ok(
				{
					apiVersion,
					operation: 'create',
					doctype: SV,
					fieldValues: fieldRows({
						customer: '={{ $json.customer }}',
						grand_total: '={{ $json.total }}',
						items: '={{ $json.rows }}',
					}),
				},
				{
					input: [
						{
							customer: `${tag} expression`,
							total: 40,
							rows: [{ item: 'Gizmo', qty: 1, rate: 40 }],
						},
					],
				},
			);
			expect(doc).toMatchObject({ customer: `${tag} expression`, grand_total: 40 });
			expect((doc.items as IDataObject[])[0]).toMatchObject({ item: 'Gizmo', qty: 1, rate: 40 });
		});

		it('submits after create when asked', async () => {
			const [doc] = await bed.ok({
				apiVersion,
				operation: 'create',
				doctype: SV,
				fieldValues: fieldRows({
					customer: `${tag} submitted`,
					items: '[{"item": "Widget", "qty": 1, "rate": 5}]',
				}),
				options: { submitAfterCreate: true },
			});
			expect(doc.docstatus).toBe(1);
			expect(bed.server.store.get(SV, doc.name as string)?.docstatus).toBe(1);
		});

		it('refuses Submit After Create on a doctype that is not submittable, before creating anything', async () => {
			const before = bed.server.store.count('ToDo');
			const result = await bed.run({
				apiVersion,
				operation: 'create',
				doctype: 'ToDo',
				fieldValues: fieldRows({ description: `${tag} not submittable` }),
				options: { submitAfterCreate: true },
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('ToDo is not submittable, so it cannot be submitted');
			expect(bed.server.store.count('ToDo')).toBe(before);
		});
	});

	describe('Get', () => {
		it('gets a document by name, from the list, and by its desk link', async () => {
			const name = newVoucher(`${tag} get`);
			for (const documentName of [
				byName(name),
				fromList(name),
				byUrl(`${bed.server.url}/app/sales-voucher/${encodeURIComponent(name)}`),
			]) {
				const [doc] = await bed.ok({ apiVersion, operation: 'get', doctype: SV, documentName });
				expect(doc).toMatchObject({ name, doctype: SV, customer: `${tag} get` });
				expect(doc.items as IDataObject[]).toHaveLength(1);
			}
		});

		it('gets a document whose name has spaces and an ampersand, from a percent-encoded desk link', async () => {
			const name = `${tag} Smith & Sons`;
			bed.server.store.insert('Customer', { customer_name: name });
			const [doc] = await bed.ok({
				apiVersion,
				operation: 'get',
				doctype: 'Customer',
				documentName: byUrl(`${bed.server.url}/app/customer/${encodeURIComponent(name)}`),
			});
			expect(doc.name).toBe(name);
		});

		it('refuses a desk link of another doctype', async () => {
			const result = await bed.run({
				apiVersion,
				operation: 'get',
				doctype: SV,
				documentName: byUrl(`${bed.server.url}/app/todo/abc`),
			});
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				'The link points to a "todo" document, but the doctype is Sales Voucher',
			);
		});
	});

	describe('Update', () => {
		it('changes only the fields sent', async () => {
			const name = newVoucher(`${tag} update`);
			const [doc] = await bed.ok({
				apiVersion,
				operation: 'update',
				doctype: SV,
				documentName: byName(name),
				fieldValues: fieldRows({ status: 'Paid' }),
			});
			expect(doc).toMatchObject({
				name,
				status: 'Paid',
				customer: `${tag} update`,
				grand_total: 50,
			});
			expect(doc.items as IDataObject[]).toHaveLength(1);
		});

		it('replaces the child table with the rows sent', async () => {
			const name = newVoucher(`${tag} replace`, [
				{ item: 'Widget', qty: 1, rate: 10 },
				{ item: 'Gadget', qty: 1, rate: 20 },
			]);
			const [doc] = await bed.ok({
				apiVersion,
				operation: 'update',
				doctype: SV,
				documentName: byName(name),
				specifyFields: 'json',
				jsonFields: JSON.stringify({ items: [{ item: 'Gizmo', qty: 4, rate: 5 }] }),
			});
			expect((doc.items as IDataObject[]).map((row) => row.item)).toEqual(['Gizmo']);
			expect(
				(bed.server.store.get(SV, name)!.items as IDataObject[]).map((row) => row.item),
			).toEqual(['Gizmo']);
		});

		it('refuses a stale update when "Only If Unchanged Since" is set', async () => {
			const name = newVoucher(`${tag} stale`);
			const readModified = bed.server.store.get(SV, name)!.modified as string;
			bed.server.store.update(SV, name, { status: 'Paid' });
			const stale = await bed.run({
				apiVersion,
				operation: 'update',
				doctype: SV,
				documentName: byName(name),
				fieldValues: fieldRows({ customer: 'overwritten' }),
				options: { expectedModified: readModified },
			});
			expect(stale.status).toBe('error');
			expect((stale.error as unknown as { httpCode: string }).httpCode).toBe('417');
			expect(stale.error?.message).toMatch(/modified after you have opened it/i);
			expect(bed.server.store.get(SV, name)!.customer).toBe(`${tag} stale`);

			const current = bed.server.store.get(SV, name)!.modified as string;
			const [doc] = await bed.ok({
				apiVersion,
				operation: 'update',
				doctype: SV,
				documentName: byName(name),
				fieldValues: fieldRows({ customer: 'fresh' }),
				options: { expectedModified: current },
			});
			expect(doc.customer).toBe('fresh');
		});
	});

	describe('Delete', () => {
		it('deletes a document and says which', async () => {
			const name = newVoucher(`${tag} delete`);
			const [out] = await bed.ok({
				apiVersion,
				operation: 'delete',
				doctype: SV,
				documentName: byName(name),
			});
			expect(out).toEqual({ deleted: true, doctype: SV, name });
			expect(bed.server.store.get(SV, name)).toBeUndefined();
		});
	});

	describe('Submit and Cancel', () => {
		it('submits a draft and cancels it', async () => {
			const name = newVoucher(`${tag} lifecycle`);
			const [submitted] = await bed.ok({
				apiVersion,
				operation: 'submit',
				doctype: SV,
				documentName: byName(name),
			});
			expect(submitted).toMatchObject({ name, docstatus: 1 });
			const [cancelled] = await bed.ok({
				apiVersion,
				operation: 'cancel',
				doctype: SV,
				documentName: byName(name),
			});
			expect(cancelled).toMatchObject({ name, docstatus: 2 });
		});

		it('says plainly when the document is in the wrong state', async () => {
			const draft = newVoucher(`${tag} draft`);
			const submitted = newVoucher(`${tag} already submitted`);
			bed.server.store.submit(SV, submitted);
			const cancelled = newVoucher(`${tag} already cancelled`);
			bed.server.store.submit(SV, cancelled);
			bed.server.store.cancel(SV, cancelled);
			const cases: Array<[string, string, string]> = [
				[
					'cancel',
					draft,
					`${SV} ${draft} is a draft and cannot be cancelled; submit it first, or delete it`,
				],
				['submit', submitted, `${SV} ${submitted} is already submitted`],
				[
					'submit',
					cancelled,
					`${SV} ${cancelled} is cancelled and cannot be submitted again; amend it to get a new draft`,
				],
				['cancel', cancelled, `${SV} ${cancelled} is already cancelled`],
			];
			for (const [operation, name, message] of cases) {
				const mark = bed.server.requests.length;
				const result = await bed.run({
					apiVersion,
					operation,
					doctype: SV,
					documentName: byName(name),
				});
				expect(result.status).toBe('error');
				expect(result.error?.message).toBe(message);
				expect(bed.requestsSince(mark).some((request) => request.startsWith('PUT'))).toBe(false);
			}
		});

		it('says plainly when the doctype is not submittable', async () => {
			const todo = bed.server.store.insert('ToDo', { description: `${tag} todo` }).name as string;
			for (const operation of ['submit', 'cancel']) {
				const result = await bed.run({
					apiVersion,
					operation,
					doctype: 'ToDo',
					documentName: byName(todo),
				});
				expect(result.status).toBe('error');
				expect(result.error?.message).toMatch(
					/^ToDo is not submittable, so it cannot be (submitted|cancelled)$/,
				);
			}
		});
	});

	describe('Run Document Method', () => {
		it('runs a whitelisted method with arguments by POST', async () => {
			const name = newVoucher(`${tag} method`);
			const [out] = await bed.ok({
				apiVersion,
				operation: 'runMethod',
				doctype: SV,
				documentName: byName(name),
				methodName: 'apply_discount',
				methodArguments: '{"percent": 10}',
			});
			expect(out).toEqual({ name, discounted: 45 });
		});

		it('runs a method by GET and wraps a plain result', async () => {
			const name = newVoucher(`${tag} method get`, [
				{ item: 'A', qty: 2, rate: 1 },
				{ item: 'B', qty: 5, rate: 1 },
			]);
			const [out] = await bed.ok({
				apiVersion,
				operation: 'runMethod',
				doctype: SV,
				documentName: byName(name),
				methodName: 'total_quantity',
				methodHttpMethod: 'GET',
			});
			expect(out).toEqual({ result: 7 });
		});

		it("runs Frappe's own submit method", async () => {
			const name = newVoucher(`${tag} method submit`);
			const [out] = await bed.ok({
				apiVersion,
				operation: 'runMethod',
				doctype: SV,
				documentName: byName(name),
				methodName: 'submit',
			});
			expect(out).toMatchObject({ name, docstatus: 1 });
		});
	});

	describe('Create or Update', () => {
		const upsert = (fields: Record<string, unknown>, matchFields = ['customer_name']) =>
			bed.run({
				apiVersion,
				operation: 'upsert',
				doctype: 'Customer',
				matchFields,
				fieldValues: fieldRows(fields),
			});

		it('creates when nothing matches, updates the one match, and fails on several', async () => {
			const created = await upsert({ customer_name: `${tag} Upsert Co`, territory: 'Asia' });
			expect(created.status).toBe('success');
			expect(created.items[0].json).toMatchObject({ name: `${tag} Upsert Co`, territory: 'Asia' });

			const updated = await upsert({ customer_name: `${tag} Upsert Co`, territory: 'Europe' });
			expect(updated.status).toBe('success');
			expect(updated.items[0].json).toMatchObject({
				name: `${tag} Upsert Co`,
				territory: 'Europe',
			});
			expect(
				bed.server.store.list('Customer', {
					filters: [['customer_name', 'like', `${tag} Upsert%`]],
				}),
			).toHaveLength(1);

			bed.server.store.insert('Customer', {
				customer_name: `${tag} Twin A`,
				customer_group: `${tag} twins`,
			});
			bed.server.store.insert('Customer', {
				customer_name: `${tag} Twin B`,
				customer_group: `${tag} twins`,
			});
			const ambiguous = await upsert({ customer_group: `${tag} twins`, territory: 'Asia' }, [
				'customer_group',
			]);
			expect(ambiguous.status).toBe('error');
			expect(ambiguous.error?.message).toMatch(
				new RegExp(
					`^More than one Customer has customer_group = "${tag} twins" \\(${tag} Twin [AB], ${tag} Twin [AB], …\\)$`,
				),
			);
			expect(bed.server.store.get('Customer', `${tag} Twin A`)?.territory ?? null).toBeNull();
		});

		it('matches on several fields of a doctype with a space', async () => {
			const name = newVoucher(`${tag} upsert sv`);
			const result = await bed.run({
				apiVersion,
				operation: 'upsert',
				doctype: SV,
				matchFields: ['customer', 'posting_date'],
				fieldValues: fieldRows({
					customer: `${tag} upsert sv`,
					posting_date: '2025-05-01',
					status: 'Paid',
				}),
			});
			expect(result.status).toBe('success');
			expect(result.items[0].json).toMatchObject({ name, status: 'Paid' });
		});

		it('needs a value for each match field', async () => {
			const result = await upsert({ territory: 'Asia' });
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe('No value for the match field customer_name');
		});
	});

	describe('Get Field Value and Set Field Value', () => {
		it('reads fields by name and by filters', async () => {
			const name = newVoucher(`${tag} value`);
			const [byDocName] = await bed.ok({
				apiVersion,
				operation: 'getValue',
				doctype: SV,
				documentName: byName(name),
				fieldnames: ['customer', 'grand_total'],
			});
			expect(byDocName).toEqual({ customer: `${tag} value`, grand_total: 50 });
			const [byFilters] = await bed.ok({
				apiVersion,
				operation: 'getValue',
				doctype: SV,
				selectBy: 'filters',
				filters: { conditions: [{ field: 'customer', operator: 'equals', value: `${tag} value` }] },
				fieldnames: ['name'],
			});
			expect(byFilters).toEqual({ name });
		});

		it('sets fields and returns the document', async () => {
			const name = newVoucher(`${tag} set value`);
			const [doc] = await bed.ok({
				apiVersion,
				operation: 'setValue',
				doctype: SV,
				documentName: byName(name),
				fieldValues: fieldRows({ status: 'Paid', grand_total: '99' }),
			});
			expect(doc).toMatchObject({ name, status: 'Paid', grand_total: 99 });
			expect(bed.server.store.get(SV, name)).toMatchObject({ status: 'Paid', grand_total: 99 });
		});
	});

	describe('Count and Get Many', () => {
		it('counts with filters', async () => {
			for (let i = 0; i < 3; i++) newVoucher(`${tag} count`);
			const [all] = await bed.ok({ apiVersion, operation: 'count', doctype: SV });
			expect(all.count).toBe(bed.server.store.count(SV));
			const [some] = await bed.ok({
				apiVersion,
				operation: 'count',
				doctype: SV,
				filters: { conditions: [{ field: 'customer', operator: 'equals', value: `${tag} count` }] },
			});
			expect(some).toEqual({ count: 3 });
			const [json] = await bed.ok({
				apiVersion,
				operation: 'count',
				doctype: SV,
				options: { filtersJson: JSON.stringify({ customer: `${tag} count` }) },
			});
			expect(json).toEqual({ count: 3 });
		});

		it('pairs every document with the input item it was listed for', async () => {
			newVoucher(`${tag} paired A`);
			newVoucher(`${tag} paired A`);
			newVoucher(`${tag} paired B`);
			const result = await bed.run(
				{
					apiVersion,
					operation: 'getMany',
					doctype: SV,
					returnAll: true,
					filters: {
						conditions: [{ field: 'customer', operator: 'equals', value: '={{ $json.customer }}' }],
					},
					options: { fields: ['customer'] },
				},
				{ input: [{ customer: `${tag} paired A` }, { customer: `${tag} paired B` }] },
			);
			expect(result.items.map((item) => [item.json.customer, item.pairedItem])).toEqual([
				[`${tag} paired A`, { item: 0 }],
				[`${tag} paired A`, { item: 0 }],
				[`${tag} paired B`, { item: 1 }],
			]);
		});

		it('gets many documents of a doctype with a space, filtered, with chosen fields', async () => {
			for (let i = 0; i < 4; i++) newVoucher(`${tag} many`);
			const docs = await bed.ok({
				apiVersion,
				operation: 'getMany',
				doctype: SV,
				returnAll: true,
				filters: { conditions: [{ field: 'customer', operator: 'like', value: `${tag} many` }] },
				options: { fields: ['name', 'customer', 'grand_total'] },
			});
			expect(docs).toHaveLength(4);
			for (const doc of docs)
				expect(Object.keys(doc).sort()).toEqual(['customer', 'grand_total', 'name']);
		});
	});
});

describe('with a session credential', () => {
	it('pages through Get Many and renews an expired session on the way', async () => {
		const { email, password } = bed.server.users.clerk;
		const session = bed.harness.addCredential('frappeSessionApi', {
			siteUrl: bed.server.url,
			username: email,
			password,
			sid: '',
		});
		for (let i = 0; i < 5; i++) newVoucher('session paging');
		const run = () =>
			bed.ok(
				{
					operation: 'getMany',
					doctype: SV,
					returnAll: true,
					filters: {
						conditions: [{ field: 'customer', operator: 'equals', value: 'session paging' }],
					},
					options: { pageSize: 2 },
				},
				{ credential: session },
			);
		expect(await run()).toHaveLength(5);
		const logins = bed.server.counters.logins;
		bed.server.expireSessions();
		expect(await run()).toHaveLength(5);
		expect(bed.server.counters.logins).toBe(logins + 1);
	});
});
