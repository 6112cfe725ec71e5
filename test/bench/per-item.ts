// Per-item cost of the Frappe node against a minimal declarative node defined here, both through n8n's engine: the
// time from the start of the node's run to its first request at the server (RoutingNode prepares every item
// before any request goes out), for 1,000 items, Get and Create; then the wall time of 300 Creates with each
// "Max Parallel Requests" against the test server with the cost model on (2 workers), which is how the default was
// chosen. Not a jest test; run with
//   node -r ts-node/register/transpile-only test/bench/per-item.ts [items=1000] [rounds=3]
/* eslint-disable no-console */
import './user-folder';

import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { FrappeApi } from '../../credentials/FrappeApi.credentials';
import { startFrappeServer } from '../frappe-server';
import { N8nHarness } from '../harness';
import { FRAPPE_LIKE_COST } from './bulk-server';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Frappe } =
	require('../../nodes/Frappe/Frappe.node.ts') as typeof import('../../nodes/Frappe/Frappe.node');

const itemCount = Number(process.argv[2] ?? 1000);
const rounds = Number(process.argv[3] ?? 3);

/** The least a declarative node can be: one GET per item, the URL from the item. */
const minimalNode: INodeType = {
	description: {
		displayName: 'Minimal',
		name: 'minimal',
		group: ['transform'],
		version: 1,
		description: 'Minimal declarative node',
		defaults: { name: 'Minimal' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'frappeApi', required: true }],
		requestDefaults: { baseURL: '={{$credentials.siteUrl}}' },
		properties: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				routing: { request: { method: 'GET', url: '=/api/resource/ToDo/{{$value}}' } },
			},
		],
	},
};

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
	const server = await startFrappeServer({ seed: 'empty' });
	server.store.insert('ToDo', { name: 'probe', description: 'probe' } as never);
	const harness = new N8nHarness({
		nodeTypes: { 'n8n-nodes-frappe.frappe': new Frappe(), 'test.minimal': minimalNode },
		credentialTypes: [new FrappeApi()],
	});
	const credential = harness.addCredential('frappeApi', {
		siteUrl: server.url,
		apiKey: server.users.administrator.apiKey,
		apiSecret: server.users.administrator.apiSecret,
	});
	let firstArrival = 0;
	const arrive = server.http.load.arrive.bind(server.http.load);
	server.http.load.arrive = () => {
		if (firstArrival === 0) firstArrival = performance.now();
		arrive();
	};
	const input = Array.from({ length: itemCount }, (_, i) => ({ description: `item ${i}` }));
	const timeToFirstRequest = async (type: string, parameters: IDataObject) => {
		const samples: number[] = [];
		for (let round = 0; round < rounds; round++) {
			firstArrival = 0;
			const started = performance.now();
			const result = await harness.runNode(
				{
					type,
					name: 'Node',
					parameters: parameters as INodeParameters,
					credentials: { frappeApi: credential },
				},
				input,
			);
			if (result.status !== 'success') throw new Error(`${type}: ${result.error?.message}`);
			samples.push(firstArrival - started);
		}
		return median(samples);
	};
	const frappe = (operation: string, more: IDataObject) => ({
		authentication: 'frappeApi',
		resource: 'document',
		operation,
		doctype: { __rl: true, mode: 'name', value: 'ToDo' },
		...more,
	});
	const minimal = await timeToFirstRequest('test.minimal', { name: 'probe' });
	const get = await timeToFirstRequest(
		'n8n-nodes-frappe.frappe',
		frappe('get', { documentName: { __rl: true, mode: 'name', value: 'probe' } }),
	);
	const create = await timeToFirstRequest(
		'n8n-nodes-frappe.frappe',
		frappe('create', { specifyFields: 'json', jsonFields: '={{ JSON.stringify($json) }}' }),
	);
	const bulkCreate = await timeToFirstRequest('n8n-nodes-frappe.frappe', frappe('bulkCreate', {}));
	const perItem = (ms: number) => `${ms.toFixed(0)} ms (${(ms / itemCount).toFixed(2)} ms an item)`;
	console.log(`Time to the first request, ${itemCount} items, median of ${rounds}:`);
	console.log(`  minimal declarative node (Get): ${perItem(minimal)}`);
	console.log(`  Frappe Get:    ${perItem(get)} = ${(get / minimal).toFixed(2)}× the minimal node`);
	console.log(
		`  Frappe Create: ${perItem(create)} = ${(create / minimal).toFixed(2)}× the minimal node`,
	);
	console.log(
		`  Frappe Bulk Create (values from the input item): ${perItem(bulkCreate)} = ${(bulkCreate / minimal).toFixed(2)}× the minimal node`,
	);

	server.http.load.model = FRAPPE_LIKE_COST;
	console.log(
		`300 Creates, cost model on (${FRAPPE_LIKE_COST.workers} workers, ${FRAPPE_LIKE_COST.fixedMs} ms a request):`,
	);
	for (const maxParallel of [1, 2, 4, 6, 8, 16, 64]) {
		server.http.load.resetPeak();
		const started = performance.now();
		const result = await harness.runNode(
			{
				type: 'n8n-nodes-frappe.frappe',
				name: 'Create',
				parameters: frappe('create', {
					specifyFields: 'json',
					jsonFields: '={{ JSON.stringify($json) }}',
					sending: { maxParallel },
				}),
				credentials: { frappeApi: credential },
			},
			input.slice(0, 300),
		);
		if (result.status !== 'success') throw new Error(`create: ${result.error?.message}`);
		const seconds = (performance.now() - started) / 1000;
		console.log(
			`  Max Parallel Requests ${String(maxParallel).padStart(2)}: ${seconds.toFixed(2)} s, ${(300 / seconds).toFixed(0)} docs/s, at most ${server.http.load.maxInFlight} in flight`,
		);
	}
	await server.close();
}

void main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
