// frappe.safe_eval for Webhook conditions: compile the expression (a syntax error is "invalid syntax (<unknown>,
// line 1)", as Frappe's Webhook.validate_condition reports it) and evaluate simple conditions such as
// `doc.status == "Closed"` or `(doc.description or "").startswith("rec-")` over plain JS values (the document as
// `doc`; an attribute is a key lookup).
import { ExpressionSyntaxError, parseExpression, PYTHON, type Expr } from './expression';
import { PyFloat, strMethod, truthy } from './values';

/** null when `src` compiles, else Python's SyntaxError text as safe_eval reports it */
export function checkPythonExpression(src: string): string | null {
	try {
		parseExpression(src, PYTHON);
		return null;
	} catch (e) {
		if (e instanceof ExpressionSyntaxError) return 'invalid syntax (<unknown>, line 1)';
		throw e;
	}
}

const str = (x: unknown) => (x === null ? 'None' : String(x));

/** The builtins safe_eval offers that conditions use. */
const BUILTINS: Record<string, (...a: unknown[]) => unknown> = {
	len: (x) =>
		typeof x === 'string' || Array.isArray(x) ? x.length : Object.keys((x as object) ?? {}).length,
	str,
	int: (x) => parseInt(String(x), 10),
	float: (x) => parseFloat(String(x)),
	bool: (x) => truthy(x),
	abs: (x) => Math.abs(Number(x)),
	min: (...a) =>
		Math.min(...(a.length === 1 && Array.isArray(a[0]) ? (a[0] as number[]) : (a as number[]))),
	max: (...a) =>
		Math.max(...(a.length === 1 && Array.isArray(a[0]) ? (a[0] as number[]) : (a as number[]))),
};

/** Evaluate an expression with Python-like semantics (names from `vars`, attribute = key lookup). */
export function evalPythonExpression(src: string, vars: Record<string, unknown>): unknown {
	const ev = (n: Expr): unknown => {
		switch (n.k) {
			case 'lit':
				return n.v instanceof PyFloat ? n.v.value : n.v;
			case 'name':
				if (Object.hasOwn(vars, n.n)) return vars[n.n];
				if (Object.hasOwn(BUILTINS, n.n)) return BUILTINS[n.n];
				throw new Error(`NameError: name '${n.n}' is not defined`);
			case 'attr': {
				const o = ev(n.o);
				const method = typeof o === 'string' ? strMethod(o, n.n, str) : undefined;
				if (method) return (...a: unknown[]) => method(a);
				if (o && typeof o === 'object') {
					if (n.n === 'get')
						return (k: unknown, d: unknown = null) =>
							(o as Record<string, unknown>)[String(k)] ?? d;
					return (o as Record<string, unknown>)[n.n] ?? null;
				}
				throw new Error(`AttributeError: '${typeof o}' object has no attribute '${n.n}'`);
			}
			case 'item': {
				const o = ev(n.o) as Record<string, unknown> | unknown[];
				const i = ev(n.i);
				return Array.isArray(o)
					? o[Number(i) < 0 ? o.length + Number(i) : Number(i)]
					: (o as Record<string, unknown>)?.[String(i)];
			}
			case 'call': {
				const f = ev(n.f);
				if (typeof f !== 'function') throw new Error('TypeError: object is not callable');
				const positional = n.args.filter((arg) => arg.name === undefined);
				return (f as (...a: unknown[]) => unknown)(...positional.map((arg) => ev(arg.value)));
			}
			case 'filter':
				throw new Error(`unsupported filter ${n.n}`);
			case 'un': {
				const a = ev(n.a);
				if (n.op === 'not') return !truthy(a);
				if (n.op === '-') return -Number(a);
				if (n.op === '~') return ~Number(a);
				return Number(a);
			}
			case 'bool': {
				const a = ev(n.a);
				if (n.op === 'or') return truthy(a) ? a : ev(n.b);
				return truthy(a) ? ev(n.b) : a;
			}
			case 'cond':
				return truthy(ev(n.c)) ? ev(n.a) : n.b && ev(n.b);
			case 'list':
				return n.items.map(ev);
			case 'dict': {
				const o: Record<string, unknown> = {};
				n.keys.forEach((k, i) => (o[String(ev(k))] = ev(n.vals[i])));
				return o;
			}
			case 'bin': {
				const a = ev(n.a) as never;
				const b = ev(n.b) as never;
				switch (n.op) {
					case '+':
						return typeof a === 'string' || Array.isArray(a)
							? Array.isArray(a)
								? [...(a as unknown[]), ...(b as unknown[])]
								: (a as string) + (b as string)
							: (a as number) + (b as number);
					case '-':
						return (a as number) - (b as number);
					case '*':
						return (a as number) * (b as number);
					case '/':
						return (a as number) / (b as number);
					case '//':
						return Math.floor((a as number) / (b as number));
					case '%':
						return (a as number) % (b as number);
					case '**':
						return (a as number) ** (b as number);
					default:
						throw new Error(`unsupported operator ${n.op}`);
				}
			}
			case 'cmp': {
				let left = ev(n.a);
				for (let i = 0; i < n.ops.length; i++) {
					const right = ev(n.rest[i]);
					if (!compare(n.ops[i], left, right)) return false;
					left = right;
				}
				return true;
			}
		}
	};
	let expr: Expr;
	try {
		expr = parseExpression(src, PYTHON);
	} catch (e) {
		if (e instanceof ExpressionSyntaxError)
			throw new Error('SyntaxError: invalid syntax (<unknown>, line 1)');
		throw e;
	}
	return ev(expr);
}

function compare(op: string, a: unknown, b: unknown): boolean {
	const eq = (x: unknown, y: unknown) =>
		JSON.stringify(x) === JSON.stringify(y) ||
		(typeof x === 'number' && typeof y === 'number' && x === y);
	switch (op) {
		case '==':
			return eq(a, b);
		case '!=':
			return !eq(a, b);
		case 'is':
			return a === b;
		case 'is not':
			return a !== b;
		case 'in':
			return typeof b === 'string'
				? b.includes(String(a))
				: Array.isArray(b)
					? b.some((x) => eq(x, a))
					: !!b && typeof b === 'object' && String(a) in (b as object);
		case 'not in':
			return !compare('in', a, b);
		case '<':
			return (a as number) < (b as number);
		case '>':
			return (a as number) > (b as number);
		case '<=':
			return (a as number) <= (b as number);
		case '>=':
			return (a as number) >= (b as number);
	}
	return false;
}
