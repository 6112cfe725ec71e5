#!/usr/bin/env node
// First step of `npm test` and `npm run demo`: install the dependencies when they are missing or older than
// package-lock.json, so that a fresh clone needs only those two commands. Node's built-ins only: it runs before
// anything is installed.
//
// Fresh means node_modules/.package-lock.json (npm writes it at the end of every install) is at least as new as
// package-lock.json; then nothing is printed and nothing runs. Otherwise one line says why, and `npm ci` runs.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOCKFILE = path.join(ROOT, 'package-lock.json');
const HIDDEN_LOCKFILE = path.join(ROOT, 'node_modules', '.package-lock.json');

/** Why the dependencies need installing, or null when they are fresh. */
export function staleReason(root = ROOT) {
	const lockfile = path.join(root, 'package-lock.json');
	const hidden = path.join(root, 'node_modules', '.package-lock.json');
	if (!existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
	if (!existsSync(hidden))
		return 'node_modules/.package-lock.json is missing (no complete npm install)';
	if (statSync(hidden).mtimeMs < statSync(lockfile).mtimeMs) {
		return 'node_modules is older than package-lock.json';
	}
	return null;
}

function npmCi() {
	// Under `npm run`, npm_execpath is npm's own CLI script: run that one with this Node; otherwise npm on PATH.
	const npmCli = process.env.npm_execpath;
	const [command, args] =
		npmCli && /npm-cli\.js$/.test(npmCli) ? [process.execPath, [npmCli, 'ci']] : ['npm', ['ci']];
	const result = spawnSync(command, args, {
		cwd: ROOT,
		stdio: 'inherit',
		shell: process.platform === 'win32' && command === 'npm',
	});
	if (result.error) throw result.error;
	return result.status ?? 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	if (!existsSync(LOCKFILE)) {
		console.error('ensure-deps: package-lock.json is missing; cannot run npm ci');
		process.exit(1);
	}
	const reason = staleReason();
	if (reason) {
		console.log(`ensure-deps: ${reason}: running npm ci`);
		const status = npmCi();
		if (status !== 0) process.exit(status);
		if (!existsSync(HIDDEN_LOCKFILE)) {
			console.error('ensure-deps: npm ci finished but node_modules/.package-lock.json is missing');
			process.exit(1);
		}
	}
}
