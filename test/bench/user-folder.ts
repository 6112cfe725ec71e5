// First import of every benchmark: n8n-core's InstanceSettings writes an encryption key into
// $N8N_USER_FOLDER/.n8n/config (~/.n8n/config when it is unset) as soon as it is loaded. As the jest tests do
// (test/harness/setup-env.ts), point it at a temporary folder before anything loads n8n-core; the process that made
// the folder removes it when it exits. Child processes inherit it through the environment.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER?.startsWith(tmpdir())) {
	const folder = mkdtempSync(join(tmpdir(), 'n8n-nodes-frappe-bench-'));
	process.env.N8N_USER_FOLDER = folder;
	process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
}
