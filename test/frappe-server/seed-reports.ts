// The demo site's reports and print setup: two standard Script Reports ("ToDo" with "Label:Type:Width" string
// columns and list rows, as Frappe's own; "Sales by Territory" with dict columns, a tree of indented group rows, a
// total row and mandatory filters read from its JavaScript), a Query Report on Sales Voucher with a mandatory
// Report Filter and its prepared twin (roles: System Manager only), a Report Builder report; a custom Jinja Print
// Format, a broken one, and a default Letter Head.
import { scriptReports, type ReportOutput } from './routes/reports';
import type { Store } from './store';
import type { Doc } from './types';

const TODO_SCRIPT = `// Copyright (c) 2015, Frappe Technologies Pvt. Ltd. and Contributors
// MIT License. See license.txt

frappe.query_reports["ToDo"] = {
	filters: [],
};
`;

const SALES_BY_TERRITORY_SCRIPT = `frappe.query_reports["Sales by Territory"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.get_today(), -12),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "docstatus",
			label: __("Document Status"),
			fieldtype: "Select",
			options: "\\nDraft\\nSubmitted",
			default: "Submitted", // the desk's default
		},
		{
			fieldname: "customer",
			label: __("Customer"),
			fieldtype: "Link",
			options: "Customer",
			get_query: function () {
				return { filters: { disabled: 0 } };
			},
		},
	],
	formatter: function (value, row, column, data, default_formatter) {
		return default_formatter(value, row, column, data);
	},
	tree: true,
	initial_depth: 1,
};
`;

scriptReports.set('ToDo', {
	script: TODO_SCRIPT,
	execute(_filters, { store, user }): ReportOutput {
		const columns = [
			'ID:Link/ToDo:90',
			'Priority::60',
			'Date:Date',
			'Description::150',
			'Assigned To/Owner:Data:120',
			'Assigned By:Data:120',
			'Reference::200',
		];
		const rows = store
			.list('ToDo', {
				fields: [
					'name',
					'priority',
					'date',
					'description',
					'allocated_to',
					'owner',
					'assigned_by',
					'reference_type',
					'reference_name',
				],
				filters: [['status', '=', 'Open']],
				order_by: 'priority asc, date asc, name asc',
			})
			.filter((row) => user === 'Administrator' || row.allocated_to === user || row.owner === user)
			.map((row) => [
				row.name,
				row.priority,
				row.date,
				row.description,
				row.allocated_to ?? row.owner,
				row.assigned_by ?? null,
				row.reference_type ? `${String(row.reference_type)}: ${String(row.reference_name)}` : null,
			]);
		return [columns, rows];
	},
});

scriptReports.set('Sales by Territory', {
	script: SALES_BY_TERRITORY_SCRIPT,
	execute(filters, { store }): ReportOutput {
		const columns = [
			{ label: 'Territory / Customer', fieldname: 'name', fieldtype: 'Data', width: 220 },
			{ label: 'Vouchers', fieldname: 'vouchers', fieldtype: 'Int', width: 90 },
			{ label: 'Grand Total', fieldname: 'grand_total', fieldtype: 'Currency', width: 120 },
		];
		const conditions: unknown[] = [
			['posting_date', '>=', filters.from_date],
			['posting_date', '<=', filters.to_date],
			['docstatus', '!=', 2],
		];
		if (filters.docstatus === 'Draft') conditions.push(['docstatus', '=', 0]);
		if (filters.docstatus === 'Submitted') conditions.push(['docstatus', '=', 1]);
		if (filters.customer) conditions.push(['customer', '=', filters.customer]);
		const vouchers = store.list('Sales Voucher', {
			fields: ['name', 'customer', 'grand_total'],
			filters: conditions,
			order_by: 'customer asc',
		});
		const territories = new Map<string, Map<string, { vouchers: number; total: number }>>();
		for (const voucher of vouchers) {
			const customer = String(voucher.customer);
			const territory = String(store.get('Customer', customer)?.territory ?? 'Other');
			if (!territories.has(territory)) territories.set(territory, new Map());
			const byCustomer = territories.get(territory)!;
			const entry = byCustomer.get(customer) ?? { vouchers: 0, total: 0 };
			entry.vouchers += 1;
			entry.total += Number(voucher.grand_total ?? 0);
			byCustomer.set(customer, entry);
		}
		const rows: Doc[] = [];
		for (const territory of [...territories.keys()].sort()) {
			const customers = territories.get(territory)!;
			const group: Doc = {
				name: territory,
				vouchers: null,
				grand_total: null,
				indent: 0,
				is_group: 1,
			};
			rows.push(group);
			for (const [customer, { vouchers: count, total }] of customers) {
				rows.push({
					name: customer,
					vouchers: count,
					grand_total: total,
					indent: 1,
					parent_territory: territory,
				});
			}
		}
		const summary = [
			{ label: 'Vouchers', value: vouchers.length, indicator: 'Blue', datatype: 'Int' },
		];
		return [columns, rows, null, null, summary];
	},
});

function role(name: string): Doc {
	return { role: name };
}

/** The reports, print formats and letter head of the demo site. */
export function seedReportsAndPrinting(store: Store): void {
	const opts = { ignorePermissions: true, keepName: true };
	store.insertDoc(
		'Report',
		{
			name: 'ToDo',
			report_name: 'ToDo',
			ref_doctype: 'ToDo',
			report_type: 'Script Report',
			is_standard: 'Yes',
			module: 'Desk',
			roles: [role('System Manager'), role('Desk User')],
		},
		opts,
	);
	store.insertDoc(
		'Report',
		{
			name: 'Sales by Territory',
			report_name: 'Sales by Territory',
			ref_doctype: 'Sales Voucher',
			report_type: 'Script Report',
			is_standard: 'Yes',
			module: 'Custom',
			add_total_row: 1,
			roles: [role('System Manager'), role('Desk User')],
		},
		opts,
	);
	const query = `select name as "ID:Link/Sales Voucher:140", customer as "Customer:Data:200", posting_date as "Posting Date:Date:100", grand_total as "Grand Total:Currency:100"
from \`tabSales Voucher\`
where docstatus = %(docstatus)s
order by name`;
	for (const [name, prepared] of [
		['Sales Voucher Totals', 0],
		['Sales Voucher Totals Prepared', 1],
	] as const) {
		store.insertDoc(
			'Report',
			{
				name,
				report_name: name,
				ref_doctype: 'Sales Voucher',
				report_type: 'Query Report',
				is_standard: 'No',
				module: 'Custom',
				prepared_report: prepared,
				add_total_row: 1,
				query,
				roles: [role('System Manager')],
				filters: [
					{
						label: 'Document Status',
						fieldname: 'docstatus',
						fieldtype: 'Select',
						options: '\n0\n1\n2',
						mandatory: 1,
					},
				],
			},
			opts,
		);
	}
	store.insertDoc(
		'Report',
		{
			name: 'Submitted Vouchers by Total',
			report_name: 'Submitted Vouchers by Total',
			ref_doctype: 'Sales Voucher',
			report_type: 'Report Builder',
			is_standard: 'No',
			module: 'Custom',
			json: JSON.stringify({
				filters: [['Sales Voucher', 'docstatus', '=', 1, false]],
				fields: [
					['name', 'Sales Voucher'],
					['customer', 'Sales Voucher'],
					['grand_total', 'Sales Voucher'],
				],
				order_by: '`tabSales Voucher`.`grand_total` desc',
				add_totals_row: 0,
				page_length: 20,
				column_widths: { name: 120, customer: 200, grand_total: 100 },
				group_by: null,
			}),
			roles: [role('System Manager'), role('Desk User')],
		},
		opts,
	);
	store.insertDoc(
		'Print Format',
		{
			name: 'Sales Voucher Letter',
			doc_type: 'Sales Voucher',
			module: 'Custom',
			custom_format: 1,
			print_format_type: 'Jinja',
			html: '<h1>Voucher {{ doc.name }}</h1><p>For {{ doc.customer }}</p><p>Total: {{ doc.grand_total }}</p>',
		},
		opts,
	);
	store.insertDoc(
		'Print Format',
		{
			name: 'Sales Voucher Broken',
			doc_type: 'Sales Voucher',
			module: 'Custom',
			custom_format: 1,
			print_format_type: 'Jinja',
			html: '<h1>{{ doc.no_such_field.upper() }}</h1>',
		},
		opts,
	);
	store.insertDoc(
		'Letter Head',
		{
			name: 'Demo Letter Head',
			letter_head_name: 'Demo Letter Head',
			is_default: 1,
			source: 'HTML',
			content: '<h3>Demo Trading Ltd</h3>',
		},
		opts,
	);
	store.insertDoc(
		'Letter Head',
		{ name: 'Old Letter Head', letter_head_name: 'Old Letter Head', disabled: 1, source: 'HTML' },
		opts,
	);
	store.setSingle('Print Settings', {
		name: 'Print Settings',
		allow_print_for_draft: 1,
		allow_print_for_cancelled: 0,
		pdf_page_size: 'A4',
	});
}
