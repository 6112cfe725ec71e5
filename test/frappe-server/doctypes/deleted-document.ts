// Deleted Document (frappe/core/doctype/deleted_document): one row per deleted document, written by
// frappe.model.delete_doc.add_to_deleted_document (changes.ts recordDeletion); System Managers only.
import type { DocTypeSpec } from '../meta';
import { f } from './common';
import type { CoreDocType } from './controller';

export const DELETED_DOCUMENT_SPEC: DocTypeSpec = {
	name: 'Deleted Document',
	module: 'Core',
	autoname: 'hash',
	track_changes: 1,
	editable_grid: 0,
	allow_rename: 0,
	index_web_pages_for_search: 0,
	title_field: 'deleted_name',
	fields: [
		f('deleted_name', 'Data', 'Deleted Name', { read_only: 1, in_list_view: 1 }),
		f('deleted_doctype', 'Data', 'Deleted DocType', { read_only: 1, in_list_view: 1 }),
		f('column_break_3', 'Column Break'),
		f('restored', 'Check', 'Restored', { default: '0', read_only: 1, in_standard_filter: 1 }),
		f('new_name', 'Read Only', 'New Name'),
		f('section_break_6', 'Section Break'),
		f('data', 'Code', 'Data', { read_only: 1 }),
	],
	permissions: [{ role: 'System Manager', read: 1, delete: 1, export: 1 }],
};

export const DELETED_DOCUMENT: CoreDocType = {
	spec: DELETED_DOCUMENT_SPEC,
	creation: '2016-07-13 00:38:24.420406',
	modified: '2024-03-23 16:03:16.129219',
};
