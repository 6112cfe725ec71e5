// File (frappe/core/doctype/file): hex names, owner-or-public access, and the content removed with the last File
// that points to it. The test server's clerk sees every File, like a System Manager.
import type { DocTypeSpec } from '../meta';
import { hexHash } from '../naming';
import { CLERK_ROLE } from '../users';
import { ALL_DESK_PROPS, f, FULL } from './common';
import type { CoreDocType } from './controller';

export const FILE_SPEC: DocTypeSpec = {
	name: 'File',
	module: 'Core',
	autoname: 'hash',
	title_field: 'file_name',
	search_fields: 'file_name',
	...ALL_DESK_PROPS,
	allow_import: 1,
	fields: [
		f('file_name', 'Data', 'File Name', { in_global_search: 1, read_only: 1 }),
		f('is_private', 'Check', 'Is Private', { default: '0' }),
		f('file_type', 'Data', 'File Type', { read_only: 1 }),
		f('preview', 'Section Break', 'Preview'),
		f('preview_html', 'HTML', 'Preview HTML'),
		f('section_break_5', 'Section Break'),
		f('is_home_folder', 'Check', 'Is Home Folder', { default: '0', hidden: 1 }),
		f('is_attachments_folder', 'Check', 'Is Attachments Folder', { default: '0', hidden: 1 }),
		f('file_size', 'Int', 'File Size', { read_only: 1, length: 20 }),
		f('column_break_5', 'Column Break'),
		f('file_url', 'Code', 'File URL', { read_only: 1 }),
		f('thumbnail_url', 'Small Text', 'Thumbnail URL', { read_only: 1 }),
		f('folder', 'Link', 'Folder', { options: 'File', read_only: 1 }),
		f('is_folder', 'Check', 'Is Folder', { default: '0', read_only: 1 }),
		f('section_break_8', 'Section Break'),
		f('attached_to_doctype', 'Link', 'Attached To DocType', { options: 'DocType', read_only: 1 }),
		f('column_break_10', 'Column Break'),
		f('attached_to_name', 'Data', 'Attached To Name', { read_only: 1 }),
		f('attached_to_field', 'Data', 'Attached To Field', { read_only: 1 }),
		f('old_parent', 'Data', 'old_parent', { hidden: 1 }),
		f('content_hash', 'Data', 'Content Hash', { read_only: 1 }),
		f('uploaded_to_dropbox', 'Check', 'Uploaded To Dropbox', { default: '0', read_only: 1 }),
		f('uploaded_to_google_drive', 'Check', 'Uploaded To Google Drive', {
			default: '0',
			read_only: 1,
		}),
	],
	permissions: [
		{ role: 'System Manager', ...FULL },
		{
			role: 'All',
			read: 1,
			write: 1,
			create: 1,
			delete: 1,
			report: 1,
			print: 1,
			email: 1,
			share: 1,
		},
	],
};

const seesEveryFile = (roles: ReadonlySet<string>) =>
	roles.has('System Manager') || roles.has(CLERK_ROLE);

export const FILE: CoreDocType = {
	spec: FILE_SPEC,
	controller: {
		// File.autoname: frappe.generate_hash(length=10)
		autoname: () => hexHash(10),
		// frappe.core.doctype.file.file.has_permission
		hasPermission: (doc, ptype, ctx) =>
			seesEveryFile(ctx.roles) || doc.owner === ctx.user || (!doc.is_private && ptype === 'read'),
		// frappe.core.doctype.file.file.get_permission_query_conditions
		permissionQuery: (ctx) =>
			seesEveryFile(ctx.roles) ? null : (row) => row.owner === ctx.user || !row.is_private,
		// File.on_trash → _delete_file_on_disk: the content goes when no other File points to it
		afterDelete(doc, store) {
			const url = doc.file_url;
			if (
				url &&
				!String(url).startsWith('http') &&
				!store.rowsOf('File').some((other) => other.file_url === url)
			)
				store.putFile(String(url), undefined);
		},
	},
};
