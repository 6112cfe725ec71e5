// What an operation file exports, and how a resource's index assembles its operations into the
// node's description (the operation selector, then each operation's fields) and the send driver's
// table.
import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { KnownContext } from '../shared/frappeError';

export type RoutingRequest = DeclarativeRestApiSettings.ResultOptions;

/**
 * Whether a write may be sent again when its outcome is unknown (502, 504, a dropped connection);
 * reads may.
 */
export interface SendOnceOptions {
	safeToRepeat?: boolean;
}

/**
 * How an operation sends the request RoutingNode built when one request is not all of it (paging, a
 * second request). `sendOnce` sends a request (that one or a variation) with session renewal,
 * retries and the node's bound on parallel requests; a failure is a Frappe error, told what the
 * operation knows.
 */
export type OperationSend = (
	this: IExecutePaginationFunctions,
	request: RoutingRequest,
	sendOnce: SendOnce,
) => Promise<INodeExecutionData[]>;

/** Sends one request as the send driver does (see `OperationSend`). */
export type SendOnce = (
	request: RoutingRequest,
	known?: KnownContext,
	options?: SendOnceOptions,
) => Promise<INodeExecutionData[]>;

export interface FrappeOperation {
	/** The operation selector's entry: name, value, action, description and `routing`. */
	option: INodePropertyOptions;
	/** The operation's fields, each shown only for it. */
	fields: INodeProperties[];
	/** Only where the operation is more than one request; otherwise the driver sends it once. */
	send?: OperationSend;
}

export interface FrappeResource {
	properties: INodeProperties[];
	sends: Record<string, OperationSend>;
}

/** The operation selector of `resource` and the fields of its operations, in order. */
export function assembleResource(
	resource: string,
	defaultOperation: string,
	operations: FrappeOperation[],
	resourceFields: INodeProperties[] = [],
): FrappeResource {
	const sends: Record<string, OperationSend> = {};
	for (const { option, send } of operations) {
		if (send) sends[`${resource}.${String(option.value)}`] = send;
	}
	return {
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: [resource] } },
				options: operations.map(({ option }) => option),
				default: defaultOperation,
			},
			...resourceFields,
			...operations.flatMap(({ fields }) => fields),
		],
		sends,
	};
}
