// Fields and the connection test the three Frappe credential types share.
import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

import type { CredentialRefusal } from '../nodes/shared/authMessages';
import { SITE_URL_EXPRESSION } from '../nodes/shared/siteUrl';

/**
 * What the connection test called, said in its failures. n8n shows a rule's message as written (no
 * expressions), so it names the rule that turned the Site URL into the site's root rather than the
 * URL itself.
 */
const TESTED_URL =
	'The test called /api/method/frappe.auth.get_logged_user on the site root: the Site URL up to any /app, /desk, /login or app path such as /crm, with https:// when no scheme is given.';

export const siteUrlProperty: INodeProperties = {
	displayName: 'Site URL',
	name: 'siteUrl',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. https://erp.example.com',
	description:
		'Address of the Frappe or ERPNext site. Any page of the site pasted from the browser works (e.g. https://erp.example.com/app/sales-invoice/SINV-0001): the nodes use the part before /app, /desk, /login or an app path such as /crm or /helpdesk. Without http:// or https://, https:// is used. Keep a path prefix the site is served under (e.g. https://example.com/erp).',
};

export const ignoreSslIssuesProperty: INodeProperties = {
	displayName: 'Ignore SSL Issues (Insecure)',
	name: 'ignoreSSLIssues',
	type: 'boolean',
	default: false,
	description:
		'Whether to connect even if the site uses a self-signed or otherwise invalid TLS certificate',
};

/**
 * The connection test of every Frappe credential: `frappe.auth.get_logged_user` must name a user.
 * The rules turn each way it can fail into a sentence that says what to fix.
 */
export function loggedUserTest(messages: CredentialRefusal): ICredentialTestRequest {
	return {
		request: {
			baseURL: SITE_URL_EXPRESSION,
			url: '/api/method/frappe.auth.get_logged_user',
			method: 'GET',
			headers: { Accept: 'application/json' },
			skipSslCertificateValidation: '={{$credentials.ignoreSSLIssues}}',
		},
		rules: [
			{ type: 'responseCode', properties: { value: 401, message: messages.unauthorized } },
			{ type: 'responseCode', properties: { value: 403, message: messages.guestForbidden } },
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: `Not a Frappe site or wrong URL (404): check the Site URL and any path prefix. ${TESTED_URL}`,
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'message', value: 'Guest', message: messages.guestAnswer },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'message',
					value: undefined,
					message: `Not a Frappe site or wrong URL (the answer is not Frappe JSON): check the Site URL and any path prefix. ${TESTED_URL}`,
				},
			},
		] as ICredentialTestRequest['rules'],
	};
}
