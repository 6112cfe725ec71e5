// The main job (`npm run demo`): start the Frappe-compatible server with demo data, say what it serves, run a
// workflow of Frappe nodes through n8n's engine against it (create a Sales Voucher with items, submit it, count the
// submitted vouchers, get many with a filter), print what each node produced, stop the server, exit 0 (1 on failure).
import '../test/harness/setup-env';

import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { FrappeApi } from '../credentials/FrappeApi.credentials';
import { startFrappeServer, type FrappeServer } from '../test/frappe-server';
import { N8nHarness, type NodeUnderTest } from '../test/harness';

// `Frappe.node` alone would resolve to Frappe.node.json under plain Node (.json is tried before .ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Frappe } =
	require('../nodes/Frappe/Frappe.node.ts') as typeof import('../nodes/Frappe/Frappe.node');

const FRAPPE = 'n8n-nodes-frappe.frappe';
const SV = 'Sales Voucher';

function line(text = ''): void {
	process.stdout.write(`${text}\n`);
}

function describeServer(server: FrappeServer): void {
	line(`Frappe-compatible server (Frappe ${server.version}) at ${server.url}`);
	line('Users:');
	for (const user of Object.values(server.users)) {
		line(
			`  ${user.email.padEnd(22)} password ${user.password.padEnd(18)} API key ${user.apiKey}  secret ${user.apiSecret}`,
		);
	}
	line('Documents:');
	for (const doctype of ['Customer', SV, 'ToDo', 'Note', 'File']) {
		line(`  ${doctype.padEnd(14)} ${server.store.count(doctype)}`);
	}
	line();
}

function summary(json: IDataObject): string {
	if (json.doctype === SV || (json.customer !== undefined && json.name !== undefined)) {
		const items = Array.isArray(json.items)
			? ` items=${(json.items as IDataObject[]).map((row) => `${row.item}×${row.qty}`).join(', ')}`
			: '';
		const docstatus = json.docstatus === undefined ? '' : ` docstatus=${json.docstatus}`;
		return `${json.name} customer=${JSON.stringify(json.customer)} grand_total=${json.grand_total}${docstatus}${items}`;
	}
	return JSON.stringify(json);
}

function check(condition: unknown, message: string): void {
	if (!condition) throw new Error(`Demo check failed: ${message}`);
}

async function main(): Promise<void> {
	const server = await startFrappeServer({ seed: 'demo' });
	try {
		describeServer(server);
		const harness = new N8nHarness({
			nodeTypes: { [FRAPPE]: new Frappe() },
			credentialTypes: [new FrappeApi()],
		});
		const { apiKey, apiSecret } = server.users.administrator;
		const credential = harness.addCredential(
			'frappeApi',
			{ siteUrl: server.url, apiKey, apiSecret },
			'Frappe demo',
		);
		const node = (name: string, parameters: IDataObject): NodeUnderTest => ({
			type: FRAPPE,
			name,
			parameters: {
				authentication: 'frappeApi',
				resource: 'document',
				doctype: { __rl: true, mode: 'list', value: SV, cachedResultName: SV },
				...parameters,
			} as NodeUnderTest['parameters'],
			credentials: { frappeApi: credential },
		});
		const workflow: NodeUnderTest[] = [
			node('Create Sales Voucher', {
				operation: 'create',
				fieldValues: {
					field: [
						{ fieldname: 'customer', value: '={{ $json.customer }}' },
						{ fieldname: 'posting_date', value: '={{ $json.date }}' },
						{
							fieldname: 'grand_total',
							value: '={{ $json.items.reduce((sum, row) => sum + row.qty * row.rate, 0) }}',
						},
						{ fieldname: 'items', value: '={{ $json.items }}' },
					],
				},
			}),
			node('Submit', {
				operation: 'submit',
				documentName: { __rl: true, mode: 'name', value: '={{ $json.name }}' },
			}),
			node('Count Submitted', {
				operation: 'count',
				filters: { conditions: [{ field: 'docstatus', operator: 'equals', value: '1' }] },
			}),
			node('Get Large Submitted', {
				operation: 'getMany',
				returnAll: true,
				filters: {
					conditions: [
						{ field: 'docstatus', operator: 'equals', value: '1' },
						{ field: 'grand_total', operator: 'greater', value: '100' },
					],
				},
				options: {
					fields: ['name', 'customer', 'grand_total', 'docstatus'],
					orderBy: 'grand_total desc',
				},
			}),
		];
		const input = {
			customer: 'Globex Ltd',
			date: new Date().toISOString().slice(0, 10),
			items: [
				{ item: 'Widget', qty: 4, rate: 25 },
				{ item: 'Gizmo', qty: 2, rate: 40 },
			],
		};
		line(`Workflow: ${workflow.map((step) => step.name).join(' → ')}`);
		line(`Input: ${JSON.stringify(input)}`);
		line();
		const run = await harness.runChain(workflow, [input]);
		const outputs: Record<string, INodeExecutionData[]> = {};
		for (const step of workflow) {
			const name = step.name as string;
			const task = run.data.resultData.runData[name]?.[0];
			outputs[name] = (task?.data?.main?.[0] ?? []) as INodeExecutionData[];
			line(`${name} (${task?.executionTime ?? '?'} ms): ${outputs[name].length} item(s)`);
			for (const item of outputs[name]) line(`  ${summary(item.json)}`);
		}
		line();
		if (run.status !== 'success') {
			throw new Error(
				`The workflow ended with status ${run.status}: ${run.data.resultData.error?.message ?? ''}`,
			);
		}
		const [created] = outputs['Create Sales Voucher'];
		const [submitted] = outputs.Submit;
		const [counted] = outputs['Count Submitted'];
		const listed = outputs['Get Large Submitted'];
		check(
			(created?.json.items as unknown[] | undefined)?.length === 2,
			'the new Sales Voucher has two item rows',
		);
		check(created?.json.grand_total === 180, 'the grand total is the number 180');
		check(submitted?.json.docstatus === 1, 'Submit set docstatus 1');
		check(
			server.store.get(SV, String(created.json.name))?.docstatus === 1,
			'the server holds the voucher submitted',
		);
		check(
			counted?.json.count === server.store.count(SV, [['docstatus', '=', 1]]),
			'Count matches the server',
		);
		check(
			listed.some((item) => item.json.name === created.json.name),
			'Get Many lists the new voucher',
		);
		check(
			listed.every((item) => Number(item.json.grand_total) > 100 && item.json.docstatus === 1),
			'Get Many applied its filters',
		);
		line(
			`OK: created and submitted ${created.json.name}; ${counted.json.count} submitted vouchers; ${listed.length} over 100.`,
		);
	} finally {
		await server.close();
	}
}

/** The n8n user folder setup-env made for this run (n8n-core writes its instance key there). */
function removeUserFolder(): void {
	const folder = process.env.N8N_USER_FOLDER;
	if (folder?.startsWith(tmpdir())) rmSync(folder, { recursive: true, force: true });
}

main().then(
	() => {
		removeUserFolder();
		process.exit(0);
	},
	(error: unknown) => {
		removeUserFolder();
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exit(1);
	},
);
