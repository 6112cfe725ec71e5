// Replays the Frappe 15.44.2 recordings of one area against the test server, in order, with placeholders and
// volatile names mapped, and asserts status, headers that matter and body. Each recording (test/fixtures/frappe-15.44.2/
// <area>/*.json) holds the request sent, the response Frappe gave, its `volatile` paths and the recorder's truncation.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import { startFrappeServer, type FrappeServer, type FrappeServerOptions } from '../frappe-server';
import {
	compareValue,
	NameMap,
	normaliseCookie,
	parsePath,
	truncateLike,
	type Path,
} from './compare';
import { FIXTURES } from './fixtures';

export interface Recording {
	id: string;
	area: string;
	title: string;
	request: {
		method: string;
		path: string;
		headers: Record<string, string>;
		body: { kind: 'json' | 'form' | 'multipart' | 'raw' | 'none'; value?: unknown };
	};
	response: {
		status: number;
		headers: Record<string, string | string[]>;
		body: unknown;
		truncated?: string;
		body_length?: number;
	};
	volatile: string[];
	notes?: string;
}

export function loadArea(area: string): Recording[] {
	const dir = join(FIXTURES, area);
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Recording);
}

export interface Response {
	status: number;
	headers: Record<string, string | string[]>;
	text: string;
	json?: unknown;
}

/** the mutable state of one area's replay */
export class Replay {
	readonly names = new NameMap();
	sid = '';
	csrfToken = '';
	recording!: Recording;

	constructor(readonly server: FrappeServer) {}

	get admin() {
		return this.server.users.administrator;
	}

	placeholders(s: string): string {
		const a = this.server.users.administrator;
		const l = this.server.users.limited;
		return s
			.split('<base64(api_key:api_secret)>')
			.join(Buffer.from(`${a.apiKey}:${a.apiSecret}`).toString('base64'))
			.split('<api_key>')
			.join(a.apiKey)
			.split('<api_secret>')
			.join(a.apiSecret)
			.split('<limited_api_key>')
			.join(l.apiKey)
			.split('<limited_api_secret>')
			.join(l.apiSecret)
			.split('<password>')
			.join(a.password)
			.split('<sid>')
			.join(this.sid)
			.split('<csrf_token>')
			.join(this.csrfToken);
	}

	/** send a request directly (token auth as Administrator by default) */
	async send(
		method: string,
		path: string,
		opts: { headers?: Record<string, string>; body?: string | Buffer; json?: unknown } = {},
	): Promise<Response> {
		const headers: Record<string, string> = {
			Accept: 'application/json',
			Authorization: `token ${this.admin.apiKey}:${this.admin.apiSecret}`,
			...(opts.headers ?? {}),
		};
		let body = opts.body;
		if (opts.json !== undefined) {
			body = JSON.stringify(opts.json);
			headers['Content-Type'] = 'application/json';
		}
		for (const k of Object.keys(headers)) if (!headers[k]) delete headers[k];
		const res = await request(this.server.url + path, { method: method as 'GET', headers, body });
		const text = await res.body.text();
		const out: Response = {
			status: res.statusCode,
			headers: res.headers as Record<string, string | string[]>,
			text,
		};
		try {
			out.json = JSON.parse(text);
		} catch {
			// not JSON
		}
		return out;
	}

	/** create a document over HTTP as Administrator */
	async create(doctype: string, doc: Record<string, unknown>): Promise<Record<string, unknown>> {
		const r = await this.send('POST', `/api/resource/${encodeURIComponent(doctype)}`, {
			json: doc,
		});
		if (r.status !== 200)
			throw new Error(`setup: creating ${doctype} failed: ${r.status} ${r.text.slice(0, 500)}`);
		return (r.json as { data: Record<string, unknown> }).data;
	}

	/** bind the recorded document's volatile values (name, timestamps, child rows) to ours */
	bindDoc(recorded: Record<string, unknown>, ours: Record<string, unknown>): void {
		for (const k of ['name', 'creation', 'modified', 'parent']) {
			if (typeof recorded[k] === 'string' && typeof ours[k] === 'string')
				this.names.bind(recorded[k] as string, ours[k] as string);
		}
		for (const [k, v] of Object.entries(recorded)) {
			if (Array.isArray(v) && Array.isArray(ours[k]))
				v.forEach(
					(row, i) =>
						row &&
						typeof row === 'object' &&
						this.bindDoc(
							row as Record<string, unknown>,
							(ours[k] as Record<string, unknown>[])[i] ?? {},
						),
				);
		}
	}

	async login(): Promise<void> {
		const r = await this.send('POST', '/api/method/login', {
			headers: { Authorization: '' },
			json: { usr: this.admin.email, pwd: this.admin.password },
		});
		this.captureSid(r.headers);
	}

	captureSid(headers: Record<string, string | string[]>): void {
		const cookies = ([] as string[]).concat(headers['set-cookie'] ?? []);
		for (const c of cookies) {
			const m = /^sid=([^;]*)/.exec(c);
			if (m && m[1] && m[1] !== 'Guest') this.sid = m[1];
		}
	}

	/** placeholders and mapped names in every string of a request body */
	private subst(v: unknown): unknown {
		if (typeof v === 'string') return this.placeholders(this.names.apply(v));
		if (Array.isArray(v)) return v.map((x) => this.subst(x));
		if (v && typeof v === 'object')
			return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.subst(x)]));
		return v;
	}

	buildBody(rec: Recording): { body?: string | Buffer; contentType?: string } {
		const b = rec.request.body;
		switch (b.kind) {
			case 'json':
				return { body: JSON.stringify(this.subst(expandAbbreviated(b.value))) };
			case 'form': {
				const v = this.subst(b.value) as Record<string, string>;
				return { body: new URLSearchParams(v).toString() };
			}
			case 'raw':
				return { body: this.subst(String(b.value)) as string };
			case 'multipart': {
				const boundary = '----frappe-replay-boundary-7d1f2a';
				const parts: Buffer[] = [];
				for (const p of b.value as Record<string, unknown>[]) {
					const name = String(p.name);
					if ('filename' in p) {
						parts.push(
							Buffer.from(
								`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${String(p.filename)}"\r\nContent-Type: ${String(p.content_type ?? 'application/octet-stream')}\r\n\r\n`,
							),
						);
						parts.push(Buffer.from(String(p.content_text ?? ''), 'utf8'));
						parts.push(Buffer.from('\r\n'));
					} else {
						parts.push(
							Buffer.from(
								`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${this.subst(String(p.value)) as string}\r\n`,
							),
						);
					}
				}
				parts.push(Buffer.from(`--${boundary}--\r\n`));
				return {
					body: Buffer.concat(parts),
					contentType: `multipart/form-data; boundary=${boundary}`,
				};
			}
			default:
				return {};
		}
	}

	async replay(rec: Recording): Promise<Response> {
		this.recording = rec;
		const headers: Record<string, string> = {};
		const { body, contentType } = this.buildBody(rec);
		for (const [k, v] of Object.entries(rec.request.headers)) headers[k] = this.placeholders(v);
		if (contentType) headers['Content-Type'] = contentType;
		const path = this.names.apply(rec.request.path);
		const res = await request(this.server.url + path, {
			method: rec.request.method as 'GET',
			headers,
			body,
		});
		const text = await res.body.text();
		const out: Response = {
			status: res.statusCode,
			headers: res.headers as Record<string, string | string[]>,
			text,
		};
		try {
			out.json = JSON.parse(text);
		} catch {
			// text body
		}
		this.captureSid(out.headers);
		const csrf = /frappe\.csrf_token = "([^"]+)"/.exec(text);
		if (csrf) this.csrfToken = csrf[1];
		return out;
	}

	/** all differences between the recording and our response */
	differences(rec: Recording, res: Response): string[] {
		const errors: string[] = [];
		if (res.status !== rec.response.status)
			errors.push(`status: expected ${rec.response.status}, got ${res.status}`);
		const volatile: Path[] = rec.volatile
			.filter((p) => p.startsWith('response.'))
			.map((p) => parsePath(p).slice(1));
		const isVolatile = (h: string) => rec.volatile.includes(`response.headers.${h}`);
		const MATTER = [
			'content-type',
			'set-cookie',
			'location',
			'retry-after',
			'x-ratelimit-limit',
			'x-ratelimit-remaining',
			'x-ratelimit-reset',
			'x-ratelimit-used',
			'content-disposition',
			'www-authenticate',
		];
		for (const h of MATTER) {
			const r = rec.response.headers[h];
			const o = res.headers[h];
			if (r === undefined && o === undefined) continue;
			if (r === undefined) {
				errors.push(`header ${h}: not in the recording, ours ${JSON.stringify(o)}`);
				continue;
			}
			if (o === undefined) {
				errors.push(`header ${h}: missing (recorded ${JSON.stringify(r)})`);
				continue;
			}
			if (h === 'set-cookie') {
				const rc = ([] as string[]).concat(r).map(normaliseCookie);
				const oc = ([] as string[]).concat(o).map(normaliseCookie);
				const fmt = (c: { name: string; value: string; attrs: string[] }) =>
					`${c.name}=${c.value}; ${c.attrs.join('; ')}`;
				const rs = rc.map((c) =>
					fmt(c.name === 'sid' && c.value === '<sid>' ? { ...c, value: '<sid>' } : c),
				);
				const os = oc.map((c) =>
					fmt(
						c.name === 'sid' && c.value !== 'Guest' && c.value !== ''
							? { ...c, value: '<sid>' }
							: c,
					),
				);
				if (JSON.stringify(rs) !== JSON.stringify(os))
					errors.push(
						`set-cookie:\n  recorded ${JSON.stringify(rs)}\n  ours     ${JSON.stringify(os)}`,
					);
				continue;
			}
			if (isVolatile(h)) continue;
			if (String(r) !== String(o))
				errors.push(`header ${h}: expected ${JSON.stringify(r)}, got ${JSON.stringify(o)}`);
		}
		const recBody = rec.response.body;
		let ours: unknown = typeof recBody === 'string' ? res.text : res.json;
		if (typeof recBody !== 'string' && res.json === undefined) {
			errors.push(`body: expected JSON, got ${JSON.stringify(res.text.slice(0, 300))}`);
			return errors;
		}
		ours = truncateLike(rec.response.truncated, ours);
		compareValue(recBody, ours, ['body'], { volatile, names: this.names }, errors);
		return errors;
	}
}

/** rpc/15's request body is abbreviated: ["doc", "doc", "… 199 more docs of the same shape (201 in total) …"] */
export function expandAbbreviated(v: unknown): unknown {
	if (Array.isArray(v)) {
		const last = v[v.length - 1];
		const m =
			typeof last === 'string'
				? /… (\d+) more docs of the same shape \((\d+) in total\) …/.exec(last)
				: null;
		if (m) {
			const docs = v.slice(0, -1) as Record<string, unknown>[];
			const total = parseInt(m[2], 10);
			const template = docs[docs.length - 1];
			const out = [...docs];
			for (let i = docs.length; i < total; i++) {
				const d: Record<string, unknown> = {};
				for (const [k, x] of Object.entries(template))
					d[k] = typeof x === 'string' ? x.replace(/\d+$/, String(i)) : x;
				out.push(d);
			}
			return out;
		}
		return v.map(expandAbbreviated);
	}
	if (v && typeof v === 'object')
		return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, expandAbbreviated(x)]));
	return v;
}

export type Prelude = (r: Replay) => Promise<void>;

/** one jest test per recording of `area`, run in order against one server */
export function replayArea(
	area: string,
	opts: { server?: FrappeServerOptions; preludes?: Record<string, Prelude> } = {},
): void {
	const recordings = loadArea(area);
	let server: FrappeServer;
	let replay: Replay;
	beforeAll(async () => {
		server = await startFrappeServer({ seed: 'contract', ...opts.server });
		replay = new Replay(server);
	});
	afterAll(async () => {
		await server?.close();
	});
	test.each(recordings.map((r) => [r.id, r] as const))('%s', async (_id, rec) => {
		const prelude = opts.preludes?.[rec.id];
		if (prelude) await prelude(replay);
		const res = await replay.replay(rec);
		const errors = replay.differences(rec, res);
		if (errors.length)
			throw new Error(`${rec.id} (${rec.title}) differs:\n- ${errors.join('\n- ')}`);
	});
}
