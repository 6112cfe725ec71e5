// Purchase Request and its child table Purchase Request Item, the custom doctypes of the second recorded run
// (test/fixtures/frappe-15.44.2/lists/01, 02): submittable, series names PREQ-00001…, renaming allowed.
import type { DocTypeSpec } from '../meta';
import { f } from './common';

export const PURCHASE_REQUEST_ITEM_SPEC: DocTypeSpec = {
	name: 'Purchase Request Item',
	module: 'Custom',
	custom: 1,
	istable: 1,
	editable_grid: 1,
	fields: [
		f('item', 'Data', 'Item', { reqd: 1, in_list_view: 1 }),
		f('qty', 'Float', 'Qty', { in_list_view: 1 }),
		f('rate', 'Currency', 'Rate', { in_list_view: 1 }),
		f('amount', 'Currency', 'Amount', { in_list_view: 1 }),
	],
};

export const PURCHASE_REQUEST_SPEC: DocTypeSpec = {
	name: 'Purchase Request',
	module: 'Custom',
	custom: 1,
	is_submittable: 1,
	track_changes: 1,
	allow_rename: 1,
	autoname: 'PREQ-.#####',
	title_field: 'title',
	fields: [
		f('title', 'Data', 'Title', { reqd: 1, in_list_view: 1 }),
		f('requested_by', 'Link', 'Requested By', { options: 'User' }),
		f('required_by', 'Date', 'Required By'),
		f('priority', 'Select', 'Priority', { options: 'Low\nMedium\nHigh', default: 'Medium' }),
		f('total', 'Currency', 'Total'),
		f('notes', 'Small Text', 'Notes'),
		f('items', 'Table', 'Items', { options: 'Purchase Request Item' }),
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
