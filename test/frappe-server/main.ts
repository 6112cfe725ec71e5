// `npm run frappe-server`: a demo Frappe server on 127.0.0.1 (port from --port, FRAPPE_SERVER_PORT or 8765).
import { startFrappeServer, tokenHeader } from './index';
import { installOAuth2 } from './oauth2';
import { installTestAdmin } from './testAdmin';
import { attachWebhooks } from './webhooks';

async function main(): Promise<void> {
	const argv = process.argv.slice(2);
	const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
	let port = parseInt(process.env.FRAPPE_SERVER_PORT ?? '', 10) || 8765;
	if (i >= 0)
		port = parseInt(argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1], 10) || port;
	const server = await startFrappeServer({ port, seed: 'demo' });
	const oauth = installOAuth2(server);
	attachWebhooks(server);
	// Test-only endpoints under /_test/ (test/frappe-server/testAdmin.ts), for tests that run the stand-in as a process.
	if (argv.includes('--test-admin')) installTestAdmin(server.http, oauth);
	const lines = [
		`Frappe-compatible test server (Frappe ${server.version} behaviour) listening on ${server.url}`,
		'',
		'Users:',
		...Object.values(server.users).map(
			(u) =>
				`  ${u.email.padEnd(22)} password ${u.password.padEnd(18)} api key ${u.apiKey}  secret ${u.apiSecret}  (Authorization: ${tokenHeader(u)})`,
		),
		'',
		'Serves: /api/method/login|logout|ping, /api/method/frappe.client.*, /api/resource/<DocType>[/<name>],',
		'        /api/v2/document|method|doctype, POST /api/method/upload_file, /files/..., /private/files/..., GET /app,',
		'        the OAuth2 provider (frappe.integrations.oauth2.*), and outgoing Webhooks (signed deliveries)',
		'Doctypes with data: ToDo, Note, Customer, Sales Voucher (submittable, child table items), File, Tag, User, Role, DocType',
		'',
		'Press Ctrl+C to stop.',
	];
	console.log(lines.join('\n'));
	const stop = () => {
		void server.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
