// How the Frappe node sends: at most Max Parallel Requests open at a time over all items (counted at the server,
// which serves 2 at a time and charges each request like Frappe does), 429 answered by waiting Retry-After and trying
// again, a clear error after the last try, and a timeout's own error when the site does not answer.
import type { ServerResponse } from 'node:http';

import { DocumentTestbed } from '../document/support';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start({ seed: 'demo', costModel: { fixedMs: 10, workers: 2 } });
	bed.server.store.insert('ToDo', { name: 'sending-probe', description: 'probe' } as never);
});

afterAll(async () => await bed.close());

const getProbe = (sending: Record<string, unknown> = {}) => ({
	operation: 'get',
	doctype: 'ToDo',
	documentName: { __rl: true, mode: 'name', value: 'sending-probe' },
	sending,
});

const items = (count: number) => Array.from({ length: count }, (_, i) => ({ i }));

it.each([
	[undefined, 6],
	[3, 3],
	[1, 1],
])('keeps at most %s (→ %i) requests in flight for 40 items', async (maxParallel, bound) => {
	bed.server.http.load.resetPeak();
	const sending = maxParallel === undefined ? {} : { maxParallel };
	const out = await bed.ok(getProbe(sending), { input: items(40) });
	expect(out).toHaveLength(40);
	expect(out.every((json) => json.name === 'sending-probe')).toBe(true);
	expect(bed.server.http.load.maxInFlight).toBeLessThanOrEqual(bound);
	expect(bed.server.http.load.maxInFlight).toBe(bound);
});

it("waits for the rate limiter's Retry-After and tries again", async () => {
	// One request uses up the window (Frappe's global limiter counts request time, site-wide).
	bed.server.setRateLimit({ limit: 0.001, window: 1, costMicros: 30_000 });
	try {
		const mark = bed.server.requests.length;
		// Tries to spare: on a loaded machine one wait can end just before the window does.
		const out = await bed.ok(getProbe({ maxParallel: 1, maxTries: 8 }), { input: items(2) });
		expect(out).toHaveLength(2);
		const statuses = bed.server.requests.slice(mark).map((request) => request.status);
		expect(statuses).toContain(429);
		expect(statuses.filter((status) => status === 200)).toHaveLength(2);
	} finally {
		bed.server.setRateLimit(null);
	}
}, 20_000);

function answer429(res: ServerResponse): void {
	res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
	res.end(
		JSON.stringify({
			exc_type: 'TooManyRequestsError',
			exception: 'frappe.exceptions.TooManyRequestsError',
		}),
	);
}

it('gives up after Max Tries and says so', async () => {
	bed.server.route('GET', /^\/api\/resource\/ToDo\/always-limited$/, (_req, res) => answer429(res));
	const mark = bed.server.requests.length;
	const result = await bed.run({
		...getProbe({ maxTries: 3 }),
		documentName: { __rl: true, mode: 'name', value: 'always-limited' },
	});
	expect(result.status).toBe('error');
	expect(result.error?.message).toMatch(/gave up after 3 tries/);
	expect(bed.requestsSince(mark)).toHaveLength(3);
});

it('does not repeat a write whose outcome is unknown (502), but does repeat a read', async () => {
	let reads = 0;
	bed.server.route('GET', /^\/api\/resource\/ToDo\/bad-gateway$/, (_req, res) => {
		reads++;
		res.writeHead(reads < 2 ? 502 : 200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(reads < 2 ? {} : { data: { name: 'bad-gateway' } }));
	});
	const read = await bed.ok({
		...getProbe(),
		documentName: { __rl: true, mode: 'name', value: 'bad-gateway' },
	});
	expect(read).toEqual([{ name: 'bad-gateway' }]);
	expect(reads).toBe(2);
	let writes = 0;
	bed.server.route('DELETE', /^\/api\/resource\/ToDo\/bad-gateway$/, (_req, res) => {
		writes++;
		res.writeHead(502, { 'content-type': 'text/html' });
		res.end('<html>Bad Gateway</html>');
	});
	const result = await bed.run({
		operation: 'delete',
		doctype: 'ToDo',
		documentName: { __rl: true, mode: 'name', value: 'bad-gateway' },
	});
	expect(result.status).toBe('error');
	expect(writes).toBe(1);
}, 20_000);

it('ends a request the site does not answer with the timeout', async () => {
	bed.server.route(
		'GET',
		/^\/api\/resource\/ToDo\/hangs$/,
		async () => await new Promise(() => {}),
	);
	const started = Date.now();
	const result = await bed.run({
		...getProbe({ timeoutSeconds: 1 }),
		documentName: { __rl: true, mode: 'name', value: 'hangs' },
	});
	expect(result.status).toBe('error');
	expect(result.error?.message).toMatch(/did not answer within 1 seconds/);
	expect(Date.now() - started).toBeGreaterThanOrEqual(900);
}, 20_000);
