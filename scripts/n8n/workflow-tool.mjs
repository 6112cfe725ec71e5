#!/usr/bin/env node
// Small JSON helpers for scripts/n8n/*.sh (node instead of jq: node is always there).
//
//   workflow-tool.mjs credentials <out.json> <id> <name> <siteUrl> <apiKey> <apiSecret>
//       a decrypted frappeApi credential for `n8n import:credentials` (n8n encrypts it on import)
//   workflow-tool.mjs prepare <in.json> <out.json> <typePrefix> <credId> <credName>
//       rewrite node types n8n-nodes-frappe.<x> to <typePrefix><x> (e.g. CUSTOM.) and point every Frappe
//       credential reference at the imported credential; prints the workflow id
//   workflow-tool.mjs check <execute-stdout.txt> <workflow.json> [minItems]
//       assert an `n8n execute --rawOutput` run: status success, no error, every Frappe node ran and the
//       last one returned >= minItems (default 1) items; prints a one-line summary per Frappe node
import { readFileSync, writeFileSync } from 'node:fs';

const PACKAGE_PREFIX = 'n8n-nodes-frappe.';
const [cmd, ...args] = process.argv.slice(2);

function fail(message) {
	console.error(`workflow-tool ${cmd}: ${message}`);
	process.exit(1);
}

if (cmd === 'credentials') {
	const [out, id, name, siteUrl, apiKey, apiSecret] = args;
	if (!apiSecret) fail('usage: credentials <out.json> <id> <name> <siteUrl> <apiKey> <apiSecret>');
	const cred = {
		id,
		name,
		type: 'frappeApi',
		data: { siteUrl, apiKey, apiSecret, headerStyle: 'token' },
	};
	writeFileSync(out, JSON.stringify([cred], null, 2));
} else if (cmd === 'prepare') {
	const [input, out, prefix, credId, credName] = args;
	if (!credName) fail('usage: prepare <in.json> <out.json> <typePrefix> <credId> <credName>');
	const wf = JSON.parse(readFileSync(input, 'utf8'));
	if (!/^[A-Za-z0-9]{16}$/.test(wf.id ?? ''))
		fail(`${input}: needs an "id" of 16 letters/digits (n8n execute --id)`);
	let ours = 0;
	for (const node of wf.nodes ?? []) {
		if (typeof node.type === 'string' && node.type.startsWith(PACKAGE_PREFIX)) {
			node.type = prefix + node.type.slice(PACKAGE_PREFIX.length);
			ours++;
		}
		for (const credType of Object.keys(node.credentials ?? {})) {
			if (credType === 'frappeApi') node.credentials[credType] = { id: credId, name: credName };
		}
	}
	if (ours === 0) fail(`${input}: no node of type ${PACKAGE_PREFIX}*`);
	wf.active = false;
	writeFileSync(out, JSON.stringify(wf, null, 2));
	console.log(wf.id);
} else if (cmd === 'check') {
	const [file, workflowFile, minItemsArg] = args;
	if (!workflowFile) fail('usage: check <execute-stdout.txt> <workflow.json> [minItems]');
	const minItems = Number(minItemsArg ?? 1);
	const text = readFileSync(file, 'utf8');
	// stdout holds log lines around the JSON, which n8n pretty-prints: it is the block from a line "{" to the
	// first line "}" (inner lines are indented). A failed run prints the same JSON (at info level) before exit 1.
	const block = text.match(/^\{$[\s\S]*?^\}$/m);
	if (!block)
		fail(`${file}: no execution JSON in the output (N8N_LOG_LEVEL must be info or lower)`);
	let run;
	try {
		run = JSON.parse(block[0]);
	} catch (error) {
		fail(`${file}: output JSON does not parse: ${error.message}`);
	}
	const error = run?.data?.resultData?.error;
	if (error) {
		const where = error.node?.name ? ` in node "${error.node.name}"` : '';
		const code = error.httpCode ? ` (httpCode ${error.httpCode})` : '';
		fail(
			`execution failed${where}: ${error.name ?? 'Error'}: ${error.message}${code}${error.description ? ` - ${error.description}` : ''}`,
		);
	}
	if (run.status !== 'success') fail(`status is ${JSON.stringify(run.status)}, not "success"`);
	// The IRun has no workflowData: take the nodes from the (prepared) workflow that was imported.
	const nodes = JSON.parse(readFileSync(workflowFile, 'utf8')).nodes ?? [];
	const frappeNodes = nodes.filter((n) => /(^CUSTOM\.|^n8n-nodes-frappe\.)frappe/i.test(n.type));
	if (frappeNodes.length === 0) fail('the workflow has no Frappe node');
	const runData = run.data.resultData.runData ?? {};
	let last = 0;
	for (const node of frappeNodes) {
		const runs = runData[node.name];
		if (!runs?.length) fail(`node "${node.name}" did not run`);
		const items = runs.at(-1).data?.main?.[0] ?? [];
		last = items.length;
		const preview = JSON.stringify(items[0]?.json ?? null);
		console.log(
			`  ${node.name} (${node.type}): ${items.length} item(s); first: ${preview.length > 160 ? preview.slice(0, 157) + '...' : preview}`,
		);
	}
	if (last < minItems)
		fail(`the last Frappe node returned ${last} item(s), expected at least ${minItems}`);
} else {
	fail('commands: credentials | prepare | check');
}
