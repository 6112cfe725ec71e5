// Unit tests of the pure helpers behind the Document resource: filter building, desk links, field typing, paths.
import {
	FILTER_OPERATORS,
	buildFilters,
	conditionToFilter,
	joinsChildTable,
	normalizeFilters,
	orderByClause,
} from '../../../nodes/shared/filters';
import {
	deskUrl,
	doctypeSlug,
	linkMatchesDoctype,
	parseDeskUrl,
} from '../../../nodes/shared/documentUrl';
import {
	coerceFieldValue,
	coerceFieldValues,
	metaFromResponse,
} from '../../../nodes/shared/doctypeMeta';
import { documentPath, methodPath, payloadOf } from '../../../nodes/shared/paths';
import { shareRepeatedStrings } from '../../../nodes/shared/compact';

describe('filters', () => {
	it('offers every operator Frappe has', () => {
		const values = FILTER_OPERATORS.map((operator) => operator.frappe);
		for (const operator of [
			'=',
			'!=',
			'>',
			'<',
			'>=',
			'<=',
			'like',
			'not like',
			'in',
			'not in',
			'is set',
			'is not set',
			'between',
		]) {
			expect(values).toContain(operator);
		}
	});

	it('never offers an option value n8n would read as an expression', () => {
		for (const operator of FILTER_OPERATORS) expect(operator.value.startsWith('=')).toBe(false);
		expect(conditionToFilter({ field: 'status', operator: 'equals', value: 'Open' })).toEqual([
			'status',
			'=',
			'Open',
		]);
		expect(conditionToFilter({ field: 'status', operator: 'notEquals', value: 'Open' })).toEqual([
			'status',
			'!=',
			'Open',
		]);
		expect(conditionToFilter({ field: 'qty', operator: 'greaterOrEqual', value: 2 })).toEqual([
			'qty',
			'>=',
			2,
		]);
		expect(conditionToFilter({ field: 'name', operator: 'notIn', value: 'a,b' })).toEqual([
			'name',
			'not in',
			['a', 'b'],
		]);
		expect(
			conditionToFilter({ field: 'lft', operator: 'descendantsOfInclusive', value: 'All' }),
		).toEqual(['lft', 'descendants of (inclusive)', 'All']);
	});

	it('keeps plain operators and the value with its type', () => {
		expect(conditionToFilter({ field: 'grand_total', operator: '>', value: 100 })).toEqual([
			'grand_total',
			'>',
			100,
		]);
		expect(conditionToFilter({ field: 'status', operator: '=', value: 'Open' })).toEqual([
			'status',
			'=',
			'Open',
		]);
		expect(
			conditionToFilter({ field: 'description', operator: 'like', value: '%item 1%' }),
		).toEqual(['description', 'like', '%item 1%']);
		expect(conditionToFilter({ field: 'description', operator: 'not like', value: '%x%' })).toEqual(
			['description', 'not like', '%x%'],
		);
	});

	it('maps "is set" and "is not set" to Frappe\'s "is" operator', () => {
		expect(conditionToFilter({ field: 'sender', operator: 'is set' })).toEqual([
			'sender',
			'is',
			'set',
		]);
		expect(
			conditionToFilter({ field: 'sender', operator: 'is not set', value: 'ignored' }),
		).toEqual(['sender', 'is', 'not set']);
	});

	it('reads lists for in / not in from text, JSON or an array', () => {
		expect(
			conditionToFilter({ field: 'status', operator: 'in', value: 'Closed, Cancelled' }),
		).toEqual(['status', 'in', ['Closed', 'Cancelled']]);
		expect(
			conditionToFilter({ field: 'status', operator: 'not in', value: '["A,B", "C"]' }),
		).toEqual(['status', 'not in', ['A,B', 'C']]);
		expect(conditionToFilter({ field: 'qty', operator: 'in', value: [1, 2] })).toEqual([
			'qty',
			'in',
			[1, 2],
		]);
	});

	it('needs exactly two values for between', () => {
		expect(
			conditionToFilter({ field: 'date', operator: 'between', value: '2024-01-01, 2024-01-31' }),
		).toEqual(['date', 'between', ['2024-01-01', '2024-01-31']]);
		expect(() =>
			conditionToFilter({ field: 'date', operator: 'between', value: '2024-01-01' }),
		).toThrow(/exactly two values/);
	});

	it('refuses a row without a field or with an unknown operator', () => {
		expect(() => conditionToFilter({ field: ' ', operator: '=' })).toThrow(/no field/);
		expect(() => conditionToFilter({ field: 'status', operator: 'contains' })).toThrow(
			/Unknown filter operator/,
		);
	});

	it('reads JSON filters in list, four-element and object form', () => {
		expect(normalizeFilters('[["status","=","Open"]]')).toEqual([['status', '=', 'Open']]);
		expect(normalizeFilters([['Sales Voucher Item', 'item', '=', 'Gadget']])).toEqual([
			['Sales Voucher Item', 'item', '=', 'Gadget'],
		]);
		expect(normalizeFilters({ status: 'Open', description: ['like', '%x%'] })).toEqual([
			['status', '=', 'Open'],
			['description', 'like', '%x%'],
		]);
		expect(normalizeFilters('')).toEqual([]);
		expect(normalizeFilters('[]')).toEqual([]);
		expect(() => normalizeFilters('[["status"')).toThrow(/not valid JSON/);
		expect(() => normalizeFilters('[["a","=","b","c","d"]]')).toThrow(/entry 1/);
	});

	it('puts builder rows and JSON filters together, never the doctype into a plain filter', () => {
		const filters = buildFilters(
			[{ field: 'customer', operator: 'like', value: '%A%' }],
			'{"status":"Draft"}',
		);
		expect(filters).toEqual([
			['customer', 'like', '%A%'],
			['status', '=', 'Draft'],
		]);
		expect(joinsChildTable(filters)).toBe(false);
		expect(joinsChildTable([['Sales Voucher Item', 'item', '=', 'Gadget']])).toBe(true);
	});

	it('always orders, with name as the tie-breaker', () => {
		expect(orderByClause(undefined, 'ToDo')).toBe('modified desc, name desc');
		expect(orderByClause('', 'ToDo')).toBe('modified desc, name desc');
		expect(orderByClause('posting_date asc', 'ToDo')).toBe('posting_date asc, name asc');
		expect(orderByClause('name asc', 'ToDo')).toBe('name asc');
		expect(orderByClause('grand_total desc, name asc', 'ToDo')).toBe('grand_total desc, name asc');
		expect(orderByClause('creation', 'ToDo')).toBe('creation, name asc');
	});

	it('qualifies bare columns when a filter joins a child table', () => {
		expect(orderByClause(undefined, 'Sales Voucher', true)).toBe(
			'`tabSales Voucher`.`modified` desc, `tabSales Voucher`.`name` desc',
		);
	});
});

describe('desk links', () => {
	it('slugs a doctype as the desk does', () => {
		expect(doctypeSlug('Sales Voucher')).toBe('sales-voucher');
		expect(doctypeSlug('ToDo')).toBe('todo');
	});

	it('reads the doctype slug and the decoded name', () => {
		expect(parseDeskUrl('https://erp.example.com/app/sales-voucher/SV-0001')).toEqual({
			slug: 'sales-voucher',
			name: 'SV-0001',
		});
		expect(
			parseDeskUrl('https://erp.example.com/erp/app/customer/John%20Doe%20%26%20Co?tab=x#details'),
		).toEqual({
			slug: 'customer',
			name: 'John Doe & Co',
		});
		expect(parseDeskUrl('http://127.0.0.1:8000/app/todo/abc123/')).toEqual({
			slug: 'todo',
			name: 'abc123',
		});
		expect(parseDeskUrl('/app/todo/100%25')).toEqual({ slug: 'todo', name: '100%' });
	});

	it('keeps a name that is not valid percent-encoding as it is', () => {
		expect(parseDeskUrl('https://x/app/todo/50%off')).toEqual({ slug: 'todo', name: '50%off' });
	});

	it('rejects links that are not to a document', () => {
		expect(parseDeskUrl('https://erp.example.com/app/sales-voucher')).toBeUndefined();
		expect(parseDeskUrl('https://erp.example.com/desk#Form/ToDo/x')).toBeUndefined();
		expect(parseDeskUrl('SV-0001')).toBeUndefined();
	});

	it('checks the link against the doctype and builds links back', () => {
		const link = parseDeskUrl('https://x/app/sales-voucher/A')!;
		expect(linkMatchesDoctype(link, 'Sales Voucher')).toBe(true);
		expect(linkMatchesDoctype(link, 'Sales Order')).toBe(false);
		expect(deskUrl('https://x/', 'Sales Voucher', 'A B')).toBe('https://x/app/sales-voucher/A%20B');
		expect(deskUrl('https://x', 'Sales Voucher')).toBe('https://x/app/sales-voucher');
	});
});

describe('field typing', () => {
	it('types text by the field type and leaves other values alone', () => {
		expect(coerceFieldValue('true', 'Check', 'x')).toBe(1);
		expect(coerceFieldValue('false', 'Check', 'x')).toBe(0);
		expect(coerceFieldValue(true, 'Check', 'x')).toBe(true);
		expect(coerceFieldValue('42', 'Int', 'x')).toBe(42);
		expect(coerceFieldValue('4.50', 'Currency', 'x')).toBe(4.5);
		expect(coerceFieldValue('1.10', 'Data', 'x')).toBe('1.10');
		expect(coerceFieldValue('abc', 'Int', 'x')).toBe('abc');
		expect(coerceFieldValue(7, 'Data', 'x')).toBe(7);
		expect(coerceFieldValue('[{"item":"A","qty":2}]', 'Table', 'items')).toEqual([
			{ item: 'A', qty: 2 },
		]);
		expect(coerceFieldValue('{"item":"A"}', 'Table', 'items')).toEqual([{ item: 'A' }]);
		expect(coerceFieldValue('{"a":1}', 'JSON', 'x')).toEqual({ a: 1 });
		expect(() => coerceFieldValue('[{"item":', 'Table', 'items')).toThrow(
			/"items" is a Table field/,
		);
	});

	it('types a whole set of values by the meta, or only child tables without one', () => {
		const meta = metaFromResponse(
			{
				docs: [
					{
						name: 'Sales Voucher',
						is_submittable: 1,
						fields: [
							{ fieldname: 'customer', fieldtype: 'Data', label: 'Customer' },
							{ fieldname: 'paid', fieldtype: 'Check', label: 'Paid' },
							{ fieldname: 'items', fieldtype: 'Table', options: 'Sales Voucher Item' },
							{ fieldname: 'sb', fieldtype: 'Section Break' },
						],
					},
				],
			},
			'Sales Voucher',
		);
		expect(meta?.isSubmittable).toBe(true);
		expect(meta?.fields.map((field) => field.fieldname)).toEqual(['customer', 'paid', 'items']);
		expect(
			coerceFieldValues({ customer: '007', paid: 'yes', items: '[]', other: '5' }, meta),
		).toEqual({
			customer: '007',
			paid: 1,
			items: [],
			other: '5',
		});
		expect(coerceFieldValues({ items: '[{"item":"A"}]', paid: 'true' }, undefined)).toEqual({
			items: [{ item: 'A' }],
			paid: 'true',
		});
	});

	it('reads the v2 meta envelope', () => {
		const meta = metaFromResponse(
			{ data: { name: 'ToDo', fields: [{ fieldname: 'status', fieldtype: 'Select' }] } },
			'ToDo',
		);
		expect(meta).toMatchObject({
			name: 'ToDo',
			isSubmittable: false,
			fields: [{ fieldname: 'status', label: 'status' }],
		});
		expect(metaFromResponse({ data: 'nope' }, 'ToDo')).toBeUndefined();
	});
});

describe('paths', () => {
	it('encodes doctype and name for each API version', () => {
		expect(documentPath('v1', 'Sales Voucher')).toBe('/api/resource/Sales%20Voucher');
		expect(documentPath('v2', 'Sales Voucher', 'A/B 1')).toBe(
			'/api/v2/document/Sales%20Voucher/A%2FB%201',
		);
		expect(methodPath('v1', 'frappe.client.get_count')).toBe('/api/method/frappe.client.get_count');
		expect(methodPath('v2', 'frappe.client.get_count')).toBe(
			'/api/v2/method/frappe.client.get_count',
		);
	});

	it('unpacks data, message and v14 results', () => {
		expect(payloadOf({ data: [1] })).toEqual([1]);
		expect(payloadOf({ message: { a: 1 } })).toEqual({ a: 1 });
		expect(payloadOf({ results: [] })).toEqual([]);
		expect(payloadOf({ other: 1 })).toEqual({ other: 1 });
	});
});

describe('shared strings', () => {
	it('makes equal short values of a field one string, leaving values and other fields as they are', () => {
		const rows = JSON.parse(
			'[{"owner":"Administrator","n":1,"long":"' +
				'x'.repeat(100) +
				'"},{"owner":"Administrator","n":1,"long":"' +
				'x'.repeat(100) +
				'"},{"owner":"Guest"}]',
		) as Array<Record<string, unknown>>;
		const copy = JSON.parse(JSON.stringify(rows)) as unknown;
		expect(shareRepeatedStrings(rows)).toBe(rows);
		expect(rows).toEqual(copy);
		expect(shareRepeatedStrings([])).toEqual([]);
		expect(shareRepeatedStrings([null, 'a', ['b']])).toEqual([null, 'a', ['b']]);
	});
});
