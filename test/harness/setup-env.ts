// n8n-core's InstanceSettings writes an encryption key into $N8N_USER_FOLDER/.n8n/config when it is first loaded;
// point it at a temporary folder so that no test touches the home folder.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.N8N_USER_FOLDER?.startsWith(tmpdir())) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-nodes-frappe-test-'));
}
