// The part of Jinja that Webhook templates (`webhook_json`) use, rendered the way Frappe renders them: the document is
// a frappe._dict (missing keys read as None, `doc.items` is the dict method), `| tojson` is Jinja's htmlsafe
// json.dumps with sort_keys, `{{ value }}` writes Python's str(value), nothing is autoescaped.
//
// Supported: `{{ expr }}`, `{% if/elif/else/endif %}`, `{% for x in expr %}…{% endfor %}` (with loop.index, first,
// last), `{% set x = expr %}`, `{# comments #}`, whitespace control (`{{-`, `-%}`); expressions with literals,
// attributes, subscripts, method calls, filters, arithmetic, `~`, comparisons, `and/or/not`, `x if c else y` (parsed by
// expression.ts in its JINJA dialect).
import { ExpressionParser, ExpressionSyntaxError, JINJA, type Expr } from './expression';
import { pyJsonDumps } from './json';
import {
	PyFloat,
	isDict,
	pyRepr,
	pyStr,
	strMethod,
	truthy,
	type PyDict,
	type PyValue,
} from './values';

/** A Python-side failure while rendering, with the exception's qualified name (for Webhook Request Log tracebacks). */
export class TemplateError extends Error {
	constructor(
		readonly pyType: string,
		message: string,
	) {
		super(message);
	}
}

class Undefined {
	constructor(readonly hint: string) {}
}

class BoundMethod {
	constructor(
		readonly owner: string,
		readonly name: string,
		readonly call: (args: JValue[]) => JValue,
	) {}
}

type JValue = PyValue | Undefined | BoundMethod;

const DICT_METHODS = new Set([
	'clear',
	'copy',
	'fromkeys',
	'get',
	'items',
	'keys',
	'pop',
	'popitem',
	'setdefault',
	'update',
	'values',
]);

const undefinedError = (u: Undefined) =>
	new TemplateError('jinja2.exceptions.UndefinedError', u.hint);

function typeName(v: JValue): string {
	if (v === null) return 'NoneType';
	if (typeof v === 'boolean') return 'bool';
	if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
	if (v instanceof PyFloat) return 'float';
	if (typeof v === 'string') return 'str';
	if (Array.isArray(v)) return 'list';
	if (v instanceof Undefined) return 'Undefined';
	if (v instanceof BoundMethod) return 'builtin_function_or_method';
	return 'dict';
}

function num(v: JValue): number {
	if (typeof v === 'number') return v;
	if (v instanceof PyFloat) return v.value;
	if (typeof v === 'boolean') return v ? 1 : 0;
	throw new TemplateError('TypeError', `unsupported operand type(s): '${typeName(v)}'`);
}

function isFloat(v: JValue): boolean {
	return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

function plain(v: JValue): PyValue {
	if (v instanceof Undefined)
		throw new TemplateError('TypeError', 'Object of type Undefined is not JSON serializable');
	if (v instanceof BoundMethod)
		throw new TemplateError(
			'TypeError',
			'Object of type builtin_function_or_method is not JSON serializable',
		);
	return v;
}

function toText(v: JValue): string {
	if (v instanceof Undefined) return '';
	if (v instanceof BoundMethod)
		return `<built-in method ${v.name} of ${v.owner} object at 0x7f3a2c1b9e40>`;
	return pyStr(v);
}

function eq(a: JValue, b: JValue): boolean {
	if (
		(typeof a === 'number' || a instanceof PyFloat || typeof a === 'boolean') &&
		(typeof b === 'number' || b instanceof PyFloat || typeof b === 'boolean')
	)
		return num(a) === num(b);
	if (
		a instanceof Undefined ||
		b instanceof Undefined ||
		a instanceof BoundMethod ||
		b instanceof BoundMethod
	)
		return a === b;
	return pyRepr(a) === pyRepr(b);
}

function dictMethod(d: PyDict, name: string): BoundMethod {
	const methods: Record<string, (args: JValue[]) => JValue> = {
		get: ([k, def]) => (d.has(String(k)) ? d.get(String(k))! : ((def as PyValue) ?? null)),
		keys: () => [...d.keys()],
		values: () => [...d.values()],
		items: () => [...d.entries()].map(([k, v]) => [k, v]),
		copy: () => new Map(d),
	};
	const fn =
		methods[name] ??
		(() => {
			throw new TemplateError(
				'jinja2.exceptions.SecurityError',
				`access to attribute '${name}' of 'dict' object is unsafe.`,
			);
		});
	return new BoundMethod('_dict', name, fn);
}

/** Jinja's environment.getattr on a frappe._dict world. */
function getAttr(obj: JValue, name: string): JValue {
	if (obj instanceof Undefined) throw undefinedError(obj);
	if (name.startsWith('_'))
		throw new TemplateError(
			'jinja2.exceptions.SecurityError',
			`access to attribute '${name}' of '${typeName(obj)}' object is unsafe.`,
		);
	if (isDict(obj)) {
		if (DICT_METHODS.has(name)) return dictMethod(obj, name);
		return obj.has(name) ? obj.get(name)! : null; // _dict.__getattr__ = dict.get
	}
	if (typeof obj === 'string') {
		const method = strMethod(obj, name, (arg) => toText(arg as JValue));
		return method
			? new BoundMethod('str', name, method)
			: new Undefined(`'str object' has no attribute '${name}'`);
	}
	return new Undefined(`'${typeName(obj)} object' has no attribute '${name}'`);
}

/** Jinja's environment.getitem: obj[key], else getattr(obj, key) for a string key. */
function getItem(obj: JValue, key: JValue): JValue {
	if (obj instanceof Undefined) throw undefinedError(obj);
	if (isDict(obj)) {
		const k = typeof key === 'string' ? key : pyStr(plain(key));
		if (obj.has(k)) return obj.get(k)!;
		return typeof key === 'string'
			? getAttr(obj, key)
			: new Undefined(`'dict object' has no attribute ${pyRepr(plain(key))}`);
	}
	if ((Array.isArray(obj) || typeof obj === 'string') && typeof key === 'number') {
		const i = key < 0 ? obj.length + key : key;
		if (i >= 0 && i < obj.length) return obj[i];
		return new Undefined(`'${typeName(obj)} object' has no attribute '${key}'`);
	}
	if (typeof key === 'string') return getAttr(obj, key);
	return new Undefined(`'${typeName(obj)} object' has no attribute ${pyRepr(plain(key))}`);
}

function length(v: JValue): number {
	if (typeof v === 'string' || Array.isArray(v)) return v.length;
	if (isDict(v)) return v.size;
	if (v instanceof Undefined) return 0;
	throw new TemplateError('TypeError', `object of type '${typeName(v)}' has no len()`);
}

function iterate(v: JValue): PyValue[] {
	if (Array.isArray(v)) return v;
	if (typeof v === 'string') return [...v];
	if (isDict(v)) return [...v.keys()];
	if (v instanceof Undefined) return [];
	throw new TemplateError('TypeError', `'${typeName(v)}' object is not iterable`);
}

function htmlEscape(s: string): string {
	return s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&#34;')
		.replace(/'/g, '&#39;');
}

const FILTERS: Record<string, (value: JValue, args: JValue[]) => JValue> = {
	tojson: (v) =>
		pyJsonDumps(plain(v), { sortKeys: true })
			.replace(/</g, '\\u003c')
			.replace(/>/g, '\\u003e')
			.replace(/&/g, '\\u0026')
			.replace(/'/g, '\\u0027'),
	default: (v, [def = '', boolean = false]) =>
		v instanceof Undefined || (truthy(boolean as PyValue) && !truthy(plain(v))) ? def : v,
	string: (v) => toText(v),
	lower: (v) => toText(v).toLowerCase(),
	upper: (v) => toText(v).toUpperCase(),
	trim: (v) => toText(v).trim(),
	title: (v) => toText(v).replace(/\w\S*/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()),
	capitalize: (v) => {
		const s = toText(v);
		return s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s;
	},
	length: (v) => length(v),
	int: (v, [def = 0]) => {
		const n =
			typeof v === 'string'
				? Number(v.trim())
				: v instanceof PyFloat || typeof v === 'number'
					? num(v)
					: NaN;
		return Number.isFinite(n) ? Math.trunc(n) : def;
	},
	float: (v, [def = new PyFloat(0)]) => {
		const n =
			typeof v === 'string'
				? Number(v.trim())
				: v instanceof PyFloat || typeof v === 'number'
					? num(v)
					: NaN;
		return Number.isFinite(n) ? new PyFloat(n) : def;
	},
	round: (v, [precision = 0]) => {
		const p = 10 ** num(precision);
		return new PyFloat(Math.round(num(v) * p) / p);
	},
	abs: (v) => (isFloat(v) ? new PyFloat(Math.abs(num(v))) : Math.abs(num(v))),
	join: (v, [sep = '']) => iterate(v).map(toText).join(toText(sep)),
	first: (v) => iterate(v)[0] ?? new Undefined('No first item, sequence was empty.'),
	last: (v) => iterate(v).at(-1) ?? new Undefined('No last item, sequence was empty.'),
	list: (v) => iterate(v),
	replace: (v, [a, b]) => toText(v).split(toText(a)).join(toText(b)),
	escape: (v) => htmlEscape(toText(v)),
	safe: (v) => v,
};
FILTERS.d = FILTERS.default;
FILTERS.count = FILTERS.length;
FILTERS.e = FILTERS.escape;

type Scope = Map<string, JValue>;

function lookup(scopes: Scope[], name: string): JValue {
	for (let i = scopes.length - 1; i >= 0; i--) if (scopes[i].has(name)) return scopes[i].get(name)!;
	return new Undefined(`'${name}' is undefined`);
}

function evaluate(e: Expr, scopes: Scope[]): JValue {
	switch (e.k) {
		case 'lit':
			return e.v;
		case 'name':
			return lookup(scopes, e.n);
		case 'attr':
			return getAttr(evaluate(e.o, scopes), e.n);
		case 'item':
			return getItem(evaluate(e.o, scopes), evaluate(e.i, scopes));
		case 'call': {
			const f = evaluate(e.f, scopes);
			if (f instanceof Undefined) throw undefinedError(f);
			if (!(f instanceof BoundMethod))
				throw new TemplateError('TypeError', `'${typeName(f)}' object is not callable`);
			return f.call(e.args.map((arg) => evaluate(arg.value, scopes)));
		}
		case 'filter': {
			const filter = Object.hasOwn(FILTERS, e.n) ? FILTERS[e.n] : undefined;
			if (!filter)
				throw new TemplateError(
					'jinja2.exceptions.TemplateAssertionError',
					`No filter named '${e.n}'.`,
				);
			return filter(
				evaluate(e.o, scopes),
				e.args.map((arg) => evaluate(arg.value, scopes)),
			);
		}
		case 'list':
			return e.items.map((item) => plain(evaluate(item, scopes)));
		case 'dict': {
			const d: PyDict = new Map();
			e.keys.forEach((k, i) =>
				d.set(pyStr(plain(evaluate(k, scopes))), plain(evaluate(e.vals[i], scopes))),
			);
			return d;
		}
		case 'un': {
			const a = evaluate(e.a, scopes);
			if (e.op === 'not') return !truthy(a instanceof Undefined ? null : plain(a));
			const n = num(a);
			const r = e.op === '-' ? -n : n;
			return isFloat(a) ? new PyFloat(r) : r;
		}
		case 'cond': {
			const c = evaluate(e.c, scopes);
			if (truthy(c instanceof Undefined ? null : plain(c))) return evaluate(e.a, scopes);
			return e.b
				? evaluate(e.b, scopes)
				: new Undefined(
						'the inline if-expression evaluated to false and no else section was defined.',
					);
		}
		case 'bool': {
			const a = evaluate(e.a, scopes);
			const t = truthy(a instanceof Undefined ? null : a instanceof BoundMethod ? true : a);
			if (e.op === 'and') return t ? evaluate(e.b, scopes) : a;
			return t ? a : evaluate(e.b, scopes);
		}
		case 'cmp': {
			let left = evaluate(e.a, scopes);
			for (let i = 0; i < e.ops.length; i++) {
				const right = evaluate(e.rest[i], scopes);
				if (!compare(e.ops[i], left, right)) return false;
				left = right;
			}
			return true;
		}
		case 'bin': {
			const a = evaluate(e.a, scopes);
			const b = evaluate(e.b, scopes);
			switch (e.op) {
				case '~':
					return toText(a) + toText(b);
				case '+':
					if (typeof a === 'string' && typeof b === 'string') return a + b;
					if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
					break;
			}
			const x = num(a);
			const y = num(b);
			const float = isFloat(a) || isFloat(b);
			const wrap = (n: number) => (float ? new PyFloat(n) : n);
			switch (e.op) {
				case '+':
					return wrap(x + y);
				case '-':
					return wrap(x - y);
				case '*':
					return wrap(x * y);
				case '/':
					if (y === 0) throw new TemplateError('ZeroDivisionError', 'division by zero');
					return new PyFloat(x / y);
				case '//':
					return wrap(Math.floor(x / y));
				case '%':
					return wrap(((x % y) + y) % y);
			}
			throw new TemplateError('TypeError', `unsupported operator ${e.op}`);
		}
	}
}

function compare(op: string, a: JValue, b: JValue): boolean {
	switch (op) {
		case '==':
			return eq(a, b);
		case '!=':
			return !eq(a, b);
		case 'in':
			if (typeof b === 'string') return b.includes(toText(a));
			if (isDict(b)) return b.has(toText(a));
			return iterate(b).some((x) => eq(x, a));
		case 'not in':
			return !compare('in', a, b);
		case '<':
			return num(a) < num(b);
		case '>':
			return num(a) > num(b);
		case '<=':
			return num(a) <= num(b);
		case '>=':
			return num(a) >= num(b);
	}
	throw new TemplateError('TypeError', `unsupported operator ${op}`);
}

// ---- templates ------------------------------------------------------------------------------------------------

const syntaxError = (message: string) =>
	new TemplateError('jinja2.exceptions.TemplateSyntaxError', message);

type TNode =
	| { k: 'text'; v: string }
	| { k: 'out'; e: Expr }
	| { k: 'if'; branches: Array<{ c?: Expr; body: TNode[] }> }
	| { k: 'for'; target: string[]; iter: Expr; body: TNode[] }
	| { k: 'set'; name: string; e: Expr };

type Piece = { k: 'text'; v: string } | { k: 'var'; src: string } | { k: 'block'; src: string };

function lex(template: string): Piece[] {
	const pieces: Piece[] = [];
	let i = 0;
	let text = '';
	let trimNext = false;
	const pushText = (rstrip: boolean) => {
		let t = text;
		if (trimNext) t = t.replace(/^\s+/, '');
		if (rstrip) t = t.replace(/\s+$/, '');
		if (t) pieces.push({ k: 'text', v: t });
		text = '';
		trimNext = false;
	};
	while (i < template.length) {
		const two = template.slice(i, i + 2);
		if (two === '{{' || two === '{%' || two === '{#') {
			const close = two === '{{' ? '}}' : two === '{%' ? '%}' : '#}';
			const end = template.indexOf(close, i + 2);
			if (end < 0)
				throw syntaxError(
					two === '{#'
						? 'Missing end of comment tag'
						: `unexpected end of template, expected '${close}'`,
				);
			let inner = template.slice(i + 2, end);
			const lstrip = inner.startsWith('-');
			const rstrip = inner.endsWith('-');
			if (lstrip) inner = inner.slice(1);
			if (rstrip) inner = inner.slice(0, -1);
			pushText(lstrip);
			if (two === '{{') pieces.push({ k: 'var', src: inner });
			else if (two === '{%') pieces.push({ k: 'block', src: inner.trim() });
			trimNext = rstrip;
			i = end + 2;
		} else {
			text += template[i++];
		}
	}
	pushText(false);
	return pieces;
}

function parseTemplate(template: string): TNode[] {
	try {
		return parseTemplatePieces(template);
	} catch (error) {
		if (error instanceof ExpressionSyntaxError) throw syntaxError(error.message);
		throw error;
	}
}

function parseTemplatePieces(template: string): TNode[] {
	const pieces = lex(template.endsWith('\n') ? template.slice(0, -1) : template);
	let p = 0;
	const parseBody = (
		stops: string[],
	): { nodes: TNode[]; stop?: string; stopParser?: ExpressionParser } => {
		const nodes: TNode[] = [];
		while (p < pieces.length) {
			const piece = pieces[p++];
			if (piece.k === 'text') nodes.push({ k: 'text', v: piece.v });
			else if (piece.k === 'var') {
				const parser = new ExpressionParser(piece.src, JINJA);
				const e = parser.expression();
				parser.end();
				nodes.push({ k: 'out', e });
			} else {
				const parser = new ExpressionParser(piece.src, JINJA);
				const tag = parser.name();
				if (stops.includes(tag)) return { nodes, stop: tag, stopParser: parser };
				if (tag === 'if') {
					const branches: Array<{ c?: Expr; body: TNode[] }> = [];
					let c: Expr | undefined = parser.expression();
					parser.end();
					for (;;) {
						const r = parseBody(['elif', 'else', 'endif']);
						branches.push({ c, body: r.nodes });
						if (r.stop === 'endif') break;
						if (r.stop === 'elif') {
							c = r.stopParser!.expression();
							r.stopParser!.end();
						} else if (r.stop === 'else') c = undefined;
						else
							throw syntaxError(
								"Unexpected end of template. Jinja was looking for the following tags: 'endif'.",
							);
					}
					nodes.push({ k: 'if', branches });
				} else if (tag === 'for') {
					const target = [parser.name()];
					while (!parser.keyword('in')) {
						parser.expectOp(',');
						target.push(parser.name());
					}
					const iter = parser.expression();
					parser.end();
					const r = parseBody(['endfor']);
					if (r.stop !== 'endfor')
						throw syntaxError(
							"Unexpected end of template. Jinja was looking for the following tags: 'endfor'.",
						);
					nodes.push({ k: 'for', target, iter, body: r.nodes });
				} else if (tag === 'set') {
					const name = parser.name();
					parser.expectOp('=');
					const e = parser.expression();
					parser.end();
					nodes.push({ k: 'set', name, e });
				} else {
					throw syntaxError(`Encountered unknown tag '${tag}'.`);
				}
			}
		}
		return { nodes };
	};
	const { nodes, stop } = parseBody([]);
	if (stop) throw syntaxError(`Encountered unknown tag '${stop}'.`);
	return nodes;
}

function renderNodes(nodes: TNode[], scopes: Scope[]): string {
	let out = '';
	for (const node of nodes) {
		if (node.k === 'text') out += node.v;
		else if (node.k === 'out') out += toText(evaluate(node.e, scopes));
		else if (node.k === 'set') scopes[scopes.length - 1].set(node.name, evaluate(node.e, scopes));
		else if (node.k === 'if') {
			for (const branch of node.branches) {
				if (
					!branch.c ||
					truthy(
						((v) => (v instanceof Undefined ? null : v instanceof BoundMethod ? true : v))(
							evaluate(branch.c, scopes),
						),
					)
				) {
					out += renderNodes(branch.body, scopes);
					break;
				}
			}
		} else {
			const items = iterate(evaluate(node.iter, scopes));
			items.forEach((item, index) => {
				const scope: Scope = new Map();
				if (node.target.length === 1) scope.set(node.target[0], item);
				else
					node.target.forEach((t, i) =>
						scope.set(t, Array.isArray(item) ? (item[i] ?? null) : null),
					);
				scope.set(
					'loop',
					new Map<string, PyValue>([
						['index', index + 1],
						['index0', index],
						['first', index === 0],
						['last', index === items.length - 1],
						['length', items.length],
					]),
				);
				out += renderNodes(node.body, [...scopes, scope]);
			});
		}
	}
	return out;
}

/** Template syntax check at save time (frappe.utils.jinja.validate_template): null when it compiles. */
export function checkTemplate(template: string): string | null {
	try {
		parseTemplate(template);
		return null;
	} catch (error) {
		if (error instanceof TemplateError) return error.message;
		throw error;
	}
}

/** frappe.render_template(template, context) with Jinja's semantics for the supported subset. */
export function renderTemplate(template: string, context: Record<string, PyValue>): string {
	const scope: Scope = new Map(Object.entries(context));
	return renderNodes(parseTemplate(template), [scope]);
}
