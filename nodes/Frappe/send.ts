// The Frappe node's send driver. n8n's RoutingNode builds each item's request from the operation's `routing`
// (request, preSend) and, for a request marked `paginate`, hands it to the node's `requestOperations.pagination`:
// that is n8n's only hook around a declarative request, so every operation is marked (on the Resource parameter)
// and this driver sends them all. It sends once, or lets the operation's own `send` page or chain requests; it
// renews an expired session once; and it turns any failure into Frappe's words. RoutingNode then applies the
// operation's postReceive, and Continue On Fail.
import type { IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import { frappeError, type KnownContext } from '../shared/frappeError';
import { sendWithRenewal } from '../shared/transport';
import type { OperationSend, RoutingRequest } from './operation';

export function sendToFrappe(sends: Record<string, OperationSend>) {
	return async function (
		this: IExecutePaginationFunctions,
		request: RoutingRequest,
	): Promise<INodeExecutionData[]> {
		const sendOnce = async (variation: RoutingRequest, known?: KnownContext) =>
			await sendWithRenewal(this, async () => await this.makeRoutingRequest(variation), known);
		const operation = `${String(this.getNodeParameter('resource', ''))}.${String(this.getNodeParameter('operation', ''))}`;
		try {
			const send = sends[operation];
			return send ? await send.call(this, request, sendOnce) : await sendOnce(request);
		} catch (error) {
			throw frappeError(this, error);
		}
	};
}
