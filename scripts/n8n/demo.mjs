#!/usr/bin/env node
// The main job (`npm run demo`): this package in a real n8n 2.41.1, the way users meet it.
//
//   node scripts/n8n/demo.mjs                 run every example workflow against the Frappe stand-in, print each one's
//                                             name, status and a short table of what it produced; exit 1 if one failed
//   node scripts/n8n/demo.mjs --serve         leave n8n running on 127.0.0.1:5678 with the package, a credential for
//                                             the stand-in, the examples imported and the trigger example active;
//                                             prints the URL and the login; Ctrl+C stops everything
//   FRAPPE_URL=https://erp.example.com FRAPPE_API_KEY=... FRAPPE_API_SECRET=... node scripts/n8n/demo.mjs
//                                             a real site instead: only the read-only examples (1 and 4) run
//
// Options: --serve, --port N (n8n's port with --serve; default 5678), --no-build (use the dist there is),
// --keep (keep the temp folders when something fails), --help.
//
// Steps: scripts/n8n/install.sh (n8n into .n8n-app, first time only), npm run build, npm pack, the Frappe stand-in
// (test/frappe-server, demo data) on a free port, a fresh n8n user folder in /tmp with the packed package unpacked
// into .n8n/nodes/node_modules (as a community install leaves it), `n8n import:credentials` + `import:workflow`,
// `n8n execute --id` per example; for the trigger example `n8n start`, an owner, an API key, activation through
// n8n's public API, a Sales Voucher submitted in the stand-in, the execution read back through the API.
import path from 'node:path';

import { runApproval } from './lib/approval.mjs';
import { EXAMPLES, showRun } from './lib/examples.mjs';
import { frappeClient } from './lib/frappe.mjs';
import { Session, freePort, poll, portInUse } from './lib/session.mjs';
import {
	buildAndPack,
	createApiKey,
	describeError,
	elapsed,
	ensureInstalled,
	executeWorkflow,
	importInto,
	n8nEnv,
	nodeItems,
	prepareUserFolder,
	publicApi,
	setupOwner,
	startN8n,
	startStandIn,
	writeCredentials,
} from './lib/stack.mjs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => {
	const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
	if (i < 0) return undefined;
	return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
};
if (flag('--help') || flag('-h')) {
	const { readFileSync } = await import('node:fs');
	const text = readFileSync(new URL(import.meta.url), 'utf8')
		.split('\n')
		.slice(1, 22);
	console.log(text.map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
	process.exit(0);
}

const SERVE = flag('--serve');
const BUILD = !flag('--no-build');
const LOGIN = {
	email: 'demo@example.com',
	password: 'Demo-n8n-frappe-1',
	firstName: 'Demo',
	lastName: 'User',
};
const REAL = process.env.FRAPPE_URL
	? {
			url: process.env.FRAPPE_URL.replace(/\/+$/, ''),
			apiKey: process.env.FRAPPE_API_KEY,
			apiSecret: process.env.FRAPPE_API_SECRET,
		}
	: undefined;
if (REAL && (!REAL.apiKey || !REAL.apiSecret)) {
	console.error('demo: FRAPPE_URL is set: set FRAPPE_API_KEY and FRAPPE_API_SECRET too');
	process.exit(2);
}

const session = new Session({ name: 'demo', keepOnFailure: flag('--keep') });
const say = (text = '') => console.log(text);
const step = (text) => say(`[demo ${elapsed().padStart(7)}] ${text}`);

async function main() {
	say(`n8n-nodes-frappe in a real n8n 2.41.1 ${SERVE ? '(--serve)' : ''}`);
	const install = await ensureInstalled(say);
	step(
		install.installedNow
			? `n8n installed (${(install.ms / 1000).toFixed(0)} s)`
			: 'n8n 2.41.1 on Node 24 is installed in .n8n-app',
	);

	const work = session.tempDir('n8n-demo');
	const tarball = await buildAndPack(work, { build: BUILD });
	step(`${BUILD ? 'built and ' : ''}packed ${path.basename(tarball)}`);

	let site;
	if (REAL) {
		site = { url: REAL.url, apiKey: REAL.apiKey, apiSecret: REAL.apiSecret, real: true };
		step(`Frappe site: ${site.url} (real site: only the read-only examples run)`);
	} else {
		const wanted = SERVE && !(await portInUse(8765)) ? 8765 : undefined;
		site = await startStandIn(session, work, { port: wanted });
		const client = frappeClient(site.url, site.apiKey, site.apiSecret);
		const counts = [];
		for (const dt of ['Customer', 'Sales Voucher', 'ToDo', 'File'])
			counts.push(`${await client.count(dt)} ${dt}`);
		step(`Frappe stand-in (test/frappe-server, demo data) on ${site.url}: ${counts.join(', ')}`);
	}

	const n8nPort = SERVE
		? Number(option('--port') ?? process.env.N8N_DEMO_PORT ?? 5678)
		: await freePort();
	if (SERVE && (await portInUse(n8nPort))) {
		throw new Error(
			`127.0.0.1:${n8nPort} is taken (another n8n?): stop it, or use --port <free port>`,
		);
	}
	const userFolder = await prepareUserFolder(session, tarball);
	const env = n8nEnv({ userFolder, port: n8nPort, brokerPort: await freePort() });
	const examples = EXAMPLES.filter((e) => !site.real || e.readOnly);
	const credentialsFile = path.join(work, 'credentials.json');
	writeCredentials(credentialsFile, {
		siteUrl: site.url,
		apiKey: site.apiKey,
		apiSecret: site.apiSecret,
	});
	await importInto(env, work, { credentialsFile, workflowFiles: examples.map((e) => e.path) });
	step(
		`n8n user folder ${userFolder}: package unpacked into .n8n/nodes, credential "Frappe API" and ${examples.length} workflows imported`,
	);

	if (SERVE) return await serve(env, work, site, examples);

	const results = [];
	for (const example of examples.filter((e) => !e.trigger)) {
		if (session.closing) return 130;
		say();
		const result = await executeWorkflow(env, example.id);
		const ok = result.code === 0 && result.status === 'success';
		results.push({ example, ok });
		say(`${example.name}`);
		say(
			`  ${ok ? 'success' : `FAILED (${result.status}, exit ${result.code})`} in ${(result.ms / 1000).toFixed(1)} s — n8n execute --id=${example.id}`,
		);
		if (result.error) say(`  error: ${describeError(result.error)}`);
		if (result.run) say(showRun(example, result.run));
		else if (!ok) say(result.output.split('\n').slice(-15).join('\n'));
	}

	const trigger = examples.find((e) => e.trigger);
	if (trigger && !session.closing) {
		say();
		results.push({ example: trigger, ok: await runTrigger(env, work, site, trigger) });
	}
	for (const submitted of examples.filter((e) => e.submitTrigger)) {
		if (session.closing) break;
		say();
		results.push({ example: submitted, ok: await runTrigger(env, work, site, submitted) });
	}
	const poller = examples.find((e) => e.poll);
	if (poller && !session.closing) {
		say();
		results.push({ example: poller, ok: await runPoller(env, work, site, poller) });
	}
	const approval = examples.find((e) => e.approval);
	if (approval && !session.closing) {
		say();
		say(approval.name);
		const frappe = frappeClient(site.url, site.apiKey, site.apiSecret);
		const run = await runApproval({
			session,
			env,
			work,
			login: LOGIN,
			frappe,
			example: approval,
			say,
		});
		if (run.execution) say(showRun(approval, run.execution));
		results.push({ example: approval, ok: run.ok });
	}

	say();
	const failed = results.filter((r) => !r.ok);
	step(
		`${results.length - failed.length} of ${results.length} example workflows succeeded${failed.length ? `; failed: ${failed.map((r) => r.example.file).join(', ')}` : ''}`,
	);
	return failed.length === 0 ? 0 : 1;
}

/** The trigger example: n8n start, owner + API key, activation, a Sales Voucher submitted in the stand-in. */
async function runTrigger(env, work, site, example) {
	const started = Date.now();
	say(example.name);
	let n8n;
	try {
		n8n = await startN8n(session, env, work);
		// example 11 runs this after example 6 on the same n8n user folder: the owner exists then
		const { cookie } = await ownerSession(n8n.url);
		const api = publicApi(n8n.url, await createApiKey(n8n.url, cookie, `trigger-${example.id}`));
		await api.activate(example.id);
		const frappe = frappeClient(site.url, site.apiKey, site.apiSecret);
		// n8n 2.x activates through its publication outbox (polled every second here, see env.sh): wait for the
		// trigger's create() to have made its Webhook in Frappe.
		const hooks = await poll(
			'the Webhook the trigger creates in Frappe on activation',
			async () => {
				const list = await frappe.list('Webhook', {
					fields: ['name', 'webhook_docevent', 'request_url'],
					filters: [['name', 'like', 'n8n-%']],
				});
				return list.length > 0 ? list : undefined;
			},
			{ timeoutMs: 60000, intervalMs: 300 },
		);
		say(
			`  n8n start on ${n8n.url}, workflow activated through the public API: ${hooks.length} Webhook created in Frappe`,
		);
		for (const h of hooks) say(`    ${h.name}  ${h.webhook_docevent} → ${h.request_url}`);
		// The webhook URL may answer 404 for a moment after activation; the stand-in retries like Frappe (1 s, 4 s).
		const draft = await frappe.insert('Sales Voucher', {
			customer: 'Globex Ltd',
			posting_date: new Date().toISOString().slice(0, 10),
			grand_total: 340,
			items: [
				{ item: 'Gizmo', qty: 4, rate: 60 },
				{ item: 'Service hour', qty: 1, rate: 100 },
			],
		});
		await frappe.submit('Sales Voucher', draft.name);
		say(`  submitted Sales Voucher ${draft.name} in the stand-in; waiting for the execution...`);
		const [execution] = await poll(
			'the trigger execution',
			async () => {
				const list = await api.executions(example.id, { includeData: true });
				return list.length > 0 && list[0].finished !== false && list[0].status !== 'running'
					? list
					: undefined;
			},
			{ timeoutMs: 60000, intervalMs: 500 },
		);
		const ok = execution.status === 'success';
		say(
			`  ${ok ? 'success' : `FAILED (${execution.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s — execution ${execution.id}, mode ${execution.mode}`,
		);
		say(showRun(example, execution));
		await api.deactivate(example.id);
		await poll(
			'the Webhook to be removed on deactivation',
			async () =>
				(await frappe.list('Webhook', { filters: [['name', 'like', 'n8n-%']] })).length === 0,
			{ timeoutMs: 60000, intervalMs: 300 },
		);
		say('  deactivated through the public API: the Webhook is gone from Frappe');
		return ok;
	} catch (error) {
		say(`  FAILED: ${error.message}`);
		if (n8n) say(n8n.svc.log().split('\n').slice(-20).join('\n'));
		return false;
	} finally {
		if (n8n) await session.stop(n8n.svc);
	}
}

/** The owner's cookie: set up on a fresh n8n, or logged in when the trigger example already set it up. */
async function ownerSession(url) {
	try {
		return await setupOwner(url, LOGIN);
	} catch (error) {
		if (!/already setup/.test(error.message)) throw error;
	}
	const login = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: LOGIN.email, password: LOGIN.password }),
	});
	if (!login.ok) throw new Error(`POST /rest/login: ${login.status} ${await login.text()}`);
	return {
		cookie: login.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; '),
	};
}

/**
 * The poll trigger example: n8n start, activation (n8n polls once at once: the watermark is "now"), a Customer created
 * in the stand-in, then n8n's every-minute schedule polls and starts the execution; nothing calls n8n.
 */
async function runPoller(env, work, site, example) {
	const started = Date.now();
	say(example.name);
	let n8n;
	try {
		n8n = await startN8n(session, env, work);
		const { cookie } = await ownerSession(n8n.url);
		const api = publicApi(n8n.url, await createApiKey(n8n.url, cookie, 'poll-demo'));
		await api.activate(example.id);
		// n8n 2.x activates through its publication outbox (polled every second); the first poll runs then.
		await new Promise((resolve) => setTimeout(resolve, 5000));
		say(
			`  n8n start on ${n8n.url}, workflow activated through the public API (polls every minute)`,
		);
		const frappe = frappeClient(site.url, site.apiKey, site.apiSecret);
		const customer = await frappe.insert('Customer', {
			customer_name: `Initech ${new Date().toISOString().slice(11, 19)}`,
			customer_group: 'Commercial',
			territory: 'Europe',
			email_id: 'purchasing@initech.example.com',
			credit_limit: 12000,
		});
		say(
			`  created Customer ${customer.name} in the stand-in; waiting for the next poll (at most a minute)...`,
		);
		const [execution] = await poll(
			'the poll execution',
			async () => {
				const list = await api.executions(example.id, { includeData: true });
				return list.length > 0 && list[0].finished !== false && list[0].status !== 'running'
					? list
					: undefined;
			},
			{ timeoutMs: 90000, intervalMs: 1000 },
		);
		const emitted = nodeItems(execution, 'New Customer') ?? [];
		const ok =
			execution.status === 'success' &&
			emitted.length === 1 &&
			emitted[0].json.name === customer.name;
		say(
			`  ${ok ? 'success' : `FAILED (${execution.status}, ${emitted.length} item(s))`} in ${((Date.now() - started) / 1000).toFixed(1)} s — execution ${execution.id}, mode ${execution.mode}`,
		);
		say(showRun(example, execution));
		await api.deactivate(example.id);
		return ok;
	} catch (error) {
		say(`  FAILED: ${error.message}`);
		if (n8n) say(n8n.svc.log().split('\n').slice(-20).join('\n'));
		return false;
	} finally {
		if (n8n) await session.stop(n8n.svc);
	}
}

/** --serve: n8n stays up with everything imported; the trigger example active when the stand-in is used. */
async function serve(env, work, site, examples) {
	const n8n = await startN8n(session, env, work);
	const { cookie } = await setupOwner(n8n.url, LOGIN);
	const trigger = examples.find((e) => e.trigger);
	let active = '';
	if (trigger && !site.real) {
		const api = publicApi(n8n.url, await createApiKey(n8n.url, cookie));
		await api.activate(trigger.id);
		active = trigger.name;
	}
	step(`n8n is running (pid ${n8n.svc.pid})`);
	say();
	say(`  Open        ${n8n.url}`);
	say(`  Log in as   ${LOGIN.email} / ${LOGIN.password}`);
	say(
		`  Credential  "Frappe API" → ${site.url}${site.real ? '' : ` (Administrator's demo API key ${site.apiKey})`}`,
	);
	say(
		`  Workflows   ${examples.map((e) => e.name.replace(/^Frappe example /, '#')).join('\n              ')}`,
	);
	if (active) {
		say(`  Active      ${active}`);
		say('              submit a Sales Voucher in the stand-in and watch Executions:');
		const auth = `-H 'Authorization: token ${site.apiKey}:${site.apiSecret}' -H 'Content-Type: application/json'`;
		say(
			`              curl -s ${auth} -d '{"customer":"Globex Ltd","grand_total":40,"items":[{"item":"Gizmo","qty":1,"rate":40}]}' \\`,
		);
		say(`                   ${site.url}/api/resource/Sales%20Voucher`);
		say(
			`              curl -s -X PUT ${auth} -d '{"docstatus":1}' ${site.url}/api/resource/Sales%20Voucher/<name from above>`,
		);
	}
	if (!site.real)
		say(
			`  Stand-in    ${site.url} (users and keys: npm run frappe-server prints them; log: ${path.join(work, 'frappe-server.log')})`,
		);
	say(`  n8n log     ${n8n.svc.logFile}`);
	say();
	say('Press Ctrl+C to stop n8n and the stand-in (the temp n8n user folder is removed).');
	const { code, signal } = await n8n.svc.exited;
	if (session.closing) return 130;
	throw new Error(`n8n exited by itself (code ${code}, signal ${signal}); see above`);
}

let code = 1;
try {
	code = await main();
} catch (error) {
	session.failed = true;
	console.error(`\ndemo: ${error.message}`);
} finally {
	await session.close();
}
process.exit(code);
