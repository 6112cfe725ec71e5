// Child process of get-many.ts: the Frappe-compatible test server with N documents of "Bench Item", and beside it
// a plain HTTP server that answers the same pages from memory (to see the client's own cost without the test
// server's query engine). Runs apart from the benchmark so that its memory is not counted.
/* eslint-disable no-console */
import './user-folder';

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startFrappeServer } from '../frappe-server';

export const BENCH_DOCTYPE = 'Bench Item';
export const BENCH_ORDER_BY = 'modified desc, name desc';

export interface BenchServers {
	url: string;
	staticUrl: string;
	apiKey: string;
	apiSecret: string;
	jsonBytes: number;
}

async function main(): Promise<void> {
	const count = Number(process.argv[2] ?? 50_000);
	const server = await startFrappeServer({ seed: 'empty' });
	const { store } = server;
	store.defineDocType({
		name: BENCH_DOCTYPE,
		module: 'Custom',
		custom: 1,
		// Named by a field: the test server's hash names can repeat when 50,000 are made within a few seconds.
		autoname: 'field:title',
		fields: [
			{ fieldname: 'title', label: 'Title', fieldtype: 'Data' },
			{ fieldname: 'status', label: 'Status', fieldtype: 'Select', options: 'Open\nClosed' },
			{ fieldname: 'qty', label: 'Qty', fieldtype: 'Int' },
			{ fieldname: 'amount', label: 'Amount', fieldtype: 'Currency' },
			{ fieldname: 'posting_date', label: 'Posting Date', fieldtype: 'Date' },
			{ fieldname: 'remarks', label: 'Remarks', fieldtype: 'Small Text' },
		],
		permissions: [{ role: 'System Manager', read: 1, write: 1, create: 1, report: 1 }],
	});
	for (let i = 0; i < count; i++) {
		store.insert(BENCH_DOCTYPE, {
			title: `BI-${String(i).padStart(6, '0')}`,
			status: i % 3 === 0 ? 'Closed' : 'Open',
			qty: i % 100,
			amount: (i % 1000) * 1.25,
			posting_date: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
			remarks: i % 5 === 0 ? null : `Remark for item ${i}`,
		});
	}
	const { apiKey, apiSecret } = server.users.administrator;

	// The static twin: every row once, in the order the node asks for, served by offset and size.
	const all = store.list(BENCH_DOCTYPE, {
		fields: ['*'],
		order_by: BENCH_ORDER_BY,
		limit_page_length: 0,
	} as never);
	const twin = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const start = Number(url.searchParams.get('limit_start') ?? 0);
		const size = Number(
			url.searchParams.get('limit_page_length') ?? url.searchParams.get('limit') ?? 20,
		);
		res.setHeader('content-type', 'application/json');
		res.end(JSON.stringify({ data: all.slice(start, start + size) }));
	});
	await new Promise<void>((resolve) => twin.listen(0, '127.0.0.1', resolve));
	const ready: BenchServers = {
		url: server.url,
		staticUrl: `http://127.0.0.1:${(twin.address() as AddressInfo).port}`,
		apiKey,
		apiSecret,
		jsonBytes: Buffer.byteLength(JSON.stringify(all)),
	};
	process.stdout.write(`${JSON.stringify(ready)}\n`);
	process.stdin.resume();
	process.stdin.on('end', () => {
		twin.close();
		void server.close().then(() => process.exit(0));
	});
}

if (require.main === module) void main();
