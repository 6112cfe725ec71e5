// Child process of return-all.ts: the Frappe-compatible test server with N "Bench Row" documents and the cost model
// on (2 workers, a fixed cost per request, a cost per row read or written, a cost per row an offset skips), so that
// both clients pay what Frappe would charge. Runs apart from the benchmark so that its memory is not counted.
/* eslint-disable no-console */
import './user-folder';

import { startFrappeServer, type CostModel } from '../frappe-server';

export const ROW_DOCTYPE = 'Bench Row';

/**
 * The figures of a small real Frappe: 2 gunicorn workers; ~30 ms for any request (auth, session, routing, commit,
 * answer); 200 ToDos inserted in 0.5 s in one request (contract-more §1, recording bulk/04): 2.5 ms a document.
 */
export const FRAPPE_LIKE_COST: CostModel = {
	workers: 2,
	fixedMs: 30,
	readRowMs: 0.05,
	writeRowMs: 2.5,
	skippedRowMs: 0.002,
};

export interface RowServer {
	url: string;
	apiKey: string;
	apiSecret: string;
	jsonBytes: number;
}

async function main(): Promise<void> {
	const count = Number(process.argv[2] ?? 2500);
	const server = await startFrappeServer({ seed: 'empty', costModel: FRAPPE_LIKE_COST });
	const { store } = server;
	store.defineDocType({
		name: ROW_DOCTYPE,
		module: 'Custom',
		custom: 1,
		autoname: 'field:title',
		fields: [
			{ fieldname: 'title', label: 'Title', fieldtype: 'Data' },
			{ fieldname: 'status', label: 'Status', fieldtype: 'Select', options: 'Open\nClosed' },
			{ fieldname: 'qty', label: 'Qty', fieldtype: 'Int' },
			{ fieldname: 'remarks', label: 'Remarks', fieldtype: 'Small Text' },
		],
		permissions: [{ role: 'System Manager', read: 1, write: 1, create: 1, delete: 1, report: 1 }],
	});
	for (let i = 0; i < count; i++) {
		// Names in a shuffled order, so that name order is not insertion order.
		const key = (i * 7919) % count;
		store.insert(ROW_DOCTYPE, {
			title: `R-${String(key).padStart(7, '0')}`,
			status: i % 3 === 0 ? 'Closed' : 'Open',
			qty: i % 100,
			remarks: `Remark for row ${i}`,
		});
	}
	const all = store.list(ROW_DOCTYPE, { fields: ['*'], limit_page_length: 0 } as never);
	const { apiKey, apiSecret } = server.users.administrator;
	const ready: RowServer = {
		url: server.url,
		apiKey,
		apiSecret,
		jsonBytes: Buffer.byteLength(JSON.stringify(all)),
	};
	process.stdout.write(`${JSON.stringify(ready)}\n`);
	process.stdin.resume();
	process.stdin.on('end', () => {
		void server.close().then(() => process.exit(0));
	});
}

if (require.main === module) void main();
