// package.json's scripts and the two Node scripts behind them: scripts/ensure-deps.mjs (npm test and npm run demo
// install what is missing first) and scripts/scan.mjs (n8n's community package scanner, offline).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
	copyFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface PackageJson {
	scripts: Record<string, string>;
	devDependencies: Record<string, string>;
}

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;

let work: string;
beforeAll(() => {
	work = mkdtempSync(join(tmpdir(), 'n8n-nodes-frappe-unit-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs node with the given arguments; npm's cache (and so its logs) in the temp folder, not in the home folder. */
function node(args: string[], cwd: string): SpawnSyncReturns<string> {
	return spawnSync(process.execPath, args, {
		cwd,
		encoding: 'utf8',
		env: { ...process.env, npm_config_cache: join(work, 'npm-cache') },
		timeout: 60_000,
	});
}

describe('package.json scripts', () => {
	it('npm test and npm run demo first install what is missing', () => {
		expect(pkg.scripts.test).toMatch(/^node scripts\/ensure-deps\.mjs && /);
		expect(pkg.scripts.demo).toMatch(
			/^node scripts\/ensure-deps\.mjs && node scripts\/n8n\/demo\.mjs$/,
		);
		expect(pkg.scripts.test).toContain('npm run test:fast');
		expect(pkg.scripts.test).toContain('npm run test:e2e');
	});

	it('the fast tests run the scan right after the lint', () => {
		const steps = pkg.scripts['test:fast'].split(' && ');
		expect(steps.slice(0, 3)).toEqual([
			'npm run build',
			'npm run lint',
			'node scripts/scan.mjs --no-build',
		]);
		expect(pkg.scripts.scan).toBe('node scripts/scan.mjs');
	});

	it('the scanner and the YAML parser are pinned to exact versions', () => {
		expect(pkg.devDependencies['@n8n/scan-community-package']).toMatch(/^\d+\.\d+\.\d+$/);
		expect(pkg.devDependencies.yaml).toMatch(/^\d+\.\d+\.\d+$/);
	});

	it('the lockfile holds one n8n-workflow, the pinned one', () => {
		const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
			packages: Record<string, { version?: string }>;
		};
		const copies = Object.entries(lock.packages).filter(([key]) =>
			key.endsWith('node_modules/n8n-workflow'),
		);
		expect(copies.map(([key, value]) => [key, value.version])).toEqual([
			['node_modules/n8n-workflow', pkg.devDependencies['n8n-workflow']],
		]);
	});
});

describe('scripts/ensure-deps.mjs', () => {
	// A project of its own: one local file: dependency, so that npm ci works offline and fills node_modules.
	let project: string;
	const ensure = () => node(['scripts/ensure-deps.mjs'], project);
	const hiddenLockMtime = () =>
		statSync(join(project, 'node_modules', '.package-lock.json')).mtimeMs;

	beforeAll(() => {
		project = join(work, 'project');
		mkdirSync(join(project, 'scripts'), { recursive: true });
		mkdirSync(join(project, 'dep'));
		copyFileSync(
			join(ROOT, 'scripts', 'ensure-deps.mjs'),
			join(project, 'scripts', 'ensure-deps.mjs'),
		);
		writeFileSync(join(project, 'dep', 'package.json'), '{ "name": "dep", "version": "1.0.0" }\n');
		writeFileSync(
			join(project, 'package.json'),
			JSON.stringify({ name: 'project', version: '1.0.0', dependencies: { dep: 'file:dep' } }),
		);
		const npmCli = process.env.npm_execpath;
		const lock = npmCli?.endsWith('npm-cli.js')
			? node([npmCli, 'install', '--package-lock-only', '--offline', '--ignore-scripts'], project)
			: spawnSync('npm', ['install', '--package-lock-only', '--offline', '--ignore-scripts'], {
					cwd: project,
					encoding: 'utf8',
					env: { ...process.env, npm_config_cache: join(work, 'npm-cache') },
					shell: process.platform === 'win32',
				});
		expect(lock.status).toBe(0);
		expect(existsSync(join(project, 'node_modules'))).toBe(false);
	});

	it('runs npm ci when node_modules is missing, saying so in one line', () => {
		const first = ensure();
		expect(first.status).toBe(0);
		expect(first.stdout.split('\n')[0]).toBe(
			'ensure-deps: node_modules is missing: running npm ci',
		);
		expect(existsSync(join(project, 'node_modules', 'dep', 'package.json'))).toBe(true);
		expect(existsSync(join(project, 'node_modules', '.package-lock.json'))).toBe(true);
	});

	it('does nothing, silently, when node_modules is fresh', () => {
		const before = hiddenLockMtime();
		const again = ensure();
		expect(again.status).toBe(0);
		expect(again.stdout).toBe('');
		expect(hiddenLockMtime()).toBe(before);
	});

	it('runs npm ci again when package-lock.json is newer than node_modules', () => {
		const future = new Date(Date.now() + 60_000);
		utimesSync(join(project, 'package-lock.json'), future, future);
		const stale = ensure();
		expect(stale.status).toBe(0);
		expect(stale.stdout.split('\n')[0]).toBe(
			'ensure-deps: node_modules is older than package-lock.json: running npm ci',
		);
		// The clock has not reached the lockfile's mtime yet: make the install look as new as it is.
		utimesSync(join(project, 'node_modules', '.package-lock.json'), future, future);
		expect(ensure().stdout).toBe('');
	});

	it('runs npm ci when node_modules has no .package-lock.json (an interrupted install)', () => {
		rmSync(join(project, 'node_modules', '.package-lock.json'));
		const partial = ensure();
		expect(partial.status).toBe(0);
		expect(partial.stdout.split('\n')[0]).toMatch(
			/^ensure-deps: node_modules\/\.package-lock\.json is missing .*: running npm ci$/,
		);
		expect(existsSync(join(project, 'node_modules', '.package-lock.json'))).toBe(true);
	});
});

describe('scripts/scan.mjs', () => {
	it("fails a package whose source and tarball break the scanner's rules, naming the rule", () => {
		// A console.log in a node, in its source and in its build output: n8n's scanner rejects both.
		const bad = join(work, 'bad-package');
		mkdirSync(join(bad, 'nodes', 'Bad'), { recursive: true });
		mkdirSync(join(bad, 'dist', 'nodes', 'Bad'), { recursive: true });
		writeFileSync(
			join(bad, 'package.json'),
			JSON.stringify({
				name: 'n8n-nodes-bad',
				version: '1.0.0',
				keywords: ['n8n-community-node-package'],
				license: 'MIT',
				files: ['dist'],
				n8n: { n8nNodesApiVersion: 1, nodes: ['dist/nodes/Bad/Bad.node.js'], credentials: [] },
			}),
		);
		writeFileSync(join(bad, 'nodes', 'Bad', 'Bad.node.ts'), 'console.log("hello");\n');
		writeFileSync(join(bad, 'dist', 'nodes', 'Bad', 'Bad.node.js'), 'console.log("hello");\n');

		const scan = node([join(ROOT, 'scripts', 'scan.mjs'), '--no-build', '--root', bad], ROOT);
		expect(scan.status).toBe(1);
		expect(scan.stdout).toMatch(/^ {2}provenance +skipped/m);
		expect(scan.stdout).toMatch(/^ {2}source +FAILED: ESLint violations found/m);
		expect(scan.stdout).toMatch(/^ {2}package +FAILED: ESLint violations found/m);
		expect(scan.stdout).toContain(join(bad, 'nodes', 'Bad', 'Bad.node.ts'));
		expect(scan.stdout).toMatch(/dist\/nodes\/Bad\/Bad\.node\.js/);
		expect(scan.stdout.match(/no-console/g)?.length).toBeGreaterThanOrEqual(2);
		expect(scan.stdout).toMatch(/^scan FAILED in /m);
	});
});
