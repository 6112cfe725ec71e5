// Python values in JavaScript, and how Python writes and tests them.
//
// The server's own data are plain JavaScript values (objects, numbers, strings), which the functions here accept as
// they are. Where the difference shows (a webhook's body, a Jinja template's output), a value is a PyValue instead:
// dicts keep insertion order (Map, where a JavaScript object would move integer-like keys first), and a float stays a
// float (PyFloat: 2.0 is not 2).

/** A Python float (a JS number that must be written as a float: 2.0, 1e+16). */
export class PyFloat {
	constructor(readonly value: number) {}
}

export type PyDict = Map<string, PyValue>;
export type PyValue = null | boolean | number | PyFloat | string | PyValue[] | PyDict;

export function isDict(value: unknown): value is PyDict {
	return value instanceof Map;
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

/** bool(value): None, False, 0, 0.0, '' and empty lists / dicts are false (plain objects count as dicts). */
export function truthy(value: unknown): boolean {
	if (value === undefined || value === null || value === false || value === 0 || value === '')
		return false;
	if (value instanceof PyFloat) return value.value !== 0;
	if (Array.isArray(value)) return value.length > 0;
	if (value instanceof Map) return value.size > 0;
	if (typeof value === 'object') return Object.keys(value).length > 0;
	return true;
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

/** repr() of a str: single quotes unless the text has a single quote and no double quote. */
function strRepr(s: string): string {
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

/** repr(value): None, True, 2, 2.0, 'text', [1, 'a'], {'k': 'v'}. */
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

/** str(value): the text itself for a str, else its repr (what Jinja writes for `{{ value }}`). */
export function pyStr(v: PyValue | undefined): string {
	return typeof v === 'string' ? v : pyRepr(v);
}

/**
 * The str methods expressions call (`doc.status.lower()`, `s.startswith(("a", "b"))`), one for conditions and
 * templates alike. `str` writes an argument as the caller's world does (for `format`).
 */
const STR_METHODS: Record<
	string,
	(s: string, args: unknown[], str: (value: unknown) => string) => PyValue
> = {
	lower: (s) => s.toLowerCase(),
	upper: (s) => s.toUpperCase(),
	strip: (s) => s.trim(),
	lstrip: (s) => s.trimStart(),
	rstrip: (s) => s.trimEnd(),
	title: (s) => s.replace(/\w\S*/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()),
	capitalize: (s) => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s),
	startswith: (s, [prefix]) =>
		Array.isArray(prefix)
			? prefix.some((p) => s.startsWith(String(p)))
			: s.startsWith(String(prefix)),
	endswith: (s, [suffix]) =>
		Array.isArray(suffix) ? suffix.some((p) => s.endsWith(String(p))) : s.endsWith(String(suffix)),
	replace: (s, [a, b]) => s.split(String(a)).join(String(b)),
	split: (s, [sep]) =>
		sep === undefined || sep === null
			? s.trim().split(/\s+/).filter(Boolean)
			: s.split(String(sep)),
	find: (s, [x]) => s.indexOf(String(x)),
	count: (s, [x]) => s.split(String(x)).length - 1,
	format: (s, args, str) => {
		let i = 0;
		return s.replace(/\{\}/g, () => str(args[i++] ?? null));
	},
};

/** The str method `name` bound to `s`, or undefined when str has no such method here. */
export function strMethod(
	s: string,
	name: string,
	str: (value: unknown) => string,
): ((args: unknown[]) => PyValue) | undefined {
	const method = Object.hasOwn(STR_METHODS, name) ? STR_METHODS[name] : undefined;
	return method && ((args) => method(s, args, str));
}
