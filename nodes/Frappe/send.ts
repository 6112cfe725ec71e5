// The Frappe node's send driver. n8n's RoutingNode builds each item's request from the operation's
// `routing` (request, preSend) and, for a request marked `paginate`, hands it to the node's
// `requestOperations.pagination`: that is n8n's only hook around a declarative request, so every
// operation is marked (on the Resource parameter) and this driver sends them all. It sends once, or
// lets the operation's own `send` page, chain or batch requests; it renews an expired session once,
// repeats what Frappe refused for now, bounds each request by a timeout, and turns any failure into
// Frappe's words. RoutingNode then applies the operation's postReceive, and Continue On Fail.
//
// RoutingNode starts every item's request at once (2,000 items: 2,000 requests open). The driver
// gives each node run a fixed number of slots (Sending → Max Parallel Requests): a request waits
// for a free slot, holds it while it is on the wire, and frees it before any wait for a retry.
import type { IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import { DEFAULT_MAX_PARALLEL_REQUESTS } from '../shared/descriptions';
import { frappeError, type KnownContext } from '../shared/frappeError';
import { DEFAULT_MAX_TRIES } from '../shared/retry';
import { sendWithRenewal } from '../shared/transport';
import type { OperationSend, RoutingRequest, SendOnceOptions } from './operation';
import { runOf } from './run';

/** n8n's timeout when its own Request Options → Timeout is not set: then ours applies. */
const N8N_DEFAULT_TIMEOUT_MS = 300_000;

const ORDINARY_TIMEOUT_SECONDS = 30;
/**
 * Frappe's gunicorn timeout: lists, bulk writes, method calls (reports) and files may take that
 * long.
 */
const LONG_TIMEOUT_SECONDS = 120;
const LONG_OPERATIONS =
	/^(?:document\.(?:getMany|bulk\w+)|method\.\w+|file\.\w+|report\.\w+|print\.\w+)$/;

/** At most `limit` tasks at a time; the others wait in arrival order. */
export class Slots {
	private running = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(readonly limit: number) {}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.running >= this.limit) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else this.running++;
		try {
			return await task();
		} finally {
			const next = this.waiting.shift();
			if (next) next();
			else this.running--;
		}
	}
}

interface SendingOptions {
	maxParallel?: number;
	maxTries?: number;
	timeoutSeconds?: number;
}

function timeoutSecondsOf(operation: string, sending: SendingOptions, request: RoutingRequest) {
	if (sending.timeoutSeconds !== undefined && sending.timeoutSeconds > 0) {
		return sending.timeoutSeconds;
	}
	const n8nTimeout = request.options.timeout;
	if (typeof n8nTimeout === 'number' && n8nTimeout > 0 && n8nTimeout !== N8N_DEFAULT_TIMEOUT_MS) {
		return n8nTimeout / 1000;
	}
	return LONG_OPERATIONS.test(operation) ? LONG_TIMEOUT_SECONDS : ORDINARY_TIMEOUT_SECONDS;
}

export function sendToFrappe(sends: Record<string, OperationSend>) {
	return async function (
		this: IExecutePaginationFunctions,
		request: RoutingRequest,
	): Promise<INodeExecutionData[]> {
		const resource = String(this.getNodeParameter('resource', ''));
		const operation = `${resource}.${String(this.getNodeParameter('operation', ''))}`;
		const sending = (this.getNodeParameter('sending', {}) ?? {}) as IDataObject & SendingOptions;
		const timeoutSeconds = timeoutSecondsOf(operation, sending, request);
		const maxParallel = Math.max(
			1,
			Math.floor(sending.maxParallel ?? DEFAULT_MAX_PARALLEL_REQUESTS),
		);
		const slots = runOf(this).shared('slots', () => new Slots(maxParallel));
		const sendOnce = async (
			variation: RoutingRequest,
			known?: KnownContext,
			options: SendOnceOptions = {},
		) => {
			const method = String(variation.options.method ?? 'GET').toUpperCase();
			const timed = {
				...variation,
				options: { ...variation.options, timeout: timeoutSeconds * 1000 },
			};
			return await sendWithRenewal(
				this,
				async () => await slots.run(async () => await this.makeRoutingRequest(timed)),
				known,
				{
					maxTries: sending.maxTries ?? DEFAULT_MAX_TRIES,
					safeToRepeat: method === 'GET' || options.safeToRepeat === true,
					timeoutSeconds,
				},
			);
		};
		try {
			const send = sends[operation];
			return send ? await send.call(this, request, sendOnce) : await sendOnce(request);
		} catch (error) {
			throw frappeError(this, error);
		}
	};
}
