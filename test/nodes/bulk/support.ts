// Shared by the bulk tests: a doctype named by its title (so a duplicate title is a duplicate name), with a
// mandatory title and a Select, on the Frappe-compatible test server.
import type { DocumentTestbed } from '../document/support';

export const ITEM = 'Bulk Item';

export function defineBulkItem(bed: DocumentTestbed): void {
	bed.server.store.defineDocType({
		name: ITEM,
		module: 'Custom',
		custom: 1,
		autoname: 'field:title',
		fields: [
			{ fieldname: 'title', label: 'Title', fieldtype: 'Data', reqd: 1 },
			{ fieldname: 'qty', label: 'Qty', fieldtype: 'Int' },
			{
				fieldname: 'status',
				label: 'Status',
				fieldtype: 'Select',
				options: 'Open\nClosed',
			},
		],
		permissions: [{ role: 'System Manager', read: 1, write: 1, create: 1, delete: 1, report: 1 }],
	});
}

/** JSON field values of one input item, as an expression. */
export const jsonFromInput = { specifyFields: 'json', jsonFields: '={{ JSON.stringify($json) }}' };
