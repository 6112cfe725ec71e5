#!/usr/bin/env node
// `npm run scan`: the checks of n8n's community package scanner (@n8n/scan-community-package, the gate for verified
// community nodes), offline, before publishing. `npx @n8n/scan-community-package <name>` downloads a published
// version from npm; this script calls the scanner's own analyzePackage() (the function that does the linting, with
// the scanner's ESLint config and rule versions) on local folders instead:
//
//   1. provenance: skipped. npm provenance is attached by `npm publish --provenance` (.github/workflows/publish.yml);
//      before a version is published there is nothing to check;
//   2. the source: package.json, nodes/ and credentials/ of this checkout, with the scanner's SOURCE_FILE_PATTERNS
//      (n8n lints the source at the commit the provenance names; here it is the working tree);
//   3. the package: `npm run build`, `npm pack` into a temp folder, unpacked; its .js files and package.json, as
//      the scanner lints the tarball it downloads.
//
// Nothing goes to the network: analyzePackageByName (registry metadata, attestations, the GitHub source archive,
// `npm pack <name>@<version>`) is never called, and npm runs --offline, without its update check.
//
//   node scripts/scan.mjs [--no-build] [--root <dir>]
//     --no-build     pack dist/ as it is (npm test builds just before)
//     --root <dir>   scan another package folder than this checkout (test/unit/scan.test.ts)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const rootArg = process.argv.indexOf('--root');
const ROOT =
	rootArg > 0
		? path.resolve(process.argv[rootArg + 1])
		: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCANNER = '@n8n/scan-community-package';
const started = performance.now();
const build = !process.argv.includes('--no-build');

const seconds = (since) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const say = (label, text) => console.log(`  ${label.padEnd(10)} ${text}`);

// The scanner is an ES module without an exports map: load its scanner.mjs, and resolve its own dependencies
// (tmp, fast-glob) from there so that they are the copies it uses.
const requireHere = createRequire(import.meta.url);
const scannerPkgPath = requireHere.resolve(`${SCANNER}/package.json`);
const scannerVersion = JSON.parse(readFileSync(scannerPkgPath, 'utf8')).version;
const scannerFile = path.join(path.dirname(scannerPkgPath), 'scanner', 'scanner.mjs');
const requireScanner = createRequire(scannerFile);
// scanner.mjs makes a temp dir when it is loaded and would leave it behind: let tmp remove it at exit.
requireScanner('tmp').setGracefulCleanup();
const glob = requireScanner('fast-glob');
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerFile).href);

const TARBALL_PATTERNS = ['**/*.js', 'package.json']; // what analyzePackageByName lints in the tarball
const IGNORE = ['node_modules/**', '**/package-lock.json']; // as analyzePackage ignores

const work = mkdtempSync(path.join(tmpdir(), 'n8n-nodes-frappe-scan-'));

function npm(args, opts = {}) {
	// Under `npm run`, npm_execpath is npm's CLI script: run it with this Node; otherwise npm from PATH.
	const npmCli = process.env.npm_execpath;
	const [command, fullArgs] =
		npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli, ...args]] : ['npm', args];
	const result = spawnSync(command, fullArgs, {
		cwd: ROOT,
		encoding: 'utf8',
		// No registry request (npm's update check included), and nothing in ~/.npm: its cache (npm pack caches the
		// tarball) is in the temp folder, and no debug log is written.
		env: {
			...process.env,
			npm_config_cache: path.join(work, 'npm-cache'),
			npm_config_offline: 'true',
			npm_config_update_notifier: 'false',
			npm_config_logs_max: '0',
		},
		shell: process.platform === 'win32' && command === 'npm',
		...opts,
	});
	if (result.error) throw result.error;
	if (result.status !== 0) {
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
		throw new Error(`npm ${args.join(' ')} failed (exit code ${result.status})\n${output}`);
	}
	return result.stdout;
}

/** analyzePackage on one folder; a leg that found no file to lint fails (the scanner would pass it). */
async function lintLeg(label, dir, patterns, what) {
	const t = performance.now();
	const files = glob.sync(patterns, { cwd: dir, ignore: IGNORE });
	if (files.length === 0) {
		say(label, `FAILED: no files matching ${patterns.join(', ')} in ${dir}`);
		return false;
	}
	const result = await analyzePackage(dir, patterns);
	if (result.passed) {
		say(label, `passed: ${files.length} files (${what}), ${seconds(t)}`);
	} else {
		say(label, `FAILED: ${result.message}`);
		if (result.details) console.log(result.details);
	}
	return result.passed;
}

console.log(
	`n8n community package scan (${SCANNER} ${scannerVersion}, its analyzePackage, offline)`,
);
say(
	'provenance',
	'skipped: npm provenance exists only once a version is published (publish.yml publishes with --provenance)',
);

let passed = false;
let step = 'source';
try {
	passed = await lintLeg(
		'source',
		ROOT,
		SOURCE_FILE_PATTERNS,
		'package.json, nodes/, credentials/',
	);
	if (build) {
		step = 'build';
		const t = performance.now();
		npm(['run', 'build'], { stdio: ['ignore', 'pipe', 'pipe'] });
		say('build', `npm run build, ${seconds(t)}`);
	}
	step = 'pack';
	const [packed] = JSON.parse(npm(['pack', '--json', '--pack-destination', work]));
	const packageDir = path.join(work, 'package');
	mkdirSync(packageDir);
	const tar = spawnSync(
		'tar',
		['-xzf', packed.filename, '-C', packageDir, '--strip-components=1'],
		{
			cwd: work,
			encoding: 'utf8',
		},
	);
	if (tar.status !== 0) throw new Error(`unpacking ${packed.filename} failed: ${tar.stderr}`);
	const kB = (packed.size / 1024).toFixed(0);
	say('pack', `${packed.filename}: ${packed.entryCount} files, ${kB} kB packed`);
	step = 'package';
	const what = "the tarball's .js and package.json";
	passed = (await lintLeg('package', packageDir, TARBALL_PATTERNS, what)) && passed;
} catch (error) {
	say(step, `FAILED: ${error.message}`);
	passed = false;
} finally {
	rmSync(work, { recursive: true, force: true });
}

console.log(`scan ${passed ? 'passed' : 'FAILED'} in ${seconds(started)}`);
process.exit(passed ? 0 : 1);
