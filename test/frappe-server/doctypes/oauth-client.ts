// OAuth Client and its allowed roles (frappe/integrations/doctype/oauth_client, oauth_client_role). The provider
// that reads them is ../oauth2.
import type { DocTypeSpec } from '../meta';
import { hexHash } from '../naming';
import { ALL_DESK_PROPS, f, FULL } from './common';
import type { CoreDocType } from './controller';

export const OAUTH_CLIENT_SPEC: DocTypeSpec = {
	name: 'OAuth Client',
	module: 'Integrations',
	autoname: 'hash',
	title_field: 'app_name',
	...ALL_DESK_PROPS,
	fields: [
		f('client_id', 'Data', 'App Client ID', { read_only: 1 }),
		f('app_name', 'Data', 'App Name', { reqd: 1 }),
		f('user', 'Link', 'User', { options: 'User' }),
		f('allowed_roles', 'Table MultiSelect', 'Allowed Roles', { options: 'OAuth Client Role' }),
		f('cb_1', 'Column Break'),
		f('client_secret', 'Data', 'App Client Secret', { read_only: 1 }),
		f('skip_authorization', 'Check', 'Skip Authorization', { default: '0' }),
		f('sb_1', 'Section Break', 'Permissions'),
		f('scopes', 'Text', 'Scopes', { reqd: 1, default: 'all openid' }),
		f('sb_advanced', 'Section Break', 'Redirect URIs'),
		f('redirect_uris', 'Text', 'Redirect URIs'),
		f('default_redirect_uri', 'Data', 'Default Redirect URI', { reqd: 1 }),
		f('cb_3', 'Column Break'),
		f('grant_type', 'Select', 'Grant Type', { options: 'Authorization Code\nImplicit' }),
		f('response_type', 'Select', 'Response Type', { options: 'Code\nToken', default: 'Code' }),
	],
	permissions: [{ role: 'System Manager', ...FULL }],
};

export const OAUTH_CLIENT_ROLE_SPEC: DocTypeSpec = {
	name: 'OAuth Client Role',
	module: 'Integrations',
	istable: 1,
	...ALL_DESK_PROPS,
	fields: [f('role', 'Link', 'Role', { options: 'Role', in_list_view: 1 })],
};

export const OAUTH_CLIENT: CoreDocType = {
	spec: OAUTH_CLIENT_SPEC,
	controller: {
		// named by frappe.generate_hash(length=10), like File
		autoname: () => hexHash(10),
		// OAuthClient.validate: the client id is the name; a secret is made when none is given
		validate(doc) {
			doc.client_id = doc.name;
			if (!doc.client_secret) doc.client_secret = hexHash(10);
		},
	},
};

export const OAUTH_CLIENT_ROLE: CoreDocType = { spec: OAUTH_CLIENT_ROLE_SPEC };
