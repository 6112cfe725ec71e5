// Compare a live response with a recording: volatile paths (each recording's `volatile` list: keys joined by `.`, `[*]`
// for every item of an array, `|json` for the JSON text inside a string), the recorder's
// truncation (tracebacks / exception strings over 300 chars, HTML over 600 chars, metadata arrays to 3 items, data rows),
// and a name map (recorded volatile value → our value) learned along the way.

export type Path = string[];

/** "response.body._server_messages|json[*]|json.__frappe_exc_id" → ["response","body","_server_messages","|json","[*]","|json","__frappe_exc_id"] */
export function parsePath(p: string): Path {
	const out: Path = [];
	const re = /\|json|\[\*\]|\[\d+\]|[^.[|]+/g;
	let m: RegExpExecArray | null;
	while ((m = re.exec(p))) out.push(m[0].startsWith('[') ? '[*]' : m[0]);
	return out;
}

function matchesPrefix(pattern: Path, path: Path): boolean {
	if (pattern.length > path.length) return false;
	for (let i = 0; i < pattern.length; i++) if (pattern[i] !== path[i]) return false;
	return true;
}

export class NameMap {
	readonly map = new Map<string, string>();
	private readonly reverse = new Map<string, string>();

	bind(recorded: string, ours: string): void {
		if (recorded === ours || this.map.has(recorded) || this.reverse.has(ours)) return;
		this.map.set(recorded, ours);
		this.reverse.set(ours, recorded);
	}

	get(recorded: string): string | undefined {
		return this.map.get(recorded);
	}

	/** replace every recorded value by ours (longest first) */
	apply(s: string): string {
		const keys = [...this.map.keys()].sort((a, b) => b.length - a.length);
		let out = s;
		for (const k of keys) if (out.includes(k)) out = out.split(k).join(this.map.get(k)!);
		return out;
	}

	applyDeep(v: unknown): unknown {
		if (typeof v === 'string') return this.apply(v);
		if (Array.isArray(v)) return v.map((x) => this.applyDeep(x));
		if (v && typeof v === 'object')
			return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.applyDeep(x)]));
		return v;
	}
}

const TRUNC_RE = /…\[truncated (\d+) chars\]$/;
const NAME_TOKEN = /(?<![0-9A-Za-z])([0-9a-v]{10}(?:-\d+)?)(?![0-9A-Za-z])/g;

function escapeRe(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Strings that differ only by Frappe names (10 base32 characters, with a digit) — e.g. "[ToDo, 41nbkg8v4t]: description"
 * naming a document that was never returned — are equal when our string has names at the same places; those names
 * are bound in the map.
 */
export function unifyNames(recorded: string, ours: string, names: NameMap): boolean {
	const tokens: string[] = [];
	let pattern = '^';
	let last = 0;
	for (const m of recorded.matchAll(NAME_TOKEN)) {
		if (!/\d/.test(m[1])) continue;
		pattern += escapeRe(recorded.slice(last, m.index));
		const known = names.get(m[1]);
		pattern += known ? `(${escapeRe(known)})` : '([0-9a-v]{10}(?:-\\d+)?)';
		tokens.push(m[1]);
		last = m.index! + m[0].length;
	}
	if (!tokens.length) return false;
	pattern += escapeRe(recorded.slice(last)) + '$';
	const mm = new RegExp(pattern).exec(ours);
	if (!mm) return false;
	tokens.forEach((t, i) => names.bind(t, mm[i + 1]));
	return true;
}

export interface CompareOptions {
	volatile: Path[];
	names: NameMap;
}

export class Mismatch extends Error {}

function show(v: unknown): string {
	const s = JSON.stringify(v);
	return s === undefined ? 'undefined' : s.length > 400 ? s.slice(0, 400) + '…' : s;
}

/** Python's json.dumps(v) (", " / ": " separators, ensure_ascii) — written independently of the server's encoder */
export function pythonDumps(v: unknown): string {
	if (v === null) return 'null';
	if (typeof v === 'string') {
		let out = '"';
		for (const ch of v) {
			const c = ch.codePointAt(0)!;
			if (ch === '"') out += '\\"';
			else if (ch === '\\') out += '\\\\';
			else if (ch === '\n') out += '\\n';
			else if (ch === '\r') out += '\\r';
			else if (ch === '\t') out += '\\t';
			else if (c < 0x20 || c > 0x7e) {
				if (c > 0xffff) {
					const hi = Math.floor((c - 0x10000) / 0x400) + 0xd800;
					const lo = ((c - 0x10000) % 0x400) + 0xdc00;
					out += `\\u${hi.toString(16)}\\u${lo.toString(16)}`;
				} else out += `\\u${c.toString(16).padStart(4, '0')}`;
			} else out += ch;
		}
		return out + '"';
	}
	if (typeof v === 'number' || typeof v === 'boolean') return String(v);
	if (Array.isArray(v)) return '[' + v.map(pythonDumps).join(', ') + ']';
	if (typeof v === 'object')
		return (
			'{' +
			Object.entries(v as Record<string, unknown>)
				.map(([k, x]) => `${pythonDumps(k)}: ${pythonDumps(x)}`)
				.join(', ') +
			'}'
		);
	return String(v);
}

function tryParse(s: string): unknown {
	const t = s.trim();
	if (!(t.startsWith('[') || t.startsWith('{'))) return undefined;
	try {
		return JSON.parse(t);
	} catch {
		return undefined;
	}
}

/** deep comparison of a recorded value and ours at `path` (errors collected in `errors`) */
export function compareValue(
	recorded: unknown,
	ours: unknown,
	path: Path,
	opts: CompareOptions,
	errors: string[],
): void {
	const isVolatile = opts.volatile.some((p) => matchesPrefix(p, path));
	const where = path.join('.').replace(/\.\[\*\]/g, '[*]');
	if (isVolatile) {
		if (ours === undefined) errors.push(`${where}: missing (recorded ${show(recorded)})`);
		else if (typeof recorded === 'string' && typeof ours === 'string')
			opts.names.bind(recorded, ours);
		else if (Array.isArray(recorded) && Array.isArray(ours))
			recorded.forEach((r, i) => compareValue(r, ours[i], [...path, '[*]'], opts, errors));
		else if (recorded && typeof recorded === 'object' && ours && typeof ours === 'object')
			for (const k of Object.keys(recorded))
				compareValue(
					(recorded as Record<string, unknown>)[k],
					(ours as Record<string, unknown>)[k],
					[...path, k],
					opts,
					errors,
				);
		return;
	}
	if (typeof recorded === 'string') {
		if (typeof ours !== 'string') {
			errors.push(`${where}: expected string ${show(recorded)}, got ${show(ours)}`);
			return;
		}
		if (recorded === ours) return;
		const tr = TRUNC_RE.exec(recorded);
		if (tr) {
			const head = recorded.slice(0, tr.index);
			if (ours.length > head.length && ours.slice(0, head.length) === head) return;
			if (ours.length > head.length && unifyNames(head, ours.slice(0, head.length), opts.names))
				return;
			errors.push(
				`${where}: truncated text differs:\n  recorded ${show(head)}\n  ours     ${show(ours.slice(0, head.length))}`,
			);
			return;
		}
		const rj = tryParse(recorded);
		const oj = tryParse(ours);
		if (rj !== undefined && oj !== undefined) {
			// text the recording holds in Python's json.dumps form (e.g. _server_messages) must be ours in that form too
			if (
				!recorded.includes('…[truncated') &&
				pythonDumps(rj) === recorded &&
				pythonDumps(oj) !== ours
			) {
				errors.push(`${where}: not in Python json.dumps form: ${show(ours)}`);
			}
			compareValue(rj, oj, [...path, '|json'], opts, errors);
			return;
		}
		if (opts.volatile.some((p) => matchesPrefix([...path, '|json'], p))) {
			errors.push(`${where}: expected JSON text ${show(recorded)}, got ${show(ours)}`);
			return;
		}
		if (unifyNames(recorded, ours, opts.names)) return;
		errors.push(`${where}: expected ${show(recorded)}, got ${show(ours)}`);
		return;
	}
	if (Array.isArray(recorded)) {
		if (!Array.isArray(ours)) {
			errors.push(`${where}: expected array, got ${show(ours)}`);
			return;
		}
		if (recorded.length !== ours.length)
			errors.push(`${where}: expected ${recorded.length} items, got ${ours.length}: ${show(ours)}`);
		recorded.forEach((r, i) => compareValue(r, ours[i], [...path, '[*]'], opts, errors));
		return;
	}
	if (recorded && typeof recorded === 'object') {
		if (!ours || typeof ours !== 'object' || Array.isArray(ours)) {
			errors.push(`${where}: expected object, got ${show(ours)}`);
			return;
		}
		const r = recorded as Record<string, unknown>;
		const o = ours as Record<string, unknown>;
		for (const k of Object.keys(r)) {
			if (!(k in o)) errors.push(`${where}.${k}: missing (recorded ${show(r[k])})`);
			else compareValue(r[k], o[k], [...path, k], opts, errors);
		}
		for (const k of Object.keys(o))
			if (!(k in r)) errors.push(`${where}.${k}: unexpected key (ours ${show(o[k])})`);
		return;
	}
	if (recorded !== ours) errors.push(`${where}: expected ${show(recorded)}, got ${show(ours)}`);
}

const META_ARRAYS = new Set(['fields', 'permissions', 'links', 'actions', 'states']);

/** apply the recorder's truncation (response.truncated) to our body */
export function truncateLike(recordedTruncated: string | undefined, ours: unknown): unknown {
	if (!recordedTruncated) return ours;
	if (recordedTruncated.startsWith('arrays/strings shortened')) {
		const cut = (v: unknown): unknown => {
			if (Array.isArray(v)) return v.map(cut);
			if (v && typeof v === 'object')
				return Object.fromEntries(
					Object.entries(v).map(([k, x]) => [
						k,
						META_ARRAYS.has(k) && Array.isArray(x) ? x.slice(0, 3).map(cut) : cut(x),
					]),
				);
			return v;
		};
		return cut(ours);
	}
	const rows = /^data cut to (\d+) of/.exec(recordedTruncated);
	if (
		rows &&
		ours &&
		typeof ours === 'object' &&
		Array.isArray((ours as Record<string, unknown>).data)
	) {
		return {
			...(ours as Record<string, unknown>),
			data: ((ours as Record<string, unknown>).data as unknown[]).slice(0, parseInt(rows[1], 10)),
		};
	}
	const text = /^text body cut to (\d+) of/.exec(recordedTruncated);
	if (text && typeof ours === 'string')
		return ours.slice(0, parseInt(text[1], 10)) + '…[truncated]';
	return ours;
}

/** "sid=x; Expires=...; Max-Age=612000; HttpOnly; Path=/; SameSite=Lax" → comparable form (dates dropped) */
export function normaliseCookie(c: string): { name: string; value: string; attrs: string[] } {
	const parts = c.split(';').map((p) => p.trim());
	const [nv, ...attrs] = parts;
	const i = nv.indexOf('=');
	return {
		name: nv.slice(0, i),
		value: nv.slice(i + 1),
		attrs: attrs.map((a) => (a.toLowerCase().startsWith('expires=') ? 'Expires=*' : a)),
	};
}
