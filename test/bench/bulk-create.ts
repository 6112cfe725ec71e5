// Bulk Create against Create (one request per item), both through n8n's engine against the test server with the
// cost model on (bulk-server.ts: 2 workers, 30 ms a request, 2.5 ms a document written): wall time, documents per
// second, requests, and the checks that every document was written exactly once and every output item is paired
// with its input item. Not a jest test; run with
//   node -r ts-node/register/transpile-only test/bench/bulk-create.ts [bulkDocuments=10000] [singleDocuments=10000]
/* eslint-disable no-console */
import './user-folder';

import type { IDataObject } from 'n8n-workflow';

import { FrappeApi } from '../../credentials/FrappeApi.credentials';
import { startFrappeServer } from '../frappe-server';
import { N8nHarness } from '../harness';
import { FRAPPE_LIKE_COST } from './bulk-server';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Frappe } =
	require('../../nodes/Frappe/Frappe.node.ts') as typeof import('../../nodes/Frappe/Frappe.node');

const bulkCount = Number(process.argv[2] ?? 10_000);
const singleCount = Number(process.argv[3] ?? 10_000);

async function main(): Promise<void> {
	const server = await startFrappeServer({ seed: 'empty', costModel: FRAPPE_LIKE_COST });
	const harness = new N8nHarness({
		nodeTypes: { 'n8n-nodes-frappe.frappe': new Frappe() },
		credentialTypes: [new FrappeApi()],
	});
	const credential = harness.addCredential('frappeApi', {
		siteUrl: server.url,
		apiKey: server.users.administrator.apiKey,
		apiSecret: server.users.administrator.apiSecret,
	});
	const run = async (operation: string, count: number) => {
		const input: IDataObject[] = Array.from({ length: count }, (_, i) => ({
			description: `${operation} ${i}`,
		}));
		const mark = server.requests.length;
		const started = Date.now();
		const result = await harness.runNode(
			{
				type: 'n8n-nodes-frappe.frappe',
				name: operation,
				parameters: {
					authentication: 'frappeApi',
					resource: 'document',
					operation,
					doctype: { __rl: true, mode: 'name', value: 'ToDo' },
					// Bulk Create takes each input item as the document; Create is given the same by an expression.
					...(operation === 'create'
						? { specifyFields: 'json', jsonFields: '={{ JSON.stringify($json) }}' }
						: {}),
				},
				credentials: { frappeApi: credential },
			},
			input,
		);
		const seconds = (Date.now() - started) / 1000;
		if (result.status !== 'success') throw new Error(`${operation}: ${result.error?.message}`);
		const requests = server.requests.length - mark;
		// Checks: one output per input, in order and paired; each document in Frappe exactly once.
		const names = result.items.map((item) => String(item.json.name));
		const paired = result.items.every(
			(item, i) => (item.pairedItem as { item: number } | undefined)?.item === i,
		);
		const stored = server.store.list('ToDo', {
			fields: ['name', 'description'],
			filters: [['description', 'like', `${operation} %`]],
			limit_page_length: 0,
		} as never) as IDataObject[];
		const byName = new Map(stored.map((doc) => [String(doc.name), String(doc.description)]));
		const exact =
			stored.length === count &&
			new Set(names).size === count &&
			names.every((name, i) => byName.get(name) === `${operation} ${i}`);
		console.log(
			`${operation.padEnd(10)} ${count} ToDos: ${seconds.toFixed(1)} s, ${(count / seconds).toFixed(0)} docs/s, ${requests} requests; written exactly once: ${exact}; pairing: ${paired}`,
		);
		return count / seconds;
	};
	console.log(
		`Test server cost model: ${FRAPPE_LIKE_COST.workers} workers, ${FRAPPE_LIKE_COST.fixedMs} ms a request, ${FRAPPE_LIKE_COST.writeRowMs} ms a document written`,
	);
	try {
		const bulk = await run('bulkCreate', bulkCount);
		const single = await run('create', singleCount);
		console.log(`Bulk Create is ${(bulk / single).toFixed(1)}× faster (documents per second)`);
	} finally {
		await server.close();
	}
}

void main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
