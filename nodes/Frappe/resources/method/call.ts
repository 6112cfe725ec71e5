// Method → Call: any whitelisted method, by dotted path, with arguments as name/value pairs or a
// JSON object.
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import {
	ArgumentError,
	argumentsFromPairs,
	parseArgumentsJson,
	placeArguments,
	validateMethodPath,
	type ArgumentPair,
	type HttpVerb,
} from '../../../shared/rpcArguments';
import { parameterError } from '../../../shared/frappeError';
import { apiVersionOf } from '../../../shared/parameters';
import { methodPath } from '../../../shared/paths';
import { shapeRpcResult } from '../../../shared/rpcResult';
import type { FrappeOperation } from '../../operation';

const showOnlyForMethodCall = { resource: ['method'], operation: ['call'] };

const fields: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'methodPath',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. myapp.api.get_balance',
		description:
			"Dotted path of a whitelisted Python function, as after /api/method/ (frappe.client.get_list, erpnext.…, myapp.api.…). On API v2, DocType/method also calls a method of that DocType's controller.",
		displayOptions: { show: showOnlyForMethodCall },
	},
	{
		displayName: 'HTTP Method',
		name: 'httpMethod',
		type: 'options',
		// Each option carries its verb in `routing`, which RoutingNode matches against the raw value.
		noDataExpression: true,
		options: [
			{ name: 'DELETE', value: 'DELETE', routing: { request: { method: 'DELETE' } } },
			{
				name: 'GET',
				value: 'GET',
				description: 'Arguments go in the query string. Frappe rolls back any write made in a GET.',
				routing: { request: { method: 'GET' } },
			},
			{
				name: 'POST',
				value: 'POST',
				description: 'Arguments go in a JSON body',
				routing: { request: { method: 'POST' } },
			},
			{ name: 'PUT', value: 'PUT', routing: { request: { method: 'PUT' } } },
		],
		default: 'POST',
		description:
			'Use POST for anything that changes data: Frappe rolls back database writes made during a GET request. Some methods accept only certain HTTP methods.',
		displayOptions: { show: showOnlyForMethodCall },
	},
	{
		displayName: 'Specify Arguments',
		name: 'specifyArguments',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'keypair' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'keypair',
		displayOptions: { show: showOnlyForMethodCall },
	},
	{
		displayName: 'Arguments',
		name: 'arguments',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Argument',
		default: {},
		description: "Arguments by name, as the method's Python parameters are named",
		displayOptions: { show: { ...showOnlyForMethodCall, specifyArguments: ['keypair'] } },
		options: [
			{
				displayName: 'Argument',
				name: 'argument',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. doctype',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						description: 'Text, or an expression giving a number, list or object',
					},
				],
			},
		],
	},
	{
		displayName: 'Arguments (JSON)',
		name: 'argumentsJson',
		type: 'json',
		default: '{}',
		placeholder: '{"doctype": "ToDo", "filters": {"status": "Open"}}',
		description:
			'A JSON object of arguments by name. Sent as the JSON body, or for GET as the query string (lists and objects as JSON text).',
		displayOptions: { show: { ...showOnlyForMethodCall, specifyArguments: ['json'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForMethodCall },
		options: [
			{
				displayName: 'Return Full Response',
				name: 'fullResponse',
				type: 'boolean',
				default: false,
				description:
					'Whether to return the whole response (message or data, docs, and _server_messages decoded into a list of messages) instead of only the return value',
			},
			{
				displayName: 'Split List Into Items',
				name: 'splitList',
				type: 'boolean',
				default: true,
				description:
					'Whether a list result becomes one item per element (elements that are not objects become {"result": …}). Off: one item {"result": [...]}.',
			},
		],
	},
];

function verbOf(context: IExecuteSingleFunctions): HttpVerb {
	return String(context.getNodeParameter('httpMethod', 'POST')).toUpperCase() as HttpVerb;
}

/**
 * Checks the method path, sets the URL and puts the arguments where Frappe reads them for the
 * chosen HTTP method.
 */
async function prepareMethodCall(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	try {
		const path = String(this.getNodeParameter('methodPath', '')).trim();
		validateMethodPath(path);
		requestOptions.url = methodPath(await apiVersionOf(this), path);
		const args =
			this.getNodeParameter('specifyArguments', 'keypair') === 'json'
				? parseArgumentsJson(this.getNodeParameter('argumentsJson', '{}'))
				: argumentsFromPairs(this.getNodeParameter('arguments.argument', []) as ArgumentPair[]);
		const placed = placeArguments(verbOf(this), args);
		if ('qs' in placed) {
			requestOptions.qs = { ...(requestOptions.qs ?? {}), ...placed.qs };
			delete requestOptions.body;
		} else {
			requestOptions.body = placed.body;
		}
		return requestOptions;
	} catch (error) {
		if (error instanceof ArgumentError)
			throw parameterError(this, error.message, error.description);
		throw parameterError(this, (error as Error).message);
	}
}

/** Unwraps `message`/`data` and shapes the result into items (see shared/rpcResult.ts). */
async function shapeMethodResult(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const shaped = shapeRpcResult(response.body, {
		apiVersion: await apiVersionOf(this),
		fullResponse: options.fullResponse === true,
		splitList: options.splitList !== false,
	});
	return shaped.map((json) => ({ json }));
}

export const call: FrappeOperation = {
	option: {
		name: 'Call',
		value: 'call',
		action: 'Call a method',
		description: 'Call a whitelisted server method (RPC) by its dotted path',
		routing: {
			request: { method: 'POST' }, // the HTTP Method field's option overrides it
			send: { preSend: [prepareMethodCall] },
			output: { postReceive: [shapeMethodResult] },
		},
	},
	fields,
};
