// Report and Print through n8n's engine against the Frappe test server (in this process): a Query Report of many
// rows (Run as items, Run as one item, Export by Frappe, CSV built in n8n), a PDF per document, and one PDF of many
// documents. Prints the time of each and rows or documents per second. Not a jest test; run with
//   node -r ts-node/register/transpile-only test/bench/report-print.ts [vouchers=5000] [pdfs=50]
/* eslint-disable no-console */
import './user-folder';

import type { IDataObject } from 'n8n-workflow';

import { FrappeApi } from '../../credentials/FrappeApi.credentials';
import { startFrappeServer } from '../frappe-server';
import { N8nHarness } from '../harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Frappe } =
	require('../../nodes/Frappe/Frappe.node.ts') as typeof import('../../nodes/Frappe/Frappe.node');

const vouchers = Number(process.argv[2] ?? 5000);
const pdfs = Number(process.argv[3] ?? 50);
const FRAPPE = 'n8n-nodes-frappe.frappe';

async function main(): Promise<void> {
	const server = await startFrappeServer();
	for (let i = 0; i < vouchers; i++) {
		server.store.insert('Sales Voucher', {
			customer: `Bench Customer ${i % 97}`,
			posting_date: `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
			grand_total: (i % 1000) + 0.5,
			items: [{ item: 'Widget', qty: 1, rate: (i % 1000) + 0.5 }],
		});
	}
	const harness = new N8nHarness({
		nodeTypes: { [FRAPPE]: new Frappe() },
		credentialTypes: [new FrappeApi()],
	});
	const { apiKey, apiSecret } = server.users.administrator;
	const credential = harness.addCredential('frappeApi', { siteUrl: server.url, apiKey, apiSecret });
	const node = (parameters: IDataObject) => ({
		type: FRAPPE,
		name: 'Frappe',
		parameters: { authentication: 'frappeApi', ...parameters } as never,
		credentials: { frappeApi: credential },
	});
	const report = { __rl: true, mode: 'name', value: 'Sales Voucher Totals' };
	const filters = { specifyFilters: 'json', reportFiltersJson: '{"docstatus": 0}' };

	const time = async (label: string, count: number, unit: string, run: () => Promise<number>) => {
		const started = process.hrtime.bigint();
		const produced = await run();
		const ms = Number(process.hrtime.bigint() - started) / 1e6;
		console.log(
			`${label.padEnd(46)} ${ms.toFixed(0).padStart(6)} ms  ${((count / ms) * 1000).toFixed(0).padStart(7)} ${unit}/s  (${produced} item${produced === 1 ? '' : 's'})`,
		);
	};
	const items = async (parameters: IDataObject, input?: IDataObject[]) => {
		const result = await harness.runNode(node(parameters), input);
		if (result.status !== 'success') throw new Error(String(result.error?.message));
		return result.items.length;
	};

	console.log(`${vouchers} draft Sales Vouchers; Node ${process.version}`);
	await items({ resource: 'report', operation: 'run', report, ...filters }); // warm-up
	await time('Report → Run, one item per row', vouchers, 'rows', () =>
		items({ resource: 'report', operation: 'run', report, ...filters }),
	);
	await time('Report → Run, whole result as one item', vouchers, 'rows', () =>
		items({
			resource: 'report',
			operation: 'run',
			report,
			...filters,
			options: { output: 'whole' },
		}),
	);
	await time("Report → Export CSV (Frappe's exporter)", vouchers, 'rows', () =>
		items({ resource: 'report', operation: 'export', report, ...filters }),
	);
	await time('Report → Export CSV (built in n8n)', vouchers, 'rows', () =>
		items({ resource: 'report', operation: 'export', report, ...filters, exportUsing: 'node' }),
	);
	const names = server.store
		.list('Sales Voucher', { fields: ['name'], limit_page_length: pdfs })
		.map((row) => ({ name: String(row.name) }));
	const doctype = { __rl: true, mode: 'name', value: 'Sales Voucher' };
	await time(`Print → Get PDF, ${pdfs} items`, pdfs, 'PDFs', () =>
		items(
			{
				resource: 'print',
				operation: 'getPdf',
				doctype,
				documentName: { __rl: true, mode: 'name', value: '={{ $json.name }}' },
			},
			names,
		),
	);
	await time(`Print → Get PDF of Many, ${pdfs} documents`, pdfs, 'documents', () =>
		items({ resource: 'print', operation: 'getPdfOfMany', doctype }, names),
	);
	await server.close();
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
