// What it costs to offer only the doctypes the user may read, on the test server grown to 175 doctypes: the picker
// as it is (search_link plus the readable-doctypes query, asked together) against the alternative of asking about
// each doctype (frappe.desk.reportview.get_count for each, 403 when unreadable). Requests and milliseconds per
// opening of the picker, as the clerk. Not a jest test; run with
//   node -r ts-node/register/transpile-only test/bench/doctype-picker.ts [rounds=20]
/* eslint-disable no-console */
import './user-folder';

import { request } from 'undici';

import { FrappeApi } from '../../credentials/FrappeApi.credentials';
import { startFrappeServer } from '../frappe-server';
import { N8nHarness } from '../harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Frappe } =
	require('../../nodes/Frappe/Frappe.node.ts') as typeof import('../../nodes/Frappe/Frappe.node');

const rounds = Number(process.argv[2] ?? 20);

async function main(): Promise<void> {
	const server = await startFrappeServer();
	const harness = new N8nHarness({
		nodeTypes: { 'n8n-nodes-frappe.frappe': new Frappe() },
		credentialTypes: [new FrappeApi()],
	});
	const { apiKey, apiSecret } = server.users.clerk;
	const credential = harness.addCredential('frappeApi', { siteUrl: server.url, apiKey, apiSecret });
	const spec = {
		type: 'n8n-nodes-frappe.frappe',
		name: 'Frappe',
		parameters: { authentication: 'frappeApi', resource: 'document', operation: 'get' },
		credentials: { frappeApi: credential },
	};
	// ~175 doctypes that are not child tables, as on the Frappe 15 site of issue 11; the clerk reads every third
	for (let i = server.store.allMetas().filter((meta) => !meta.istable).length; i < 175; i++) {
		server.store.defineDocType(
			{
				name: `Bench Doctype ${i}`,
				module: 'Custom',
				autoname: 'hash',
				fields: [{ fieldname: 'title', fieldtype: 'Data', label: 'Title' }],
				permissions: [
					{ role: 'System Manager', read: 1, write: 1, create: 1 },
					...(i % 3 === 0 ? [{ role: 'Clerk', read: 1 }] : []),
				],
			},
			{ custom: true },
		);
	}
	const authorization = `token ${apiKey}:${apiSecret}`;
	const doctypes = server.store.allMetas().filter((meta) => !meta.istable);

	let offered = 0;
	let mark = server.requests.length;
	let started = performance.now();
	for (let i = 0; i < rounds; i++) {
		offered = (await harness.listSearch(spec as never, 'searchDoctypes', '')).results.length;
	}
	const pickerMs = (performance.now() - started) / rounds;
	const pickerRequests = (server.requests.length - mark) / rounds;

	let readable = 0;
	mark = server.requests.length;
	started = performance.now();
	for (let i = 0; i < rounds; i++) {
		readable = 0;
		for (const meta of doctypes) {
			const response = await request(
				`${server.url}/api/method/frappe.desk.reportview.get_count?doctype=${encodeURIComponent(meta.name)}`,
				{ headers: { authorization, accept: 'application/json' } },
			);
			await response.body.text();
			if (response.statusCode === 200) readable++;
		}
	}
	const eachMs = (performance.now() - started) / rounds;
	const eachRequests = (server.requests.length - mark) / rounds;

	console.log(
		`doctypes on the server: ${server.store.allMetas().length} (${doctypes.length} not child tables)`,
	);
	console.log(
		`picker as built (search_link + readable query, in parallel): ${pickerRequests} requests, ${pickerMs.toFixed(1)} ms per opening, ${offered} offered`,
	);
	console.log(
		`one check per doctype (reportview.get_count, one after another): ${eachRequests} requests, ${eachMs.toFixed(1)} ms per opening, ${readable} readable`,
	);
	await server.close();
}

void main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
