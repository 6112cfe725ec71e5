// Python's json module: json.dumps as Python writes (", " / ": " separators, ensure_ascii, sort_keys, indent), and
// json.loads as Python reads, failing with the exact messages of Python's json.decoder ("Expecting value: line 1
// column 17 (char 16)"). The decoder is a port of CPython's pure-Python scanner (json/decoder.py, json/scanner.py).
import { floatRepr, PyFloat, pyRepr, type PyDict, type PyValue } from './values';

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

// ---- json.dumps -------------------------------------------------------------------------------------------------

export interface DumpsOptions {
	/** separators=(",", ":") as frappe.as_json writes HTTP responses; default Python's (", ", ": ") */
	compact?: boolean;
	/** default true: everything outside printable ASCII as \uXXXX (UTF-16 units) */
	ensureAscii?: boolean;
	sortKeys?: boolean;
	/** indent=n: a newline and n spaces per level, items separated by "," */
	indent?: number;
}

const ESCAPES: Record<string, string> = {
	'"': '\\"',
	'\\': '\\\\',
	'\n': '\\n',
	'\r': '\\r',
	'\t': '\\t',
	'\b': '\\b',
	'\f': '\\f',
};
const ESCAPE_ASCII = /["\\\u0000-\u001f\u007f-\uffff]/g;
const ESCAPE = /["\\\u0000-\u001f]/g;

function encodeString(s: string, ensureAscii: boolean): string {
	const escaped = s.replace(
		ensureAscii ? ESCAPE_ASCII : ESCAPE,
		(ch) => ESCAPES[ch] ?? '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'),
	);
	return '"' + escaped + '"';
}

/**
 * A JS number without a fraction as an int (below 1e21, where JavaScript stops writing integers digit by digit);
 * a PyFloat, or any other number, as repr(float): 2.0, 0.5, 1e-05, 1e+21.
 */
function encodeNumber(n: number, float: boolean): string {
	if (Number.isNaN(n)) return 'NaN';
	if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
	return !float && Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : floatRepr(n);
}

/**
 * json.dumps(value): of Python values (PyValue) and of plain JS values alike (objects are dicts; an undefined
 * member is left out; a Date is written as its ISO text, a Buffer as its UTF-8 text).
 */
export function pyJsonDumps(value: unknown, options: DumpsOptions = {}): string {
	const ensureAscii = options.ensureAscii ?? true;
	const { indent, sortKeys } = options;
	const itemSep = options.compact || indent !== undefined ? ',' : ', ';
	const keySep = options.compact ? ':' : ': ';
	const container = (parts: string[], open: string, close: string, level: number) => {
		if (parts.length === 0) return open + close;
		if (indent === undefined) return open + parts.join(itemSep) + close;
		const pad = '\n' + ' '.repeat(indent * (level + 1));
		return open + pad + parts.join(itemSep + pad) + '\n' + ' '.repeat(indent * level) + close;
	};
	const enc = (v: unknown, level: number): string => {
		if (v === null || v === undefined) return 'null';
		if (v === true) return 'true';
		if (v === false) return 'false';
		if (typeof v === 'number') return encodeNumber(v, false);
		if (v instanceof PyFloat) return encodeNumber(v.value, true);
		if (typeof v === 'string') return encodeString(v, ensureAscii);
		if (typeof v === 'bigint') return v.toString();
		if (Array.isArray(v))
			return container(
				v.map((x) => enc(x, level + 1)),
				'[',
				']',
				level,
			);
		if (v instanceof Date) return encodeString(v.toISOString(), ensureAscii);
		if (Buffer.isBuffer(v)) return encodeString(v.toString('utf8'), ensureAscii);
		if (typeof v === 'object') {
			let entries = v instanceof Map ? [...(v as PyDict).entries()] : Object.entries(v);
			entries = entries.filter(([, x]) => x !== undefined);
			if (sortKeys) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
			return container(
				entries.map(([k, x]) => encodeString(k, ensureAscii) + keySep + enc(x, level + 1)),
				'{',
				'}',
				level,
			);
		}
		return encodeString(String(v), ensureAscii);
	};
	return enc(value, 0);
}

// ---- json.loads -------------------------------------------------------------------------------------------------

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER_RE = /(-?(?:0|[1-9]\d*))(\.\d+)?([eE][-+]?\d+)?/y;
const STRING_ESCAPES: Record<string, string> = {
	'"': '"',
	'\\': '\\',
	'/': '/',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t',
};

class StopIteration {
	constructor(public readonly value: number) {}
}

function skipWs(s: string, end: number): number {
	while (end < s.length && WS.has(s[end])) end++;
	return end;
}

/** CPython's scanner; `typed` decodes objects as dicts (Map) and floats as PyFloat, else as plain JS values. */
class Decoder {
	constructor(
		private readonly s: string,
		private readonly typed: boolean,
	) {}

	decode(): unknown {
		const s = this.s;
		const [value, endRaw] = this.scanValue(skipWs(s, 0));
		const end = skipWs(s, endRaw);
		if (end !== s.length) throw new PyJSONDecodeError('Extra data', s, end);
		return value;
	}

	/** `end` is the index just after the opening quote */
	private scanString(end: number): [string, number] {
		const s = this.s;
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
				if (!(esc in STRING_ESCAPES))
					throw new PyJSONDecodeError(`Invalid \\escape: ${pyRepr(esc)}`, s, end);
				out += STRING_ESCAPES[esc];
				end += 2;
				continue;
			}
			if (ch.charCodeAt(0) < 0x20)
				throw new PyJSONDecodeError(`Invalid control character ${pyRepr(ch)} at`, s, end);
			out += ch;
			end++;
		}
	}

	private scanOnce(idx: number): [unknown, number] {
		const s = this.s;
		if (idx >= s.length) throw new StopIteration(idx);
		const ch = s[idx];
		if (ch === '"') return this.scanString(idx + 1);
		if (ch === '{') return this.parseObject(idx + 1);
		if (ch === '[') return this.parseArray(idx + 1);
		if (ch === 'n' && s.startsWith('null', idx)) return [null, idx + 4];
		if (ch === 't' && s.startsWith('true', idx)) return [true, idx + 4];
		if (ch === 'f' && s.startsWith('false', idx)) return [false, idx + 5];
		NUMBER_RE.lastIndex = idx;
		const m = NUMBER_RE.exec(s);
		if (m && m.index === idx) {
			const n = Number(m[0]);
			const float = m[2] !== undefined || m[3] !== undefined;
			return [this.typed && float ? new PyFloat(n) : n, idx + m[0].length];
		}
		if (ch === 'N' && s.startsWith('NaN', idx)) return [this.constant(NaN), idx + 3];
		if (ch === 'I' && s.startsWith('Infinity', idx)) return [this.constant(Infinity), idx + 8];
		if (ch === '-' && s.startsWith('-Infinity', idx)) return [this.constant(-Infinity), idx + 9];
		throw new StopIteration(idx);
	}

	private constant(n: number): number | PyFloat {
		return this.typed ? new PyFloat(n) : n;
	}

	private scanValue(idx: number): [unknown, number] {
		try {
			return this.scanOnce(idx);
		} catch (e) {
			if (e instanceof StopIteration)
				throw new PyJSONDecodeError('Expecting value', this.s, e.value);
			throw e;
		}
	}

	private parseObject(end: number): [Record<string, unknown> | PyDict, number] {
		const s = this.s;
		const dict: PyDict | undefined = this.typed ? new Map() : undefined;
		const obj: Record<string, unknown> = {};
		const result = () => dict ?? obj;
		let nextchar = s.slice(end, end + 1);
		if (nextchar !== '"') {
			if (WS.has(nextchar)) {
				end = skipWs(s, end);
				nextchar = s.slice(end, end + 1);
			}
			if (nextchar === '}') return [result(), end + 1];
			if (nextchar !== '"')
				throw new PyJSONDecodeError('Expecting property name enclosed in double quotes', s, end);
		}
		end += 1;
		for (;;) {
			let key: string;
			[key, end] = this.scanString(end);
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
			[value, end] = this.scanValue(end);
			if (dict) dict.set(key, value as PyValue);
			else obj[key] = value;
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
				throw new PyJSONDecodeError(
					'Expecting property name enclosed in double quotes',
					s,
					end - 1,
				);
		}
		return [result(), end];
	}

	private parseArray(end: number): [unknown[], number] {
		const s = this.s;
		const values: unknown[] = [];
		let nextchar = s.slice(end, end + 1);
		if (WS.has(nextchar)) {
			end = skipWs(s, end + 1);
			nextchar = s.slice(end, end + 1);
		}
		if (nextchar === ']') return [values, end + 1];
		for (;;) {
			let value: unknown;
			[value, end] = this.scanValue(end);
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
}

/** json.loads(text) as Python values: dicts keep their key order, floats stay floats (1.0, 1e2). */
export function pyJsonLoads(text: string): PyValue {
	return new Decoder(text, true).decode() as PyValue;
}

/** json.loads(text) as plain JS values (objects, numbers), like JSON.parse but with Python's errors, NaN, Infinity. */
export function pyJsonParse(text: string): unknown {
	return new Decoder(text, false).decode();
}
