import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { apiVersionOf, jsonObjectParameter } from '../../../shared/parameters';
import { withBody, withQuery } from '../../../shared/requestOptions';
import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import { toDocumentMethod } from './urls';

const showOnlyForDocumentRunMethod = { resource: ['document'], operation: ['runMethod'] };

const fields: INodeProperties[] = [
	documentNameProperty({ show: showOnlyForDocumentRunMethod }),
	{
		displayName: 'Method',
		name: 'methodName',
		type: 'string',
		required: true,
		displayOptions: { show: showOnlyForDocumentRunMethod },
		default: '',
		placeholder: 'e.g. make_payment_request',
		description:
			"A method of the document's controller that is marked @frappe.whitelist(), e.g. submit, cancel or a method of your app",
	},
	{
		displayName: 'Arguments (JSON)',
		name: 'methodArguments',
		type: 'json',
		displayOptions: { show: showOnlyForDocumentRunMethod },
		default: '{}',
		description: 'The keyword arguments of the method, as a JSON object',
	},
	{
		displayName: 'HTTP Method',
		name: 'methodHttpMethod',
		type: 'options',
		displayOptions: { show: showOnlyForDocumentRunMethod },
		options: [
			{
				name: 'POST',
				value: 'POST',
				description: 'Frappe checks write permission on the document',
			},
			{
				name: 'GET',
				value: 'GET',
				description: 'Frappe checks read permission; changes are not saved',
			},
		],
		default: 'POST',
	},
];

/**
 * The method's arguments (in the query for GET, the body for POST); v1 also names the method
 * (`run_method`).
 */
async function methodArguments(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const values: IDataObject = {
		...jsonObjectParameter(this, 'methodArguments', 'Arguments (JSON)'),
	};
	if ((await apiVersionOf(this)) === 'v1') {
		values.run_method = String(this.getNodeParameter('methodName', '')).trim();
	}
	return options.method === 'GET' ? withQuery(options, values) : withBody(options, values);
}

export const runMethod: FrappeOperation = {
	option: {
		name: 'Run Document Method',
		value: 'runMethod',
		action: 'Run a method of a document',
		description: "Call a whitelisted method of the document's controller",
		routing: {
			request: {
				// RoutingNode resolves expressions in every request option, the method included.
				method: '={{ $parameter.methodHttpMethod }}' as IHttpRequestMethods,
			},
			send: { preSend: [toDocumentMethod, methodArguments] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
