// The core doctypes the server models (ToDo, Note, User, File, Webhook, DocType, OAuth Client, Tag, ...) and a catalogue
// of other core doctype names (they exist for DocType lists, links and search, without documents).
import { buildDocType, type DocTypeDef, type DocTypeSpec, type FieldSpec, type NameGen, type PermSpec } from './meta';
import { TODO_ASSETS } from './todo-assets';

const FULL: Omit<PermSpec, 'role'> = { read: 1, write: 1, create: 1, delete: 1, report: 1, export: 1, share: 1, print: 1, email: 1 };

const ALL_DESK_PROPS = { editable_grid: 0, allow_rename: 0, index_web_pages_for_search: 0 };

const f = (fieldname: string, fieldtype: string, label?: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
	fieldname,
	fieldtype,
	...(label !== undefined ? { label } : {}),
	...extra,
});

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
		f('status', 'Select', 'Status', { options: 'Open\nClosed\nCancelled', in_global_search: 1, default: 'Open', in_list_view: 1, in_standard_filter: 1 }),
		f('priority', 'Select', 'Priority', { oldfieldname: 'priority', oldfieldtype: 'Data', options: 'High\nMedium\nLow', default: 'Medium', in_list_view: 1, in_standard_filter: 1 }),
		f('column_break_2', 'Column Break'),
		f('color', 'Color', 'Color'),
		f('date', 'Date', 'Due Date', { oldfieldname: 'date', oldfieldtype: 'Date', in_standard_filter: 1, default: 'Today' }),
		f('allocated_to', 'Link', 'Allocated To', { options: 'User', ignore_user_permissions: 1, in_global_search: 1, in_standard_filter: 1 }),
		f('description_section', 'Section Break'),
		f('description', 'Text Editor', 'Description', { oldfieldname: 'description', oldfieldtype: 'Text', reqd: 1, in_global_search: 1, print_width: '300px', width: '300px' }),
		f('section_break_6', 'Section Break', 'Reference', { collapsible: 1 }),
		f('reference_type', 'Link', 'Reference Type', { oldfieldname: 'reference_type', oldfieldtype: 'Data', options: 'DocType' }),
		f('reference_name', 'Dynamic Link', 'Reference Name', { oldfieldname: 'reference_name', oldfieldtype: 'Data', options: 'reference_type' }),
		f('column_break_10', 'Column Break'),
		f('role', 'Link', 'Role', { oldfieldname: 'role', oldfieldtype: 'Link', options: 'Role' }),
		f('assigned_by', 'Link', 'Assigned By', { options: 'User', ignore_user_permissions: 1 }),
		f('assigned_by_full_name', 'Read Only', 'Assigned By Full Name', { fetch_from: 'assigned_by.full_name' }),
		f('sender', 'Data', 'Sender', { hidden: 1 }),
		f('assignment_rule', 'Link', 'Assignment Rule', { options: 'Assignment Rule', read_only: 1 }),
	],
	permissions: [
		{ role: 'All', read: 1, write: 1, create: 1, delete: 1, report: 1, share: 1, print: 1, email: 1 },
		{ role: 'System Manager', read: 1, write: 1, create: 1, report: 1, export: 1, share: 1, print: 1, email: 1 },
	],
};

const NOTE_SPEC: DocTypeSpec = {
	name: 'Note',
	module: 'Desk',
	autoname: 'hash',
	title_field: 'title',
	...ALL_DESK_PROPS,
	fields: [
		f('title', 'Data', 'Title', { reqd: 1, in_list_view: 1, in_global_search: 1 }),
		f('public', 'Check', 'Public', { default: '0', in_list_view: 1 }),
		f('notify_on_login', 'Check', 'Notify users with a popup when they log in', { default: '0' }),
		f('notify_on_every_login', 'Check', 'Notify Users On Every Login', { default: '0' }),
		f('expire_notification_on', 'Date', 'Expire Notification On'),
		f('content', 'Text Editor', 'Content', { in_global_search: 1 }),
	],
	permissions: [{ role: 'System Manager', ...FULL }, { role: 'All', read: 1, create: 1, write: 1, delete: 1, report: 1, print: 1, email: 1, share: 1 }],
};

const USER_SPEC: DocTypeSpec = {
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
		f('user_type', 'Select', 'User Type', { options: 'System User\nWebsite User', default: 'System User' }),
		f('roles', 'Table', 'Roles Assigned', { options: 'Has Role' }),
		f('api_key', 'Data', 'API Key', { read_only: 1, unique: 1, no_copy: 1 }),
		f('api_secret', 'Password', 'API Secret', { no_copy: 1 }),
	],
	permissions: [{ role: 'System Manager', ...FULL }],
};

const HAS_ROLE_SPEC: DocTypeSpec = {
	name: 'Has Role',
	module: 'Core',
	istable: 1,
	autoname: 'hash',
	...ALL_DESK_PROPS,
	fields: [f('role', 'Link', 'Role', { options: 'Role', in_list_view: 1 })],
};

const ROLE_SPEC: DocTypeSpec = {
	name: 'Role',
	module: 'Core',
	autoname: 'field:role_name',
	...ALL_DESK_PROPS,
	fields: [
		f('role_name', 'Data', 'Role Name', { reqd: 1, unique: 1, oldfieldname: 'role_name', oldfieldtype: 'Data' }),
		f('home_page', 'Data', 'Home Page'),
		f('disabled', 'Check', 'Disabled', { default: '0' }),
		f('is_custom', 'Check', 'Is Custom', { default: '0' }),
		f('desk_access', 'Check', 'Desk Access', { default: '1' }),
		f('two_factor_auth', 'Check', 'Two Factor Authentication', { default: '0' }),
	],
	permissions: [{ role: 'System Manager', ...FULL }],
};

const FILE_SPEC: DocTypeSpec = {
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
		f('uploaded_to_google_drive', 'Check', 'Uploaded To Google Drive', { default: '0', read_only: 1 }),
	],
	permissions: [{ role: 'System Manager', ...FULL }, { role: 'All', read: 1, write: 1, create: 1, delete: 1, report: 1, print: 1, email: 1, share: 1 }],
};

const WEBHOOK_SPEC: DocTypeSpec = {
	name: 'Webhook',
	module: 'Integrations',
	autoname: 'prompt',
	naming_rule: 'Set by user',
	...ALL_DESK_PROPS,
	fields: [
		f('sb_doc_events', 'Section Break', 'Doc Events'),
		f('webhook_doctype', 'Link', 'DocType', { options: 'DocType', reqd: 1, in_list_view: 1 }),
		f('cb_doc_events', 'Column Break'),
		f('webhook_docevent', 'Select', 'Doc Event', {
			options: 'after_insert\non_update\non_submit\non_cancel\non_trash\non_update_after_submit\non_change',
			in_list_view: 1,
		}),
		f('enabled', 'Check', 'Enabled', { default: '1' }),
		f('sb_condition', 'Section Break', 'Conditions'),
		f('condition', 'Small Text', 'Condition'),
		f('html_condition', 'HTML'),
		f('sb_webhook', 'Section Break', 'Webhook Request'),
		f('request_url', 'Small Text', 'Request URL', { reqd: 1 }),
		f('is_dynamic_url', 'Check', 'Is Dynamic URL?', { default: '0' }),
		f('timeout', 'Int', 'Request Timeout', { default: '5', non_negative: 1 }),
		f('background_jobs_queue', 'Autocomplete', 'Background Jobs Queue'),
		f('cb_webhook', 'Column Break'),
		f('request_method', 'Select', 'Request Method', { options: 'POST\nPUT\nDELETE', default: 'POST', reqd: 1 }),
		f('request_structure', 'Select', 'Request Structure', { options: '\nForm URL-Encoded\nJSON' }),
		f('sb_security', 'Section Break', 'Webhook Security'),
		f('enable_security', 'Check', 'Enable Security', { default: '0' }),
		f('webhook_secret', 'Password', 'Webhook Secret'),
		f('sb_webhook_headers', 'Section Break', 'Webhook Headers'),
		f('webhook_headers', 'Table', 'Headers', { options: 'Webhook Header' }),
		f('sb_webhook_data', 'Section Break', 'Webhook Data'),
		f('webhook_data', 'Table', 'Data', { options: 'Webhook Data' }),
		f('webhook_json', 'Code', 'JSON Request Body', { options: 'Jinja' }),
		f('preview_section', 'Section Break', 'Preview'),
		f('preview_document', 'Dynamic Link', 'Select Document', { options: 'webhook_doctype', is_virtual: 1 }),
		f('column_break_26', 'Column Break'),
		f('meets_condition', 'Data', 'Meets Condition?', { is_virtual: 1, read_only: 1 }),
		f('preview_request_body', 'Code', 'Request Body', { is_virtual: 1, read_only: 1 }),
	],
	permissions: [{ role: 'System Manager', ...FULL }],
};

const WEBHOOK_HEADER_SPEC: DocTypeSpec = {
	name: 'Webhook Header',
	module: 'Integrations',
	istable: 1,
	...ALL_DESK_PROPS,
	fields: [f('key', 'Small Text', 'Key', { in_list_view: 1 }), f('value', 'Small Text', 'Value', { in_list_view: 1 })],
};

const WEBHOOK_DATA_SPEC: DocTypeSpec = {
	name: 'Webhook Data',
	module: 'Integrations',
	istable: 1,
	...ALL_DESK_PROPS,
	fields: [f('fieldname', 'Select', 'Fieldname', { reqd: 1, in_list_view: 1 }), f('key', 'Data', 'Key', { reqd: 1, in_list_view: 1 })],
};

const WEBHOOK_REQUEST_LOG_SPEC: DocTypeSpec = {
	name: 'Webhook Request Log',
	module: 'Integrations',
	autoname: 'hash',
	...ALL_DESK_PROPS,
	fields: [
		f('webhook', 'Link', 'Webhook', { options: 'Webhook', read_only: 1 }),
		f('reference_doctype', 'Link', 'Reference Document Type', { options: 'DocType', read_only: 1 }),
		f('reference_document', 'Dynamic Link', 'Reference Document', { options: 'reference_doctype', read_only: 1 }),
		f('headers', 'Code', 'Headers', { read_only: 1 }),
		f('data', 'Code', 'Data', { read_only: 1 }),
		f('user', 'Link', 'User', { options: 'User', read_only: 1 }),
		f('url', 'Text', 'URL', { read_only: 1 }),
		f('response', 'Code', 'Response', { read_only: 1 }),
		f('error', 'Text', 'Error', { read_only: 1 }),
	],
	permissions: [{ role: 'System Manager', read: 1, delete: 1, report: 1, export: 1, share: 1, print: 1, email: 1 }],
};

const OAUTH_CLIENT_SPEC: DocTypeSpec = {
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

const OAUTH_CLIENT_ROLE_SPEC: DocTypeSpec = {
	name: 'OAuth Client Role',
	module: 'Integrations',
	istable: 1,
	...ALL_DESK_PROPS,
	fields: [f('role', 'Link', 'Role', { options: 'Role', in_list_view: 1 })],
};

const TAG_SPEC: DocTypeSpec = {
	name: 'Tag',
	module: 'Desk',
	autoname: 'Prompt',
	naming_rule: 'Set by user',
	...ALL_DESK_PROPS,
	allow_rename: 1,
	fields: [f('description', 'Small Text', 'Description')],
	permissions: [{ role: 'System Manager', ...FULL }, { role: 'All', read: 1, create: 1, report: 1, print: 1, email: 1, share: 1 }],
};

const DOCTYPE_SPEC: DocTypeSpec = {
	name: 'DocType',
	module: 'Core',
	autoname: 'Prompt',
	search_fields: 'module',
	...ALL_DESK_PROPS,
	allow_rename: 1,
	fields: [
		f('module', 'Link', 'Module', { options: 'Module Def', reqd: 1, search_index: 1 }),
		f('is_submittable', 'Check', 'Is Submittable', { default: '0' }),
		f('istable', 'Check', 'Is Child Table', { default: '0' }),
		f('issingle', 'Check', 'Is Single', { default: '0' }),
		f('is_tree', 'Check', 'Is Tree', { default: '0' }),
		f('is_virtual', 'Check', 'Is Virtual', { default: '0' }),
		f('editable_grid', 'Check', 'Editable Grid', { default: '1' }),
		f('quick_entry', 'Check', 'Quick Entry', { default: '0' }),
		f('track_changes', 'Check', 'Track Changes', { default: '0' }),
		f('track_seen', 'Check', 'Track Seen', { default: '0' }),
		f('track_views', 'Check', 'Track Views', { default: '0' }),
		f('custom', 'Check', 'Custom?', { default: '0' }),
		f('beta', 'Check', 'Beta', { default: '0' }),
		f('fields', 'Table', 'Fields', { options: 'DocField' }),
		f('autoname', 'Data', 'Auto Name'),
		f('naming_rule', 'Select', 'Naming Rule', { options: '\nSet by user\nAutoincrement\nBy fieldname\nBy "Naming Series" field\nExpression\nExpression (old style)\nRandom\nBy script' }),
		f('title_field', 'Data', 'Title Field'),
		f('search_fields', 'Data', 'Search Fields'),
		f('sort_field', 'Data', 'Sort Field'),
		f('sort_order', 'Select', 'Sort Order', { options: 'ASC\nDESC' }),
		f('document_type', 'Select', 'Show in Module Section', { options: '\nDocument\nSetup\nSystem\nOther' }),
		f('icon', 'Data', 'Icon'),
		f('read_only', 'Check', 'User Cannot Search', { default: '0' }),
		f('in_create', 'Check', 'User Cannot Create', { default: '0' }),
		f('allow_copy', 'Check', 'Hide Copy', { default: '0' }),
		f('allow_rename', 'Check', 'Allow Rename', { default: '1' }),
		f('allow_import', 'Check', 'Allow Import (via Data Import Tool)', { default: '0' }),
		f('hide_toolbar', 'Check', 'Hide Sidebar, Menu, and Comments', { default: '0' }),
		f('max_attachments', 'Int', 'Max Attachments', { default: '0' }),
		f('engine', 'Select', 'Database Engine', { options: 'InnoDB\nMyISAM', default: 'InnoDB' }),
		f('show_name_in_global_search', 'Check', 'Make "name" searchable in Global Search', { default: '0' }),
		f('has_web_view', 'Check', 'Has Web View', { default: '0' }),
		f('allow_guest_to_view', 'Check', 'Allow Guest to View', { default: '0' }),
		f('email_append_to', 'Check', 'Allow document creation via Email', { default: '0' }),
		f('subject_field', 'Data', 'Subject Field'),
		f('sender_field', 'Data', 'Sender Email Field'),
		f('show_title_field_in_link', 'Check', 'Show Title in Link Fields', { default: '0' }),
		f('migration_hash', 'Data', 'Migration Hash', { hidden: 1 }),
		f('translated_doctype', 'Check', 'Translate Link Fields', { default: '0' }),
		f('is_calendar_and_gantt', 'Check', 'Is Calendar and Gantt', { default: '0' }),
		f('queue_in_background', 'Check', 'Queue in Background (BETA)', { default: '0' }),
		f('allow_events_in_timeline', 'Check', 'Allow events in timeline', { default: '0' }),
		f('allow_auto_repeat', 'Check', 'Allow Auto Repeat', { default: '0' }),
		f('make_attachments_public', 'Check', 'Make Attachments Public by Default', { default: '0' }),
		f('force_re_route_to_default_view', 'Check', 'Force Re-route to Default View', { default: '0' }),
		f('show_preview_popup', 'Check', 'Show Preview Popup', { default: '0' }),
		f('index_web_pages_for_search', 'Check', 'Index Web Pages for Search', { default: '1' }),
		f('permissions', 'Table', 'Permissions', { options: 'DocPerm' }),
		f('actions', 'Table', 'Document Actions', { options: 'DocType Action' }),
		f('links', 'Table', 'Links', { options: 'DocType Link' }),
		f('states', 'Table', 'Document States', { options: 'DocType State' }),
	],
	permissions: [{ role: 'System Manager', ...FULL, import: 1 }, { role: 'Administrator', ...FULL, import: 1 }],
};

const DOCFIELD_SPEC: DocTypeSpec = {
	name: 'DocField',
	module: 'Core',
	istable: 1,
	autoname: 'hash',
	...ALL_DESK_PROPS,
	fields: [
		f('label', 'Data', 'Label', { in_list_view: 1 }),
		f('fieldtype', 'Select', 'Type', { reqd: 1, in_list_view: 1 }),
		f('fieldname', 'Data', 'Name', { in_list_view: 1 }),
		f('precision', 'Select', 'Precision'),
		f('length', 'Int', 'Length'),
		f('non_negative', 'Check', 'Non Negative'),
		f('hide_days', 'Check', 'Hide Days'),
		f('hide_seconds', 'Check', 'Hide Seconds'),
		f('reqd', 'Check', 'Mandatory', { in_list_view: 1 }),
		f('is_virtual', 'Check', 'Virtual'),
		f('search_index', 'Check', 'Index'),
		f('sort_options', 'Check', 'Sort Options'),
		f('options', 'Small Text', 'Options', { in_list_view: 1 }),
		f('show_dashboard', 'Check', 'Show Dashboard'),
		f('default', 'Small Text', 'Default'),
		f('fetch_from', 'Small Text', 'Fetch From'),
		f('fetch_if_empty', 'Check', 'Fetch on Save if Empty'),
		f('hidden', 'Check', 'Hidden'),
		f('bold', 'Check', 'Bold'),
		f('allow_in_quick_entry', 'Check', 'Allow in Quick Entry'),
		f('translatable', 'Check', 'Translatable'),
		f('print_hide', 'Check', 'Print Hide'),
		f('print_hide_if_no_value', 'Check', 'Print Hide If No Value'),
		f('report_hide', 'Check', 'Report Hide'),
		f('collapsible', 'Check', 'Collapsible'),
		f('hide_border', 'Check', 'Hide Border'),
		f('in_list_view', 'Check', 'In List View'),
		f('in_standard_filter', 'Check', 'In List Filter'),
		f('in_preview', 'Check', 'In Preview'),
		f('in_filter', 'Check', 'In Filter'),
		f('in_global_search', 'Check', 'In Global Search'),
		f('read_only', 'Check', 'Read Only'),
		f('allow_on_submit', 'Check', 'Allow on Submit'),
		f('ignore_user_permissions', 'Check', 'Ignore User Permissions'),
		f('allow_bulk_edit', 'Check', 'Allow Bulk Edit'),
		f('permlevel', 'Int', 'Perm Level'),
		f('ignore_xss_filter', 'Check', 'Ignore XSS Filter'),
		f('unique', 'Check', 'Unique'),
		f('no_copy', 'Check', 'No Copy'),
		f('set_only_once', 'Check', 'Set only once'),
		f('remember_last_selected_value', 'Check', 'Remember Last Selected Value'),
		f('show_on_timeline', 'Check', 'Show on Timeline'),
		f('make_attachment_public', 'Check', 'Make Attachment Public (by default)'),
		f('columns', 'Int', 'Columns'),
		f('show_preview_popup', 'Check', 'Show Preview Popup'),
		f('oldfieldname', 'Data', 'Old Fieldname', { hidden: 1 }),
		f('oldfieldtype', 'Data', 'Old Fieldtype', { hidden: 1 }),
	],
};

const DOCPERM_SPEC: DocTypeSpec = {
	name: 'DocPerm',
	module: 'Core',
	istable: 1,
	autoname: 'hash',
	...ALL_DESK_PROPS,
	fields: [
		f('role', 'Link', 'Role', { options: 'Role', reqd: 1, in_list_view: 1 }),
		f('if_owner', 'Check', 'If user is the owner'),
		f('permlevel', 'Int', 'Level', { in_list_view: 1 }),
		...['select', 'read', 'write', 'create', 'delete', 'submit', 'cancel', 'amend', 'report', 'export', 'import', 'share', 'print', 'email'].map((p) =>
			f(p, 'Check', p[0].toUpperCase() + p.slice(1)),
		),
	],
};

const SYSTEM_SETTINGS_SPEC: DocTypeSpec = {
	name: 'System Settings',
	module: 'Core',
	issingle: 1,
	...ALL_DESK_PROPS,
	fields: [
		f('app_name', 'Data', 'App Name'),
		f('session_expiry', 'Data', 'Session Expiry (idle timeout)'),
		f('allow_error_traceback', 'Check', 'Show Full Error and Allow Reporting of Issues to the Developer'),
		f('max_file_size', 'Int', 'Max File Size (MB)'),
		f('allow_guests_to_upload_files', 'Check', 'Allow Guests to Upload Files'),
		f('allow_consecutive_login_attempts', 'Int', 'Allow Consecutive Login Attempts'),
		f('allow_login_after_fail', 'Int', 'Allow Login After Fail'),
		f('enable_two_factor_auth', 'Check', 'Enable Two Factor Auth'),
		f('force_user_to_reset_password', 'Int', 'Force User to Reset Password'),
	],
	permissions: [{ role: 'System Manager', read: 1, write: 1, create: 1 }],
};

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
		f('customer_type', 'Select', 'Customer Type', { options: 'Company\nIndividual', default: 'Company' }),
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
		{ fieldname: 'status', label: 'Status', fieldtype: 'Select', options: 'Draft\nPaid\nCancelled', default: 'Draft' },
		{ fieldname: 'owner_user', label: 'Owner User', fieldtype: 'Link', options: 'User' },
		{ fieldname: 'grand_total', label: 'Grand Total', fieldtype: 'Currency', in_list_view: 1 },
		{ fieldname: 'items', label: 'Items', fieldtype: 'Table', options: 'Sales Voucher Item' },
	],
	permissions: [
		{ role: 'System Manager', read: 1, write: 1, create: 1, delete: 1, submit: 1, cancel: 1, amend: 1, report: 1, export: 1, print: 1, email: 1, share: 1 },
	],
};

/** [name, module, istable, issingle, is_submittable] of core doctypes that exist only as names. */
const CATALOGUE: [string, string, number, number, number][] = [
	['About Us Settings', 'Website', 0, 1, 0],
	['About Us Team Member', 'Website', 1, 0, 0],
	['Access Log', 'Core', 0, 0, 0],
	['Activity Log', 'Core', 0, 0, 0],
	['Address', 'Contacts', 0, 0, 0],
	['Address Template', 'Contacts', 0, 0, 0],
	['Assignment Rule', 'Automation', 0, 0, 0],
	['Assignment Rule Day', 'Automation', 1, 0, 0],
	['Assignment Rule User', 'Automation', 1, 0, 0],
	['Auto Repeat', 'Automation', 0, 0, 0],
	['Blog Category', 'Website', 0, 0, 0],
	['Blog Post', 'Website', 0, 0, 0],
	['Blogger', 'Website', 0, 0, 0],
	['Comment', 'Core', 0, 0, 0],
	['Communication', 'Core', 0, 0, 0],
	['Contact', 'Contacts', 0, 0, 0],
	['Contact Email', 'Contacts', 1, 0, 0],
	['Contact Phone', 'Contacts', 1, 0, 0],
	['Country', 'Geo', 0, 0, 0],
	['Currency', 'Geo', 0, 0, 0],
	['Custom DocPerm', 'Core', 0, 0, 0],
	['Custom Field', 'Custom', 0, 0, 0],
	['Customize Form', 'Custom', 0, 1, 0],
	['Dashboard', 'Desk', 0, 0, 0],
	['Data Import', 'Core', 0, 0, 0],
	['Deleted Document', 'Core', 0, 0, 0],
	['DocType Action', 'Core', 1, 0, 0],
	['DocType Link', 'Core', 1, 0, 0],
	['DocType State', 'Core', 1, 0, 0],
	['Domain', 'Core', 0, 0, 0],
	['Email Account', 'Email', 0, 0, 0],
	['Email Queue', 'Email', 0, 0, 0],
	['Email Template', 'Email', 0, 0, 0],
	['Error Log', 'Core', 0, 0, 0],
	['Event', 'Desk', 0, 0, 0],
	['Gender', 'Contacts', 0, 0, 0],
	['Kanban Board', 'Desk', 0, 0, 0],
	['Kanban Board Column', 'Desk', 1, 0, 0],
	['Language', 'Core', 0, 0, 0],
	['Module Def', 'Core', 0, 0, 0],
	['Note Seen By', 'Desk', 1, 0, 0],
	['Notification', 'Email', 0, 0, 0],
	['OAuth Authorization Code', 'Integrations', 0, 0, 0],
	['OAuth Bearer Token', 'Integrations', 0, 0, 0],
	['OAuth Provider Settings', 'Integrations', 0, 1, 0],
	['Page', 'Core', 0, 0, 0],
	['Print Format', 'Printing', 0, 0, 0],
	['Report', 'Core', 0, 0, 0],
	['Role Profile', 'Core', 0, 0, 0],
	['Salutation', 'Contacts', 0, 0, 0],
	['Scheduled Job Type', 'Core', 0, 0, 0],
	['Server Script', 'Core', 0, 0, 0],
	['Tag Link', 'Desk', 0, 0, 0],
	['Translation', 'Core', 0, 0, 0],
	['User Permission', 'Core', 0, 0, 0],
	['Version', 'Core', 0, 0, 0],
	['Web Form', 'Website', 0, 0, 0],
	['Web Page', 'Website', 0, 0, 0],
	['Website Settings', 'Website', 0, 1, 0],
	['Workflow', 'Workflow', 0, 0, 0],
	['Workspace', 'Desk', 0, 0, 0],
];

export const CORE_SPECS: DocTypeSpec[] = [
	DOCTYPE_SPEC, DOCFIELD_SPEC, DOCPERM_SPEC, TODO_SPEC, NOTE_SPEC, USER_SPEC, HAS_ROLE_SPEC, ROLE_SPEC, FILE_SPEC,
	WEBHOOK_SPEC, WEBHOOK_HEADER_SPEC, WEBHOOK_DATA_SPEC, WEBHOOK_REQUEST_LOG_SPEC, OAUTH_CLIENT_SPEC, OAUTH_CLIENT_ROLE_SPEC,
	TAG_SPEC, SYSTEM_SETTINGS_SPEC,
];

/** Build the core DocTypeDefs (creation of standard doctypes is old; their rows were "migrated" at install time). */
export function coreDocTypes(installStamp: string, genName: NameGen): DocTypeDef[] {
	const out: DocTypeDef[] = [];
	for (const spec of CORE_SPECS) {
		const creation = spec.name === 'ToDo' ? '2012-07-03 13:30:35' : '2013-02-18 13:36:19';
		const dt = buildDocType(spec, { creation, modified: installStamp }, genName, { custom: false });
		if (spec.name === 'ToDo') {
			dt.props.modified = '2023-10-05 07:44:38.476400';
			dt.assets = TODO_ASSETS;
		} else dt.props.modified = '2024-01-10 12:00:00.000000';
		out.push(dt);
	}
	for (const [name, module, istable, issingle, is_submittable] of CATALOGUE) {
		const dt = buildDocType({ name, module, istable, issingle, is_submittable, autoname: 'hash', ...ALL_DESK_PROPS }, { creation: '2013-02-18 13:36:19', modified: '2024-01-10 12:00:00.000000' }, genName, { custom: false });
		dt.catalogueOnly = true;
		out.push(dt);
	}
	return out;
}
