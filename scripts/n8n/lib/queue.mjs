// n8n's queue mode on one machine, for test/e2e/queue.mjs: Debian's PostgreSQL and Redis (installed with apt-get when
// missing, which needs root), a throwaway PostgreSQL cluster and a Redis in temp folders on free ports bound to
// 127.0.0.1, the environment every n8n process of the set shares, and the n8n processes themselves (main, webhook,
// workers), each started by its own PID through the Session (so stopped whatever happens).
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { freePort, poll, run } from './session.mjs';
import { N8N_JS, NODE24, tail } from './stack.mjs';

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The bin folder of the newest PostgreSQL Debian installed (/usr/lib/postgresql/<major>/bin), if any. */
export function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const majors = readdirSync(base)
		.filter((v) => /^\d+$/.test(v) && existsSync(path.join(base, v, 'bin/initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length ? path.join(base, majors[0], 'bin') : undefined;
}

const hasRedis = () => spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;

/**
 * Debian's `postgresql` and `redis-server` packages, installed with apt-get when missing (root only: CI runs as
 * root). Resolves { installed: [...packages installed now], ms }.
 */
export async function ensureQueuePackages(say = console.log) {
	const started = Date.now();
	const missing = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!hasRedis()) missing.push('redis-server');
	if (missing.length === 0) return { installed: [], ms: Date.now() - started };
	if (!isRoot()) {
		throw new Error(
			`${missing.join(' and ')} missing: install them (sudo apt-get install -y ${missing.join(' ')}) or run as root`,
		);
	}
	say(`    installing ${missing.join(', ')} with apt-get (Debian packages)...`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () =>
		run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
			env,
			timeoutMs: 15 * 60 * 1000,
		});
	let result = await install();
	if (result.code !== 0) {
		// A fresh image has no package lists yet.
		const update = await run('apt-get', ['update'], { env, timeoutMs: 10 * 60 * 1000 });
		if (update.code !== 0) throw new Error(`apt-get update failed:\n${tail(update.stderr, 15)}`);
		result = await install();
	}
	if (result.code !== 0)
		throw new Error(`apt-get install ${missing.join(' ')} failed:\n${tail(result.stderr, 15)}`);
	if (!postgresBinDir() || !hasRedis())
		throw new Error('apt-get finished but postgres or redis-server is still missing');
	return { installed: missing, ms: Date.now() - started };
}

/** A system user PostgreSQL may run as (it refuses root): Debian's `postgres`, else one made with useradd. */
async function postgresUser() {
	for (const name of ['postgres', 'n8n-e2e-pg']) {
		const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
		if (id.status === 0) {
			const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
			return { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
		}
	}
	const made = await run('useradd', ['--system', '--no-create-home', 'n8n-e2e-pg']);
	if (made.code !== 0) throw new Error(`useradd n8n-e2e-pg failed: ${made.stderr}`);
	return postgresUser();
}

/** argv prefix that runs a command as `user` (setpriv keeps the PID: the service's PID is postgres itself). */
function asUser(user, command, args) {
	if (!user) return [command, args];
	return [
		'setpriv',
		[`--reuid=${user.uid}`, `--regid=${user.gid}`, '--init-groups', command, ...args],
	];
}

/**
 * A PostgreSQL cluster in a temp folder: initdb (trust auth, loopback only), `postgres` on a free port on 127.0.0.1,
 * one database. Durability is off (fsync, synchronous_commit): a throwaway cluster, not a setting for production.
 * Resolves { host, port, user, database, svc, bin, stop() }.
 */
export async function startPostgres(session, { database = 'n8n', user = 'n8n' } = {}) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL is not installed');
	const dir = session.tempDir('n8n-queue-pg');
	const data = path.join(dir, 'data');
	const runAs = isRoot() ? await postgresUser() : undefined;
	mkdirSync(data, { mode: 0o700 });
	if (runAs) {
		chownSync(dir, runAs.uid, runAs.gid);
		chownSync(data, runAs.uid, runAs.gid);
	}
	const [initCmd, initArgs] = asUser(runAs, path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		user,
		'--auth=trust',
		'-E',
		'UTF8',
		'--locale=C',
	]);
	const init = await run(initCmd, initArgs, { cwd: dir });
	if (init.code !== 0) throw new Error(`initdb failed:\n${tail(init.stdout + init.stderr, 20)}`);
	const port = await freePort();
	const [cmd, args] = asUser(runAs, path.join(bin, 'postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		`unix_socket_directories=${dir}`,
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	]);
	const svc = session.service('postgres', cmd, args, {
		cwd: dir,
		logFile: path.join(session.tempDir('n8n-queue-pglog'), 'postgres.log'),
	});
	const pg = {
		host: '127.0.0.1',
		port,
		user,
		database,
		svc,
		bin,
		psql: (sql) =>
			run(path.join(bin, 'psql'), [
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
				'-U',
				user,
				'-d',
				database,
				'-At',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				sql,
			]),
		/** Fast shutdown (SIGINT: disconnect clients, stop), then the Session's stop (SIGKILL if it hangs). */
		stop: async () => {
			if (!svc.running) return;
			try {
				process.kill(svc.pid, 'SIGINT');
			} catch {
				/* gone */
			}
			await session.stop(svc, 20000);
		},
	};
	await poll(
		`PostgreSQL on 127.0.0.1:${port}`,
		async () => {
			if (!svc.running) throw new Error(`postgres exited:\n${tail(svc.log(), 20)}`);
			const ready = await run(path.join(bin, 'pg_isready'), [
				'-h',
				'127.0.0.1',
				'-p',
				String(port),
			]);
			return ready.code === 0;
		},
		{ timeoutMs: 60000, intervalMs: 200 },
	);
	const created = await run(path.join(bin, 'createdb'), [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		user,
		database,
	]);
	if (created.code !== 0) throw new Error(`createdb ${database} failed: ${created.stderr}`);
	return pg;
}

/** One Redis command over a fresh connection (inline protocol); resolves the first reply line. */
export function redisCommand(port, command) {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let reply = '';
		socket.setTimeout(3000, () => socket.destroy(new Error('timeout')));
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (d) => {
			reply += d.toString('utf8');
			if (reply.includes('\r\n')) {
				socket.end();
				resolve(reply.split('\r\n')[0]);
			}
		});
		socket.on('error', reject);
	});
}

/** redis-server on a free port on 127.0.0.1, no persistence, its folder a temp folder. Resolves { port, svc, stop() }. */
export async function startRedis(session) {
	const dir = session.tempDir('n8n-queue-redis');
	const port = await freePort();
	const svc = session.service(
		'redis',
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--protected-mode',
			'yes',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		{ cwd: dir, logFile: path.join(dir, 'redis.log') },
	);
	await poll(
		`Redis on 127.0.0.1:${port}`,
		async () => {
			if (!svc.running) throw new Error(`redis-server exited:\n${tail(svc.log(), 20)}`);
			return (await redisCommand(port, 'PING')) === '+PONG';
		},
		{ timeoutMs: 30000, intervalMs: 200 },
	);
	return { port, svc, stop: () => session.stop(svc, 10000) };
}

/**
 * What every process of the set shares on top of n8nEnv(): queue mode, the database, Redis, one encryption key, and
 * the public webhook URL (the webhook process: Frappe's Webhooks point there).
 */
export function queueEnv(base, { pg, redis, webhookUrl }) {
	return {
		...base,
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: pg.host,
		DB_POSTGRESDB_PORT: String(pg.port),
		DB_POSTGRESDB_DATABASE: pg.database,
		DB_POSTGRESDB_USER: pg.user,
		DB_POSTGRESDB_PASSWORD: '',
		// n8n's default pool is 2 connections per process: a webhook process taking a burst of 200 parallel deliveries
		// then answers many of them 500 ("timeout exceeded when trying to connect") or 503 ("Database is not ready!").
		DB_POSTGRESDB_POOL_SIZE: '10',
		DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		WEBHOOK_URL: webhookUrl,
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		N8N_LOG_LEVEL: 'info',
	};
}

/**
 * One n8n process of the set: `start` (main), `webhook` or `worker`, with its own ports (N8N_PORT, task runner broker,
 * worker health server). Resolves when /healthz/readiness answers 200: { name, role, url, svc, env }.
 */
export async function startN8nProcess(
	session,
	baseEnv,
	workDir,
	{ role, name, concurrency = 10, port },
) {
	port ??= await freePort();
	const env = {
		...baseEnv,
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
	};
	const args = [N8N_JS, role];
	if (role === 'worker') {
		Object.assign(env, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(port),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
		});
		args.push(`--concurrency=${concurrency}`);
	}
	const svc = session.service(name, NODE24, args, {
		env,
		cwd: env.N8N_USER_FOLDER,
		logFile: path.join(workDir, `${name}.log`),
	});
	const url = `http://127.0.0.1:${port}`;
	await poll(
		`n8n ${role} (${name}) on ${url}`,
		async () => {
			if (!svc.running) throw new Error(`n8n ${role} exited:\n${tail(svc.log(), 40)}`);
			const res = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			return res.status === 200;
		},
		{ timeoutMs: 180000, intervalMs: 500 },
	);
	return { name, role, url, svc, env, port };
}

/** Execution ids a worker says it started ("Worker started execution <id> (job <n>)"), from its log. */
export function executionsStartedBy(worker) {
	const ids = new Set();
	for (const match of worker.svc.log().matchAll(/Worker started execution (\d+)/g))
		ids.add(match[1]);
	return ids;
}
