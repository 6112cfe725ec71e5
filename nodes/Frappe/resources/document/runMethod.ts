import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	apiVersionOf,
	jsonObjectParameter,
	withOptions,
	withQuery,
	type RequestStep,
} from './request';

const showOnlyForDocumentRunMethod = { operation: ['runMethod'], resource: ['document'] };

export const runMethodFields: INodeProperties[] = [
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

/** The method's arguments (in the query for GET, the body for POST); v1 also names the method (`run_method`). */
export const methodArguments: RequestStep = async function (request) {
	const values: IDataObject = {
		...jsonObjectParameter(this, 'methodArguments', 'Arguments (JSON)'),
	};
	if (apiVersionOf(this) === 'v1')
		values.run_method = String(this.getNodeParameter('methodName', '')).trim();
	if (request.options.method === 'GET') return withQuery(request, values);
	return withOptions(request, {
		body: { ...((request.options.body as IDataObject | undefined) ?? {}), ...values },
	});
};
