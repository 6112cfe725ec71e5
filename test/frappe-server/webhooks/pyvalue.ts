// Python values as a webhook sees them: dicts keep insertion order (Map), floats stay floats (2.0 is not 2), and
// text comes out exactly as Python writes it: json.dumps (", " / ": ", ensure_ascii, sort_keys when asked, indent),
// str() and repr() for Jinja output.
import { FLOAT_FIELDTYPES, TABLE_FIELDTYPES } from '../meta';
import { pyLoads, pyRepr as strRepr } from '../pyjson';
import type { Store } from '../store';
import type { Doc } from '../types';

/** A Python float (a JS number that must be written as a float: 2.0, 1e+16). */
export class PyFloat {
	constructor(readonly value: number) {}
}

export type PyDict = Map<string, PyValue>;
export type PyValue = null | boolean | number | PyFloat | string | PyValue[] | PyDict;

export function isDict(value: unknown): value is PyDict {
	return value instanceof Map;
}

/** Python's repr(float): shortest round-trip digits, fixed between 1e-4 and 1e16, else scientific (1e+16, 1.5e-05). */
export function floatRepr(n: number): string {
	if (Number.isNaN(n)) return 'nan';
	if (n === Infinity) return 'inf';
	if (n === -Infinity) return '-inf';
	if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
	const [mantissa, expText] = n.toExponential().split('e');
	const exp = Number(expText);
	const negative = mantissa.startsWith('-');
	const digits = mantissa.replace('-', '').replace('.', '');
	const sign = negative ? '-' : '';
	if (exp >= -4 && exp < 16) {
		let text: string;
		if (exp < 0) text = '0.' + '0'.repeat(-exp - 1) + digits;
		else if (digits.length > exp + 1) text = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
		else text = digits + '0'.repeat(exp + 1 - digits.length) + '.0';
		return sign + text;
	}
	const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
	const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
	return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
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

/** A str as json.dumps writes it with ensure_ascii: everything outside printable ASCII as \uXXXX (UTF-16 units). */
function encodeString(s: string): string {
	return (
		'"' +
		s.replace(
			/["\\\u0000-\u001f\u007f-\uffff]/g,
			(ch) => ESCAPES[ch] ?? '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0'),
		) +
		'"'
	);
}

export interface DumpsOptions {
	sortKeys?: boolean;
	/** json.dumps(indent=n): newline + n spaces per level, item separator "," */
	indent?: number;
}

/** json.dumps(value) with Python's defaults (ensure_ascii, ", " and ": "), sort_keys and indent as asked. */
export function pyJsonDumps(value: PyValue, options: DumpsOptions = {}): string {
	const indent = options.indent;
	const enc = (v: PyValue, level: number): string => {
		if (v === null) return 'null';
		if (v === true) return 'true';
		if (v === false) return 'false';
		if (typeof v === 'number') {
			if (Number.isNaN(v)) return 'NaN';
			if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
			return Number.isInteger(v) ? BigInt(v).toString() : floatRepr(v);
		}
		if (v instanceof PyFloat) {
			if (Number.isNaN(v.value)) return 'NaN';
			if (!Number.isFinite(v.value)) return v.value > 0 ? 'Infinity' : '-Infinity';
			return floatRepr(v.value);
		}
		if (typeof v === 'string') return encodeString(v);
		const open = (parts: string[], l: string, r: string) => {
			if (parts.length === 0) return l + r;
			if (indent === undefined) return l + parts.join(', ') + r;
			const pad = '\n' + ' '.repeat(indent * (level + 1));
			return l + pad + parts.join(',' + pad) + '\n' + ' '.repeat(indent * level) + r;
		};
		if (Array.isArray(v))
			return open(
				v.map((x) => enc(x, level + 1)),
				'[',
				']',
			);
		let entries = [...v.entries()];
		if (options.sortKeys) entries = entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return open(
			entries.map(([k, x]) => encodeString(k) + ': ' + enc(x, level + 1)),
			'{',
			'}',
		);
	};
	return enc(value, 0);
}

/** json.loads keeping floats and key order; a malformed text raises Python's JSONDecodeError message. */
export function pyJsonLoads(text: string): PyValue {
	try {
		JSON.parse(text);
	} catch {
		pyLoads(text); // Python's exact error ("Expecting ',' delimiter: line 1 column 64 (char 63)"), or NaN/Infinity
	}
	let i = 0;
	const STRING = /"(?:[^"\\]|\\.)*"/y;
	const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
	const ws = () => {
		while (
			i < text.length &&
			(text[i] === ' ' || text[i] === '\n' || text[i] === '\t' || text[i] === '\r')
		)
			i++;
	};
	const str = (): string => {
		STRING.lastIndex = i;
		const match = STRING.exec(text)!;
		i += match[0].length;
		return JSON.parse(match[0]) as string;
	};
	const value = (): PyValue => {
		ws();
		const c = text[i];
		if (c === '"') return str();
		if (c === '{') {
			i++;
			const dict: PyDict = new Map();
			ws();
			if (text[i] === '}') {
				i++;
				return dict;
			}
			for (;;) {
				ws();
				const key = str();
				ws();
				i++; // :
				dict.set(key, value());
				ws();
				if (text[i++] === '}') return dict;
			}
		}
		if (c === '[') {
			i++;
			const list: PyValue[] = [];
			ws();
			if (text[i] === ']') {
				i++;
				return list;
			}
			for (;;) {
				list.push(value());
				ws();
				if (text[i++] === ']') return list;
			}
		}
		for (const [word, v] of [
			['null', null],
			['true', true],
			['false', false],
		] as const) {
			if (text.startsWith(word, i)) {
				i += word.length;
				return v;
			}
		}
		for (const [word, v] of [
			['NaN', NaN],
			['Infinity', Infinity],
			['-Infinity', -Infinity],
		] as const) {
			if (text.startsWith(word, i)) {
				i += word.length;
				return new PyFloat(v);
			}
		}
		NUMBER.lastIndex = i;
		const num = NUMBER.exec(text)!;
		i += num[0].length;
		return num[1] !== undefined || num[2] !== undefined
			? new PyFloat(Number(num[0]))
			: Number(num[0]);
	};
	return value();
}

export function pyRepr(v: PyValue | undefined): string {
	if (v === undefined || v === null) return 'None';
	if (v === true) return 'True';
	if (v === false) return 'False';
	if (typeof v === 'number') return Number.isInteger(v) ? String(v) : floatRepr(v);
	if (v instanceof PyFloat) return floatRepr(v.value);
	if (typeof v === 'string') return strRepr(v);
	if (Array.isArray(v)) return '[' + v.map(pyRepr).join(', ') + ']';
	return '{' + [...v.entries()].map(([k, x]) => strRepr(k) + ': ' + pyRepr(x)).join(', ') + '}';
}

/** str(): what Jinja writes for `{{ value }}`. */
export function pyStr(v: PyValue | undefined): string {
	return typeof v === 'string' ? v : pyRepr(v);
}

export function truthy(v: PyValue | undefined): boolean {
	if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
	if (v instanceof PyFloat) return v.value !== 0;
	if (Array.isArray(v)) return v.length > 0;
	if (isDict(v)) return v.size > 0;
	return true;
}

/** A plain JSON-like value as Python sees it (objects become dicts; no float hints). */
export function fromPlain(value: unknown): PyValue {
	if (value === undefined || value === null) return null;
	if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
		return value;
	if (value instanceof PyFloat || value instanceof Map) return value as PyValue;
	if (Array.isArray(value)) return value.map(fromPlain);
	if (typeof value === 'object')
		return new Map(
			Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromPlain(v)]),
		);
	return String(value);
}

/** doc.as_dict(convert_dates_to_str=True): the document with Float/Currency/Percent fields as floats, child rows too. */
export function docToPy(store: Store, doctype: string, doc: Doc): PyDict {
	const meta = store.getMeta(doctype);
	const out: PyDict = new Map();
	for (const [key, raw] of Object.entries(doc)) {
		const field = meta?.field(key);
		const fieldtype = field?.fieldtype as string | undefined;
		if (fieldtype && TABLE_FIELDTYPES.has(fieldtype) && Array.isArray(raw)) {
			out.set(
				key,
				raw.map((row) => docToPy(store, String(field?.options ?? ''), row as Doc)),
			);
		} else if (
			fieldtype &&
			(FLOAT_FIELDTYPES.has(fieldtype) || fieldtype === 'Rating') &&
			typeof raw === 'number'
		) {
			out.set(key, new PyFloat(raw));
		} else {
			out.set(key, fromPlain(raw));
		}
	}
	return out;
}
