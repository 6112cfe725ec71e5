// Processes and temp folders of one run (demo, e2e, screenshots): everything started here is stopped by PID, every
// temp folder removed, on normal exit, on an error, and on Ctrl+C / SIGTERM.
//
// Long-running services (the Frappe stand-in, `n8n start`) are spawned detached, i.e. as leaders of their own process
// group: Ctrl+C in the terminal does not reach them, and stop() sends SIGTERM to the PID (n8n then ends its task
// runner itself), waits, and only if that PID has not exited after the grace period sends SIGKILL to its group.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Short-lived commands started by run() that have not ended yet (each in its own process group, like the services):
 * a closing Session stops them too, by PID, before it removes the folders they work in.
 */
const activeRuns = new Set();
/** Set once a Session closes (e.g. on Ctrl+C): from then on nothing new is started. */
let shuttingDown = false;

async function stopRuns(graceMs = 10000) {
	const children = [...activeRuns];
	for (const child of children) {
		try {
			process.kill(child.pid, 'SIGTERM');
		} catch {
			/* gone */
		}
	}
	const deadline = Date.now() + graceMs;
	while (children.some((c) => activeRuns.has(c)) && Date.now() < deadline)
		await new Promise((r) => setTimeout(r, 100));
	for (const child of children) if (activeRuns.has(child)) killGroup(child.pid);
}

function killGroup(pid) {
	try {
		process.kill(-pid, 'SIGKILL');
	} catch {
		/* gone */
	}
}

export class Session {
	constructor({ name = 'n8n-frappe', keepOnFailure = false } = {}) {
		this.name = name;
		this.keepOnFailure = keepOnFailure;
		this.services = new Set();
		this.dirs = [];
		this.failed = false;
		this.closed = false;
		this.closing = undefined;
		this.hooks = [];
		this.onExit = () => this.closeSync();
		this.onSignal = (signal) => {
			process.stderr.write(`\n${this.name}: ${signal}, stopping what was started...\n`);
			this.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
		};
		process.on('exit', this.onExit);
		process.on('SIGINT', this.onSignal);
		process.on('SIGTERM', this.onSignal);
		process.on('SIGHUP', this.onSignal);
	}

	/** Something to undo first when closing (e.g. close a browser), before services are stopped. */
	atClose(fn) {
		this.hooks.push(fn);
	}

	/** A new temp folder, removed by close() (kept when keepOnFailure and the run failed). */
	tempDir(prefix) {
		if (shuttingDown) throw new Error('not making a temp folder: stopping');
		const dir = mkdtempSync(path.join(process.env.TMPDIR || tmpdir(), `${prefix}-`));
		this.dirs.push(dir);
		return dir;
	}

	/**
	 * Starts a long-running process in its own process group, output to logFile. Returns
	 * { name, pid, child, logFile, exited: Promise<{code, signal}>, log(): string }.
	 */
	service(name, command, args, { env = process.env, cwd, logFile }) {
		if (shuttingDown) throw new Error(`not starting ${name}: stopping`);
		const fd = openSync(logFile, 'a');
		const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', fd, fd] });
		closeSync(fd);
		const svc = {
			name,
			pid: child.pid,
			child,
			logFile,
			running: true,
			log: () => {
				try {
					return readFileSync(logFile, 'utf8');
				} catch {
					return '';
				}
			},
		};
		svc.exited = new Promise((resolve) => {
			child.on('exit', (code, signal) => {
				svc.running = false;
				this.services.delete(svc);
				resolve({ code, signal });
			});
			child.on('error', (error) => {
				svc.running = false;
				this.services.delete(svc);
				resolve({ code: -1, signal: null, error });
			});
		});
		this.services.add(svc);
		return svc;
	}

	/** SIGTERM to the service's PID; after graceMs, SIGKILL to its process group. */
	async stop(svc, graceMs = 15000) {
		if (!svc?.running) return;
		try {
			process.kill(svc.pid, 'SIGTERM');
		} catch {
			/* already gone */
		}
		const timer = new Promise((resolve) => setTimeout(() => resolve('timeout'), graceMs));
		if ((await Promise.race([svc.exited, timer])) === 'timeout') {
			try {
				process.kill(-svc.pid, 'SIGKILL');
			} catch {
				/* gone */
			}
			await svc.exited;
		}
	}

	/** Stops everything started, then removes the temp folders. Every caller waits for the same closing. */
	close() {
		this.closing ??= (async () => {
			shuttingDown = true;
			for (const hook of this.hooks.splice(0).reverse()) {
				await Promise.race([
					Promise.resolve()
						.then(hook)
						.catch(() => undefined),
					new Promise((r) => setTimeout(r, 10000)),
				]);
			}
			await Promise.all([stopRuns(), ...[...this.services].map((svc) => this.stop(svc))]);
			this.removeDirs();
			this.detach();
			this.closed = true;
		})();
		return this.closing;
	}

	/** Last resort from process.on('exit'): cannot wait, so TERM each service, KILL each command's group, remove folders. */
	closeSync() {
		if (this.closed) return;
		this.closed = true;
		shuttingDown = true;
		for (const child of activeRuns) killGroup(child.pid);
		for (const svc of this.services) {
			try {
				process.kill(svc.pid, 'SIGTERM');
			} catch {
				/* gone */
			}
		}
		this.removeDirs();
	}

	removeDirs() {
		if (this.failed && this.keepOnFailure) {
			if (this.dirs.length)
				process.stderr.write(`${this.name}: kept for inspection: ${this.dirs.join(' ')}\n`);
			return;
		}
		for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
		this.dirs = [];
	}

	detach() {
		process.off('exit', this.onExit);
		process.off('SIGINT', this.onSignal);
		process.off('SIGTERM', this.onSignal);
		process.off('SIGHUP', this.onSignal);
	}
}

/** Runs a command to completion, output captured. Resolves { code, stdout, stderr, ms }; never rejects on exit code. */
export function run(
	command,
	args,
	{ env = process.env, cwd, timeoutMs = 10 * 60 * 1000, input } = {},
) {
	return new Promise((resolve) => {
		const started = Date.now();
		if (shuttingDown) {
			resolve({
				code: -1,
				stdout: '',
				stderr: `not started (stopping): ${command} ${args.join(' ')}`,
				ms: 0,
			});
			return;
		}
		const child = spawn(command, args, {
			cwd,
			env,
			detached: true,
			stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
		});
		activeRuns.add(child);
		const out = [];
		const err = [];
		child.stdout.on('data', (d) => out.push(d));
		child.stderr.on('data', (d) => err.push(d));
		if (input !== undefined) child.stdin.end(input);
		const timer = setTimeout(() => {
			err.push(
				Buffer.from(`\n[timed out after ${timeoutMs} ms; SIGTERM sent to pid ${child.pid}]\n`),
			);
			child.kill('SIGTERM');
		}, timeoutMs);
		child.on('error', (error) => err.push(Buffer.from(String(error))));
		child.on('close', (code) => {
			activeRuns.delete(child);
			clearTimeout(timer);
			resolve({
				code: code ?? -1,
				stdout: Buffer.concat(out).toString('utf8'),
				stderr: Buffer.concat(err).toString('utf8'),
				ms: Date.now() - started,
			});
		});
	});
}

/** A free TCP port on 127.0.0.1 (closed again before returning; fine for a local run). */
export async function freePort() {
	const net = await import('node:net');
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

export async function portInUse(port) {
	const net = await import('node:net');
	return await new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** Polls fn() every intervalMs until it returns a truthy value (returned) or timeoutMs passes (throws). */
export async function poll(what, fn, { timeoutMs = 30000, intervalMs = 250 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last;
	for (;;) {
		try {
			const value = await fn();
			if (value) return value;
			last = undefined;
		} catch (error) {
			last = error;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? `: ${last.message}` : ''}`,
			);
		}
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
