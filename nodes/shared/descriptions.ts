// Fields more than one resource (or both nodes) use. Operation files import these instead of
// redefining them.
import type { INodeProperties } from 'n8n-workflow';

import { DESK_LINK_PATTERN } from './documentUrl';
import { SITE_URL_EXPRESSION } from './siteUrl';

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
	{
		name: 'frappeApi',
		required: true,
		displayOptions: { show: { authentication: ['frappeApi'] } },
	},
	{
		name: 'frappeOAuth2Api',
		required: true,
		displayOptions: { show: { authentication: ['frappeOAuth2Api'] } },
	},
	{
		name: 'frappeSessionApi',
		required: true,
		displayOptions: { show: { authentication: ['frappeSessionApi'] } },
	},
];

/**
 * Where every request goes: the credential's site, without a trailing slash, with its TLS choice.
 */
export const frappeRequestDefaults = {
	baseURL: SITE_URL_EXPRESSION,
	headers: { Accept: 'application/json' },
	skipSslCertificateValidation: '={{$credentials.ignoreSSLIssues === true}}',
};

const apiVersionOptions: INodeProperties['options'] = [
	{
		name: 'Auto',
		value: 'auto',
		description:
			'V2 where the site has it (Frappe 15+), v1 otherwise: asked once per site and credential',
	},
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
];

/**
 * The API version. Auto is the default from node version 1.1; nodes of version 1 (workflows saved
 * before it) keep v1, their default then, so they send what they always sent.
 */
export const apiVersionProperties: INodeProperties[] = [
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [1] } },
		options: apiVersionOptions,
		default: 'v1',
	},
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } },
		options: apiVersionOptions,
		default: 'auto',
	},
];

export const includeRequestInfoProperty: INodeProperties = {
	displayName: 'Include Request Info',
	name: 'includeRequestInfo',
	type: 'boolean',
	default: false,
	description:
		'Whether to add "requestInfo" to the first output item: the site URL the requests went to, the API version used and, with Auto, why',
};

/**
 * The doctype to work on, picked from a searchable list (which works for users without System
 * Manager) or typed by name. Any doctype, including custom ones and names with spaces (`Sales
 * Order`).
 */
export function doctypeProperty(
	displayOptions?: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName: 'Doctype',
		name: 'doctype',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The doctype of the documents, e.g. Sales Order, ToDo or a custom doctype',
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDoctypes', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Sales Order',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*\\S.*$', errorMessage: 'Give the name of the doctype' },
					},
				],
			},
		],
	};
}

/**
 * The document to work on: picked from a searchable list of the doctype's documents, typed by name
 * (Frappe's ID), or pasted as the link of its desk page
 * (`https://erp.example.com/app/sales-order/SAL-ORD-0001`).
 */
export function documentNameProperty(
	displayOptions?: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName: 'Document',
		name: 'documentName',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: "The document, by its name (Frappe's ID, e.g. SAL-ORD-2024-00001)",
		displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchDocuments', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. SAL-ORD-2024-00001',
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://erp.example.com/app/sales-order/SAL-ORD-2024-00001',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^.*${DESK_LINK_PATTERN}`,
							errorMessage:
								"Paste the link of the document's page in Frappe, e.g. https://erp.example.com/app/sales-order/SAL-ORD-0001",
						},
					},
				],
			},
		],
	};
}

type DisplayShow = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

/** "Return All" and "Limit" of a listing operation, shown where `show` says. */
export function returnAllAndLimitProperties(show: DisplayShow): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			displayOptions: { show },
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { ...show, returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
		},
	];
}

/**
 * The binary field a file is read from (`input`: File → Upload) or put in (`output`: downloads,
 * PDFs, report exports).
 */
export function binaryPropertyNameProperty(
	show: DisplayShow,
	direction: 'input' | 'output' = 'output',
): INodeProperties {
	return {
		displayName: direction === 'input' ? 'Input Binary Field' : 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'data',
		hint:
			direction === 'input'
				? 'The name of the input binary field containing the file to upload'
				: 'The name of the output binary field to put the file in',
		displayOptions: { show },
	};
}

/**
 * How many requests one node run keeps open at a time, over all its items (measured:
 * docs/bulk-and-performance.md).
 */
export const DEFAULT_MAX_PARALLEL_REQUESTS = 6;

/**
 * How requests are sent, for every operation: at most so many at a time over all input items, how
 * often a request Frappe refused for now (429, 503) is tried, and how long an answer may take.
 */
export const sendingProperty: INodeProperties = {
	displayName: 'Sending',
	name: 'sending',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Max Parallel Requests',
			name: 'maxParallel',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 64 },
			default: DEFAULT_MAX_PARALLEL_REQUESTS,
			description:
				'How many requests this node has open at a time, over all its input items. Frappe serves a few at once (one per worker); more only wait in its queue.',
		},
		{
			displayName: 'Max Tries',
			name: 'maxTries',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 10 },
			default: 4,
			description:
				"How many times a request is sent at most. Frappe's rate limit (429) and 503 answers are tried again after the wait Frappe asks for; 502, 504 and dropped connections only for requests that are safe to repeat (reads, bulk updates).",
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 30,
			description:
				"How long to wait for each answer. Without this option: 30 seconds, and 120 (Frappe's own worker timeout) for lists, bulk operations, method calls and files.",
		},
	],
};
