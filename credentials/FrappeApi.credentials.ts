import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { CREDENTIAL_REFUSALS } from '../nodes/shared/authMessages';
import { siteUrlOf } from '../nodes/shared/siteUrl';
import { ignoreSslIssuesProperty, loggedUserTest, siteUrlProperty } from './shared';

/**
 * API key + secret of a Frappe user (User → Settings → API Access → Generate Keys).
 *
 * Frappe reads `Authorization: token <key>:<secret>` or `Authorization: Basic
 * base64(<key>:<secret>)`; a wrong key or secret is a 401 AuthenticationError. Frappe picks the
 * site from the Host header, so a site reached through an IP address or an internal URL can be
 * given its site name in `hostHeader`.
 */
export class FrappeApi implements ICredentialType {
	name = 'frappeApi';

	displayName = 'Frappe API';

	icon: Icon = { light: 'file:frappe.svg', dark: 'file:frappe.dark.svg' };

	documentationUrl =
		'https://docs.frappe.io/framework/user/en/guides/integration/rest_api/token_based_authentication';

	properties: INodeProperties[] = [
		siteUrlProperty,
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The API Key shown in the API Access section of the Frappe user',
		},
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API Secret Frappe shows once after "Generate Keys". Generating keys again replaces it.',
		},
		{
			displayName: 'Header Style',
			name: 'headerStyle',
			type: 'options',
			options: [
				{
					name: 'Token',
					value: 'token',
					description: 'Authorization: token API_KEY:API_SECRET (what Frappe documents)',
				},
				{
					name: 'Basic',
					value: 'basic',
					description:
						'Authorization: Basic base64(API_KEY:API_SECRET), for proxies that only pass Basic auth through',
				},
			],
			default: 'token',
		},
		{
			displayName: 'Host Header',
			name: 'hostHeader',
			type: 'string',
			default: '',
			placeholder: 'e.g. erp.example.com',
			description:
				'Only when the Site URL is an IP address or internal name: the site name Frappe should serve, sent as the Host header. Leave empty otherwise.',
		},
		ignoreSslIssuesProperty,
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (!/^https?:\/\/[^/\s]/i.test(siteUrlOf(credentials))) {
			throw new Error(
				'The Site URL of the Frappe API credential must start with http:// or https://',
			);
		}
		const key = String(credentials.apiKey ?? '').trim();
		const secret = String(credentials.apiSecret ?? '').trim();
		const authorization =
			credentials.headerStyle === 'basic'
				? `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`
				: `token ${key}:${secret}`;
		const headers: Record<string, string> = {
			...((requestOptions.headers as Record<string, string> | undefined) ?? {}),
			Authorization: authorization,
		};
		const host = String(credentials.hostHeader ?? '').trim();
		if (host !== '') {
			for (const name of Object.keys(headers)) {
				if (name.toLowerCase() === 'host') delete headers[name];
			}
			headers.Host = host;
		}
		requestOptions.headers = headers;
		return requestOptions;
	}

	test: ICredentialTestRequest = loggedUserTest(CREDENTIAL_REFUSALS.frappeApi);
}
