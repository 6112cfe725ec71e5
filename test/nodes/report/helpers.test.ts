// The pure modules behind Report and Print: column parsing (both forms), row shaping (total row, group rows,
// labels), Report Builder settings, filter definitions read from JavaScript without running it, CSV, PDF facts.
import { toCsv } from '../../../nodes/shared/csv';
import { isPdf, pdfPageCount } from '../../../nodes/shared/pdf';
import {
	filtersFromScript,
	missingMandatoryFilters,
	reportFilterDefinitions,
	tokenize,
} from '../../../nodes/shared/reportFilters';
import {
	hasTotalRow,
	parseColumn,
	parseColumns,
	reportBuilderSettings,
	reportViewFields,
	reportViewRows,
	scrub,
	shapeRows,
} from '../../../nodes/shared/reportResult';
import { namesFrom } from '../../../nodes/Frappe/resources/print/getPdfOfMany';
import { buildPdf } from '../../frappe-server/printing/pdf';

describe('columns', () => {
	it('"Label:Fieldtype/Options:Width" strings as Frappe\'s get_column_as_dict reads them', () => {
		expect(parseColumn('ID:Link/ToDo:90')).toEqual({
			fieldname: 'id',
			label: 'ID',
			fieldtype: 'Link',
			options: 'ToDo',
			width: '90',
		});
		expect(parseColumn('Priority::60')).toEqual({
			fieldname: 'priority',
			label: 'Priority',
			fieldtype: '',
			width: '60',
		});
		expect(parseColumn('Assigned To/Owner:Data:120').fieldname).toBe('assigned_to/owner');
		expect(parseColumn('Date:Date')).toEqual({
			fieldname: 'date',
			label: 'Date',
			fieldtype: 'Date',
		});
		expect(parseColumn('Plain')).toEqual({ fieldname: 'plain', label: 'Plain', fieldtype: 'Data' });
	});

	it('dicts, with the fieldname made from the label when missing', () => {
		expect(parseColumn({ label: 'Size (MB)', fieldname: 'size', fieldtype: 'Float' })).toEqual({
			fieldname: 'size',
			label: 'Size (MB)',
			fieldtype: 'Float',
		});
		expect(
			parseColumn({ label: 'Net-Total Amount', fieldtype: 'Currency', width: 120 }).fieldname,
		).toBe('net_total_amount');
		expect(scrub('Territory / Customer')).toBe('territory_/_customer');
		expect(parseColumns(undefined)).toEqual([]);
	});
});

describe('rows', () => {
	const columns = parseColumns([
		'Account:Link/Account:200',
		{ label: 'Balance', fieldname: 'balance', fieldtype: 'Currency' },
	]);
	const rows = [
		{ account: 'Assets', balance: null, indent: 0 },
		{ account: 'Cash', balance: 10, indent: 1 },
		{ account: 'Bank', balance: 20, indent: 1 },
		{ account: 'Equity', balance: 5, indent: 0 },
		['Total', 35],
	];

	it('lists and dicts keyed by fieldname; the total row kept unless dropped', () => {
		expect(shapeRows(rows, columns, 1)).toHaveLength(5);
		expect(shapeRows(rows, columns, 1)[4]).toEqual({ account: 'Total', balance: 35 });
		expect(shapeRows([['A', 1]], columns, 0)).toEqual([{ account: 'A', balance: 1 }]);
		expect(shapeRows(rows, columns, 1, { dropTotalRow: true }).map((row) => row.account)).toEqual([
			'Assets',
			'Cash',
			'Bank',
			'Equity',
		]);
	});

	it('only a last row that is a list, with add_total_row set, is a total row', () => {
		expect(hasTotalRow(rows, 1)).toBe(true);
		expect(hasTotalRow(rows, 0)).toBe(false);
		expect(hasTotalRow(rows.slice(0, 4), 1)).toBe(false);
	});

	it('group rows (followed by deeper rows, or is_group) dropped; labels instead of fieldnames', () => {
		expect(
			shapeRows(rows, columns, 1, { dropGroupRows: true, dropTotalRow: true, useLabels: true }),
		).toEqual([
			{ Account: 'Cash', Balance: 10, indent: 1 },
			{ Account: 'Bank', Balance: 20, indent: 1 },
			{ Account: 'Equity', Balance: 5, indent: 0 },
		]);
		expect(shapeRows([{ a: 1, is_group: 1 }, { a: 2 }], [], 0, { dropGroupRows: true })).toEqual([
			{ a: 2 },
		]);
	});
});

describe('Report Builder', () => {
	it('the saved settings (Report.json) and the fields reportview.get takes', () => {
		const settings = reportBuilderSettings(
			'{"filters":[["Purchase Request","priority","=","High",false]],"fields":[["name","Purchase Request"],["item","Purchase Request Item"]],"order_by":"`tabPurchase Request`.`total` desc","add_totals_row":0}',
			'Purchase Request',
		);
		expect(settings).toEqual({
			fields: [
				['name', 'Purchase Request'],
				['item', 'Purchase Request Item'],
			],
			filters: [['Purchase Request', 'priority', '=', 'High']],
			orderBy: '`tabPurchase Request`.`total` desc',
			addTotalsRow: false,
		});
		expect(reportViewFields(settings.fields)).toEqual([
			'`tabPurchase Request`.`name`',
			'`tabPurchase Request Item`.`item`',
		]);
		expect(reportBuilderSettings('not json', 'ToDo').fields).toEqual([['name', 'ToDo']]);
	});

	it('{keys, values} as objects; an empty answer as no rows', () => {
		expect(
			reportViewRows({
				keys: ['name', 'total'],
				values: [
					['A', 1],
					['B', 2],
				],
			}),
		).toEqual([
			{ name: 'A', total: 1 },
			{ name: 'B', total: 2 },
		]);
		expect(reportViewRows([])).toEqual([]);
	});
});

describe('filter definitions, read without running the JavaScript', () => {
	const script = `// Copyright
frappe.query_reports["General Ledger"] = {
	"filters": [
		{ "fieldname": "company", "label": __("Company"), "fieldtype": "Link", "options": "Company",
		  "default": frappe.defaults.get_user_default("Company"), "reqd": 1 },
		{
			fieldname: 'from_date', label: __("From Date"), fieldtype: "Date", reqd: 1,
			on_change: function () { frappe.query_report.set_filter_value("to_date", "}"); },
		},
		{ fieldname: "group_by", label: __("Group By"), fieldtype: "Select", options: ["", "Group by Voucher"].join("\\n"), default: "Group by Voucher" },
		{ fieldname: "include_dimensions", label: "Consider Accounting Dimensions", fieldtype: "Check", default: 1 },
		/* { fieldname: "commented_out", reqd: 1 }, */
		{ label: "no fieldname" },
	],
	onload: function (report) { report.filters = [{ fieldname: "not_this_one" }]; },
};`;

	it('takes literal values, __("…") labels, strings with brackets and quotes; leaves computed ones out', () => {
		expect(filtersFromScript(script)).toEqual([
			{
				fieldname: 'company',
				label: 'Company',
				fieldtype: 'Link',
				options: 'Company',
				mandatory: true,
			},
			{ fieldname: 'from_date', label: 'From Date', fieldtype: 'Date', mandatory: true },
			{
				fieldname: 'group_by',
				label: 'Group By',
				fieldtype: 'Select',
				mandatory: false,
				default: 'Group by Voucher',
			},
			{
				fieldname: 'include_dimensions',
				label: 'Consider Accounting Dimensions',
				fieldtype: 'Check',
				mandatory: false,
				default: 1,
			},
		]);
	});

	it('the recorded script of Permitted Documents For User (reports/02)', () => {
		const recorded =
			'frappe.query_reports["Permitted Documents For User"] = {\n\tfilters: [\n\t\t{\n\t\t\tfieldname: "user",\n\t\t\tlabel: __("User"),\n\t\t\tfieldtype: "Link",\n\t\t\toptions: "User",\n\t\t\treqd: 1,\n\t\t},\n\t\t{\n\t\t\tfieldname: "doctype",\n\t\t\tlabel: __("DocType"),\n\t\t\tfieldtype: "Link",\n\t\t\toptions: "DocType",\n\t\t\treqd: 1,\n\t\t\tget_query: function () {\n\t\t\t\treturn {\n\t\t\t\t\tquery: "frappe.core.report.permitted_documents_for_user.permitted_documents_for_user.query_doctypes",\n\t\t\t\t\tfilters: {\n\t\t\t\t\t\tuser: frappe.query_report.get_filter_value("user"),\n\t\t\t\t\t},\n\t\t\t\t};\n\t\t\t},\n\t\t},\n\t\t{\n\t\t\tfieldname: "show_permissions",\n\t\t\tlabel: __("Show Permissions"),\n\t\t\tfieldtype: "Check",\n\t\t},\n\t],\n};\n';
		expect(
			filtersFromScript(recorded).map((definition) => [definition.fieldname, definition.mandatory]),
		).toEqual([
			['user', true],
			['doctype', true],
			['show_permissions', false],
		]);
	});

	it('no array of filters to read (a function call, an empty script): none', () => {
		expect(
			filtersFromScript('frappe.query_reports["X"] = { filters: erpnext.get_filters() };'),
		).toEqual([]);
		expect(filtersFromScript("frappe.query_reports['Purchase Request Totals (rec)']={}")).toEqual(
			[],
		);
		expect(tokenize('a /* x */ "b\\"c" // d\n 1.5')).toEqual([
			{ kind: 'name', value: 'a' },
			{ kind: 'string', value: 'b"c' },
			{ kind: 'number', value: 1.5 },
		]);
	});

	it("the Report Filter table wins (reports/14); mandatory filters missing, whatever the desk's default", () => {
		const definitions = reportFilterDefinitions({
			script: script,
			filters: [
				{
					fieldname: 'priority',
					label: 'Priority',
					fieldtype: 'Select',
					options: '\nLow\nHigh',
					mandatory: 1,
				},
			],
		});
		expect(definitions).toEqual([
			{
				fieldname: 'priority',
				label: 'Priority',
				fieldtype: 'Select',
				options: '\nLow\nHigh',
				mandatory: true,
			},
		]);
		const fromScript = filtersFromScript(script);
		expect(
			missingMandatoryFilters(fromScript, { company: 'Acme', from_date: '' }).map(
				(d) => d.fieldname,
			),
		).toEqual(['from_date']);
		expect(
			missingMandatoryFilters(fromScript, { company: ['A'], from_date: '2025-01-01' }),
		).toEqual([]);
		expect(missingMandatoryFilters(fromScript, { company: [] }).map((d) => d.fieldname)).toEqual([
			'company',
			'from_date',
		]);
	});
});

describe('CSV and PDF', () => {
	it('CSV as Frappe writes it: text quoted, numbers bare, CRLF', () => {
		expect(
			toCsv(
				['ID', 'Total'],
				[
					['A "1"', 300],
					[null, 1.5],
					[true, { a: 1 }],
				],
			),
		).toBe('"ID","Total"\r\n"A ""1""",300\r\n"",1.5\r\n1,"{""a"":1}"\r\n');
	});

	it('PDF facts: the signature and the pages', () => {
		const pdf = buildPdf([['one'], ['two'], ['three']]);
		expect(isPdf(pdf)).toBe(true);
		expect(pdfPageCount(pdf)).toBe(3);
		expect(pdfPageCount(buildPdf([]))).toBe(0);
		expect(isPdf(Buffer.from('<html>'))).toBe(false);
	});

	it('names for Get PDF of Many: lists, JSON text, commas and new lines, items with a name', () => {
		expect(namesFrom(['A', ' B ', ''])).toEqual(['A', 'B']);
		expect(namesFrom('["A","B"]')).toEqual(['A', 'B']);
		expect(namesFrom('A, B\nC')).toEqual(['A', 'B', 'C']);
		expect(namesFrom([{ name: 'A' }, { name: 'B' }])).toEqual(['A', 'B']);
		expect(namesFrom(undefined)).toEqual([]);
	});
});
