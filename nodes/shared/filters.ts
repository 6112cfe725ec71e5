// Frappe list filters, built from the node's filter rows or from raw JSON, always in the list form
// `[[field, operator, value], …]` (or `[doctype, field, operator, value]` for a child-table
// field). The doctype is never put into a plain filter, so a doctype whose name has a space works
// (n8n issue #19271). Pure: no n8n context.

/**
 * Every operator Frappe's `frappe.model.db_query` accepts, as the node offers them. The option
 * values are words, because n8n reads any parameter value that starts with "=" as an expression;
 * `frappe` is what is sent.
 */
export const FILTER_OPERATORS = [
	{ name: 'Equals (=)', value: 'equals', frappe: '=' },
	{ name: 'Not Equals (!=)', value: 'notEquals', frappe: '!=' },
	{ name: 'Greater Than (>)', value: 'greater', frappe: '>' },
	{ name: 'Less Than (<)', value: 'less', frappe: '<' },
	{ name: 'Greater Than or Equal (>=)', value: 'greaterOrEqual', frappe: '>=' },
	{ name: 'Less Than or Equal (<=)', value: 'lessOrEqual', frappe: '<=' },
	{
		name: 'Like',
		value: 'like',
		frappe: 'like',
		description: 'SQL LIKE: % is any text, _ any one character, e.g. %widget%',
	},
	{
		name: 'Not Like',
		value: 'notLike',
		frappe: 'not like',
		description: 'SQL NOT LIKE: % is any text, _ any one character',
	},
	{
		name: 'In',
		value: 'in',
		frappe: 'in',
		description: 'One of a list: comma-separated, or a JSON array',
	},
	{
		name: 'Not In',
		value: 'notIn',
		frappe: 'not in',
		description: 'None of a list: comma-separated, or a JSON array',
	},
	{
		name: 'Is Set',
		value: 'isSet',
		frappe: 'is set',
		description: 'The field has a value (no value needed)',
	},
	{
		name: 'Is Not Set',
		value: 'isNotSet',
		frappe: 'is not set',
		description: 'The field is empty (no value needed)',
	},
	{
		name: 'Between',
		value: 'between',
		frappe: 'between',
		description: 'Two values, inclusive: "from, to" or a JSON array',
	},
	{
		name: 'Timespan',
		value: 'timespan',
		frappe: 'timespan',
		description: 'A date range by name, e.g. "last week", "this month"',
	},
	{
		name: 'Previous',
		value: 'previous',
		frappe: 'previous',
		description: 'Dates within a past period, e.g. "1 week", "6 months"',
	},
	{
		name: 'Next',
		value: 'next',
		frappe: 'next',
		description: 'Dates within a coming period, e.g. "1 week", "6 months"',
	},
	{
		name: 'Descendants Of',
		value: 'descendantsOf',
		frappe: 'descendants of',
		description: 'Tree doctypes: below the given node',
	},
	{
		name: 'Descendants Of (Inclusive)',
		value: 'descendantsOfInclusive',
		frappe: 'descendants of (inclusive)',
		description: 'Tree doctypes: the given node and below',
	},
	{
		name: 'Not Descendants Of',
		value: 'notDescendantsOf',
		frappe: 'not descendants of',
		description: 'Tree doctypes: not below the given node',
	},
	{
		name: 'Ancestors Of',
		value: 'ancestorsOf',
		frappe: 'ancestors of',
		description: 'Tree doctypes: above the given node',
	},
	{
		name: 'Not Ancestors Of',
		value: 'notAncestorsOf',
		frappe: 'not ancestors of',
		description: 'Tree doctypes: not above the given node',
	},
] as const;

export type FilterOperator = (typeof FILTER_OPERATORS)[number]['value'];

/**
 * The Frappe operator for a builder option value; Frappe's own spelling (e.g. from an expression)
 * is read too.
 */
const FRAPPE_OPERATOR = new Map<string, string>(
	FILTER_OPERATORS.flatMap((operator) => [
		[operator.value.toLowerCase(), operator.frappe],
		[operator.frappe, operator.frappe],
	]),
);

/** One row of the node's filter builder. */
export interface FilterCondition {
	field: string;
	operator: string;
	value?: unknown;
}

/**
 * A Frappe filter in list form: `[field, operator, value]`, or `[doctype, field, operator, value]`.
 */
export type FrappeFilter = [string, string, unknown] | [string, string, string, unknown];

export class FilterError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FilterError';
	}
}

/** A list value: a JSON array as given, or comma-separated text split and trimmed. */
function listValue(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (value === undefined || value === null) return [];
	if (typeof value !== 'string') return [value];
	const text = value.trim();
	if (text.startsWith('[')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			if (Array.isArray(parsed)) return parsed;
		} catch {
			// not JSON: fall through to the comma-separated reading
		}
	}
	return text
		.split(',')
		.map((part) => part.trim())
		.filter((part) => part !== '');
}

/**
 * Turns one builder row into a Frappe filter; values keep their JSON types (numbers stay numbers).
 */
export function conditionToFilter(condition: FilterCondition): FrappeFilter {
	const field = String(condition.field ?? '').trim();
	const operator = FRAPPE_OPERATOR.get(
		String(condition.operator ?? 'equals')
			.trim()
			.toLowerCase(),
	);
	if (field === '') throw new FilterError('A filter has no field: choose the field to filter on');
	if (operator === undefined) {
		throw new FilterError(`Unknown filter operator "${condition.operator}" on field "${field}"`);
	}
	switch (operator) {
		case 'is set':
			return [field, 'is', 'set'];
		case 'is not set':
			return [field, 'is', 'not set'];
		case 'in':
		case 'not in':
			return [field, operator, listValue(condition.value)];
		case 'between': {
			const range = listValue(condition.value);
			if (range.length !== 2) {
				throw new FilterError(
					`The "between" filter on "${field}" needs exactly two values, e.g. "2024-01-01, 2024-01-31"`,
				);
			}
			return [field, operator, range];
		}
		default:
			return [field, operator, condition.value ?? ''];
	}
}

function parseJson(text: string, what: string): unknown {
	let problem: string;
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		problem = (error as Error).message;
	}
	throw new FilterError(`${what} is not valid JSON: ${problem}`);
}

/**
 * Reads filters given as JSON in any form Frappe accepts: a list of `[field, operator, value]` (or
 * with the doctype first), or an object `{"field": value}` / `{"field": [operator, value]}`.
 * Returns the list form.
 */
export function normalizeFilters(input: unknown, what = 'Filters (JSON)'): FrappeFilter[] {
	if (input === undefined || input === null || input === '') return [];
	const value =
		typeof input === 'string' ? (input.trim() === '' ? [] : parseJson(input, what)) : input;
	if (Array.isArray(value)) {
		return value.map((entry, index) => {
			if (!Array.isArray(entry) || entry.length < 2 || entry.length > 4) {
				throw new FilterError(
					`${what}: entry ${index + 1} must be [field, operator, value] or [doctype, field, operator, value]`,
				);
			}
			if (entry.length === 2) return [String(entry[0]), '=', entry[1]] as FrappeFilter;
			return entry as FrappeFilter;
		});
	}
	if (value && typeof value === 'object') {
		return Object.entries(value as Record<string, unknown>).map(([field, condition]) =>
			Array.isArray(condition) && condition.length === 2 && typeof condition[0] === 'string'
				? ([field, condition[0], condition[1]] as FrappeFilter)
				: ([field, '=', condition] as FrappeFilter),
		);
	}
	throw new FilterError(`${what} must be a JSON array of filters or an object of field values`);
}

/** Builder rows and JSON filters together, ANDed (or ORed, for OR filters) by Frappe. */
export function buildFilters(
	conditions: FilterCondition[] | undefined,
	json?: unknown,
	what?: string,
): FrappeFilter[] {
	return [...(conditions ?? []).map(conditionToFilter), ...normalizeFilters(json, what)];
}

/**
 * Whether any filter reaches into a child table (the four-element form), which makes Frappe join
 * tables.
 */
export function joinsChildTable(filters: FrappeFilter[]): boolean {
	return filters.some((filter) => filter.length === 4);
}

export const DEFAULT_ORDER_BY = 'modified desc';

const SIMPLE_TERM = /^`?([A-Za-z_][\w]*)`?(?:\s+(asc|desc))?$/i;

/**
 * The ORDER BY to send: Frappe 14/15 apply no order to a list unless told, so pages could overlap
 * or skip rows. The user's order (default `modified desc`) always gets `name` as a tie-breaker, so
 * the order is total. When a filter joins a child table, bare column names are qualified with the
 * doctype's table, or MariaDB would find them ambiguous.
 */
export function orderByClause(
	orderBy: string | undefined,
	doctype: string,
	qualify = false,
): string {
	const terms = (orderBy ?? '').trim() === '' ? [DEFAULT_ORDER_BY] : splitTerms(String(orderBy));
	const parsed = terms.map((term) => ({ term, simple: SIMPLE_TERM.exec(term) }));
	const hasName = parsed.some(({ simple }) => simple?.[1] === 'name');
	// The tie-breaker follows the last term's direction (SQL's default, ascending, when it names
	// none).
	const lastDirection = (parsed[parsed.length - 1]?.simple?.[2] ?? 'asc').toLowerCase();
	if (!hasName)
		parsed.push({
			term: `name ${lastDirection}`,
			simple: SIMPLE_TERM.exec(`name ${lastDirection}`),
		});
	return parsed
		.map(({ term, simple }) => {
			if (!qualify || !simple) return term;
			const direction = simple[2] ? ` ${simple[2].toLowerCase()}` : '';
			return `\`tab${doctype}\`.\`${simple[1]}\`${direction}`;
		})
		.join(', ');
}

function splitTerms(orderBy: string): string[] {
	return orderBy
		.split(',')
		.map((term) => term.trim())
		.filter((term) => term !== '');
}
