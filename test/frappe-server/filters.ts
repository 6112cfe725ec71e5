// The list query engine (frappe.get_list / DatabaseQuery): fields, filters and or_filters in their dict, list and
// 4-element forms, every operator, child-table joins, order_by, paging, as_dict; with MariaDB-like comparisons
// (case-insensitive strings, ifnull fallbacks, `like` wildcards).
import { FrappeError, frappeThrow, noRolePermission } from './errors';
import { type DocTypeDef, FLOAT_FIELDTYPES, INT_FIELDTYPES, NUMERIC_FIELDTYPES } from './meta';
import { PyJSONDecodeError, pyJsonParse } from './python';
import type { Doc } from './types';
import type { Store } from './store';

export const OPERATORS = [
	'=',
	'!=',
	'>',
	'<',
	'>=',
	'<=',
	'like',
	'not like',
	'in',
	'not in',
	'is',
	'between',
	'timespan',
	'previous',
	'next',
	'ancestors of',
	'descendants of',
	'not ancestors of',
	'not descendants of',
	'descendants of (inclusive)',
];

export interface ListParams {
	fields?: unknown;
	filters?: unknown;
	or_filters?: unknown;
	order_by?: unknown;
	group_by?: unknown;
	limit_start?: unknown;
	limit_page_length?: unknown;
	as_dict?: unknown;
	/** parent doctype, required to list a child doctype */
	parent?: unknown;
	distinct?: unknown;
}

export interface QueryOptions extends ListParams {
	user: string;
	ignorePermissions?: boolean;
	/** the version's default ordering without order_by: v14/v15 none (primary key order), v16 the sort field */
	defaultSort?: boolean;
}

export interface Condition {
	doctype: string;
	fieldname: string;
	operator: string;
	value: unknown;
}

/** json.loads for a query argument: JSONDecodeError (500) like Frappe when the string is not JSON */
export function loadsArg(v: unknown): unknown {
	if (typeof v !== 'string') return v;
	try {
		return pyJsonParse(v);
	} catch (e) {
		if (e instanceof PyJSONDecodeError)
			throw new FrappeError('JSONDecodeError', { message: e.message });
		throw e;
	}
}

/** frappe.client's get_safe_filters: JSON if it parses, else the string itself */
export function safeLoads(v: unknown): unknown {
	if (typeof v !== 'string') return v;
	try {
		const r = pyJsonParse(v);
		return typeof r === 'number' ? String(r) : r;
	} catch {
		return v;
	}
}

function unquoteField(raw: string, doctype: string): { doctype: string; fieldname: string } {
	const s = raw.trim();
	const m = /^`?tab([^`.]+)`?\.`?([^`]+)`?$/.exec(s);
	if (m) return { doctype: m[1], fieldname: m[2] };
	return { doctype, fieldname: s.replace(/`/g, '') };
}

/** normalise filters (dict, list of [f, op, v] / [dt, f, op, v], list of dicts) to conditions */
export function parseFilters(doctype: string, raw: unknown): Condition[] {
	const filters = loadsArg(raw);
	if (filters === null || filters === undefined || filters === '') return [];
	const out: Condition[] = [];
	const push = (f: unknown[]) => {
		let t: unknown[];
		if (f.length === 3) t = [doctype, f[0], f[1], f[2]];
		else if (f.length > 4) t = f.slice(0, 4);
		else if (f.length === 4) t = f;
		else
			throw frappeThrow(
				`Filter must have 4 values (doctype, fieldname, operator, value): ${JSON.stringify(f)}`,
			);
		const op = String(t[2] ?? '=')
			.trim()
			.toLowerCase();
		if (!OPERATORS.includes(op))
			throw frappeThrow(`Operator must be one of ${OPERATORS.join(', ')}`);
		const field = unquoteField(String(t[1]), String(t[0] ?? doctype));
		out.push({ doctype: field.doctype, fieldname: field.fieldname, operator: op, value: t[3] });
	};
	const fromDict = (d: Record<string, unknown>) => {
		for (const [k, v] of Object.entries(d)) {
			if (Array.isArray(v)) push([doctype, k, v[0], v[1]]);
			else push([doctype, k, '=', v]);
		}
	};
	if (Array.isArray(filters)) {
		if (filters.length && !Array.isArray(filters[0]) && typeof filters[0] !== 'object')
			push(filters);
		else
			for (const f of filters) {
				if (Array.isArray(f)) push(f);
				else if (f && typeof f === 'object') fromDict(f as Record<string, unknown>);
				else throw frappeThrow('Filter must be a tuple or list (in a list)');
			}
	} else if (filters && typeof filters === 'object') fromDict(filters as Record<string, unknown>);
	else throw frappeThrow('Filter must be a tuple or list (in a list)');
	return out;
}

// ---- comparisons ---------------------------------------------------------------------------------------------

const collate = (v: unknown): string =>
	String(v)
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/\s+$/, '');

function isNumericType(ft: string): boolean {
	return NUMERIC_FIELDTYPES.has(ft);
}

function fallback(ft: string): unknown {
	if (isNumericType(ft)) return 0;
	if (ft === 'Date') return '0001-01-01';
	if (ft === 'Datetime') return '0001-01-01 00:00:00.000000';
	if (ft === 'Time') return '00:00:00';
	return '';
}

function cmp(ft: string, a: unknown, b: unknown): number {
	if (isNumericType(ft) || (typeof a === 'number' && typeof b === 'number')) {
		const x = Number(a ?? 0);
		const y = Number(b ?? 0);
		return x < y ? -1 : x > y ? 1 : 0;
	}
	const x = collate(a ?? '');
	const y = collate(b ?? '');
	return x < y ? -1 : x > y ? 1 : 0;
}

function likeRegex(pattern: string): RegExp {
	let re = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '\\' && i + 1 < pattern.length)
			re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		else if (c === '%') re += '[\\s\\S]*';
		else if (c === '_') re += '[\\s\\S]';
		else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${re}$`, 'i');
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

function timespanRange(span: string, now = new Date()): [string, string] | null {
	const s = span.toLowerCase().trim();
	const day = (offset: number) => {
		const d = new Date(now);
		d.setDate(d.getDate() + offset);
		return ymd(d);
	};
	const startOfWeek = (d: Date) => {
		const x = new Date(d);
		x.setDate(x.getDate() - ((x.getDay() + 6) % 7));
		return x;
	};
	const monthRange = (y: number, m: number, months = 1): [string, string] => [
		ymd(new Date(y, m, 1)),
		ymd(new Date(y, m + months, 0)),
	];
	const y = now.getFullYear();
	const m = now.getMonth();
	const q = Math.floor(m / 3) * 3;
	switch (s) {
		case 'today':
			return [day(0), day(0)];
		case 'yesterday':
			return [day(-1), day(-1)];
		case 'tomorrow':
			return [day(1), day(1)];
		case 'this week': {
			const a = startOfWeek(now);
			const b = new Date(a);
			b.setDate(b.getDate() + 6);
			return [ymd(a), ymd(b)];
		}
		case 'last week': {
			const a = startOfWeek(now);
			a.setDate(a.getDate() - 7);
			const b = new Date(a);
			b.setDate(b.getDate() + 6);
			return [ymd(a), ymd(b)];
		}
		case 'next week': {
			const a = startOfWeek(now);
			a.setDate(a.getDate() + 7);
			const b = new Date(a);
			b.setDate(b.getDate() + 6);
			return [ymd(a), ymd(b)];
		}
		case 'this month':
			return monthRange(y, m);
		case 'last month':
			return monthRange(y, m - 1);
		case 'next month':
			return monthRange(y, m + 1);
		case 'this quarter':
			return monthRange(y, q, 3);
		case 'last quarter':
			return monthRange(y, q - 3, 3);
		case 'next quarter':
			return monthRange(y, q + 3, 3);
		case 'last 6 months':
			return [ymd(new Date(y, m - 6, now.getDate())), day(0)];
		case 'next 6 months':
			return [day(0), ymd(new Date(y, m + 6, now.getDate()))];
		case 'this year':
			return [`${y}-01-01`, `${y}-12-31`];
		case 'last year':
			return [`${y - 1}-01-01`, `${y - 1}-12-31`];
		case 'next year':
			return [`${y + 1}-01-01`, `${y + 1}-12-31`];
	}
	return null;
}

function betweenBounds(ft: string, value: unknown): [unknown, unknown] {
	const v = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: [value, value];
	let [a, b] = [v[0], v[1] ?? v[0]];
	if (ft === 'Datetime') {
		if (typeof a === 'string' && a.length === 10) a = `${a} 00:00:00.000000`;
		if (typeof b === 'string' && b.length === 10) b = `${b} 23:59:59.999999`;
	}
	return [a, b];
}

function matches(meta: DocTypeDef, ft: string, actual: unknown, cond: Condition): boolean {
	const op = cond.operator;
	const value = cond.value;
	const v = actual ?? fallback(ft);
	switch (op) {
		case '=':
			return cmp(ft, v, value ?? fallback(ft)) === 0;
		case '!=':
			return cmp(ft, v, value ?? fallback(ft)) !== 0;
		case '>':
			return cmp(ft, v, value) > 0;
		case '<':
			return cmp(ft, v, value) < 0;
		case '>=':
			return cmp(ft, v, value) >= 0;
		case '<=':
			return cmp(ft, v, value) <= 0;
		case 'like':
		case 'not like': {
			const r = likeRegex(String(value ?? '')).test(String(actual ?? ''));
			return op === 'like' ? r : !r;
		}
		case 'in':
		case 'not in': {
			const list = (
				Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value]
			).map((x) => (typeof x === 'string' ? x.trim() : (x ?? '')));
			const hit = list.some((x) => cmp(ft, actual ?? '', x) === 0);
			return op === 'in' ? hit : !hit;
		}
		case 'is': {
			const isSet = actual !== null && actual !== undefined && actual !== '';
			return String(value).toLowerCase() === 'set' ? isSet : !isSet;
		}
		case 'between': {
			const [a, b] = betweenBounds(ft, value);
			if (actual === null || actual === undefined) return false;
			return cmp(ft, actual, a) >= 0 && cmp(ft, actual, b) <= 0;
		}
		case 'timespan':
		case 'previous':
		case 'next': {
			let span = String(value ?? '');
			if (op !== 'timespan')
				span = `${op === 'previous' ? 'last' : 'next'} ${span.replace(/^1 /, '')}`.replace(
					/s$/,
					'',
				);
			const range = timespanRange(span);
			if (!range || actual === null || actual === undefined) return false;
			const [a, b] = betweenBounds(ft, range);
			return cmp(ft, actual, a) >= 0 && cmp(ft, actual, b) <= 0;
		}
		default:
			void meta;
			return false;
	}
}

// ---- fields --------------------------------------------------------------------------------------------------

interface FieldSel {
	doctype: string;
	fieldname: string;
	key: string;
	agg?: string;
}

function parseFields(store: Store, meta: DocTypeDef, raw: unknown): FieldSel[] {
	let fields: unknown = raw;
	if (typeof fields === 'string') {
		if (fields.trim() === '*') fields = ['*'];
		else {
			const text = fields;
			try {
				fields = pyJsonParse(text);
			} catch {
				fields = text.split(',').map((x) => x.trim());
			}
		}
	}
	if (fields === null || fields === undefined || (Array.isArray(fields) && fields.length === 0))
		fields = ['name'];
	if (!Array.isArray(fields)) fields = [String(fields)];
	const out: FieldSel[] = [];
	for (const item of fields as unknown[]) {
		let s = String(item).trim();
		let alias: string | undefined;
		const asm = /^(.*?)\s+as\s+`?([\w ]+?)`?$/i.exec(s);
		if (asm) {
			s = asm[1].trim();
			alias = asm[2];
		}
		const aggm = /^(count|sum|avg|min|max)\s*\(\s*(distinct\s+)?(.*?)\s*\)$/i.exec(s);
		if (aggm) {
			const inner = aggm[3] === '*' ? 'name' : aggm[3];
			const f = unquoteField(inner, meta.name);
			out.push({
				doctype: f.doctype,
				fieldname: f.fieldname,
				key: alias ?? s,
				agg: aggm[1].toLowerCase(),
			});
			continue;
		}
		if (s === '*' || s === '`tab' + meta.name + '`.*') {
			for (const c of meta.columns()) out.push({ doctype: meta.name, fieldname: c, key: c });
			continue;
		}
		let f = unquoteField(s, meta.name);
		const dotted = /^([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)$/i.exec(s);
		if (dotted && !s.startsWith('tab') && !s.startsWith('`')) {
			const tf = meta.field(dotted[1]);
			if (tf && (tf.fieldtype === 'Table' || tf.fieldtype === 'Table MultiSelect'))
				f = { doctype: tf.options as string, fieldname: dotted[2] };
		}
		const target = f.doctype === meta.name ? meta : store.getMeta(f.doctype);
		if (!target || !target.hasColumn(f.fieldname))
			throw frappeThrow(`Field not permitted in query: ${f.fieldname}`, 'DataError');
		out.push({ doctype: f.doctype, fieldname: f.fieldname, key: alias ?? f.fieldname });
	}
	return out;
}

function parseOrderBy(
	meta: DocTypeDef,
	raw: unknown,
): { doctype: string; fieldname: string; desc: boolean }[] {
	if (raw === null || raw === undefined || raw === '') return [];
	return String(raw)
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => {
			const m = /^(.*?)(?:\s+(asc|desc))?$/i.exec(part)!;
			const f = unquoteField(m[1], meta.name);
			return { ...f, desc: (m[2] ?? 'asc').toLowerCase() === 'desc' };
		});
}

// ---- query ---------------------------------------------------------------------------------------------------

function childTableField(meta: DocTypeDef, childDoctype: string): string | undefined {
	return meta.tableFields().find((t) => t.options === childDoctype)?.fieldname as
		string | undefined;
}

interface JoinedRow {
	parent: Doc;
	child: Record<string, Doc | null>;
}

function prepare(store: Store, doctype: string, opts: QueryOptions) {
	const meta = store.requireMeta(doctype);
	if (meta.issingle)
		throw new FrappeError('ProgrammingError', { message: `('DocType', '${doctype}')` });
	let parentDoctype: string | undefined;
	if (meta.istable) {
		const parent = typeof opts.parent === 'string' && opts.parent ? opts.parent : undefined;
		if (!opts.ignorePermissions || parent) {
			if (!parent) throw new FrappeError('PermissionError');
			const pm = store.getMeta(parent);
			if (
				!pm ||
				!(
					pm.tableFields().some((t) => t.options === doctype) ||
					((doctype === 'DocField' || doctype === 'DocPerm') && parent === 'DocType')
				)
			) {
				throw new FrappeError('PermissionError');
			}
			if (
				!opts.ignorePermissions &&
				!store.hasRolePermission(opts.user, parent, 'read') &&
				!(parent === 'DocType' && opts.user !== 'Guest')
			) {
				throw noRolePermission(opts.user, parent);
			}
			parentDoctype = parent === 'DocType' ? undefined : parent;
		}
	} else if (
		!opts.ignorePermissions &&
		!store.hasRolePermission(opts.user, doctype, 'read') &&
		!store.hasRolePermission(opts.user, doctype, 'select')
	) {
		throw noRolePermission(opts.user, doctype);
	}
	const conditions = parseFilters(doctype, opts.filters);
	const orConditions = parseFilters(doctype, opts.or_filters);
	const all = [...conditions, ...orConditions];
	const childDoctypes = new Set<string>();
	for (const c of all) if (c.doctype !== doctype) childDoctypes.add(c.doctype);
	for (const c of all) {
		const target = c.doctype === doctype ? meta : store.getMeta(c.doctype);
		if (
			!target ||
			(c.doctype !== doctype && !childTableField(meta, c.doctype)) ||
			!target.hasColumn(c.fieldname)
		) {
			throw new FrappeError('OperationalError', {
				message: `(1054, "Unknown column '${c.fieldname}' in 'where clause'")`,
			});
		}
	}
	const fields = parseFields(store, meta, opts.fields);
	for (const f of fields) if (f.doctype !== doctype) childDoctypes.add(f.doctype);
	for (const cd of childDoctypes)
		if (!childTableField(meta, cd))
			throw frappeThrow(`Field not permitted in query: ${cd}`, 'DataError');

	let rows = store.rowsOf(doctype, parentDoctype);
	if (meta.istable && opts.parent === 'DocType')
		rows = rows.filter((r) => r.parenttype === 'DocType');
	if (!opts.ignorePermissions) {
		const rule = store.rowFilter(opts.user, doctype);
		if (rule) rows = rows.filter(rule);
	}
	// left join the child tables that are referenced
	let joined: JoinedRow[] = rows.map((r) => ({ parent: r, child: {} }));
	for (const cd of childDoctypes) {
		const tf = childTableField(meta, cd)!;
		const next: JoinedRow[] = [];
		for (const j of joined) {
			const kids = (j.parent[tf] as Doc[]) ?? [];
			if (!kids.length) next.push({ parent: j.parent, child: { ...j.child, [cd]: null } });
			for (const k of kids) next.push({ parent: j.parent, child: { ...j.child, [cd]: k } });
		}
		joined = next;
	}
	const valueOf = (j: JoinedRow, dt: string, fieldname: string): unknown => {
		if (dt === doctype) return j.parent[fieldname] ?? null;
		return j.child[dt]?.[fieldname] ?? null;
	};
	const ftOf = (dt: string, fieldname: string) =>
		(dt === doctype ? meta : store.getMeta(dt)!).fieldtype(fieldname);
	const test = (j: JoinedRow, c: Condition) => {
		const target = c.doctype === doctype ? meta : store.getMeta(c.doctype)!;
		return matches(target, ftOf(c.doctype, c.fieldname), valueOf(j, c.doctype, c.fieldname), c);
	};
	joined = joined.filter(
		(j) =>
			conditions.every((c) => test(j, c)) &&
			(orConditions.length === 0 || orConditions.some((c) => test(j, c))),
	);
	return { meta, fields, joined, valueOf, ftOf };
}

/** frappe.get_list: rows as dicts (or lists when as_dict is false) */
export function runQuery(store: Store, doctype: string, opts: QueryOptions): Doc[] | unknown[][] {
	const { meta, fields, joined, valueOf, ftOf } = prepare(store, doctype, opts);
	let rows = joined;
	const order = parseOrderBy(meta, opts.order_by);
	if (!order.length && opts.defaultSort) {
		const sf = (meta.props.sort_field as string) || 'modified';
		order.push({
			doctype,
			fieldname: sf,
			desc: String(meta.props.sort_order ?? 'DESC').toUpperCase() === 'DESC',
		});
	}
	if (!order.length) order.push({ doctype, fieldname: 'name', desc: false });
	// Each row's sort keys are computed once (collation is costly), then compared as cmp() would compare the values.
	const types = order.map((o) =>
		store.getMeta(o.doctype) ? ftOf(o.doctype, o.fieldname) : 'Data',
	);
	const keyed = rows.map((row) => ({
		row,
		keys: order.map((o, i) => {
			const v = valueOf(row, o.doctype, o.fieldname);
			if (v === null) return null;
			const num = isNumericType(types[i]) ? Number(v ?? 0) : typeof v === 'number' ? v : undefined;
			return { num, str: num !== undefined && isNumericType(types[i]) ? '' : collate(v) };
		}),
	}));
	keyed.sort((a, b) => {
		for (let i = 0; i < order.length; i++) {
			const x = a.keys[i];
			const y = b.keys[i];
			let c: number;
			if (x === null && y === null) c = 0;
			else if (x === null) c = -1;
			else if (y === null) c = 1;
			else if (x.num !== undefined && y.num !== undefined)
				c = x.num < y.num ? -1 : x.num > y.num ? 1 : 0;
			else c = x.str < y.str ? -1 : x.str > y.str ? 1 : 0;
			if (c !== 0) return order[i].desc ? -c : c;
		}
		return 0;
	});
	rows = keyed.map(({ row }) => row);
	const aggregate = fields.some((f) => f.agg);
	let result: Doc[];
	if (aggregate || opts.group_by) {
		const groupBy = opts.group_by ? unquoteField(String(opts.group_by), doctype) : null;
		const groups = new Map<string, JoinedRow[]>();
		for (const r of rows) {
			const k = groupBy ? JSON.stringify(valueOf(r, groupBy.doctype, groupBy.fieldname)) : '';
			if (!groups.has(k)) groups.set(k, []);
			groups.get(k)!.push(r);
		}
		if (!groupBy && !groups.size) groups.set('', []);
		result = [...groups.values()].map((g) => {
			const out: Doc = {};
			for (const f of fields) {
				const vals = g.map((r) => valueOf(r, f.doctype, f.fieldname));
				if (!f.agg) out[f.key] = vals[0] ?? null;
				else if (f.agg === 'count')
					out[f.key] = vals.filter((v) => v !== null && v !== undefined).length;
				else {
					const nums = vals.filter((v) => v !== null && v !== undefined).map(Number);
					if (f.agg === 'sum') out[f.key] = nums.reduce((s, x) => s + x, 0);
					else if (f.agg === 'avg')
						out[f.key] = nums.length ? nums.reduce((s, x) => s + x, 0) / nums.length : null;
					else if (f.agg === 'min') out[f.key] = nums.length ? Math.min(...nums) : null;
					else out[f.key] = nums.length ? Math.max(...nums) : null;
				}
			}
			return out;
		});
	} else {
		result = rows.map((r) => {
			const out: Doc = {};
			for (const f of fields) {
				let v = valueOf(r, f.doctype, f.fieldname);
				const ft = ftOf(f.doctype, f.fieldname);
				if (
					v !== null &&
					(INT_FIELDTYPES.has(ft) || FLOAT_FIELDTYPES.has(ft)) &&
					typeof v === 'string'
				)
					v = Number(v);
				out[f.key] = v;
			}
			return out;
		});
	}
	if (opts.distinct) {
		const seen = new Set<string>();
		result = result.filter((r) => {
			const k = JSON.stringify(r);
			if (seen.has(k)) return false;
			seen.add(k);
			return true;
		});
	}
	const start = Math.max(0, parseInt(String(opts.limit_start ?? 0), 10) || 0);
	const length = parseInt(String(opts.limit_page_length ?? 0), 10) || 0;
	result = length > 0 ? result.slice(start, start + length) : result.slice(start);
	const asDict = opts.as_dict === undefined || opts.as_dict === null ? true : sbool(opts.as_dict);
	if (!asDict) return result.map((r) => fields.map((f) => r[f.key]));
	return result;
}

/** number of matching rows */
export function countQuery(store: Store, doctype: string, opts: QueryOptions): number {
	const { joined } = prepare(store, doctype, { ...opts, fields: ['name'] });
	if (opts.distinct) return new Set(joined.map((j) => j.parent.name)).size;
	return joined.length;
}

/** frappe.utils.sbool */
export function sbool(v: unknown): boolean {
	if (typeof v === 'boolean') return v;
	if (typeof v === 'number') return v !== 0;
	const s = String(v).toLowerCase();
	if (['false', '0', 'no', 'off', ''].includes(s)) return false;
	return true;
}
