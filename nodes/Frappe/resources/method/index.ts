import type { INodeProperties } from 'n8n-workflow';

import {
	methodCallDescription,
	prepareMethodCall,
	sendMethodCall,
	shapeMethodResult,
} from './call';

const showOnlyForMethods = { resource: ['method'] };

export const methodDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForMethods },
		options: [
			{
				name: 'Call',
				value: 'call',
				action: 'Call a method',
				description: 'Call a whitelisted server method (RPC) by its dotted path',
				routing: {
					request: {
						method: 'POST', // the HTTP Method field's option overrides it
						url: '={{"/api/" + ($parameter.apiVersion === "v2" ? "v2/" : "") + "method/" + encodeURI(String($parameter.methodPath).trim())}}',
					},
					send: { preSend: [prepareMethodCall] },
					output: { postReceive: [shapeMethodResult] },
					operations: { pagination: sendMethodCall },
				},
			},
		],
		default: 'call',
	},
	...methodCallDescription,
];
