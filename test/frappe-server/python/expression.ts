// Expressions, parsed to one tree for both languages the server evaluates them in:
//
// - PYTHON: a Webhook `condition`, which Frappe compiles with safe_eval ("Invalid Condition: invalid syntax
//   (<unknown>, line 1)") and evaluates with the document as `doc`;
// - JINJA: what `{{ … }}` and `{% … %}` hold in a Webhook's `webhook_json`, Jinja's grammar (filters, `~`, `x.0`,
//   `x if c` without else, lowercase true/false/none), with Jinja's TemplateSyntaxError messages.
//
// The two grammars differ in the few points a Dialect lists; everything else (precedence, calls, subscripts,
// literals) is shared.
import { PyFloat, type PyValue } from './values';

/** A syntax error, with the message Jinja gives (Python's safe_eval reports every one the same way). */
export class ExpressionSyntaxError extends Error {}

/** A call or filter argument: positional, or `name=value`. */
export interface Arg {
	name?: string;
	value: Expr;
}

export type Expr =
	| { k: 'lit'; v: PyValue }
	| { k: 'name'; n: string }
	| { k: 'attr'; o: Expr; n: string }
	| { k: 'item'; o: Expr; i: Expr }
	| { k: 'call'; f: Expr; args: Arg[] }
	| { k: 'filter'; o: Expr; n: string; args: Arg[] }
	/** a list, or a tuple (Python) */
	| { k: 'list'; items: Expr[] }
	| { k: 'dict'; keys: Expr[]; vals: Expr[] }
	| { k: 'un'; op: string; a: Expr }
	| { k: 'bin'; op: string; a: Expr; b: Expr }
	| { k: 'bool'; op: 'and' | 'or'; a: Expr; b: Expr }
	/** `a < b <= c`: every comparison must hold (Python chains them; Jinja's here nest, one operator each) */
	| { k: 'cmp'; a: Expr; ops: string[]; rest: Expr[] }
	| { k: 'cond'; c: Expr; a: Expr; b?: Expr };

export interface Dialect {
	/** whitespace between tokens */
	space: RegExp;
	/** a number literal at the start of the text */
	number: RegExp;
	/** the opening of a string literal: prefix (r, b, u, f) and quote */
	stringStart: RegExp;
	/** a newline inside a '…' or "…" string is an error */
	singleLineStrings: boolean;
	/** every operator token, longest first where one is the prefix of another */
	operators: string[];
	prefixOperators: string[];
	/** the binary operators below comparisons, with their precedence (higher binds tighter; all left-associative) */
	binary: Record<string, number>;
	/** `a ** b` (right-associative, binds tighter than a prefix minus on its left) */
	power: boolean;
	/** `is`, `is not` */
	identity: boolean;
	chainedComparisons: boolean;
	/** `a if c` must have `else b` */
	elseRequired: boolean;
	/** `()` and `(a, b)` are tuples */
	tuples: boolean;
	/** `value | name(args)` */
	filters: boolean;
	/** `x.0` is `x[0]` */
	numericAttributes: boolean;
	/** words that cannot be names */
	keywords: ReadonlySet<string>;
	constants: ReadonlyMap<string, PyValue>;
}

const PYTHON_OPERATORS = [
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

const PYTHON_KEYWORDS = new Set([
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

export const PYTHON: Dialect = {
	space: /[ \t\n\r]/,
	number: /^(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?/,
	stringStart: /^([rRbBuUfF]{0,2})('''|"""|'|")/,
	singleLineStrings: true,
	operators: PYTHON_OPERATORS,
	prefixOperators: ['-', '+', '~'],
	binary: {
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
	},
	power: true,
	identity: true,
	chainedComparisons: true,
	elseRequired: true,
	tuples: true,
	filters: false,
	numericAttributes: false,
	keywords: PYTHON_KEYWORDS,
	constants: new Map([
		['True', true],
		['False', false],
		['None', null],
	]),
};

export const JINJA: Dialect = {
	space: /\s/,
	number: /^\d+(\.\d+)?([eE][-+]?\d+)?/,
	stringStart: /^()('|")/,
	singleLineStrings: false,
	operators: PYTHON_OPERATORS.filter((op) => !['**', '<<', '>>', '&', '^'].includes(op)),
	prefixOperators: ['-', '+'],
	binary: { '~': 1, '+': 2, '-': 2, '*': 3, '/': 3, '//': 3, '%': 3 },
	power: false,
	identity: false,
	chainedComparisons: false,
	elseRequired: false,
	tuples: false,
	filters: true,
	numericAttributes: true,
	keywords: new Set(),
	constants: new Map<string, PyValue>([
		['true', true],
		['True', true],
		['false', false],
		['False', false],
		['none', null],
		['None', null],
	]),
};

type Tok = { t: 'num' | 'str' | 'name' | 'op' | 'eof'; v: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const STRING_ESCAPES: Record<string, string> = {
	n: '\n',
	t: '\t',
	r: '\r',
	'\\': '\\',
	"'": "'",
	'"': '"',
};
const COMPARISONS = new Set(['==', '!=', '<', '>', '<=', '>=']);

function tokenize(src: string, d: Dialect): Tok[] {
	const toks: Tok[] = [];
	let i = 0;
	while (i < src.length) {
		const c = src[i];
		if (d.space.test(c)) {
			i++;
			continue;
		}
		const rest = src.slice(i);
		const num = d.number.exec(rest);
		if (num) {
			toks.push({ t: 'num', v: num[0] });
			i += num[0].length;
			continue;
		}
		const open = d.stringStart.exec(rest);
		if (open) {
			const quote = open[2];
			const raw = /[rR]/.test(open[1]);
			let j = i + open[0].length;
			let s = '';
			for (;;) {
				if (j >= src.length) throw new ExpressionSyntaxError('unexpected end of string');
				if (src.startsWith(quote, j)) break;
				if (src[j] === '\\' && !raw && j + 1 < src.length) {
					const e = src[j + 1];
					s += Object.hasOwn(STRING_ESCAPES, e) ? STRING_ESCAPES[e] : '\\' + e;
					j += 2;
					continue;
				}
				if (d.singleLineStrings && quote.length === 1 && src[j] === '\n')
					throw new ExpressionSyntaxError('unexpected end of string');
				s += src[j++];
			}
			toks.push({ t: 'str', v: s });
			i = j + quote.length;
			continue;
		}
		const name = NAME.exec(rest);
		if (name) {
			toks.push({ t: 'name', v: name[0] });
			i += name[0].length;
			continue;
		}
		const op = d.operators.find((o) => src.startsWith(o, i));
		if (!op) throw new ExpressionSyntaxError(`unexpected char ${JSON.stringify(c)}`);
		toks.push({ t: 'op', v: op });
		i += op.length;
	}
	toks.push({ t: 'eof', v: '' });
	return toks;
}

/** What an error message calls a token. */
function describe(t: Tok): string {
	return t.t === 'eof' ? 'end of statement block' : t.v;
}

/**
 * A recursive-descent parser over one expression's tokens. Jinja's tags (`{% for x in items %}`) read their words
 * with name(), keyword() and expectOp() and their expressions with expression().
 */
export class ExpressionParser {
	private p = 0;
	private readonly toks: Tok[];

	constructor(
		src: string,
		private readonly d: Dialect,
	) {
		this.toks = tokenize(src, d);
	}

	// ---- tokens -------------------------------------------------------------------------------------------------

	private peek(offset = 0): Tok {
		return this.toks[Math.min(this.p + offset, this.toks.length - 1)];
	}

	private isOp(v: string): boolean {
		const t = this.peek();
		return t.t === 'op' && t.v === v;
	}

	private isName(v: string, offset = 0): boolean {
		const t = this.peek(offset);
		return t.t === 'name' && t.v === v;
	}

	expectOp(v: string): void {
		if (!this.isOp(v))
			throw new ExpressionSyntaxError(`expected token '${v}', got '${describe(this.peek())}'`);
		this.p++;
	}

	/** a name (not a keyword) */
	name(): string {
		const t = this.peek();
		if (t.t !== 'name' || this.d.keywords.has(t.v))
			throw new ExpressionSyntaxError(`expected name, got '${describe(t)}'`);
		this.p++;
		return t.v;
	}

	/** consumes the word `v` if it comes next */
	keyword(v: string): boolean {
		if (!this.isName(v)) return false;
		this.p++;
		return true;
	}

	/** nothing may follow */
	end(): void {
		const t = this.peek();
		if (t.t !== 'eof') throw new ExpressionSyntaxError(`unexpected '${t.v}'`);
	}

	// ---- grammar, loosest first ---------------------------------------------------------------------------------

	/** `a if c else b`, or an `or` test */
	expression(): Expr {
		const a = this.or();
		if (!this.keyword('if')) return a;
		const c = this.or();
		if (this.keyword('else')) return { k: 'cond', c, a, b: this.expression() };
		if (this.d.elseRequired)
			throw new ExpressionSyntaxError(`expected token 'else', got '${describe(this.peek())}'`);
		return { k: 'cond', c, a };
	}

	private or(): Expr {
		let a = this.and();
		while (this.keyword('or')) a = { k: 'bool', op: 'or', a, b: this.and() };
		return a;
	}

	private and(): Expr {
		let a = this.not();
		while (this.keyword('and')) a = { k: 'bool', op: 'and', a, b: this.not() };
		return a;
	}

	private not(): Expr {
		if (this.keyword('not')) return { k: 'un', op: 'not', a: this.not() };
		return this.comparison();
	}

	private comparison(): Expr {
		let a = this.binary(0);
		const ops: string[] = [];
		const rest: Expr[] = [];
		for (let op = this.comparisonOperator(); op; op = this.comparisonOperator()) {
			const b = this.binary(0);
			if (this.d.chainedComparisons) {
				ops.push(op);
				rest.push(b);
			} else a = { k: 'cmp', a, ops: [op], rest: [b] };
		}
		return ops.length ? { k: 'cmp', a, ops, rest } : a;
	}

	private comparisonOperator(): string | undefined {
		const t = this.peek();
		if (t.t === 'op' && COMPARISONS.has(t.v)) {
			this.p++;
			return t.v;
		}
		if (this.keyword('in')) return 'in';
		if (this.isName('not') && this.isName('in', 1)) {
			this.p += 2;
			return 'not in';
		}
		if (this.d.identity && this.keyword('is')) return this.keyword('not') ? 'is not' : 'is';
		return undefined;
	}

	/** precedence climbing over the dialect's binary operators */
	private binary(min: number): Expr {
		let a = this.unary();
		for (;;) {
			const t = this.peek();
			const prec = t.t === 'op' && Object.hasOwn(this.d.binary, t.v) ? this.d.binary[t.v] : -1;
			if (prec < min) return a;
			this.p++;
			a = { k: 'bin', op: t.v, a, b: this.binary(prec + 1) };
		}
	}

	private unary(): Expr {
		const t = this.peek();
		if (t.t === 'op' && this.d.prefixOperators.includes(t.v)) {
			this.p++;
			return { k: 'un', op: t.v, a: this.unary() };
		}
		const base = this.postfix(this.atom());
		if (this.d.power && this.isOp('**')) {
			this.p++;
			return { k: 'bin', op: '**', a: base, b: this.unary() };
		}
		return base;
	}

	/** `.name`, `.0` (Jinja), `[i]`, `(args)` and `| filter(args)` (Jinja), in any order */
	private postfix(e: Expr): Expr {
		for (;;) {
			if (this.isOp('.')) {
				this.p++;
				const t = this.peek();
				if (this.d.numericAttributes && t.t === 'num') {
					this.p++;
					e = { k: 'item', o: e, i: { k: 'lit', v: Number(t.v) } };
				} else e = { k: 'attr', o: e, n: this.name() };
			} else if (this.isOp('[')) {
				this.p++;
				const i = this.expression();
				this.expectOp(']');
				e = { k: 'item', o: e, i };
			} else if (this.isOp('(')) {
				e = { k: 'call', f: e, args: this.args() };
			} else if (this.d.filters && this.isOp('|')) {
				this.p++;
				const n = this.name();
				e = { k: 'filter', o: e, n, args: this.isOp('(') ? this.args() : [] };
			} else return e;
		}
	}

	private args(): Arg[] {
		const args: Arg[] = [];
		this.expectOp('(');
		while (!this.isOp(')')) {
			const t = this.peek();
			const next = this.peek(1);
			if (t.t === 'name' && next.t === 'op' && next.v === '=') {
				this.p += 2;
				args.push({ name: t.v, value: this.expression() });
			} else args.push({ value: this.expression() });
			if (!this.isOp(',')) break;
			this.p++;
		}
		this.expectOp(')');
		return args;
	}

	private atom(): Expr {
		const t = this.peek();
		if (t.t === 'eof') throw new ExpressionSyntaxError('unexpected end of template');
		this.p++;
		if (t.t === 'num')
			return { k: 'lit', v: /[.eE]/.test(t.v) ? new PyFloat(Number(t.v)) : Number(t.v) };
		if (t.t === 'str') {
			let s = t.v;
			while (this.peek().t === 'str') s += this.toks[this.p++].v;
			return { k: 'lit', v: s };
		}
		if (t.t === 'name') {
			if (this.d.constants.has(t.v)) return { k: 'lit', v: this.d.constants.get(t.v)! };
			if (this.d.keywords.has(t.v)) throw new ExpressionSyntaxError(`unexpected '${t.v}'`);
			return { k: 'name', n: t.v };
		}
		if (t.v === '(') {
			if (this.d.tuples && this.isOp(')')) {
				this.p++;
				return { k: 'list', items: [] };
			}
			const first = this.expression();
			if (this.d.tuples && this.isOp(',')) {
				const items = [first];
				while (this.isOp(',')) {
					this.p++;
					if (this.isOp(')')) break;
					items.push(this.expression());
				}
				this.expectOp(')');
				return { k: 'list', items };
			}
			this.expectOp(')');
			return first;
		}
		if (t.v === '[') {
			const items: Expr[] = [];
			while (!this.isOp(']')) {
				items.push(this.expression());
				if (!this.isOp(',')) break;
				this.p++;
			}
			this.expectOp(']');
			return { k: 'list', items };
		}
		if (t.v === '{') {
			const keys: Expr[] = [];
			const vals: Expr[] = [];
			while (!this.isOp('}')) {
				keys.push(this.expression());
				this.expectOp(':');
				vals.push(this.expression());
				if (!this.isOp(',')) break;
				this.p++;
			}
			this.expectOp('}');
			return { k: 'dict', keys, vals };
		}
		throw new ExpressionSyntaxError(`unexpected '${t.v}'`);
	}
}

/** One whole expression (nothing may follow it). */
export function parseExpression(src: string, dialect: Dialect): Expr {
	const parser = new ExpressionParser(src, dialect);
	const expr = parser.expression();
	parser.end();
	return expr;
}
