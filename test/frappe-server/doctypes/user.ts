// User, its Has Role rows and Role (frappe/core/doctype/user, has_role, role).
import type { DocTypeSpec } from '../meta';
import { ALL_DESK_PROPS, f, FULL } from './common';
import type { CoreDocType } from './controller';

export const USER_SPEC: DocTypeSpec = {
	name: 'User',
	module: 'Core',
	autoname: 'field:email',
	title_field: 'full_name',
	search_fields: 'full_name',
	track_changes: 1,
	...ALL_DESK_PROPS,
	fields: [
		f('enabled', 'Check', 'Enabled', { default: '1' }),
		f('email', 'Data', 'Email', { reqd: 1, options: 'Email', search_index: 1 }),
		f('first_name', 'Data', 'First Name', { reqd: 1 }),
		f('middle_name', 'Data', 'Middle Name'),
		f('last_name', 'Data', 'Last Name'),
		f('full_name', 'Data', 'Full Name', { read_only: 1, in_global_search: 1 }),
		f('username', 'Data', 'Username', { unique: 1 }),
		f('language', 'Link', 'Language', { options: 'Language' }),
		f('time_zone', 'Autocomplete', 'Time Zone'),
		f('user_image', 'Attach Image', 'User Image'),
		f('user_type', 'Select', 'User Type', {
			options: 'System User\nWebsite User',
			default: 'System User',
		}),
		f('roles', 'Table', 'Roles Assigned', { options: 'Has Role' }),
		f('api_key', 'Data', 'API Key', { read_only: 1, unique: 1, no_copy: 1 }),
		f('api_secret', 'Password', 'API Secret', { no_copy: 1 }),
	],
	permissions: [{ role: 'System Manager', ...FULL }],
};

export const HAS_ROLE_SPEC: DocTypeSpec = {
	name: 'Has Role',
	module: 'Core',
	istable: 1,
	autoname: 'hash',
	...ALL_DESK_PROPS,
	fields: [f('role', 'Link', 'Role', { options: 'Role', in_list_view: 1 })],
};

export const ROLE_SPEC: DocTypeSpec = {
	name: 'Role',
	module: 'Core',
	autoname: 'field:role_name',
	...ALL_DESK_PROPS,
	fields: [
		f('role_name', 'Data', 'Role Name', {
			reqd: 1,
			unique: 1,
			oldfieldname: 'role_name',
			oldfieldtype: 'Data',
		}),
		f('home_page', 'Data', 'Home Page'),
		f('disabled', 'Check', 'Disabled', { default: '0' }),
		f('is_custom', 'Check', 'Is Custom', { default: '0' }),
		f('desk_access', 'Check', 'Desk Access', { default: '1' }),
		f('two_factor_auth', 'Check', 'Two Factor Authentication', { default: '0' }),
	],
	permissions: [{ role: 'System Manager', ...FULL }],
};

export const USER: CoreDocType = {
	spec: USER_SPEC,
	controller: {
		// User.validate → set_full_name: the names given, joined
		validate(doc) {
			const full = [doc.first_name, doc.middle_name, doc.last_name].filter((x) => x).join(' ');
			doc.full_name = full || doc.full_name || null;
		},
	},
};

export const HAS_ROLE: CoreDocType = { spec: HAS_ROLE_SPEC };

export const ROLE: CoreDocType = { spec: ROLE_SPEC };
