// Get Many, Return All, through n8n's engine against a plain undici loop paging the same server with the same page
// size: documents per second for both, their ratio, and the engine run's peak memory next to the size of the
// result's JSON. Not a jest test; run with
//   node --expose-gc -r ts-node/register/transpile-only test/bench/get-many.ts [documents=50000] [pageSize=500] [rounds=3]
// The servers run in a child process (their memory is not counted): the Frappe-compatible test server, and a
// static twin that answers the same pages from memory, which shows the client's own cost without the test
// server's query engine. Timed rounds measure nothing else. Memory is V8 heap + ArrayBuffers above a baseline
// taken after a full GC, in two more rounds each: sampled every millisecond (the peak then includes garbage the GC
// had not collected yet), and sampled every 10 ms right after a full GC (the memory really in use).
/* eslint-disable no-console */
import './user-folder';

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { request } from 'undici';

import { FrappeApi } from '../../credentials/FrappeApi.credentials';
import { N8nHarness } from '../harness';
import { BENCH_DOCTYPE, BENCH_ORDER_BY, type BenchServers } from './get-many-server';

// `Frappe.node` would resolve to the codex file Frappe.node.json outside jest, so the .ts file is named in full.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Frappe } =
	require('../../nodes/Frappe/Frappe.node.ts') as typeof import('../../nodes/Frappe/Frappe.node');

const documents = Number(process.argv[2] ?? 50_000);
const pageSize = Number(process.argv[3] ?? 500);
const rounds = Number(process.argv[4] ?? 3);
const MB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
	console.error('Run with node --expose-gc so that memory is measured from a clean baseline.');
	process.exit(2);
}

async function startServers(): Promise<{ servers: BenchServers; stop: () => void }> {
	const child = spawn(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', `${__dirname}/get-many-server.ts`, String(documents)],
		{ stdio: ['pipe', 'pipe', 'inherit'] },
	);
	const lines = createInterface({ input: child.stdout });
	const first = await new Promise<string>((resolve, reject) => {
		lines.once('line', resolve);
		child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
	});
	return { servers: JSON.parse(first) as BenchServers, stop: () => child.stdin.end() };
}

/** The plain loop: the same query, page after page, until a short page; rows parsed and kept, like the node. */
async function rawLoop(baseUrl: string, servers: BenchServers): Promise<unknown[]> {
	const rows: unknown[] = [];
	const headers = {
		authorization: `token ${servers.apiKey}:${servers.apiSecret}`,
		accept: 'application/json',
	};
	for (let start = 0; ; start += pageSize) {
		const query = new URLSearchParams({
			fields: '["*"]',
			order_by: BENCH_ORDER_BY,
			limit_page_length: String(pageSize),
			limit_start: String(start),
		});
		const response = await request(
			`${baseUrl}/api/resource/${encodeURIComponent(BENCH_DOCTYPE)}?${query}`,
			{ headers },
		);
		if (response.statusCode !== 200) throw new Error(`raw loop: HTTP ${response.statusCode}`);
		const page = ((await response.body.json()) as { data: unknown[] }).data;
		for (const row of page) rows.push(row);
		if (page.length < pageSize) return rows;
	}
}

function engine(siteUrl: string, servers: BenchServers) {
	const harness = new N8nHarness({
		nodeTypes: { 'n8n-nodes-frappe.frappe': new Frappe() },
		credentialTypes: [new FrappeApi()],
	});
	const credential = harness.addCredential('frappeApi', {
		siteUrl,
		apiKey: servers.apiKey,
		apiSecret: servers.apiSecret,
	});
	return async (limit?: number) => {
		const result = await harness.runNode({
			type: 'n8n-nodes-frappe.frappe',
			name: 'Get Many',
			parameters: {
				authentication: 'frappeApi',
				resource: 'document',
				operation: 'getMany',
				doctype: { __rl: true, mode: 'name', value: BENCH_DOCTYPE },
				returnAll: limit === undefined,
				limit: limit ?? 50,
				options: { fields: ['*'], pageSize },
			},
			credentials: { frappeApi: credential },
		});
		if (result.status !== 'success') throw new Error(`engine: ${result.error?.message}`);
		return result.items;
	};
}

function memoryNow(): number {
	const usage = process.memoryUsage();
	return usage.heapUsed + usage.arrayBuffers;
}

interface Measured<T> {
	value: T;
	seconds: number;
	/** CPU time of this process (the client side; the servers run in another process). */
	cpuSeconds: number;
	/** Highest heap + ArrayBuffers above the baseline, garbage the GC had not collected yet included. */
	peakBytes: number;
}

/**
 * Runs `run` from a clean baseline. `sample`: none (timing rounds), 'heap' (every millisecond, garbage the GC has
 * not collected yet included) or 'live' (a full GC before each sample every 10 ms: the memory really in use).
 */
async function measure<T>(
	run: () => Promise<T>,
	sample: 'none' | 'heap' | 'live' = 'none',
): Promise<Measured<T>> {
	// Buffers are released by finalizers after a GC: collect a few times, letting them run in between.
	for (let round = 0; round < 4; round++) {
		gc!();
		await new Promise((resolve) => setImmediate(resolve));
	}
	const baseline = memoryNow();
	let peak = baseline;
	const sampler =
		sample === 'none'
			? undefined
			: setInterval(
					() => {
						if (sample === 'live') gc!();
						const now = memoryNow();
						if (now > peak) peak = now;
					},
					sample === 'live' ? 10 : 1,
				);
	const cpu = process.cpuUsage();
	const started = process.hrtime.bigint();
	const value = await run();
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const used = process.cpuUsage(cpu);
	clearInterval(sampler);
	if (sample === 'live') gc!();
	peak = Math.max(peak, memoryNow());
	return {
		value,
		seconds,
		cpuSeconds: (used.user + used.system) / 1e6,
		peakBytes: peak - baseline,
	};
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;

async function scenario(label: string, siteUrl: string, servers: BenchServers): Promise<void> {
	console.log(label);
	const runEngine = engine(siteUrl, servers);
	const runRaw = async () => await rawLoop(siteUrl, servers);
	await runEngine(pageSize * 2);
	await runRaw();
	const raw: Array<Measured<unknown[]>> = [];
	const node: Array<Measured<unknown[]>> = [];
	for (let round = 0; round < rounds; round++) {
		raw.push(await measure(runRaw));
		node.push(await measure(async () => await runEngine()));
		const [r, n] = [raw[round], node[round]];
		console.log(
			`  round ${round + 1}: raw ${r.seconds.toFixed(2)} s (cpu ${r.cpuSeconds.toFixed(2)} s), node ${n.seconds.toFixed(2)} s (cpu ${n.cpuSeconds.toFixed(2)} s)`,
		);
	}
	for (const run of [...raw, ...node]) {
		if (run.value.length !== documents)
			throw new Error(`a run returned ${run.value.length} documents`);
	}
	const items = node[node.length - 1].value as Array<{ json: { name: string } }>;
	if (new Set(items.map((item) => item.json.name)).size !== documents)
		throw new Error('the node returned duplicates');
	const resultJson = Buffer.byteLength(JSON.stringify(items.map((item) => item.json)));
	const rawHeap = await measure(runRaw, 'heap');
	const nodeHeap = await measure(async () => await runEngine(), 'heap');
	const rawLive = await measure(runRaw, 'live');
	const nodeLive = await measure(async () => await runEngine(), 'live');
	const rate = (runs: Array<Measured<unknown[]>>) =>
		median(runs.map((run) => documents / run.seconds));
	const best = (runs: Array<Measured<unknown[]>>) =>
		Math.max(...runs.map((run) => documents / run.seconds));
	const cpu = (runs: Array<Measured<unknown[]>>) => median(runs.map((run) => run.cpuSeconds));
	console.log(
		`  documents/s (median | best):  raw ${rate(raw).toFixed(0)} | ${best(raw).toFixed(0)}   node ${rate(node).toFixed(0)} | ${best(node).toFixed(0)}`,
	);
	console.log(
		`  ratio node/raw:               ${(rate(node) / rate(raw)).toFixed(3)} median, ${(best(node) / best(raw)).toFixed(3)} best (target >= 0.9)`,
	);
	console.log(
		`  client CPU per run (median):  raw ${cpu(raw).toFixed(2)} s, node ${cpu(node).toFixed(2)} s`,
	);
	console.log(`  result JSON:                  ${mb(resultJson)}`);
	console.log(
		`  peak memory in use (GC'd):    raw ${mb(rawLive.peakBytes)} = ${(rawLive.peakBytes / resultJson).toFixed(2)}×, node ${mb(nodeLive.peakBytes)} = ${(nodeLive.peakBytes / resultJson).toFixed(2)}× (target <= 2)`,
	);
	console.log(
		`  peak heap incl. garbage:      raw ${mb(rawHeap.peakBytes)} = ${(rawHeap.peakBytes / resultJson).toFixed(2)}×, node ${mb(nodeHeap.peakBytes)} = ${(nodeHeap.peakBytes / resultJson).toFixed(2)}×`,
	);
}

async function main(): Promise<void> {
	console.log(
		`Get Many, Return All: ${documents} documents, page size ${pageSize}, ${rounds} rounds`,
	);
	const started = Date.now();
	const { servers, stop } = await startServers();
	console.log(
		`servers ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${(servers.jsonBytes / MB).toFixed(1)} MB of documents as JSON)`,
	);
	try {
		await scenario('Frappe-compatible test server', servers.url, servers);
		await scenario(
			'Static twin (same pages from memory: the client side alone)',
			servers.staticUrl,
			servers,
		);
	} finally {
		stop();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
