// Webhook and its child tables, and the Webhook Request Log (frappe/integrations/doctype/webhook,
// webhook_header, webhook_data, webhook_request_log). What a Webhook sends lives in ../webhooks.
import type { DocTypeSpec } from '../meta';
import { frappeThrow } from '../errors';
import { checkPythonExpression } from '../python';
import { ALL_DESK_PROPS, f, FULL } from './common';
import type { CoreDocType } from './controller';

export const WEBHOOK_SPEC: DocTypeSpec = {
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
			options:
				'after_insert\non_update\non_submit\non_cancel\non_trash\non_update_after_submit\non_change',
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
		f('request_method', 'Select', 'Request Method', {
			options: 'POST\nPUT\nDELETE',
			default: 'POST',
			reqd: 1,
		}),
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
		f('preview_document', 'Dynamic Link', 'Select Document', {
			options: 'webhook_doctype',
			is_virtual: 1,
		}),
		f('column_break_26', 'Column Break'),
		f('meets_condition', 'Data', 'Meets Condition?', { is_virtual: 1, read_only: 1 }),
		f('preview_request_body', 'Code', 'Request Body', { is_virtual: 1, read_only: 1 }),
	],
	permissions: [{ role: 'System Manager', ...FULL }],
};

export const WEBHOOK_HEADER_SPEC: DocTypeSpec = {
	name: 'Webhook Header',
	module: 'Integrations',
	istable: 1,
	...ALL_DESK_PROPS,
	fields: [
		f('key', 'Small Text', 'Key', { in_list_view: 1 }),
		f('value', 'Small Text', 'Value', { in_list_view: 1 }),
	],
};

export const WEBHOOK_DATA_SPEC: DocTypeSpec = {
	name: 'Webhook Data',
	module: 'Integrations',
	istable: 1,
	...ALL_DESK_PROPS,
	fields: [
		f('fieldname', 'Select', 'Fieldname', { reqd: 1, in_list_view: 1 }),
		f('key', 'Data', 'Key', { reqd: 1, in_list_view: 1 }),
	],
};

export const WEBHOOK_REQUEST_LOG_SPEC: DocTypeSpec = {
	name: 'Webhook Request Log',
	module: 'Integrations',
	autoname: 'hash',
	...ALL_DESK_PROPS,
	fields: [
		f('webhook', 'Link', 'Webhook', { options: 'Webhook', read_only: 1 }),
		f('reference_doctype', 'Link', 'Reference Document Type', { options: 'DocType', read_only: 1 }),
		f('reference_document', 'Dynamic Link', 'Reference Document', {
			options: 'reference_doctype',
			read_only: 1,
		}),
		f('headers', 'Code', 'Headers', { read_only: 1 }),
		f('data', 'Code', 'Data', { read_only: 1 }),
		f('user', 'Link', 'User', { options: 'User', read_only: 1 }),
		f('url', 'Text', 'URL', { read_only: 1 }),
		f('response', 'Code', 'Response', { read_only: 1 }),
		f('error', 'Text', 'Error', { read_only: 1 }),
	],
	permissions: [
		{
			role: 'System Manager',
			read: 1,
			delete: 1,
			report: 1,
			export: 1,
			share: 1,
			print: 1,
			email: 1,
		},
	],
};

const SUBMIT_EVENTS = ['on_submit', 'on_cancel', 'on_update_after_submit'];

export const WEBHOOK: CoreDocType = {
	spec: WEBHOOK_SPEC,
	controller: {
		validate(doc, store) {
			// Webhook.validate_docevent
			const target = doc.webhook_doctype as string | undefined;
			const event = doc.webhook_docevent as string | undefined;
			if (target && event && SUBMIT_EVENTS.includes(event)) {
				const meta = store.getMeta(target);
				if (meta && !meta.isSubmittable)
					throw frappeThrow('DocType must be Submittable for the selected Doc Event');
			}
			// Webhook.validate_condition: safe_eval compiles it
			if (doc.condition) {
				const err = checkPythonExpression(String(doc.condition));
				if (err) throw frappeThrow(`Invalid Condition: ${err}`);
			}
		},
		// the virtual fields the form fills once a document is picked
		virtualFields: {
			meets_condition: (doc) =>
				doc.condition ? 'Select a document to check if it meets conditions.' : 'Yes',
			preview_request_body: () => 'Select a document to preview request data',
		},
	},
};

export const WEBHOOK_HEADER: CoreDocType = { spec: WEBHOOK_HEADER_SPEC };

export const WEBHOOK_DATA: CoreDocType = { spec: WEBHOOK_DATA_SPEC };

export const WEBHOOK_REQUEST_LOG: CoreDocType = { spec: WEBHOOK_REQUEST_LOG_SPEC };
