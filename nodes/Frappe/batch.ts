// How a declarative node sends many input items in one request.
//
// RoutingNode handles items one by one: it builds each item's request (routing, preSend) and calls
// the send driver for it, without waiting for earlier items' answers, so every item's call is open
// at the same time. A bulk operation's send does not send its item's request: it adds the item's
// entry (a document) to the run's open batch and waits for the batch's answer. The batch is sent by
// the item that completes it, with that item's request and context (the credential and the site are
// the same for every item):
// - the item that fills a chunk (e.g. the 200th document for insert_many), or
// - the item that leaves no one else to wait for: the run knows how many input items there are, and
//   an item whose preparation failed (a bad parameter) withdraws, so the others do not wait for it.
// Should an item fail where this code does not see it (in the engine, before the driver), an idle
// watch sends what has arrived once no item has arrived or withdrawn for IDLE_MS (waiting with
// n8n's `sleep`). The chunk's sender answers with one outcome per entry, in order; each waiting
// item takes its own, so every output item is paired with its input item and carries its own result
// or its own error (made in its own context, so Continue On Fail applies per item).
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { frappeError } from '../shared/frappeError';
import type { NodeRun } from './run';

export type BatchOutcome<R> = { ok: R } | { error: unknown };

/**
 * Sends a chunk of entries; one outcome per entry, in order. Should it throw, every entry gets that
 * error.
 */
export type ChunkSender<E, R> = (entries: E[]) => Promise<Array<BatchOutcome<R>>>;

const IDLE_MS = 100;

interface Waiter<E, R> {
	entry: E;
	send: ChunkSender<E, R>;
	resolve: (result: R) => void;
	reject: (error: unknown) => void;
}

export class Batch<E, R> {
	private chunk: Array<Waiter<E, R>> = [];

	private settled = 0;

	private activity = 0;

	constructor(
		private readonly chunkSize: number,
		private readonly expected: number | undefined,
	) {}

	/**
	 * Adds `entry` to the open chunk; resolves with its own result, or rejects with its own error.
	 */
	async join(entry: E, send: ChunkSender<E, R>): Promise<R> {
		return await new Promise<R>((resolve, reject) => {
			this.chunk.push({ entry, send, resolve, reject });
			this.settled++;
			this.activity++;
			if (this.chunk.length === 1) void this.watch(this.chunk);
			this.flushIfDue();
		});
	}

	/** An item that will not join (its preparation failed): nobody waits for it. */
	withdraw(): void {
		this.settled++;
		this.activity++;
		this.flushIfDue();
	}

	private flushIfDue(): void {
		const everyoneIn = this.expected !== undefined && this.settled >= this.expected;
		if (this.chunk.length >= this.chunkSize || (everyoneIn && this.chunk.length > 0)) this.flush();
	}

	private flush(): void {
		const chunk = this.chunk;
		this.chunk = [];
		void this.sendChunk(chunk);
	}

	private async sendChunk(chunk: Array<Waiter<E, R>>): Promise<void> {
		let outcomes: Array<BatchOutcome<R>>;
		try {
			// The item that completed the chunk sends it.
			outcomes = await chunk[chunk.length - 1].send(chunk.map(({ entry }) => entry));
		} catch (error) {
			outcomes = chunk.map(() => ({ error }));
		}
		chunk.forEach((waiter, index) => {
			const outcome = outcomes[index] ?? {
				error: new Error('Frappe sent no result for this item'),
			};
			if ('ok' in outcome) waiter.resolve(outcome.ok);
			else waiter.reject(outcome.error);
		});
	}

	private async watch(chunk: Array<Waiter<E, R>>): Promise<void> {
		let seen = -1;
		while (this.chunk === chunk) {
			if (seen === this.activity) {
				this.flush();
				return;
			}
			seen = this.activity;
			await sleep(IDLE_MS);
		}
	}
}

/** The run's batch for `operation`, made by the first item that asks. */
export function batchOf<E, R>(run: NodeRun, operation: string, chunkSize: number): Batch<E, R> {
	return run.shared(`batch:${operation}`, () => new Batch<E, R>(chunkSize, run.itemCount));
}

/**
 * preSend of a bulk operation: the item's request, carrying its entry, made by `prepare`. Should
 * that fail, the item withdraws from its batch (`batchFor` finds it) so that the others do not wait
 * for it, and the failure is thrown as a Frappe error.
 */
export function entryPreSend<E, R>(
	batchFor: (context: IExecuteSingleFunctions) => Batch<E, R>,
	prepare: (
		context: IExecuteSingleFunctions,
		options: IHttpRequestOptions,
	) => Promise<IHttpRequestOptions>,
) {
	return async function (
		this: IExecuteSingleFunctions,
		options: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		try {
			return await prepare(this, options);
		} catch (error) {
			batchFor(this).withdraw();
			throw frappeError(this, error);
		}
	};
}

/**
 * Adds `entry` to `batch`; the chunk it ends up in is sent with `send`, as sendBisecting sends it.
 */
export async function joinBisecting<E, R>(
	batch: Batch<E, R>,
	entry: E,
	send: ChunkSender<E, R>,
): Promise<R> {
	return await batch.join(entry, async (entries) => await sendBisecting(entries, send));
}

/**
 * Whether Frappe answered the request with an error, so that it rolled back what the request wrote.
 */
export function refusedByFrappe(error: unknown): boolean {
	const status = Number((error as { httpCode?: unknown })?.httpCode);
	return status >= 400 && ![429, 502, 503, 504].includes(status);
}

/**
 * Sends `entries` with `send`; when Frappe refuses the request as a whole (it rolled everything
 * back), sends each half again, down to single entries, so that every good entry is written once
 * and every bad one gets its own error (a chunk of 200 with one bad document takes about 16
 * requests, not 200). A failure whose outcome is unknown (a timeout, a 502 after the tries) is not
 * repeated: every entry of the chunk gets it.
 */
export async function sendBisecting<E, R>(
	entries: E[],
	send: ChunkSender<E, R>,
): Promise<Array<BatchOutcome<R>>> {
	try {
		return await send(entries);
	} catch (error) {
		if (entries.length === 1 || !refusedByFrappe(error)) return entries.map(() => ({ error }));
		const half = Math.ceil(entries.length / 2);
		const first = await sendBisecting(entries.slice(0, half), send);
		const second = await sendBisecting(entries.slice(half), send);
		return [...first, ...second];
	}
}
