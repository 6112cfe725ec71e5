// Fields more than one resource (or both nodes) use. Operation files import these instead of redefining them.
import type { INodeProperties } from 'n8n-workflow';

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{ name: 'API Key', value: 'frappeApi' },
		{ name: 'OAuth2', value: 'frappeOAuth2Api' },
		{ name: 'Session (Username and Password)', value: 'frappeSessionApi' },
	],
	default: 'frappeApi',
};

export const credentialDescriptions = [
	{ name: 'frappeApi', required: true, displayOptions: { show: { authentication: ['frappeApi'] } } },
	{ name: 'frappeOAuth2Api', required: true, displayOptions: { show: { authentication: ['frappeOAuth2Api'] } } },
	{ name: 'frappeSessionApi', required: true, displayOptions: { show: { authentication: ['frappeSessionApi'] } } },
];

/** Where every request goes: the credential's site, without a trailing slash, with its TLS choice. */
export const frappeRequestDefaults = {
	baseURL: '={{$credentials.siteUrl.replace(/\\/+$/, "")}}',
	headers: { Accept: 'application/json' },
	skipSslCertificateValidation: '={{$credentials.ignoreSSLIssues === true}}',
};

export const apiVersionProperty: INodeProperties = {
	displayName: 'API Version',
	name: 'apiVersion',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'V1 (Frappe 14, 15, 16)',
			value: 'v1',
			description: '/api/resource and /api/method, on every Frappe version',
		},
		{
			name: 'V2 (Frappe 15+)',
			value: 'v2',
			description: '/api/v2/document, /api/v2/method and /api/v2/doctype',
		},
	],
	default: 'v1',
};

/**
 * Sends every operation's request through the node's request driver (`requestOperations.pagination`), which
 * unpacks Frappe's errors and renews expired sessions. Hidden, so it applies to all operations.
 */
export const requestDriverProperty: INodeProperties = {
	displayName: 'Request Driver',
	name: 'requestDriver',
	type: 'hidden',
	default: '',
	routing: { send: { paginate: true } },
};
