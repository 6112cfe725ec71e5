// ToDo (frappe/desk/doctype/todo): a user sees the ToDos allocated to or assigned by them, unless a role of theirs
// (other than the automatic ones) has the permission on ToDo.
import type { DocTypeSpec } from '../meta';
import { f } from './common';
import type { CoreDocType } from './controller';
import { TODO_ASSETS } from './todo-assets';

export const TODO_SPEC: DocTypeSpec = {
	name: 'ToDo',
	idx: 2,
	search_fields: 'description, reference_type, reference_name',
	editable_grid: 0,
	track_changes: 1,
	module: 'Desk',
	autoname: 'hash',
	title_field: 'description',
	allow_rename: 0,
	track_seen: 1,
	document_type: 'Setup',
	icon: 'fa fa-check',
	email_append_to: 1,
	subject_field: 'description',
	sender_field: 'sender',
	migration_hash: '3de2781354aeff35d92d7bd854c9bbd4',
	quick_entry: 1,
	index_web_pages_for_search: 0,
	naming_rule: null,
	fields: [
		f('description_and_status', 'Section Break'),
		f('status', 'Select', 'Status', {
			options: 'Open\nClosed\nCancelled',
			in_global_search: 1,
			default: 'Open',
			in_list_view: 1,
			in_standard_filter: 1,
		}),
		f('priority', 'Select', 'Priority', {
			oldfieldname: 'priority',
			oldfieldtype: 'Data',
			options: 'High\nMedium\nLow',
			default: 'Medium',
			in_list_view: 1,
			in_standard_filter: 1,
		}),
		f('column_break_2', 'Column Break'),
		f('color', 'Color', 'Color'),
		f('date', 'Date', 'Due Date', {
			oldfieldname: 'date',
			oldfieldtype: 'Date',
			in_standard_filter: 1,
			default: 'Today',
		}),
		f('allocated_to', 'Link', 'Allocated To', {
			options: 'User',
			ignore_user_permissions: 1,
			in_global_search: 1,
			in_standard_filter: 1,
		}),
		f('description_section', 'Section Break'),
		f('description', 'Text Editor', 'Description', {
			oldfieldname: 'description',
			oldfieldtype: 'Text',
			reqd: 1,
			in_global_search: 1,
			print_width: '300px',
			width: '300px',
		}),
		f('section_break_6', 'Section Break', 'Reference', { collapsible: 1 }),
		f('reference_type', 'Link', 'Reference Type', {
			oldfieldname: 'reference_type',
			oldfieldtype: 'Data',
			options: 'DocType',
		}),
		f('reference_name', 'Dynamic Link', 'Reference Name', {
			oldfieldname: 'reference_name',
			oldfieldtype: 'Data',
			options: 'reference_type',
		}),
		f('column_break_10', 'Column Break'),
		f('role', 'Link', 'Role', { oldfieldname: 'role', oldfieldtype: 'Link', options: 'Role' }),
		f('assigned_by', 'Link', 'Assigned By', { options: 'User', ignore_user_permissions: 1 }),
		f('assigned_by_full_name', 'Read Only', 'Assigned By Full Name', {
			fetch_from: 'assigned_by.full_name',
		}),
		f('sender', 'Data', 'Sender', { hidden: 1 }),
		f('assignment_rule', 'Link', 'Assignment Rule', { options: 'Assignment Rule', read_only: 1 }),
	],
	permissions: [
		{
			role: 'All',
			read: 1,
			write: 1,
			create: 1,
			delete: 1,
			report: 1,
			share: 1,
			print: 1,
			email: 1,
		},
		{
			role: 'System Manager',
			read: 1,
			write: 1,
			create: 1,
			report: 1,
			export: 1,
			share: 1,
			print: 1,
			email: 1,
		},
	],
};

export const TODO: CoreDocType = {
	spec: TODO_SPEC,
	creation: '2012-07-03 13:30:35',
	modified: '2023-10-05 07:44:38.476400',
	assets: TODO_ASSETS,
	controller: {
		// frappe.desk.doctype.todo.todo.has_permission
		hasPermission: (doc, ptype, ctx) =>
			ctx.hasRoleFor(ptype === 'create' ? 'read' : ptype) ||
			doc.allocated_to === ctx.user ||
			doc.assigned_by === ctx.user,
		// frappe.desk.doctype.todo.todo.get_permission_query_conditions
		permissionQuery: (ctx) =>
			ctx.hasRoleFor('read')
				? null
				: (row) => row.allocated_to === ctx.user || row.assigned_by === ctx.user,
	},
};
