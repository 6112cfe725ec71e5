// The GitHub Actions workflows, parsed: CI runs .ci/run on pushes and pull requests on Node 20 and 24; Publish runs
// on a version tag, installs, builds, tests and publishes with provenance through npm's trusted publishing.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');

interface Step {
	name?: string;
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, unknown>;
}

interface Job {
	'runs-on': string;
	permissions?: Record<string, string>;
	strategy?: { matrix: Record<string, unknown[]> };
	steps: Step[];
}

interface Workflow {
	name: string;
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, Job>;
}

function workflow(file: string): Workflow {
	return parse(readFileSync(join(ROOT, '.github', 'workflows', file), 'utf8')) as Workflow;
}

function onlyJob(wf: Workflow): Job {
	const jobs = Object.values(wf.jobs);
	expect(jobs).toHaveLength(1);
	return jobs[0];
}

/** Index of the first step for which `match` holds; fails when there is none. */
function stepIndex(job: Job, what: string, match: (step: Step) => boolean): number {
	const index = job.steps.findIndex(match);
	if (index < 0) throw new Error(`no step ${what} in ${JSON.stringify(job.steps, null, 2)}`);
	return index;
}

const uses = (action: string) => (step: Step) => step.uses?.split('@')[0] === action;
const runs = (command: string) => (step: Step) =>
	(step.run ?? '').split('\n').some((line) => line.trim() === command);

describe('.github/workflows/ci.yml', () => {
	const wf = workflow('ci.yml');
	const job = onlyJob(wf);

	it('runs on every push and pull request', () => {
		expect(Object.keys(wf.on).sort()).toEqual(['pull_request', 'push']);
		// No branch or path filter: a filter would let some pushes go untested.
		expect(wf.on.push ?? {}).toEqual({});
		expect(wf.on.pull_request ?? {}).toEqual({});
	});

	it('tests on Node 20 and 24, each to the end', () => {
		expect(job.strategy?.matrix.node).toEqual([20, 24]);
		expect(job.strategy).toMatchObject({ 'fail-fast': false });
		const setup = job.steps[stepIndex(job, 'actions/setup-node', uses('actions/setup-node'))];
		expect(setup.with?.['node-version']).toBe('${{ matrix.node }}');
	});

	it('checks out, sets up Node, then runs bash .ci/run', () => {
		const checkout = stepIndex(job, 'actions/checkout', uses('actions/checkout'));
		const setup = stepIndex(job, 'actions/setup-node', uses('actions/setup-node'));
		const run = stepIndex(job, 'bash .ci/run', runs('bash .ci/run'));
		expect(checkout).toBeLessThan(setup);
		expect(setup).toBeLessThan(run);
		expect(run).toBe(job.steps.length - 1);
	});

	it('only reads the repository', () => {
		expect(wf.permissions).toEqual({ contents: 'read' });
		expect(job.permissions).toBeUndefined();
	});

	it('.ci/run installs with npm ci and then runs npm test', () => {
		const lines = readFileSync(join(ROOT, '.ci', 'run'), 'utf8')
			.split('\n')
			.map((line) => line.trim())
			.filter((line) => line && !line.startsWith('#'));
		expect(lines.indexOf('npm ci')).toBeGreaterThan(-1);
		expect(lines.indexOf('npm test')).toBeGreaterThan(lines.indexOf('npm ci'));
	});
});

describe('.github/workflows/publish.yml', () => {
	const wf = workflow('publish.yml');
	const job = onlyJob(wf);

	it('runs only on a pushed version tag v*', () => {
		expect(Object.keys(wf.on)).toEqual(['push']);
		expect(wf.on.push).toEqual({ tags: ['v*'] });
	});

	it('may mint an OIDC token (trusted publishing, provenance) and only read the repository', () => {
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(wf.permissions).toEqual({ contents: 'read' });
	});

	it('sets up Node 24 with the npm registry and npm 11.5.1 or later', () => {
		const setup = job.steps[stepIndex(job, 'actions/setup-node', uses('actions/setup-node'))];
		expect(setup.with).toMatchObject({
			'node-version': 24,
			'registry-url': 'https://registry.npmjs.org',
		});
		const upgrade =
			job.steps[
				stepIndex(job, 'npm install -g npm@…', (s) => /npm install -g npm@/.test(s.run ?? ''))
			];
		const [major, minor, patch] = /npm@(\d+)\.(\d+)\.(\d+)/
			.exec(upgrade.run ?? '')!
			.slice(1)
			.map(Number);
		expect(major * 1e6 + minor * 1e3 + patch).toBeGreaterThanOrEqual(11_005_001);
	});

	it('checks out, installs, builds, tests, then publishes with provenance, in that order', () => {
		const order = [
			stepIndex(job, 'actions/checkout', uses('actions/checkout')),
			stepIndex(job, 'actions/setup-node', uses('actions/setup-node')),
			stepIndex(job, 'npm ci', runs('npm ci')),
			stepIndex(job, 'npm run build', runs('npm run build')),
			stepIndex(job, 'npm test', runs('npm test')),
			stepIndex(job, 'npm publish', runs('npm publish --provenance --access public')),
		];
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		expect(order[order.length - 1]).toBe(job.steps.length - 1);
	});

	it('publishes through trusted publishing: no npm token from secrets', () => {
		const text = readFileSync(join(ROOT, '.github', 'workflows', 'publish.yml'), 'utf8');
		expect(text).not.toMatch(/secrets\./);
		for (const step of job.steps) expect(step.env?.NODE_AUTH_TOKEN).toBeUndefined();
	});

	it("refuses a tag that does not name package.json's version", () => {
		const check =
			job.steps[stepIndex(job, 'the tag check', (s) => /GITHUB_REF_NAME/.test(s.run ?? ''))];
		const run = (tag: string) =>
			spawnSync('bash', ['-e', '-c', check.run!], {
				cwd: ROOT,
				env: { ...process.env, GITHUB_REF_NAME: tag },
				encoding: 'utf8',
			});
		const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
			version: string;
		};
		expect(run(`v${version}`).status).toBe(0);
		const wrong = run('v0.0.0-not-this');
		expect(wrong.status).toBe(1);
		expect(wrong.stdout).toContain('does not match package.json version');
	});
});
