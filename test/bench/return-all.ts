// Return All through n8n's engine (default settings: keyset paging on name, the default page size) against the best
// plain loop (pages of 1000 by limit_start), on the same test server with the cost model on, in the same run:
// documents per second, their ratio, requests, and the engine's peak memory next to the result's JSON. Not a jest
// test; run with
//   node --expose-gc -r ts-node/register/transpile-only test/bench/return-all.ts [documents=2500] [rounds=3] [pageSizes=default]
// e.g. `… return-all.ts 50000 1 500,1000,2000` to compare page sizes. Figures are medians of the rounds; with and
// without a filter (status = Open, two thirds of the rows).
/* eslint-disable no-console */
import './user-folder';

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { request } from 'undici';

import { FrappeApi } from '../../credentials/FrappeApi.credentials';
import { DEFAULT_PAGE_SIZE } from '../../nodes/Frappe/resources/document/getMany';
import { N8nHarness } from '../harness';
import { ROW_DOCTYPE, type RowServer } from './bulk-server';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Frappe } =
	require('../../nodes/Frappe/Frappe.node.ts') as typeof import('../../nodes/Frappe/Frappe.node');

const documents = Number(process.argv[2] ?? 2500);
const rounds = Number(process.argv[3] ?? 3);
const pageSizes = (process.argv[4] ?? 'default')
	.split(',')
	.map((size) => (size === 'default' ? undefined : Number(size)));
const MB = 1024 * 1024;
const FILTER = [['status', '=', 'Open']];

const gc = (globalThis as { gc?: () => void }).gc;

async function startServer(): Promise<{ server: RowServer; stop: () => void }> {
	const child = spawn(
		process.execPath,
		['-r', 'ts-node/register/transpile-only', `${__dirname}/bulk-server.ts`, String(documents)],
		{ stdio: ['pipe', 'pipe', 'inherit'] },
	);
	const lines = createInterface({ input: child.stdout });
	const first = await new Promise<string>((resolve, reject) => {
		lines.once('line', resolve);
		child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
	});
	return { server: JSON.parse(first) as RowServer, stop: () => child.stdin.end() };
}

let requests = 0;

async function rawLoop(server: RowServer, filtered: boolean): Promise<unknown[]> {
	const rows: unknown[] = [];
	const headers = {
		authorization: `token ${server.apiKey}:${server.apiSecret}`,
		accept: 'application/json',
	};
	for (let start = 0; ; start += 1000) {
		const query = new URLSearchParams({
			fields: '["*"]',
			limit_page_length: '1000',
			limit_start: String(start),
			...(filtered ? { filters: JSON.stringify(FILTER) } : {}),
		});
		requests++;
		const response = await request(
			`${server.url}/api/resource/${encodeURIComponent(ROW_DOCTYPE)}?${query}`,
			{ headers },
		);
		const page = ((await response.body.json()) as { data: unknown[] }).data;
		for (const row of page) rows.push(row);
		if (page.length < 1000) return rows;
	}
}

function engine(server: RowServer) {
	const harness = new N8nHarness({
		nodeTypes: { 'n8n-nodes-frappe.frappe': new Frappe() },
		credentialTypes: [new FrappeApi()],
	});
	const credential = harness.addCredential('frappeApi', {
		siteUrl: server.url,
		apiKey: server.apiKey,
		apiSecret: server.apiSecret,
	});
	return async (filtered: boolean, pageSize: number | undefined) => {
		const result = await harness.runNode({
			type: 'n8n-nodes-frappe.frappe',
			name: 'Get Many',
			parameters: {
				authentication: 'frappeApi',
				resource: 'document',
				operation: 'getMany',
				doctype: { __rl: true, mode: 'name', value: ROW_DOCTYPE },
				returnAll: true,
				...(filtered
					? { filters: { conditions: [{ field: 'status', operator: 'equals', value: 'Open' }] } }
					: {}),
				options: { fields: ['*'], ...(pageSize ? { pageSize } : {}) },
			},
			credentials: { frappeApi: credential },
		});
		if (result.status !== 'success') throw new Error(`engine: ${result.error?.message}`);
		return result.items;
	};
}

async function measure<T>(run: () => Promise<T>) {
	gc?.();
	const base = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
	let peak = 0;
	const sampler = setInterval(() => {
		const now = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
		peak = Math.max(peak, now - base);
	}, 5);
	requests = 0;
	const started = process.hrtime.bigint();
	const value = await run();
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	clearInterval(sampler);
	return { value, seconds, peak };
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
	const { server, stop } = await startServer();
	const runEngine = engine(server);
	console.log(
		`Return All of ${documents} documents (result JSON ${(server.jsonBytes / MB).toFixed(1)} MB), cost model on, ${rounds} round(s)`,
	);
	try {
		for (const filtered of [false, true]) {
			for (const pageSize of pageSizes) {
				const raw: number[] = [];
				const ours: number[] = [];
				let ourRequests = 0;
				let rawRequests = 0;
				let peak = 0;
				let count = 0;
				for (let round = 0; round < rounds; round++) {
					const r = await measure(async () => await rawLoop(server, filtered));
					rawRequests = requests;
					raw.push(r.value.length / r.seconds);
					const e = await measure(async () => await runEngine(filtered, pageSize));
					ours.push(e.value.length / e.seconds);
					peak = Math.max(peak, e.peak);
					count = e.value.length;
					if (count !== r.value.length) throw new Error(`engine ${count} ≠ raw ${r.value.length}`);
					// One row more than the page says whether more follow: full pages only, no empty one.
					ourRequests = Math.max(1, Math.ceil(count / (pageSize ?? DEFAULT_PAGE_SIZE)));
				}
				const ratio = median(ours) / median(raw);
				console.log(
					`${filtered ? 'filter status=Open' : 'no filter        '} page ${String(pageSize ?? 'default').padEnd(7)} ${count} docs: engine ${median(ours).toFixed(0)} docs/s (${ourRequests} requests), raw loop ${median(raw).toFixed(0)} docs/s (${rawRequests} requests), ratio ${ratio.toFixed(2)}×, engine peak memory ${(peak / MB).toFixed(1)} MB = ${(peak / server.jsonBytes).toFixed(2)}× the JSON`,
				);
			}
		}
	} finally {
		stop();
	}
}

void main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
