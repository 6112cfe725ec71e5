// Version (frappe/core/doctype/version): what one save changed, written by Document.save_version for doctypes with
// track_changes (changes.ts recordVersion); System Managers read them, Administrators may delete them.
import type { DocTypeSpec } from '../meta';
import { f } from './common';
import type { CoreDocType } from './controller';

export const VERSION_SPEC: DocTypeSpec = {
	name: 'Version',
	module: 'Core',
	autoname: 'hash',
	editable_grid: 0,
	allow_rename: 0,
	index_web_pages_for_search: 0,
	fields: [
		f('ref_doctype', 'Link', 'Reference Document Type', {
			options: 'DocType',
			reqd: 1,
			in_list_view: 1,
		}),
		f('column_break_3', 'Column Break'),
		f('docname', 'Data', 'Reference Document Name', { reqd: 1, in_list_view: 1 }),
		f('data', 'Code', 'Data'),
		f('section_break_4', 'Section Break'),
		f('table_html', 'HTML', 'Table HTML'),
	],
	permissions: [
		{ role: 'System Manager', read: 1, export: 1, report: 1 },
		{ role: 'Administrator', read: 1, delete: 1 },
	],
};

export const VERSION: CoreDocType = {
	spec: VERSION_SPEC,
	creation: '2013-02-18 13:36:19',
	modified: '2024-03-23 16:03:59.245424',
};
