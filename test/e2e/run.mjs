#!/usr/bin/env node
// End-to-end tests in a real n8n 2.41.1 (`npm run test:e2e`): the packed package installed into n8n the way a
// self-hosting user installs a community package, the example workflows run by n8n itself against the Frappe
// stand-in (test/frappe-server), and the Frappe Trigger started by deliveries.
//
//   1. scripts/n8n/install.sh (first time: Node 24 + n8n into .n8n-app, 6-15 min; then 0.1-0.3 s)
//   2. npm run build, npm pack, unpacked into <fresh n8n user folder>/.n8n/nodes/node_modules/n8n-nodes-frappe
//   3. the stand-in with demo data on a free port; `n8n import:credentials` (examples/credentials, pointed at it)
//      and `n8n import:workflow` (examples/workflows + test/e2e/workflows)
//   4. examples 1-5: `n8n execute --id --rawOutput`, their outputs asserted against the stand-in's own data
//   5. `n8n start` on 127.0.0.1 (free port), owner through /rest/owner/setup, an API key, then through the public
//      API: activation creates the Webhook in Frappe; a forged delivery gets 401 and runs nothing; a Sales Voucher
//      submitted in Frappe runs the workflow once with the verified document (read back through the executions
//      API); a Webhook made by hand in Frappe (manual mode; Frappe's default delivery, without Content-Type) runs
//      the manual-mode workflow once; deactivation removes the Webhook documents.
//
// Prints one line per test and a closing line "N passed, N failed"; exits 1 on any failure. Everything it starts is
// stopped by PID and its temp folders are removed on exit (also on Ctrl+C). Options: --no-build (use the dist
// there is), --keep (keep temp folders when something fails).
import { createHmac } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { defineApprovalWorkflow, retireApprovalWorkflow } from '../../scripts/n8n/lib/approval.mjs';
import { EXAMPLES } from '../../scripts/n8n/lib/examples.mjs';
import { frappeClient } from '../../scripts/n8n/lib/frappe.mjs';
import { Session, freePort, poll } from '../../scripts/n8n/lib/session.mjs';
import {
	buildAndPack,
	createApiKey,
	describeError,
	ensureInstalled,
	executeWorkflow,
	importInto,
	n8nEnv,
	nodeItems,
	prepareUserFolder,
	publicApi,
	readWorkflow,
	setupOwner,
	startN8n,
	startStandIn,
	tail,
	webhookUrl,
	writeCredentials,
} from '../../scripts/n8n/lib/stack.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const session = new Session({ name: 'e2e', keepOnFailure: argv.includes('--keep') });
const started = Date.now();

// ---- a small runner: tests in order; a test whose prerequisite failed fails as "not run" ----------------------------
let passed = 0;
let failed = 0;
const done = new Map();
async function test(name, fn, { needs = [] } = {}) {
	const missing = needs.filter((n) => done.get(n) !== true);
	const t = Date.now();
	if (missing.length > 0) {
		failed++;
		done.set(name, false);
		console.log(`✗ ${name}\n    not run: needs "${missing.join('", "')}"`);
		return;
	}
	try {
		await fn();
		passed++;
		done.set(name, true);
		console.log(`✓ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
	} catch (error) {
		failed++;
		done.set(name, false);
		console.log(
			`✗ ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)\n${String(error?.message ?? error).replace(/^/gm, '    ')}`,
		);
	}
}

function assert(condition, message) {
	if (!condition) throw new Error(message);
}
/** JSON with object keys sorted: equal for the same data whatever the key order. */
function canonical(value) {
	return JSON.stringify(value, (_key, v) =>
		v && typeof v === 'object' && !Array.isArray(v)
			? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: v,
	);
}
function eq(actual, expected, what) {
	const a = canonical(actual);
	const e = canonical(expected);
	if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}
const byName = (a, b) => String(a).localeCompare(String(b));

/** POST exactly these bytes and headers (no Content-Type unless given), as Frappe's python-requests does. */
function rawPost(url, body, headers = {}) {
	return new Promise((resolve, reject) => {
		const target = new URL(url);
		const data = Buffer.from(body, 'utf8');
		const req = http.request(
			{
				hostname: target.hostname,
				port: target.port,
				path: target.pathname,
				method: 'POST',
				headers: { ...headers, 'Content-Length': String(data.length) },
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString('utf8') }),
				);
			},
		);
		req.on('error', reject);
		req.setTimeout(15000, () => req.destroy(new Error('timeout')));
		req.end(data);
	});
}
const sign = (secret, body) => createHmac('sha256', secret).update(body).digest('base64');

// ---- shared state -------------------------------------------------------------------------------------------------
const ex = Object.fromEntries(EXAMPLES.map((e) => [e.file.slice(0, 2), e]));
const MANUAL = readWorkflow(path.join(HERE, 'workflows/manual-trigger.json'));
const MANUAL_NODE = MANUAL.nodes.find((n) => n.type.endsWith('.frappeTrigger'));
// Manual mode's secret lives in a Frappe Webhook Secret credential (imported with the Frappe API credential).
const MANUAL_SECRET = 'e2e-manual-webhook-secret';
const MANUAL_SECRET_CREDENTIAL = {
	id: MANUAL_NODE.credentials.frappeWebhookSecretApi.id,
	name: MANUAL_NODE.credentials.frappeWebhookSecretApi.name,
	type: 'frappeWebhookSecretApi',
	data: { webhookSecret: MANUAL_SECRET },
};
const AUTO = ex['06'];
const AUTO_NODE = AUTO.workflow.nodes.find((n) => n.type.endsWith('.frappeTrigger'));
let work;
let tarball;
let site;
let frappe;
let env;
let n8n;
let api;
const before = {};

async function execute(example) {
	const result = await executeWorkflow(env, example.id);
	if (result.code !== 0 || result.status !== 'success') {
		throw new Error(
			`n8n execute --id=${example.id}: exit ${result.code}, status ${result.status}` +
				(result.error ? `\n${describeError(result.error)}` : `\n${tail(result.output, 20)}`),
		);
	}
	return (node) => {
		const items = nodeItems(result.run, node);
		assert(items !== undefined, `node "${node}" did not run`);
		return items;
	};
}

async function main() {
	await test('n8n 2.41.1 installed (scripts/n8n/install.sh)', async () => {
		const r = await ensureInstalled(console.log);
		if (r.installedNow) console.log(`    installed in ${(r.ms / 1000).toFixed(0)} s`);
	});

	await test('package built, packed (npm pack) and unpacked into a fresh n8n user folder', async () => {
		work = session.tempDir('n8n-e2e');
		tarball = await buildAndPack(work, { build: !argv.includes('--no-build') });
		const userFolder = await prepareUserFolder(session, tarball);
		env = n8nEnv({ userFolder, port: await freePort(), brokerPort: await freePort() });
	});

	await test('Frappe stand-in started with demo data', async () => {
		site = await startStandIn(session, work);
		frappe = frappeClient(site.url, site.apiKey, site.apiSecret);
		for (const dt of ['Customer', 'Sales Voucher', 'ToDo', 'File'])
			before[dt] = await frappe.count(dt);
		assert(
			before.Customer === 5 && before['Sales Voucher'] === 4,
			`unexpected demo data: ${JSON.stringify(before)}`,
		);
	});

	const ready = [
		'package built, packed (npm pack) and unpacked into a fresh n8n user folder',
		'Frappe stand-in started with demo data',
	];
	await test(
		'credential and workflows imported (n8n import:credentials, import:workflow)',
		async () => {
			const credentialsFile = path.join(work, 'credentials.json');
			const credentials = writeCredentials(credentialsFile, {
				siteUrl: site.url,
				apiKey: site.apiKey,
				apiSecret: site.apiSecret,
			});
			writeFileSync(
				credentialsFile,
				JSON.stringify([...credentials, MANUAL_SECRET_CREDENTIAL], null, 2),
			);
			await importInto(env, work, {
				credentialsFile,
				workflowFiles: [
					...EXAMPLES.map((e) => e.path),
					path.join(HERE, 'workflows/manual-trigger.json'),
				],
			});
		},
		{ needs: ready },
	);
	const imported = ['credential and workflows imported (n8n import:credentials, import:workflow)'];

	await test(
		'example 1: every open ToDo (Return All), counted and summarised by priority',
		async () => {
			const out = await execute(ex['01']);
			const open = await frappe.list('ToDo', {
				fields: ['name', 'priority', 'status'],
				filters: [['status', '=', 'Open']],
			});
			eq(
				out('Count open ToDos').map((i) => i.json.count),
				[open.length],
				'Count open ToDos',
			);
			const listed = out('Get open ToDos').map((i) => i.json);
			eq(
				listed.map((d) => d.name).sort(byName),
				open.map((d) => d.name).sort(byName),
				'names from Get open ToDos',
			);
			assert(
				listed.every((d) => d.status === 'Open'),
				'a ToDo that is not Open was listed',
			);
			const expected = {};
			for (const d of open) expected[d.priority] = (expected[d.priority] ?? 0) + 1;
			const summary = out('Summary').map((i) => i.json);
			eq(
				Object.fromEntries(summary.map((s) => [s.priority, s.open_todos])),
				expected,
				'Summary by priority',
			);
			assert(
				summary.every((s) => s.of_all_open === `${s.open_todos} of ${open.length}`),
				`of_all_open: ${JSON.stringify(summary)}`,
			);
		},
		{ needs: imported },
	);

	await test(
		'example 2: Sales Voucher created with item rows, submitted, read back',
		async () => {
			const out = await execute(ex['02']);
			const [created] = out('Create Sales Voucher').map((i) => i.json);
			eq([created.docstatus, created.items.length], [0, 2], 'created draft: docstatus, item rows');
			eq(
				out('Submit').map((i) => [i.json.name, i.json.docstatus]),
				[[created.name, 1]],
				'Submit',
			);
			const [read] = out('Read back').map((i) => i.json);
			const stored = await frappe.get('Sales Voucher', created.name);
			const rows = (d) => d.items.map((r) => [r.item, r.qty, r.rate]);
			eq(
				[read.name, read.docstatus, read.customer, read.grand_total, rows(read)],
				[
					created.name,
					1,
					'Acme Corporation',
					170,
					[
						['Widget', 2, 25],
						['Gadget', 1, 120],
					],
				],
				'Read back',
			);
			eq(
				[stored.docstatus, rows(stored), stored.modified],
				[1, rows(read), read.modified],
				'the voucher in Frappe',
			);
			eq(
				await frappe.count('Sales Voucher'),
				before['Sales Voucher'] + 1,
				'Sales Vouchers in Frappe',
			);
		},
		{ needs: imported },
	);

	await test(
		'example 3: customers created or updated from a list, matched on email',
		async () => {
			const out = await execute(ex['03']);
			const docs = out('Create or update customer').map((i) => i.json);
			eq(
				docs.map((d) => [d.name, d.email_id, d.credit_limit]),
				[
					['Acme Corporation', 'orders@acme.example.com', 60000],
					['Café Zürich', 'hallo@cafe-zuerich.example.com', 3500],
					['Hooli Inc', 'purchasing@hooli.example.com', 15000],
				],
				'customers written',
			);
			eq(
				await frappe.count('Customer'),
				before.Customer + 1,
				'Customers in Frappe (two updated, one created)',
			);
			for (const d of docs) {
				const same = await frappe.list('Customer', {
					fields: ['name', 'credit_limit'],
					filters: [['email_id', '=', d.email_id]],
				});
				eq(
					same.map((c) => [c.name, c.credit_limit]),
					[[d.name, d.credit_limit]],
					`Customers with ${d.email_id}`,
				);
			}
		},
		{ needs: imported },
	);

	await test(
		'example 4: whitelisted method frappe.client.get_list called with arguments, result used',
		async () => {
			const out = await execute(ex['04']);
			const expected = await frappe.list('ToDo', {
				fields: ['name', 'description', 'allocated_to', 'date'],
				filters: [
					['status', '=', 'Open'],
					['priority', '=', 'High'],
				],
				orderBy: 'date asc',
			});
			assert(expected.length > 0, 'the demo data has no open high-priority ToDo');
			eq(
				out('Open high-priority ToDos').map((i) => i.json.name),
				expected.map((d) => d.name),
				'method result items',
			);
			eq(
				out('Reminder').map((i) => i.json.reminder),
				expected.map(
					(d) =>
						`Reminder for ${d.allocated_to || 'nobody'}: ${d.description}${d.date ? ` (due ${d.date})` : ''}`,
				),
				'Reminder',
			);
		},
		{ needs: imported },
	);

	await test(
		'example 5: file uploaded from a binary, attached to a document, downloaded',
		async () => {
			const out = await execute(ex['05']);
			const text = 'Meeting notes\n- Pricing\n- Hiring\n';
			const [todo] = out('Create a ToDo').map((i) => i.json);
			const [file] = out('Upload and attach').map((i) => i.json);
			eq(
				[
					file.attached_to_doctype,
					file.attached_to_name,
					file.is_private,
					file.file_url,
					file.file_size,
				],
				['ToDo', todo.name, 1, '/private/files/meeting-notes.txt', Buffer.byteLength(text)],
				'uploaded File',
			);
			const [download] = out('Download');
			eq(
				[download.json.name, download.binary?.data?.fileName, download.binary?.data?.mimeType],
				[file.name, 'meeting-notes.txt', 'text/plain'],
				'downloaded binary',
			);
			eq(
				out('Read the file').map((i) => i.json.content),
				[text],
				'content of the downloaded file',
			);
			const attached = await frappe.list('File', {
				fields: ['name'],
				filters: [
					['attached_to_doctype', '=', 'ToDo'],
					['attached_to_name', '=', todo.name],
				],
			});
			eq(
				attached.map((f) => f.name),
				[file.name],
				'Files attached to the ToDo in Frappe',
			);
			const bytes = await fetch(site.url + file.file_url, {
				headers: { Authorization: `token ${site.apiKey}:${site.apiSecret}` },
			});
			eq(await bytes.text(), text, 'the file in Frappe');
		},
		{ needs: imported },
	);

	// ---- reports (n8n execute: before n8n start, which would hold the task broker's port) ----------------
	const exampleFile = (file) => EXAMPLES.find((e) => e.file === file);
	await test(
		"example 10: a report's rows (Sales by Territory, total and group rows dropped) summed per territory as Frappe's own report says",
		async () => {
			const out = await execute(exampleFile('10-report-rows-summary.json'));
			const report = (
				await frappe.call('POST', '/api/method/frappe.desk.query_report.run', {
					body: {
						report_name: 'Sales by Territory',
						filters: { from_date: '2025-01-01', to_date: '2025-12-31' },
					},
				})
			).message;
			const customers = report.result.filter((row) => !Array.isArray(row) && row.indent === 1);
			eq(
				out('Run Sales by Territory').map((i) => [i.json.name, i.json.grand_total]),
				customers.map((row) => [row.name, row.grand_total]),
				'rows of the report (customers only)',
			);
			const expected = {};
			for (const row of customers) {
				const t = (expected[row.parent_territory] ??= { customers: 0, vouchers: 0, sales: 0 });
				t.customers += 1;
				t.vouchers += row.vouchers;
				t.sales += row.grand_total;
			}
			eq(
				Object.fromEntries(
					out('Summary').map((i) => [
						i.json.territory,
						{ customers: i.json.customers, vouchers: i.json.vouchers, sales: i.json.sales },
					]),
				),
				expected,
				'summary per territory',
			);
		},
		{ needs: imported },
	);

	// ---- the trigger, in a running n8n ------------------------------------------------------------------------------
	const SERVER = 'n8n start on 127.0.0.1, owner set up through the REST API, API key made';
	await test(
		SERVER,
		async () => {
			n8n = await startN8n(session, env, work);
			const { cookie } = await setupOwner(n8n.url, {
				email: 'e2e@example.com',
				password: 'E2e-Passw0rd-1',
				firstName: 'E2E',
				lastName: 'Tests',
			});
			api = publicApi(n8n.url, await createApiKey(n8n.url, cookie, 'e2e'));
		},
		{ needs: imported },
	);

	const autoUrl = () => webhookUrl(n8n.url, AUTO_NODE);
	const manualUrl = () => webhookUrl(n8n.url, MANUAL_NODE);
	const n8nHooks = () =>
		frappe.list('Webhook', {
			fields: [
				'name',
				'webhook_doctype',
				'webhook_docevent',
				'request_url',
				'request_structure',
				'enabled',
				'enable_security',
			],
			filters: [['name', 'like', 'n8n-%']],
		});
	let autoHook;

	const ACTIVATED = 'activation through the public API creates the Webhook document in Frappe';
	await test(
		ACTIVATED,
		async () => {
			const r = await api.activate(AUTO.id);
			assert(r.active === true, `activate answered ${JSON.stringify(r).slice(0, 200)}`);
			const hooks = await poll(
				'the Webhook in Frappe',
				async () => ((await n8nHooks()).length > 0 ? n8nHooks() : undefined),
				{ timeoutMs: 60000, intervalMs: 300 },
			);
			eq(
				hooks.map((h) => [
					h.webhook_doctype,
					h.webhook_docevent,
					h.request_url,
					h.request_structure,
					h.enabled,
					h.enable_security,
				]),
				[['Sales Voucher', 'on_submit', autoUrl(), 'JSON', 1, 1]],
				'Webhooks n8n made',
			);
			autoHook = hooks[0].name;
		},
		{ needs: [SERVER] },
	);

	const forged = (url) => {
		const body = JSON.stringify({
			doc: { doctype: 'Sales Voucher', name: 'FORGED-1', grand_total: 1e6 },
		});
		return rawPost(url, body, { 'X-Frappe-Webhook-Signature': sign('not-the-secret', body) });
	};

	await test(
		'a forged delivery (wrong signature, or none) gets 401 and starts nothing',
		async () => {
			// n8n may answer 404 for a moment after activation: poll until the webhook is there.
			const first = await poll(
				'the webhook to be registered in n8n',
				async () => {
					const r = await forged(autoUrl());
					return r.status !== 404 ? r : undefined;
				},
				{ timeoutMs: 30000, intervalMs: 300 },
			);
			eq(
				[first.status, JSON.parse(first.body).message],
				[401, 'Missing or invalid X-Frappe-Webhook-Signature'],
				'forged delivery',
			);
			const unsigned = await rawPost(autoUrl(), JSON.stringify({ doc: { name: 'UNSIGNED' } }));
			eq(unsigned.status, 401, 'unsigned delivery');
			eq((await api.executions(AUTO.id)).length, 0, 'executions after refused deliveries');
		},
		{ needs: [ACTIVATED] },
	);

	let voucher1;
	const SUBMITTED =
		'a Sales Voucher submitted in Frappe runs the workflow once, with the verified document';
	await test(
		SUBMITTED,
		async () => {
			const draft = await frappe.insert('Sales Voucher', {
				customer: 'Initech GmbH',
				posting_date: '2025-05-02',
				grand_total: 215,
				items: [
					{ item: 'Widget', qty: 5, rate: 25 },
					{ item: 'Gadget', qty: 0.75, rate: 120 },
				],
			});
			await frappe.submit('Sales Voucher', draft.name);
			voucher1 = await frappe.get('Sales Voucher', draft.name);
			const [execution] = await poll(
				'the execution',
				async () => {
					const list = await api.executions(AUTO.id, { includeData: true });
					return list.length > 0 && list[0].status !== 'running' && list[0].status !== 'new'
						? list
						: undefined;
				},
				{ timeoutMs: 60000, intervalMs: 300 },
			);
			eq([execution.mode, execution.status], ['webhook', 'success'], 'execution mode, status');
			const [item] = nodeItems(execution, 'Sales Voucher submitted').map((i) => i.json);
			const { doctype: _d, ...doc } = voucher1;
			for (const [key, value] of Object.entries(doc))
				eq(item[key], value, `trigger output .${key}`);
			eq(
				[item.event, item.doctype, item.webhook],
				['on_submit', 'Sales Voucher', autoHook],
				'trigger output labels',
			);
			eq(
				nodeItems(execution, 'Notify').map((i) => i.json.message),
				[`Sales Voucher ${voucher1.name} for Initech GmbH was submitted: 2 item(s), total 215`],
				'Notify',
			);
		},
		{ needs: [ACTIVATED] },
	);

	const HAND = 'Sales Voucher → n8n (made by hand)';
	const MANUAL_OK =
		"manual mode: Frappe's default delivery (no Content-Type) from a Webhook made by hand runs the workflow once";
	let voucher2;
	await test(
		MANUAL_OK,
		async () => {
			const r = await api.activate(MANUAL.id);
			assert(r.active === true, 'manual-mode workflow not active');
			// What a person does in Frappe: Integrations → Webhook → New, JSON body {"doc": {{ doc | tojson }}}, Enable
			// Security with a secret, no header rows (so Frappe sends no Content-Type).
			await frappe.insert('Webhook', {
				name: HAND,
				webhook_doctype: 'Sales Voucher',
				webhook_docevent: 'on_submit',
				enabled: 1,
				request_url: manualUrl(),
				request_method: 'POST',
				request_structure: 'JSON',
				webhook_json: '{"doc": {{ doc | tojson }}}',
				enable_security: 1,
				webhook_secret: MANUAL_SECRET,
			});
			const probe = await poll(
				'the manual-mode webhook in n8n',
				async () => {
					const res = await forged(manualUrl());
					return res.status !== 404 ? res : undefined;
				},
				{ timeoutMs: 30000, intervalMs: 300 },
			);
			eq(probe.status, 401, 'forged delivery to the manual-mode webhook');
			const draft = await frappe.insert('Sales Voucher', {
				customer: 'Café Zürich',
				posting_date: '2025-05-03',
				grand_total: 37,
				items: [{ item: 'Coffee beans 1kg', qty: 2, rate: 18.5 }],
			});
			await frappe.submit('Sales Voucher', draft.name);
			voucher2 = await frappe.get('Sales Voucher', draft.name);
			const [execution] = await poll(
				'the manual-mode execution',
				async () => {
					const list = await api.executions(MANUAL.id, { includeData: true });
					return list.length > 0 && list[0].status !== 'running' && list[0].status !== 'new'
						? list
						: undefined;
				},
				{ timeoutMs: 60000, intervalMs: 300 },
			);
			eq([execution.mode, execution.status], ['webhook', 'success'], 'execution mode, status');
			const [item] = nodeItems(execution, 'Webhook made in Frappe').map((i) => i.json);
			eq(
				[
					item.name,
					item.customer,
					item.docstatus,
					item.grand_total,
					item.event,
					item.doctype,
					item.modified,
				],
				[voucher2.name, 'Café Zürich', 1, 37, 'on_submit', 'Sales Voucher', voucher2.modified],
				'trigger output',
			);
			eq(
				item.items.map((row) => [row.item, row.qty, row.rate]),
				[['Coffee beans 1kg', 2, 18.5]],
				'trigger output items',
			);
			// What Frappe logged for the delivery: its headers (signature only: no Content-Type) and n8n's answer.
			const logs = await poll(
				'the Webhook Request Log',
				async () => {
					const l = await frappe.list('Webhook Request Log', {
						fields: ['headers', 'response', 'error'],
						filters: [['webhook', '=', HAND]],
					});
					return l.length > 0 ? l : undefined;
				},
				{ timeoutMs: 15000 },
			);
			eq(logs.length, 1, 'deliveries of the hand-made Webhook');
			const headers = JSON.parse(logs[0].headers);
			eq(
				Object.keys(headers),
				['X-Frappe-Webhook-Signature'],
				'headers Frappe sent besides its defaults',
			);
			eq(
				[JSON.parse(logs[0].response).message, logs[0].error],
				['Workflow was started', ''],
				"n8n's answer to Frappe",
			);
		},
		{ needs: [SUBMITTED] },
	);

	await test(
		'each workflow ran exactly once per submitted voucher; refused deliveries ran nothing',
		async () => {
			// Frappe logs each delivery after n8n answered: once both vouchers' deliveries are logged, nothing is pending.
			await poll(
				'the deliveries of the n8n Webhook',
				async () =>
					(
						await frappe.list('Webhook Request Log', {
							fields: ['name'],
							filters: [['webhook', '=', autoHook]],
						})
					).length >= 2,
				{ timeoutMs: 30000 },
			);
			const logs = await frappe.list('Webhook Request Log', {
				fields: ['webhook', 'reference_document', 'error'],
				filters: [['webhook', 'in', [autoHook, HAND]]],
			});
			eq(logs.filter((l) => l.error).length, 0, 'failed deliveries in the Webhook Request Log');
			const auto = await api.executions(AUTO.id, { includeData: true });
			const manual = await api.executions(MANUAL.id, { includeData: true });
			const voucherOf = (e, node) => nodeItems(e, node)?.[0]?.json?.name;
			eq(
				auto.map((e) => [e.status, voucherOf(e, 'Sales Voucher submitted')]).reverse(),
				[
					['success', voucher1.name],
					['success', voucher2.name],
				],
				'executions of the automatic-mode workflow',
			);
			eq(
				manual.map((e) => [e.status, voucherOf(e, 'Webhook made in Frappe')]),
				[['success', voucher2.name]],
				'executions of the manual-mode workflow',
			);
		},
		{ needs: [MANUAL_OK] },
	);

	await test(
		'deactivation through the public API removes the Webhook documents from Frappe',
		async () => {
			await api.deactivate(AUTO.id);
			await api.deactivate(MANUAL.id);
			await poll('the n8n Webhooks to be gone', async () => (await n8nHooks()).length === 0, {
				timeoutMs: 60000,
				intervalMs: 300,
			});
			const all = await frappe.list('Webhook', { fields: ['name'] });
			const handMade = done.get(MANUAL_OK)
				? [HAND]
				: all.map((h) => h.name).filter((n) => n === HAND);
			eq(
				all.map((h) => h.name),
				handMade,
				"Webhooks left in Frappe (the hand-made one is the user's to delete)",
			);
		},
		{ needs: [ACTIVATED] },
	);

	// ---- the poll trigger, on n8n's schedule ----------------------------------------------------------------------
	await test(
		"example 7: the poll trigger's first poll emits nothing; a Customer created afterwards runs the workflow once, at the next minute, with a CSV sheet",
		async () => {
			const POLL = ex['07'];
			const r = await api.activate(POLL.id);
			assert(r.active === true, `activate answered ${JSON.stringify(r).slice(0, 200)}`);
			// the activation's poll (through the publication outbox, within seconds) takes "now" as its watermark
			await new Promise((resolve) => setTimeout(resolve, 5000));
			eq((await api.executions(POLL.id)).length, 0, 'executions right after activation');
			const customer = await frappe.insert('Customer', {
				customer_name: 'Polled Industries',
				customer_group: 'Commercial',
				territory: 'Asia',
				email_id: 'hello@polled.example.com',
				credit_limit: 4200,
			});
			const [execution] = await poll(
				'the execution of the next poll (n8n polls every minute)',
				async () => {
					const list = await api.executions(POLL.id, { includeData: true });
					return list.length > 0 && list[0].status !== 'running' && list[0].status !== 'new'
						? list
						: undefined;
				},
				{ timeoutMs: 90000, intervalMs: 1000 },
			);
			eq(execution.status, 'success', 'execution status');
			eq(execution.mode, 'trigger', 'execution mode');
			const item = nodeItems(execution, 'New Customer');
			eq(
				item.map((i) => [i.json.event, i.json.doctype, i.json.name, i.json.territory]),
				[['created', 'Customer', customer.name, 'Asia']],
				'poll trigger output',
			);
			const sheet = nodeItems(execution, 'Sheet')[0].binary.data;
			eq([sheet.fileName, sheet.mimeType], ['new-customers.csv', 'text/csv'], 'the sheet');
			await api.deactivate(POLL.id);
			eq((await api.executions(POLL.id)).length, 1, 'executions of the poll workflow');
		},
		{ needs: [SERVER] },
	);

	// ---- a Frappe workflow approved from n8n ----------------------------------------------------------------------
	await test(
		'example 8: a new Sales Voucher under 1,000 is approved through its Frappe workflow (submitted) and commented; one of 2,500 is left alone',
		async () => {
			const APPROVE = ex['08'];
			await defineApprovalWorkflow(frappe);
			try {
				const r = await api.activate(APPROVE.id);
				assert(r.active === true, `activate answered ${JSON.stringify(r).slice(0, 200)}`);
				const [hook] = await poll(
					'the after_insert Webhook of example 8',
					async () => {
						const list = await frappe.list('Webhook', {
							fields: ['name', 'webhook_docevent', 'condition'],
							filters: [['name', 'like', 'n8n-FrappeExWfApprov%']],
						});
						return list.length > 0 ? list : undefined;
					},
					{ timeoutMs: 60000, intervalMs: 300 },
				);
				eq(
					[hook.webhook_docevent, hook.condition],
					['after_insert', 'doc.workflow_state == "Draft" and doc.grand_total < 1000'],
					'the Webhook',
				);
				const small = await frappe.insert('Sales Voucher', {
					customer: 'Globex Ltd',
					grand_total: 340,
					items: [{ item: 'Gizmo', qty: 4, rate: 85 }],
				});
				const big = await frappe.insert('Sales Voucher', {
					customer: 'Acme Corporation',
					grand_total: 2500,
					items: [{ item: 'Widget', qty: 100, rate: 25 }],
				});
				eq(small.workflow_state, 'Draft', 'the first state of a new voucher');
				const [execution] = await poll(
					'the execution of example 8',
					async () => {
						const list = await api.executions(APPROVE.id, { includeData: true });
						return list.length > 0 && list[0].status !== 'running' && list[0].status !== 'new'
							? list
							: undefined;
					},
					{ timeoutMs: 60000, intervalMs: 500 },
				);
				eq(execution.status, 'success', 'execution status');
				eq(
					nodeItems(execution, 'Get Workflow Actions').map((i) => [
						i.json.action,
						i.json.next_state,
						i.json.submits,
					]),
					[
						['Review', 'Pending', false],
						['Approve', 'Approved', true],
					],
					'Get Workflow Actions output',
				);
				const applied = nodeItems(execution, 'Apply Workflow Action').map((i) => i.json);
				eq(
					applied.map((d) => [d.name, d.workflow_state, d.docstatus]),
					[[small.name, 'Approved', 1]],
					'Apply Workflow Action output',
				);
				const stored = await frappe.get('Sales Voucher', small.name);
				eq([stored.workflow_state, stored.docstatus], ['Approved', 1], 'the voucher in Frappe');
				const comments = await frappe.list('Comment', {
					fields: ['comment_type', 'content'],
					filters: [['reference_name', '=', small.name]],
					orderBy: 'creation asc',
				});
				eq(
					comments.map((c) => c.comment_type),
					['Workflow', 'Comment'],
					"comments on the voucher (the workflow's, then the example's)",
				);
				assert(
					comments[1].content.startsWith('Approved automatically by n8n: total 340'),
					`comment: ${comments[1].content}`,
				);
				await new Promise((resolve) => setTimeout(resolve, 2000));
				eq(
					(await api.executions(APPROVE.id)).length,
					1,
					'executions (the 2,500 one never triggers)',
				);
				eq(
					(await frappe.get('Sales Voucher', big.name)).workflow_state,
					'Draft',
					'the big voucher',
				);
			} finally {
				await api.deactivate(APPROVE.id).catch(() => undefined);
				await retireApprovalWorkflow(frappe).catch(() => undefined);
			}
		},
		{ needs: [SERVER] },
	);

	// ---- printed documents, in the running n8n -------------------------------------------------------------------
	await test(
		'example 11: a submitted Sales Voucher printed as a PDF (%PDF-, <name>.pdf) and attached to it as a private File',
		async () => {
			const PRINT = exampleFile('11-trigger-print-pdf-attach.json');
			const printUrl = webhookUrl(
				n8n.url,
				PRINT.workflow.nodes.find((n) => n.type.endsWith('.frappeTrigger')),
			);
			const printHooks = async () => (await n8nHooks()).filter((h) => h.request_url === printUrl);
			const r = await api.activate(PRINT.id);
			assert(r.active === true, `activate answered ${JSON.stringify(r).slice(0, 200)}`);
			await poll(
				'the Webhook of example 11 in Frappe',
				async () => ((await printHooks()).length > 0 ? true : undefined),
				{ timeoutMs: 60000, intervalMs: 300 },
			);
			const draft = await frappe.insert('Sales Voucher', {
				customer: 'Initech GmbH',
				posting_date: '2025-06-30',
				grand_total: 75,
				items: [{ item: 'Widget', qty: 3, rate: 25 }],
			});
			await frappe.submit('Sales Voucher', draft.name);
			const [execution] = await poll(
				'the execution of example 11',
				async () => {
					const list = await api.executions(PRINT.id, { includeData: true });
					return list.length > 0 && list[0].status !== 'running' && list[0].finished !== false
						? list
						: undefined;
				},
				{ timeoutMs: 60000, intervalMs: 500 },
			);
			eq(execution.status, 'success', 'execution status');
			const [item] = nodeItems(execution, 'PDF attached to the voucher');
			const pdf = item.binary.data;
			eq(
				[pdf.fileName, pdf.mimeType, item.json.name, item.json.pageCount],
				[`${draft.name}.pdf`, 'application/pdf', draft.name, 1],
				'the PDF',
			);
			const files = await frappe.list('File', {
				fields: ['name', 'file_name', 'is_private', 'file_size', 'file_url'],
				filters: [
					['attached_to_doctype', '=', 'Sales Voucher'],
					['attached_to_name', '=', draft.name],
				],
			});
			eq(
				files.map((f) => [f.file_name, f.is_private, f.file_size]),
				[[`${draft.name}.pdf`, 1, item.json.fileSize]],
				'the File attached to the voucher',
			);
			eq(item.json.attachment.name, files[0].name, 'the attachment in the output');
			const bytes = Buffer.from(
				await (
					await fetch(site.url + encodeURI(files[0].file_url), {
						headers: { Authorization: `token ${site.apiKey}:${site.apiSecret}` },
					})
				).arrayBuffer(),
			);
			eq(bytes.subarray(0, 5).toString('latin1'), '%PDF-', 'the attached file starts with');
			await api.deactivate(PRINT.id);
			await poll(
				'the Webhook of example 11 to be gone',
				async () => (await printHooks()).length === 0,
				{
					timeoutMs: 60000,
					intervalMs: 300,
				},
			);
		},
		{ needs: [SERVER] },
	);
}

try {
	await main();
} catch (error) {
	failed++;
	console.log(`✗ e2e run aborted: ${error.stack ?? error}`);
}
if (failed > 0) {
	session.failed = true;
	if (n8n?.svc) console.log(`--- last lines of n8n's log:\n${tail(n8n.svc.log(), 30)}`);
}
await session.close();
console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
