#!/usr/bin/env node
// Regenerates the README's pictures (docs/images/*.png) from the real n8n editor: the same stack as
// `npm run demo -- --serve` (package packed and installed into a fresh n8n 2.41.1, the Frappe stand-in, the
// example credential and workflows imported, `n8n start` on a free port, an owner), driven by a headless Chromium.
//
//   node scripts/n8n/screenshots.mjs [--no-build] [--keep]
//
// Needs Debian's `chromium` (/usr/bin/chromium; as root this script runs `apt-get update` and
// `apt-get install -y chromium` when it is missing) and playwright-core, which it installs into
// .n8n-app/playwright (not into the project's package.json). Takes 1-2 minutes once n8n is installed.
//
// Pictures (1440x900):
//   docs/images/frappe-node-get-many.png   the Frappe node's form: Document → Get Many (example 1's "Get open ToDos")
//   docs/images/frappe-credential.png      the "Frappe API" credential dialog
//   docs/images/frappe-trigger.png         the Frappe Trigger's form (example 6: Sales Voucher, Submitted)
//   docs/images/frappe-actions.png         the node panel: the Frappe node's actions
//   docs/images/example-open-todos-run.png example 1 on the canvas after a run in the editor
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

import { EXAMPLES } from './lib/examples.mjs';
import { Session, freePort } from './lib/session.mjs';
import {
	APP_DIR,
	ROOT,
	buildAndPack,
	elapsed,
	ensureInstalled,
	importInto,
	n8nEnv,
	prepareUserFolder,
	setupOwner,
	startN8n,
	startStandIn,
	writeCredentials,
} from './lib/stack.mjs';

const argv = process.argv.slice(2);
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PLAYWRIGHT_VERSION = '1.65.1';
const PLAYWRIGHT_DIR = path.join(APP_DIR, 'playwright');
const OUT = path.join(ROOT, 'docs/images');
const LOGIN = {
	email: 'demo@example.com',
	password: 'Demo-n8n-frappe-1',
	firstName: 'Demo',
	lastName: 'User',
};
const VIEWPORT = { width: 1440, height: 900 };

let page; // for a picture of the failure
const session = new Session({ name: 'screenshots', keepOnFailure: argv.includes('--keep') });
const step = (text) => console.log(`[screenshots ${elapsed().padStart(7)}] ${text}`);

function ensureChromium() {
	if (existsSync(CHROMIUM)) return;
	if (process.getuid?.() !== 0)
		throw new Error(`${CHROMIUM} is missing: sudo apt-get install chromium (Debian's package)`);
	step("installing Debian's chromium (apt-get)");
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
		const r = spawnSync('apt-get', args, {
			stdio: 'inherit',
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
		if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
	}
}

function loadPlaywright() {
	const pkg = path.join(PLAYWRIGHT_DIR, 'node_modules/playwright-core/package.json');
	const require = createRequire(path.join(PLAYWRIGHT_DIR, 'package.json'));
	if (!existsSync(pkg) || require(pkg).version !== PLAYWRIGHT_VERSION) {
		step(
			`installing playwright-core@${PLAYWRIGHT_VERSION} into ${path.relative(ROOT, PLAYWRIGHT_DIR)}`,
		);
		mkdirSync(PLAYWRIGHT_DIR, { recursive: true });
		const init = path.join(PLAYWRIGHT_DIR, 'package.json');
		if (!existsSync(init))
			spawnSync('sh', [
				'-c',
				`printf '{"name":"n8n-app-playwright","private":true}\\n' > "${init}"`,
			]);
		// --ignore-scripts: playwright-core has no install script, and no browser download is wanted (Debian's chromium).
		const r = spawnSync(
			'npm',
			[
				'install',
				'--no-fund',
				'--no-audit',
				'--ignore-scripts',
				'--save-exact',
				`playwright-core@${PLAYWRIGHT_VERSION}`,
			],
			{
				cwd: PLAYWRIGHT_DIR,
				stdio: 'inherit',
			},
		);
		if (r.status !== 0) throw new Error('npm install playwright-core failed');
	}
	return require('playwright-core');
}

async function main() {
	ensureChromium();
	const { chromium } = loadPlaywright();
	await ensureInstalled(console.log);
	const work = session.tempDir('n8n-shots');
	const tarball = await buildAndPack(work, { build: !argv.includes('--no-build') });
	const site = await startStandIn(session, work);
	const userFolder = await prepareUserFolder(session, tarball);
	const env = n8nEnv({ userFolder, port: await freePort(), brokerPort: await freePort() });
	const credentialsFile = path.join(work, 'credentials.json');
	writeCredentials(credentialsFile, {
		siteUrl: site.url,
		apiKey: site.apiKey,
		apiSecret: site.apiSecret,
	});
	await importInto(env, work, { credentialsFile, workflowFiles: EXAMPLES.map((e) => e.path) });
	const n8n = await startN8n(session, env, work);
	await setupOwner(n8n.url, LOGIN);
	step(`n8n on ${n8n.url} with the package, the stand-in on ${site.url}`);

	// Chromium as Playwright starts it, with the flags that keep a headless Chromium off the network and quiet.
	const context = await chromium.launchPersistentContext(session.tempDir('chromium-profile'), {
		executablePath: CHROMIUM,
		headless: true,
		viewport: VIEWPORT,
		deviceScaleFactor: 1,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
	session.atClose(() => context.close());
	page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30000);
	const login = await context.request.post(`${n8n.url}/rest/login`, {
		data: { emailOrLdapLoginId: LOGIN.email, password: LOGIN.password },
	});
	if (!login.ok()) throw new Error(`login: ${login.status()}`);
	mkdirSync(OUT, { recursive: true });

	const settle = async () => {
		await page.waitForLoadState('networkidle').catch(() => undefined);
		await page.waitForTimeout(800); // transitions of the dialogs
	};
	const shot = async (name, what, { toasts = false } = {}) => {
		if (!toasts)
			await page.addStyleTag({ content: '.el-notification { display: none !important; }' });
		const file = path.join(OUT, name);
		await page.screenshot({ path: `${file}.tmp.png` });
		renameSync(`${file}.tmp.png`, file);
		step(`${path.relative(ROOT, file)}: ${what}`);
	};
	const ex = Object.fromEntries(EXAMPLES.map((e) => [e.file.slice(0, 2), e]));
	const nodeId = (example, name) => example.workflow.nodes.find((n) => n.name === name).id;

	// 1. Example 1 on the canvas, after a run in the editor (Execute workflow).
	await page.goto(`${n8n.url}/workflow/${ex['01'].id}`);
	await page.getByText('Count open ToDos').first().waitFor();
	await settle();
	await page.locator('[data-test-id="execute-workflow-button"]').click();
	await page
		.getByText(/5 items/)
		.first()
		.waitFor({ timeout: 60000 })
		.catch(() => undefined);
	await settle();
	await shot('example-open-todos-run.png', 'example 1 run in the editor', { toasts: true });

	// 2. The Frappe node's Get Many form (example 1's "Get open ToDos"), opened on the canvas after that run, so its
	// output (the five open ToDos) shows next to the form.
	await page.locator('[data-node-name="Get open ToDos"]').first().dblclick();
	await page.getByText('Return All').first().waitFor();
	await settle();
	await shot('frappe-node-get-many.png', 'Frappe node, Document → Get Many, with its output');

	// 3. The Frappe Trigger's form (example 6).
	await page.goto(
		`${n8n.url}/workflow/${ex['06'].id}/${nodeId(ex['06'], 'Sales Voucher submitted')}`,
	);
	await page.getByText('Events').first().waitFor();
	await settle();
	await shot('frappe-trigger.png', 'Frappe Trigger, automatic setup');

	// 4. The credential dialog.
	await page.goto(`${n8n.url}/home/credentials/FrappeApiCred001`);
	await page.getByText('Site URL').first().waitFor();
	await settle();
	await shot('frappe-credential.png', 'Frappe API credential');

	// 5. The node panel: the + on example 2's canvas, search "Frappe", the Frappe node's actions.
	await page.goto(`${n8n.url}/workflow/${ex['02'].id}`);
	await page.getByText('Create Sales Voucher').first().waitFor();
	await settle();
	await page.locator('[data-test-id="node-creator-plus-button"]').click();
	await page
		.locator(
			'[data-test-id="node-creator-search-bar"] input, input[data-test-id="node-creator-search-bar"]',
		)
		.first()
		.fill('Frappe');
	await settle();
	await page
		.locator('[data-test-id="node-creator-item-name"]', { hasText: /^Frappe$/ })
		.first()
		.click();
	await settle();
	// n8n merges the Frappe node and the Frappe Trigger into this one entry and shows the trigger's description,
	// which speaks for both; the entry lists the Frappe node's actions.
	const panel = await page.locator('body').innerText();
	for (const expected of [
		'read and write documents',
		'Get many documents',
		'Add a comment to a document',
	]) {
		if (!panel.includes(expected))
			throw new Error(`the node panel's Frappe entry lacks "${expected}"`);
	}
	await shot('frappe-actions.png', "node panel: the Frappe node's actions");

	await context.close();
}

let code = 1;
try {
	await main();
	code = 0;
} catch (error) {
	session.failed = true;
	console.error(`\nscreenshots: ${error.stack ?? error.message}`);
	if (page) {
		const file = path.join(process.env.TMPDIR || '/tmp', 'screenshots-failure.png');
		await page.screenshot({ path: file }).then(
			() => console.error(`the page at the failure: ${file}`),
			() => undefined,
		);
	}
} finally {
	await session.close();
}
process.exit(code);
