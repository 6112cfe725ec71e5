// A small Python expression parser/evaluator: enough to validate a Webhook `condition` the way Frappe's safe_eval
// compiles it ("Invalid Condition: invalid syntax (<unknown>, line 1)") and to evaluate simple conditions such as
// `doc.status == "Closed"` or `(doc.description or "").startswith("rec-")`.

type Tok = { t: 'num' | 'str' | 'name' | 'op' | 'eof'; v: string };

const OPS = [
	'**',
	'//',
	'==',
	'!=',
	'<=',
	'>=',
	'<<',
	'>>',
	'(',
	')',
	'[',
	']',
	'{',
	'}',
	',',
	':',
	'.',
	'+',
	'-',
	'*',
	'/',
	'%',
	'<',
	'>',
	'|',
	'&',
	'^',
	'~',
	'=',
];

class SyntaxErr extends Error {}

function tokenize(src: string): Tok[] {
	const out: Tok[] = [];
	let i = 0;
	while (i < src.length) {
		const c = src[i];
		if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
			i++;
			continue;
		}
		const num = /^(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?/.exec(src.slice(i));
		if (num && /[\d.]/.test(c) && !(c === '.' && !/\d/.test(src[i + 1] ?? ''))) {
			out.push({ t: 'num', v: num[0] });
			i += num[0].length;
			continue;
		}
		const strm = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(src.slice(i));
		if (strm && (strm[1] === '' || /[a-zA-Z]/.test(c))) {
			const q = strm[2];
			let j = i + strm[0].length;
			let s = '';
			for (;;) {
				if (j >= src.length) throw new SyntaxErr();
				if (src.startsWith(q, j)) break;
				if (src[j] === '\\' && !/[rR]/.test(strm[1])) {
					const e = src[j + 1];
					const map: Record<string, string> = {
						n: '\n',
						t: '\t',
						r: '\r',
						'\\': '\\',
						"'": "'",
						'"': '"',
					};
					s += map[e] ?? '\\' + e;
					j += 2;
					continue;
				}
				if (q.length === 1 && src[j] === '\n') throw new SyntaxErr();
				s += src[j++];
			}
			out.push({ t: 'str', v: s });
			i = j + q.length;
			continue;
		}
		const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
		if (name) {
			out.push({ t: 'name', v: name[0] });
			i += name[0].length;
			continue;
		}
		const op = OPS.find((o) => src.startsWith(o, i));
		if (!op) throw new SyntaxErr();
		out.push({ t: 'op', v: op });
		i += op.length;
	}
	out.push({ t: 'eof', v: '' });
	return out;
}

export type Node =
	| { k: 'lit'; v: unknown }
	| { k: 'name'; v: string }
	| { k: 'attr'; o: Node; n: string }
	| { k: 'sub'; o: Node; i: Node }
	| { k: 'call'; f: Node; a: Node[]; kw: Record<string, Node> }
	| { k: 'un'; op: string; a: Node }
	| { k: 'bin'; op: string; a: Node; b: Node }
	| { k: 'bool'; op: 'and' | 'or'; a: Node; b: Node }
	| { k: 'cmp'; a: Node; ops: string[]; rest: Node[] }
	| { k: 'if'; c: Node; a: Node; b: Node }
	| { k: 'list'; items: Node[] }
	| { k: 'dict'; keys: Node[]; vals: Node[] };

const KEYWORDS = new Set([
	'and',
	'or',
	'not',
	'in',
	'is',
	'if',
	'else',
	'lambda',
	'for',
	'def',
	'class',
	'return',
	'import',
	'from',
	'while',
	'pass',
	'del',
	'global',
	'with',
	'yield',
	'assert',
	'raise',
	'try',
	'except',
	'finally',
	'elif',
	'as',
	'break',
	'continue',
]);

class Parser {
	p = 0;
	constructor(private readonly toks: Tok[]) {}
	peek(): Tok {
		return this.toks[this.p];
	}
	isOp(v: string): boolean {
		const t = this.peek();
		return t.t === 'op' && t.v === v;
	}
	isKw(v: string): boolean {
		const t = this.peek();
		return t.t === 'name' && t.v === v;
	}
	expectOp(v: string): void {
		if (!this.isOp(v)) throw new SyntaxErr();
		this.p++;
	}
	parse(): Node {
		const n = this.test();
		if (this.peek().t !== 'eof') throw new SyntaxErr();
		return n;
	}
	test(): Node {
		const a = this.orTest();
		if (this.isKw('if')) {
			this.p++;
			const c = this.orTest();
			if (!this.isKw('else')) throw new SyntaxErr();
			this.p++;
			const b = this.test();
			return { k: 'if', c, a, b };
		}
		return a;
	}
	orTest(): Node {
		let a = this.andTest();
		while (this.isKw('or')) {
			this.p++;
			a = { k: 'bool', op: 'or', a, b: this.andTest() };
		}
		return a;
	}
	andTest(): Node {
		let a = this.notTest();
		while (this.isKw('and')) {
			this.p++;
			a = { k: 'bool', op: 'and', a, b: this.notTest() };
		}
		return a;
	}
	notTest(): Node {
		if (this.isKw('not')) {
			this.p++;
			return { k: 'un', op: 'not', a: this.notTest() };
		}
		return this.comparison();
	}
	comparison(): Node {
		const a = this.arith(0);
		const ops: string[] = [];
		const rest: Node[] = [];
		for (;;) {
			const t = this.peek();
			let op: string | undefined;
			if (t.t === 'op' && ['<', '>', '==', '!=', '<=', '>='].includes(t.v)) {
				op = t.v;
				this.p++;
			} else if (this.isKw('in')) {
				op = 'in';
				this.p++;
			} else if (
				this.isKw('not') &&
				this.toks[this.p + 1]?.t === 'name' &&
				this.toks[this.p + 1].v === 'in'
			) {
				op = 'not in';
				this.p += 2;
			} else if (this.isKw('is')) {
				this.p++;
				op = 'is';
				if (this.isKw('not')) {
					this.p++;
					op = 'is not';
				}
			}
			if (!op) break;
			ops.push(op);
			rest.push(this.arith(0));
		}
		return ops.length ? { k: 'cmp', a, ops, rest } : a;
	}
	static PREC: Record<string, number> = {
		'|': 1,
		'^': 2,
		'&': 3,
		'<<': 4,
		'>>': 4,
		'+': 5,
		'-': 5,
		'*': 6,
		'/': 6,
		'//': 6,
		'%': 6,
	};
	arith(min: number): Node {
		let a = this.unary();
		for (;;) {
			const t = this.peek();
			const prec = t.t === 'op' ? Parser.PREC[t.v] : undefined;
			if (prec === undefined || prec <= min - 1 || prec < min) break;
			this.p++;
			const b = this.arith(prec + 1);
			a = { k: 'bin', op: t.v, a, b };
		}
		return a;
	}
	unary(): Node {
		if (this.isOp('-') || this.isOp('+') || this.isOp('~')) {
			const op = this.peek().v;
			this.p++;
			return { k: 'un', op, a: this.unary() };
		}
		const base = this.trailers(this.atom());
		if (this.isOp('**')) {
			this.p++;
			return { k: 'bin', op: '**', a: base, b: this.unary() };
		}
		return base;
	}
	trailers(n: Node): Node {
		for (;;) {
			if (this.isOp('.')) {
				this.p++;
				const t = this.peek();
				if (t.t !== 'name' || KEYWORDS.has(t.v)) throw new SyntaxErr();
				this.p++;
				n = { k: 'attr', o: n, n: t.v };
			} else if (this.isOp('(')) {
				this.p++;
				const a: Node[] = [];
				const kw: Record<string, Node> = {};
				while (!this.isOp(')')) {
					const t = this.peek();
					if (
						t.t === 'name' &&
						this.toks[this.p + 1]?.t === 'op' &&
						this.toks[this.p + 1].v === '='
					) {
						this.p += 2;
						kw[t.v] = this.test();
					} else a.push(this.test());
					if (!this.isOp(',')) break;
					this.p++;
				}
				this.expectOp(')');
				n = { k: 'call', f: n, a, kw };
			} else if (this.isOp('[')) {
				this.p++;
				const i = this.test();
				this.expectOp(']');
				n = { k: 'sub', o: n, i };
			} else return n;
		}
	}
	atom(): Node {
		const t = this.peek();
		if (t.t === 'num') {
			this.p++;
			return { k: 'lit', v: Number(t.v) };
		}
		if (t.t === 'str') {
			let s = '';
			while (this.peek().t === 'str') s += this.toks[this.p++].v;
			return { k: 'lit', v: s };
		}
		if (t.t === 'name') {
			if (t.v === 'True' || t.v === 'False' || t.v === 'None') {
				this.p++;
				return { k: 'lit', v: t.v === 'True' ? true : t.v === 'False' ? false : null };
			}
			if (KEYWORDS.has(t.v)) throw new SyntaxErr();
			this.p++;
			return { k: 'name', v: t.v };
		}
		if (this.isOp('(')) {
			this.p++;
			if (this.isOp(')')) {
				this.p++;
				return { k: 'list', items: [] };
			}
			const first = this.test();
			if (this.isOp(',')) {
				const items = [first];
				while (this.isOp(',')) {
					this.p++;
					if (this.isOp(')')) break;
					items.push(this.test());
				}
				this.expectOp(')');
				return { k: 'list', items };
			}
			this.expectOp(')');
			return first;
		}
		if (this.isOp('[')) {
			this.p++;
			const items: Node[] = [];
			while (!this.isOp(']')) {
				items.push(this.test());
				if (!this.isOp(',')) break;
				this.p++;
			}
			this.expectOp(']');
			return { k: 'list', items };
		}
		if (this.isOp('{')) {
			this.p++;
			const keys: Node[] = [];
			const vals: Node[] = [];
			while (!this.isOp('}')) {
				keys.push(this.test());
				this.expectOp(':');
				vals.push(this.test());
				if (!this.isOp(',')) break;
				this.p++;
			}
			this.expectOp('}');
			return { k: 'dict', keys, vals };
		}
		throw new SyntaxErr();
	}
}

export function parsePythonExpression(src: string): Node {
	return new Parser(tokenize(src)).parse();
}

/** null when `src` compiles, else Python's SyntaxError text as safe_eval reports it */
export function checkPythonExpression(src: string): string | null {
	try {
		parsePythonExpression(src);
		return null;
	} catch (e) {
		if (e instanceof SyntaxErr) return 'invalid syntax (<unknown>, line 1)';
		throw e;
	}
}

const truthy = (v: unknown): boolean => {
	if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
	if (Array.isArray(v)) return v.length > 0;
	if (typeof v === 'object') return Object.keys(v as object).length > 0;
	return true;
};

const STR_METHODS: Record<string, (s: string, ...a: unknown[]) => unknown> = {
	startswith: (s, p) =>
		Array.isArray(p) ? p.some((x) => s.startsWith(String(x))) : s.startsWith(String(p)),
	endswith: (s, p) =>
		Array.isArray(p) ? p.some((x) => s.endsWith(String(x))) : s.endsWith(String(p)),
	lower: (s) => s.toLowerCase(),
	upper: (s) => s.toUpperCase(),
	strip: (s) => s.trim(),
	lstrip: (s) => s.trimStart(),
	rstrip: (s) => s.trimEnd(),
	split: (s, sep) =>
		sep === undefined || sep === null ? s.trim().split(/\s+/) : s.split(String(sep)),
	replace: (s, a, b) => s.split(String(a)).join(String(b)),
	find: (s, x) => s.indexOf(String(x)),
	count: (s, x) => s.split(String(x)).length - 1,
};

const FUNCS: Record<string, (...a: unknown[]) => unknown> = {
	len: (x) =>
		typeof x === 'string' || Array.isArray(x) ? x.length : Object.keys((x as object) ?? {}).length,
	str: (x) => (x === null ? 'None' : String(x)),
	int: (x) => parseInt(String(x), 10),
	float: (x) => parseFloat(String(x)),
	bool: (x) => truthy(x),
	abs: (x) => Math.abs(Number(x)),
	min: (...a) =>
		Math.min(...(a.length === 1 && Array.isArray(a[0]) ? (a[0] as number[]) : (a as number[]))),
	max: (...a) =>
		Math.max(...(a.length === 1 && Array.isArray(a[0]) ? (a[0] as number[]) : (a as number[]))),
};

/** Evaluate a parsed expression with Python-like semantics (names from `vars`, attribute = key lookup). */
export function evalPythonExpression(src: string, vars: Record<string, unknown>): unknown {
	const ev = (n: Node): unknown => {
		switch (n.k) {
			case 'lit':
				return n.v;
			case 'name':
				if (n.v in vars) return vars[n.v];
				if (n.v in FUNCS) return FUNCS[n.v];
				throw new Error(`NameError: name '${n.v}' is not defined`);
			case 'attr': {
				const o = ev(n.o);
				if (typeof o === 'string' && n.n in STR_METHODS)
					return (...a: unknown[]) => STR_METHODS[n.n](o, ...a);
				if (o && typeof o === 'object') {
					if (n.n === 'get')
						return (k: unknown, d: unknown = null) =>
							(o as Record<string, unknown>)[String(k)] ?? d;
					return (o as Record<string, unknown>)[n.n] ?? null;
				}
				throw new Error(`AttributeError: '${typeof o}' object has no attribute '${n.n}'`);
			}
			case 'sub': {
				const o = ev(n.o) as Record<string, unknown> | unknown[];
				const i = ev(n.i);
				return Array.isArray(o)
					? o[Number(i) < 0 ? o.length + Number(i) : Number(i)]
					: (o as Record<string, unknown>)?.[String(i)];
			}
			case 'call': {
				const f = ev(n.f);
				if (typeof f !== 'function') throw new Error('TypeError: object is not callable');
				return (f as (...a: unknown[]) => unknown)(...n.a.map(ev));
			}
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
			case 'if':
				return truthy(ev(n.c)) ? ev(n.a) : ev(n.b);
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
	return ev(parsePythonExpression(src));
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
