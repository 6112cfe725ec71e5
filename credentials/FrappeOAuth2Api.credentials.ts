import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

import { CREDENTIAL_REFUSALS } from '../nodes/shared/authMessages';
import { siteRootExpressionOf } from '../nodes/shared/siteUrl';
import { ignoreSslIssuesProperty, loggedUserTest, siteUrlProperty } from './shared';

/** The site's root, as an n8n expression on the credential's own Site URL. */
const SITE_ROOT = `={{${siteRootExpressionOf('$self["siteUrl"]')}}}`;

/**
 * OAuth2 against Frappe's own provider (an "OAuth Client" document on the site).
 *
 * - Endpoints: `/api/method/frappe.integrations.oauth2.authorize` and `…get_token`, built from
 *   the Site URL.
 * - Frappe reads `client_id` from the form body of the token request and never checks the client
 *   secret. With PKCE the secret stays out of the credential: n8n would otherwise send it as a
 *   Basic header without `client_id` in the body, which Frappe cannot read.
 * - n8n refreshes the token after a 401, which is what Frappe answers for an expired or revoked
 *   bearer token.
 */
export class FrappeOAuth2Api implements ICredentialType {
	name = 'frappeOAuth2Api';

	displayName = 'Frappe OAuth2 API';

	extends = ['oAuth2Api'];

	icon: Icon = { light: 'file:frappe.svg', dark: 'file:frappe.dark.svg' };

	documentationUrl = 'https://docs.frappe.io/framework-git/security/oauth2';

	properties: INodeProperties[] = [
		siteUrlProperty,
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{
					name: 'PKCE',
					value: 'pkce',
					description: 'Authorization code with a PKCE (S256) challenge; no client secret needed',
				},
				{
					name: 'Authorization Code',
					value: 'authorizationCode',
					description: "Plain authorization code; sends the OAuth Client's secret as well",
				},
			],
			default: 'pkce',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `${SITE_ROOT}/api/method/frappe.integrations.oauth2.authorize`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `${SITE_ROOT}/api/method/frappe.integrations.oauth2.get_token`,
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'The Client ID of the OAuth Client document in Frappe (Integrations → OAuth Client)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			displayOptions: { show: { grantType: ['authorizationCode'] } },
			description: 'The Client Secret of the OAuth Client document',
		},
		{
			displayName: 'Scope',
			name: 'customScope',
			type: 'string',
			default: 'all',
			description: "Space-separated scopes; they must also be listed in the OAuth Client's Scopes",
			hint: 'Leave out "openid": Frappe 15 cannot refresh a token that has the openid scope (404 "User None not found"), so the connection would stop working after an hour',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '={{String($self["customScope"] || "all").trim() || "all"}}',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		ignoreSslIssuesProperty,
	];

	test: ICredentialTestRequest = loggedUserTest(CREDENTIAL_REFUSALS.frappeOAuth2Api);
}
