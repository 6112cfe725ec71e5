// The pickers, the way the editor calls them, for an ordinary desk user without System Manager (the clerk):
// the doctype list, the document list and the field lists, on API v1 and v2.
import type { NodeUnderTest } from '../../harness';
import { byName, DocumentTestbed, VERSIONS } from './support';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start();
	for (let i = 0; i < 120; i++) {
		bed.server.store.insert('Note', { title: `Picker note ${String(i).padStart(3, '0')}` });
	}
});

/** Scrolls a picker to its end as n8n's editor does: asks again with each token, appending what comes back. */
async function scroll(
	spec: NodeUnderTest,
	method: string,
): Promise<{ pages: number; values: string[] }> {
	const values: string[] = [];
	let token: string | undefined;
	let pages = 0;
	do {
		const page = await bed.harness.listSearch(spec, method, '', token);
		values.push(...page.results.map((result) => String(result.value)));
		token = page.paginationToken as string | undefined;
		pages++;
	} while (token !== undefined && pages < 20);
	return { pages, values };
}

afterAll(async () => await bed.close());

it('the clerk may not list /api/resource/DocType, which is why the pickers never use it', async () => {
	const { apiKey, apiSecret } = bed.server.users.clerk;
	const response = await fetch(`${bed.server.url}/api/resource/DocType`, {
		headers: { Authorization: `token ${apiKey}:${apiSecret}`, Accept: 'application/json' },
	});
	expect(response.status).toBe(403);
});

describe.each(VERSIONS)('pickers on API %s, as the clerk', (apiVersion) => {
	const node = (parameters: Record<string, unknown> = {}) =>
		bed.node({ apiVersion, operation: 'get', ...parameters }, { credential: bed.clerk });

	it('lists doctypes by search, asking Frappe to leave out child tables, with links to their desk pages', async () => {
		const mark = bed.server.requests.length;
		const { results } = await bed.harness.listSearch(node(), 'searchDoctypes', 'sales');
		const names = results.map((result) => result.value);
		expect(names).toContain('Sales Voucher');
		expect(names).not.toContain('Sales Voucher Item');
		const method = `${apiVersion === 'v2' ? '/api/v2/method' : '/api/method'}/frappe.desk.search.search_link`;
		expect(bed.requestsSince(mark).sort()).toEqual([
			`GET ${method}?doctype=DocType&txt=&query=frappe.contacts.address_and_contact.filter_dynamic_link_doctypes`,
			`GET ${method}?doctype=DocType&txt=sales&page_length=50&filters={"istable":0}`,
		]);
		expect(results.find((result) => result.value === 'Sales Voucher')).toMatchObject({
			name: 'Sales Voucher',
			url: `${bed.server.url}/app/sales-voucher`,
		});
	});

	it('gives the whole doctype list at once, with no token for pages that would only repeat it', async () => {
		// search_link ignores page_length for DocType (a translated doctype): every match comes back at once
		const asAdministrator = bed.node({ apiVersion, operation: 'get' });
		const seen = await scroll(asAdministrator, 'searchDoctypes');
		expect(seen.pages).toBe(1);
		expect(seen.values.length).toBeGreaterThan(50);
		expect(new Set(seen.values).size).toBe(seen.values.length);
	});

	it('offers only the doctypes the user may read', async () => {
		const asClerk = await scroll(node(), 'searchDoctypes');
		const clerk = bed.server.users.clerk.email;
		const readable = bed.server.store
			.allMetas()
			.filter((meta) => !meta.istable && bed.server.store.hasRolePermission(clerk, meta.name))
			.map((meta) => meta.name);
		expect([...asClerk.values].sort()).toEqual([...readable].sort());
		expect(asClerk.values).toEqual(
			expect.arrayContaining(['Customer', 'File', 'Note', 'Sales Voucher', 'ToDo']),
		);
		for (const unreadable of ['Webhook', 'Email Group', 'User', 'DocType'])
			expect(asClerk.values).not.toContain(unreadable);
		const asLimited = await scroll(
			bed.node({ apiVersion, operation: 'get' }, { credential: bed.limited }),
			'searchDoctypes',
		);
		expect(asLimited.values).toContain('ToDo');
		expect(asLimited.values).not.toContain('Sales Voucher');
		expect(asLimited.values).not.toContain('Email Group');
		const { results } = await bed.harness.listSearch(node(), 'searchDoctypes', 'email');
		expect(results).toEqual([]);
	});

	it('scrolls through a long document list, page after page, each document once', async () => {
		const seen = await scroll(node({ doctype: byName('Note') }), 'searchDocuments');
		const notes = bed.server.store.rowsOf('Note').map((note) => note.name as string);
		expect(seen.pages).toBeGreaterThan(2);
		expect(new Set(seen.values).size).toBe(seen.values.length);
		expect([...seen.values].sort()).toEqual([...notes].sort());
	});

	it('lists documents of the chosen doctype, searched by name and title fields', async () => {
		const { results } = await bed.harness.listSearch(
			node({ doctype: byName('Customer') }),
			'searchDocuments',
			'europe',
		);
		const names = results.map((result) => result.value);
		expect(names).toEqual(expect.arrayContaining(['Globex Ltd', 'Initech GmbH', 'Café Zürich']));
		expect(names).not.toContain('Acme Corporation');
		expect(results.find((result) => result.value === 'Café Zürich')?.url).toBe(
			`${bed.server.url}/app/customer/Caf%C3%A9%20Z%C3%BCrich`,
		);
	});

	it('asks for a doctype before listing documents', async () => {
		await expect(
			bed.harness.listSearch(node({ doctype: byName('') }), 'searchDocuments', ''),
		).rejects.toThrow('Choose the doctype first');
	});

	it('lists the fields of a doctype with a space, from the meta any reader gets', async () => {
		const spec = node({ doctype: byName('Sales Voucher') });
		const fields = await bed.harness.loadOptions(spec, 'getFields');
		expect(fields.map((field) => field.value)).toEqual(
			expect.arrayContaining([
				'customer',
				'posting_date',
				'status',
				'grand_total',
				'items',
				'name',
			]),
		);
		expect(fields.find((field) => field.value === 'items')).toMatchObject({
			name: 'Items (items)',
			description: 'Table → Sales Voucher Item',
		});
		expect(fields.find((field) => field.value === 'customer')?.description).toBe('Data, mandatory');

		const filterFields = await bed.harness.loadOptions(spec, 'getFilterFields');
		expect(filterFields.slice(0, 7).map((field) => field.value)).toEqual([
			'name',
			'owner',
			'creation',
			'modified',
			'modified_by',
			'docstatus',
			'idx',
		]);
		const listFields = await bed.harness.loadOptions(spec, 'getListFields');
		expect(listFields[0]).toMatchObject({ value: '*' });
		expect(listFields).toHaveLength(filterFields.length + 1);

		const requests = bed.server.requests
			.slice(-3)
			.map((request) => decodeURIComponent(request.path));
		for (const path of requests) expect(path).not.toMatch(/\/api\/resource\/DocType/);
	});

	it('says what went wrong when a field list cannot load', async () => {
		await expect(
			bed.harness.loadOptions(node({ doctype: byName('No Such Doctype') }), 'getFields'),
		).rejects.toThrow(/No Such Doctype/);
	});
});
