// What a request costs a real Frappe, for benchmarks and the tests of bounded parallelism: gunicorn serves a fixed
// number of requests at a time (2 workers here, as on the recorded server; the others wait in its backlog), and a
// request takes a fixed cost plus a cost per row it reads or writes, plus a small cost per row an offset skips
// (MariaDB walks `limit_start` rows of the index before the page: deep offsets get slower, keyset pages do not).
// Off unless configured; the server always counts requests in flight.
import type { RequestContext } from './context';

export interface CostModel {
	/** requests served at a time (gunicorn workers); default 2 */
	workers?: number;
	/** ms every request costs (routing, auth, session, commit); default 5 */
	fixedMs?: number;
	/** ms per row returned by a read; default 0.02 */
	readRowMs?: number;
	/** ms per document written (insert, save, delete with validation, hooks, version, commit); default 2.5 */
	writeRowMs?: number;
	/** ms per row an offset (limit_start) skips; default 0.002 */
	skippedRowMs?: number;
}

function countOf(value: unknown): number {
	if (Array.isArray(value)) return value.length;
	if (typeof value === 'string') {
		try {
			const parsed = JSON.parse(value) as unknown;
			return Array.isArray(parsed) ? parsed.length : 1;
		} catch {
			return 1;
		}
	}
	return 1;
}

export class ServerLoad {
	inFlight = 0;

	maxInFlight = 0;

	private busy = 0;

	private readonly queue: Array<() => void> = [];

	constructor(public model: CostModel | null = null) {}

	/** forget the highest count seen (for a test that measures from now on) */
	resetPeak(): void {
		this.maxInFlight = this.inFlight;
	}

	arrive(): void {
		this.inFlight++;
		if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
	}

	leave(): void {
		this.inFlight--;
	}

	/** waits for a free worker; returns its release */
	async worker(): Promise<() => void> {
		if (!this.model) return () => undefined;
		const workers = this.model.workers ?? 2;
		if (this.busy >= workers) await new Promise<void>((resolve) => this.queue.push(resolve));
		else this.busy++;
		return () => {
			const next = this.queue.shift();
			if (next) next();
			else this.busy--;
		};
	}

	/** ms the request costs, from what it asked and what it answered */
	costMs(ctx: RequestContext, body: unknown): number {
		const model = this.model;
		if (!model) return 0;
		let ms = model.fixedMs ?? 5;
		const form = ctx.form ?? {};
		if (ctx.method === 'GET') {
			const payload =
				body && typeof body === 'object'
					? ((body as Record<string, unknown>).data ?? (body as Record<string, unknown>).message)
					: undefined;
			ms += (Array.isArray(payload) ? payload.length : 1) * (model.readRowMs ?? 0.02);
			ms += (Number(form.limit_start ?? form.start ?? 0) || 0) * (model.skippedRowMs ?? 0.002);
		} else {
			const written = form.docs !== undefined ? countOf(form.docs) : 1;
			ms += written * (model.writeRowMs ?? 2.5);
		}
		return ms;
	}
}
