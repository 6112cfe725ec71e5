// Runs before every test file (jest's setupFiles), before n8n-core is loaded.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core's InstanceSettings writes an encryption key into $N8N_USER_FOLDER/.n8n/config when it is first loaded;
// point it at a temporary folder so that no test touches the home folder.
if (!process.env.N8N_USER_FOLDER?.startsWith(tmpdir())) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-nodes-frappe-test-'));
}

// n8n's logger (winston, from @n8n/backend-common) prints what the engine logs, e.g. every node error a test
// provokes on purpose ("Authentication failed"), as console.log blocks in jest's output. Tests assert on results, not
// on these lines, and a failing test still shows its own error; `N8N_LOG_LEVEL=debug npx jest` brings the log back.
process.env.N8N_LOG_LEVEL ??= 'silent';
