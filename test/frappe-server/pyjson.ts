// Python-compatible JSON: json.dumps with the default separators (", " / ": ") and ensure_ascii, and a parser
// that fails with the exact messages of Python's json.decoder ("Expecting value: line 1 column 17 (char 16)").

export class PyJSONDecodeError extends Error {
	constructor(
		public readonly msg: string,
		public readonly doc: string,
		public readonly pos: number,
	) {
		super(formatDecodeError(msg, doc, pos));
		this.name = 'JSONDecodeError';
	}
}

function formatDecodeError(msg: string, doc: string, pos: number): string {
	const before = doc.slice(0, pos);
	const lineno = (before.match(/\n/g) ?? []).length + 1;
	const colno = pos - before.lastIndexOf('\n');
	return `${msg}: line ${lineno} column ${colno} (char ${pos})`;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER_RE = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;

class StopIteration {
	constructor(public readonly value: number) {}
}

function skipWs(s: string, end: number): number {
	while (end < s.length && WS.has(s[end])) end++;
	return end;
}

function scanString(s: string, end: number): [string, number] {
	// end is the index just after the opening quote
	const begin = end - 1;
	let out = '';
	for (;;) {
		if (end >= s.length) throw new PyJSONDecodeError('Unterminated string starting at', s, begin);
		const ch = s[end];
		if (ch === '"') return [out, end + 1];
		if (ch === '\\') {
			const esc = s[end + 1];
			if (esc === undefined)
				throw new PyJSONDecodeError('Unterminated string starting at', s, begin);
			if (esc === 'u') {
				const hex = s.slice(end + 2, end + 6);
				if (!/^[0-9a-fA-F]{4}$/.test(hex))
					throw new PyJSONDecodeError('Invalid \\uXXXX escape', s, end + 1);
				out += String.fromCharCode(parseInt(hex, 16));
				end += 6;
				continue;
			}
			const map: Record<string, string> = {
				'"': '"',
				'\\': '\\',
				'/': '/',
				b: '\b',
				f: '\f',
				n: '\n',
				r: '\r',
				t: '\t',
			};
			if (!(esc in map)) throw new PyJSONDecodeError(`Invalid \\escape: ${pyRepr(esc)}`, s, end);
			out += map[esc];
			end += 2;
			continue;
		}
		if (ch.charCodeAt(0) < 0x20)
			throw new PyJSONDecodeError(`Invalid control character ${pyRepr(ch)} at`, s, end);
		out += ch;
		end++;
	}
}

function scanOnce(s: string, idx: number): [unknown, number] {
	if (idx >= s.length) throw new StopIteration(idx);
	const ch = s[idx];
	if (ch === '"') return scanString(s, idx + 1);
	if (ch === '{') return parseObject(s, idx + 1);
	if (ch === '[') return parseArray(s, idx + 1);
	if (ch === 'n' && s.startsWith('null', idx)) return [null, idx + 4];
	if (ch === 't' && s.startsWith('true', idx)) return [true, idx + 4];
	if (ch === 'f' && s.startsWith('false', idx)) return [false, idx + 5];
	NUMBER_RE.lastIndex = idx;
	const m = NUMBER_RE.exec(s);
	if (m && m.index === idx) return [Number(m[0]), idx + m[0].length];
	if (ch === 'N' && s.startsWith('NaN', idx)) return [NaN, idx + 3];
	if (ch === 'I' && s.startsWith('Infinity', idx)) return [Infinity, idx + 8];
	if (ch === '-' && s.startsWith('-Infinity', idx)) return [-Infinity, idx + 9];
	throw new StopIteration(idx);
}

function scanValue(s: string, idx: number): [unknown, number] {
	try {
		return scanOnce(s, idx);
	} catch (e) {
		if (e instanceof StopIteration) throw new PyJSONDecodeError('Expecting value', s, e.value);
		throw e;
	}
}

function parseObject(s: string, end: number): [Record<string, unknown>, number] {
	const obj: Record<string, unknown> = {};
	let nextchar = s.slice(end, end + 1);
	if (nextchar !== '"') {
		if (WS.has(nextchar)) {
			end = skipWs(s, end);
			nextchar = s.slice(end, end + 1);
		}
		if (nextchar === '}') return [obj, end + 1];
		if (nextchar !== '"')
			throw new PyJSONDecodeError('Expecting property name enclosed in double quotes', s, end);
	}
	end += 1;
	for (;;) {
		let key: string;
		[key, end] = scanString(s, end);
		if (s.slice(end, end + 1) !== ':') {
			end = skipWs(s, end);
			if (s.slice(end, end + 1) !== ':')
				throw new PyJSONDecodeError("Expecting ':' delimiter", s, end);
		}
		end += 1;
		if (end < s.length && WS.has(s[end])) {
			end += 1;
			if (end < s.length && WS.has(s[end])) end = skipWs(s, end + 1);
		}
		let value: unknown;
		[value, end] = scanValue(s, end);
		obj[key] = value;
		let ch = end < s.length ? s[end] : '';
		if (WS.has(ch)) {
			end = skipWs(s, end + 1);
			ch = end < s.length ? s[end] : '';
		}
		end += 1;
		if (ch === '}') break;
		if (ch !== ',') throw new PyJSONDecodeError("Expecting ',' delimiter", s, end - 1);
		end = skipWs(s, end);
		ch = s.slice(end, end + 1);
		end += 1;
		if (ch !== '"')
			throw new PyJSONDecodeError('Expecting property name enclosed in double quotes', s, end - 1);
	}
	return [obj, end];
}

function parseArray(s: string, end: number): [unknown[], number] {
	const values: unknown[] = [];
	let nextchar = s.slice(end, end + 1);
	if (WS.has(nextchar)) {
		end = skipWs(s, end + 1);
		nextchar = s.slice(end, end + 1);
	}
	if (nextchar === ']') return [values, end + 1];
	for (;;) {
		let value: unknown;
		[value, end] = scanValue(s, end);
		values.push(value);
		nextchar = s.slice(end, end + 1);
		if (WS.has(nextchar)) {
			end = skipWs(s, end + 1);
			nextchar = s.slice(end, end + 1);
		}
		end += 1;
		if (nextchar === ']') break;
		if (nextchar !== ',') throw new PyJSONDecodeError("Expecting ',' delimiter", s, end - 1);
		if (end < s.length && WS.has(s[end])) {
			end += 1;
			if (end < s.length && WS.has(s[end])) end = skipWs(s, end + 1);
		}
	}
	return [values, end];
}

/** json.loads */
export function pyLoads(s: string): unknown {
	const [value, endRaw] = scanValue(s, skipWs(s, 0));
	const end = skipWs(s, endRaw);
	if (end !== s.length) throw new PyJSONDecodeError('Extra data', s, end);
	return value;
}

/** repr() of a str: single quotes unless the text has a single quote and no double quote. */
export function pyRepr(s: string): string {
	const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
	let out = '';
	for (const ch of s) {
		const c = ch.codePointAt(0)!;
		if (ch === quote || ch === '\\') out += '\\' + ch;
		else if (ch === '\n') out += '\\n';
		else if (ch === '\r') out += '\\r';
		else if (ch === '\t') out += '\\t';
		else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
		else out += ch;
	}
	return quote + out + quote;
}

function encodeString(s: string, ensureAscii: boolean): string {
	let out = '"';
	for (let i = 0; i < s.length; i++) {
		const ch = s[i];
		const c = s.charCodeAt(i);
		if (ch === '"') out += '\\"';
		else if (ch === '\\') out += '\\\\';
		else if (ch === '\n') out += '\\n';
		else if (ch === '\r') out += '\\r';
		else if (ch === '\t') out += '\\t';
		else if (ch === '\b') out += '\\b';
		else if (ch === '\f') out += '\\f';
		else if (c < 0x20 || (ensureAscii && c > 0x7e)) out += '\\u' + c.toString(16).padStart(4, '0');
		else out += ch;
	}
	return out + '"';
}

function encodeNumber(n: number): string {
	if (Number.isNaN(n)) return 'NaN';
	if (n === Infinity) return 'Infinity';
	if (n === -Infinity) return '-Infinity';
	return JSON.stringify(n);
}

export interface DumpOptions {
	/** separators (",", ":") as in frappe.as_json / the HTTP response; default are Python's (", ", ": ") */
	compact?: boolean;
	ensureAscii?: boolean;
}

/** json.dumps(value) (or with separators=(",", ":") when compact) */
export function pyDumps(value: unknown, opts: DumpOptions = {}): string {
	const ensureAscii = opts.ensureAscii ?? true;
	const itemSep = opts.compact ? ',' : ', ';
	const keySep = opts.compact ? ':' : ': ';
	const enc = (v: unknown): string => {
		if (v === null || v === undefined) return 'null';
		if (typeof v === 'string') return encodeString(v, ensureAscii);
		if (typeof v === 'number') return encodeNumber(v);
		if (typeof v === 'boolean') return v ? 'true' : 'false';
		if (typeof v === 'bigint') return v.toString();
		if (Array.isArray(v)) return '[' + v.map(enc).join(itemSep) + ']';
		if (v instanceof Date) return encodeString(v.toISOString(), ensureAscii);
		if (Buffer.isBuffer(v)) return encodeString(v.toString('utf8'), ensureAscii);
		if (typeof v === 'object') {
			const parts: string[] = [];
			for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
				if (val === undefined) continue;
				parts.push(encodeString(k, ensureAscii) + keySep + enc(val));
			}
			return '{' + parts.join(itemSep) + '}';
		}
		return encodeString(String(v), ensureAscii);
	};
	return enc(value);
}
