// The custom doctypes the seeds define with Store.defineDocType (they have no controller, as in Frappe).
import type { DocTypeSpec } from '../meta';
import { f, FULL } from './common';

export const CUSTOMER_SPEC: DocTypeSpec = {
	name: 'Customer',
	module: 'Custom',
	custom: 1,
	autoname: 'field:customer_name',
	naming_rule: 'By fieldname',
	title_field: 'customer_name',
	search_fields: 'customer_group, territory',
	fields: [
		f('customer_name', 'Data', 'Customer Name', { reqd: 1, in_list_view: 1, unique: 1 }),
		f('customer_type', 'Select', 'Customer Type', {
			options: 'Company\nIndividual',
			default: 'Company',
		}),
		f('customer_group', 'Data', 'Customer Group', { in_list_view: 1, in_standard_filter: 1 }),
		f('territory', 'Data', 'Territory', { in_standard_filter: 1 }),
		f('email_id', 'Data', 'Email', { options: 'Email' }),
		f('mobile_no', 'Data', 'Mobile No', { options: 'Phone' }),
		f('credit_limit', 'Currency', 'Credit Limit'),
		f('disabled', 'Check', 'Disabled', { default: '0' }),
	],
	permissions: [{ role: 'System Manager', ...FULL }],
};

/** Sales Voucher Item / Sales Voucher exactly as the recordings created them (doctypes/01, doctypes/02). */
export const SALES_VOUCHER_ITEM_SPEC: DocTypeSpec = {
	name: 'Sales Voucher Item',
	module: 'Custom',
	custom: 1,
	istable: 1,
	editable_grid: 1,
	fields: [
		{ fieldname: 'item', label: 'Item', fieldtype: 'Data', reqd: 1, in_list_view: 1 },
		{ fieldname: 'qty', label: 'Qty', fieldtype: 'Float', in_list_view: 1 },
		{ fieldname: 'rate', label: 'Rate', fieldtype: 'Currency', in_list_view: 1 },
	],
};

export const SALES_VOUCHER_SPEC: DocTypeSpec = {
	name: 'Sales Voucher',
	module: 'Custom',
	custom: 1,
	is_submittable: 1,
	autoname: 'hash',
	fields: [
		{ fieldname: 'customer', label: 'Customer', fieldtype: 'Data', reqd: 1, in_list_view: 1 },
		{ fieldname: 'posting_date', label: 'Posting Date', fieldtype: 'Date' },
		{
			fieldname: 'status',
			label: 'Status',
			fieldtype: 'Select',
			options: 'Draft\nPaid\nCancelled',
			default: 'Draft',
		},
		{ fieldname: 'owner_user', label: 'Owner User', fieldtype: 'Link', options: 'User' },
		{ fieldname: 'grand_total', label: 'Grand Total', fieldtype: 'Currency', in_list_view: 1 },
		{ fieldname: 'items', label: 'Items', fieldtype: 'Table', options: 'Sales Voucher Item' },
	],
	permissions: [
		{
			role: 'System Manager',
			read: 1,
			write: 1,
			create: 1,
			delete: 1,
			submit: 1,
			cancel: 1,
			amend: 1,
			report: 1,
			export: 1,
			print: 1,
			email: 1,
			share: 1,
		},
	],
};
