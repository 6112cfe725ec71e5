// The pickers, the way the editor calls them, for an ordinary desk user without System Manager (the clerk):
// the doctype list, the document list and the field lists, on API v1 and v2.
import { byName, DocumentTestbed, VERSIONS } from './support';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start();
});

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
		expect(bed.requestsSince(mark)).toEqual([
			`GET ${apiVersion === 'v2' ? '/api/v2/method' : '/api/method'}/frappe.desk.search.search_link?doctype=DocType&txt=sales&page_length=50&filters={"istable":0}`,
		]);
		expect(results.find((result) => result.value === 'Sales Voucher')).toMatchObject({
			name: 'Sales Voucher',
			url: `${bed.server.url}/app/sales-voucher`,
		});
	});

	it('pages through the doctype list', async () => {
		const first = await bed.harness.listSearch(node(), 'searchDoctypes', '');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		const second = await bed.harness.listSearch(
			node(),
			'searchDoctypes',
			'',
			first.paginationToken,
		);
		expect(second.results.length).toBeGreaterThan(0);
		const overlap = second.results.filter((result) =>
			first.results.some((seen) => seen.value === result.value),
		);
		expect(overlap).toEqual([]);
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
