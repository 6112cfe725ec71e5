// A report's filter definitions, from `frappe.desk.query_report.get_script`'s answer: a Query or
// Custom report has them in its Report Filter table (`filters`); a standard Script Report only in
// its JavaScript (`frappe.query_reports["X"] = { filters: [{ fieldname, label: __("…"),
// fieldtype, options, reqd }, …] }`). The JavaScript is read with a small tokenizer, never
// evaluated: literal values are taken, anything computed (functions, calls other than __("…"),
// variables) is left out. Pure.
import type { IDataObject } from 'n8n-workflow';

export interface ReportFilterDefinition {
	fieldname: string;
	label: string;
	fieldtype: string;
	options?: string;
	mandatory: boolean;
	default?: string | number | boolean;
}

type Token =
	| { kind: 'string'; value: string }
	| { kind: 'number'; value: number }
	| { kind: 'name'; value: string }
	| { kind: 'punct'; value: string };

const ESCAPES: Record<string, string> = {
	n: '\n',
	t: '\t',
	r: '\r',
	b: '\b',
	f: '\f',
	v: '\v',
	0: '\0',
};

/**
 * JavaScript source as tokens: strings (escapes decoded), numbers, names, punctuation; comments
 * skipped.
 */
export function tokenize(source: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < source.length) {
		const char = source[index];
		if (/\s/.test(char)) {
			index += 1;
		} else if (source.startsWith('//', index)) {
			const end = source.indexOf('\n', index);
			index = end === -1 ? source.length : end + 1;
		} else if (source.startsWith('/*', index)) {
			const end = source.indexOf('*/', index + 2);
			index = end === -1 ? source.length : end + 2;
		} else if (char === '"' || char === "'" || char === '`') {
			let value = '';
			index += 1;
			while (index < source.length && source[index] !== char) {
				if (source[index] === '\\' && index + 1 < source.length) {
					const next = source[index + 1];
					value += ESCAPES[next] ?? next;
					index += 2;
				} else {
					value += source[index];
					index += 1;
				}
			}
			index += 1;
			tokens.push({ kind: 'string', value });
		} else if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(source[index + 1] ?? ''))) {
			const match = /^(?:0[xX][0-9a-fA-F]+|\d*\.?\d+(?:[eE][+-]?\d+)?)/.exec(source.slice(index));
			const text = match ? match[0] : char;
			tokens.push({ kind: 'number', value: Number(text) });
			index += text.length;
		} else if (/[A-Za-z_$]/.test(char)) {
			const match = /^[A-Za-z_$][\w$]*/.exec(source.slice(index));
			const text = match ? match[0] : char;
			tokens.push({ kind: 'name', value: text });
			index += text.length;
		} else {
			tokens.push({ kind: 'punct', value: char });
			index += 1;
		}
	}
	return tokens;
}

const OPEN: Record<string, string> = { '{': '}', '[': ']', '(': ')' };

/** The index after the bracketed group starting at `start` (an opening bracket). */
function skipGroup(tokens: Token[], start: number): number {
	const stack: string[] = [];
	for (let index = start; index < tokens.length; index++) {
		const token = tokens[index];
		if (token.kind !== 'punct') continue;
		if (OPEN[token.value]) stack.push(OPEN[token.value]);
		else if (token.value === stack[stack.length - 1]) {
			stack.pop();
			if (stack.length === 0) return index + 1;
		}
	}
	return tokens.length;
}

/**
 * A value made only of literals: a string, number, boolean, `-number` or `__("text")`; undefined
 * otherwise.
 */
function literalValue(tokens: Token[]): string | number | boolean | undefined {
	const [first, second, third, fourth] = tokens;
	if (tokens.length === 1) {
		if (first.kind === 'string' || first.kind === 'number') return first.value;
		if (first.kind === 'name' && (first.value === 'true' || first.value === 'false'))
			return first.value === 'true';
		return undefined;
	}
	if (tokens.length === 2 && first.value === '-' && second.kind === 'number') return -second.value;
	if (
		tokens.length === 4 &&
		first.kind === 'name' &&
		first.value === '__' &&
		second.value === '(' &&
		third.kind === 'string' &&
		fourth.value === ')'
	) {
		return third.value;
	}
	return undefined;
}

/** The literal properties of the object literal at `start` (a `{` token). */
function readObject(tokens: Token[], start: number): Record<string, string | number | boolean> {
	const end = skipGroup(tokens, start) - 1;
	const properties: Record<string, string | number | boolean> = {};
	let index = start + 1;
	while (index < end) {
		const key = tokens[index];
		if (
			(key.kind === 'name' || key.kind === 'string') &&
			tokens[index + 1]?.kind === 'punct' &&
			tokens[index + 1].value === ':'
		) {
			let cursor = index + 2;
			const valueTokens: Token[] = [];
			while (cursor < end && !(tokens[cursor].kind === 'punct' && tokens[cursor].value === ',')) {
				const token = tokens[cursor];
				if (token.kind === 'punct' && OPEN[token.value]) {
					const after = skipGroup(tokens, cursor);
					valueTokens.push(...tokens.slice(cursor, after));
					cursor = after;
				} else {
					valueTokens.push(token);
					cursor += 1;
				}
			}
			const value = valueTokens.length > 0 ? literalValue(valueTokens) : undefined;
			if (value !== undefined) properties[String(key.value)] = value;
			index = cursor + 1;
		} else if (key.kind === 'punct' && OPEN[key.value]) {
			index = skipGroup(tokens, index);
		} else {
			index += 1;
		}
	}
	return properties;
}

function definitionFrom(properties: Record<string, unknown>): ReportFilterDefinition | undefined {
	const fieldname = typeof properties.fieldname === 'string' ? properties.fieldname : '';
	if (!fieldname) return undefined;
	const definition: ReportFilterDefinition = {
		fieldname,
		label: typeof properties.label === 'string' && properties.label ? properties.label : fieldname,
		fieldtype: typeof properties.fieldtype === 'string' ? properties.fieldtype : 'Data',
		mandatory: Boolean(Number(properties.reqd ?? properties.mandatory ?? 0)),
	};
	if (typeof properties.options === 'string') definition.options = properties.options;
	const fallback = properties.default;
	if (typeof fallback === 'string' || typeof fallback === 'number' || typeof fallback === 'boolean')
		definition.default = fallback;
	return definition;
}

/**
 * The filter definitions in a report's JavaScript (the first `filters: [ … ]`); [] when there are
 * none to read.
 */
export function filtersFromScript(script: string): ReportFilterDefinition[] {
	const tokens = tokenize(script);
	for (let index = 0; index + 2 < tokens.length; index++) {
		const token = tokens[index];
		if (
			(token.kind === 'name' || token.kind === 'string') &&
			token.value === 'filters' &&
			tokens[index + 1].value === ':' &&
			tokens[index + 2].value === '['
		) {
			const end = skipGroup(tokens, index + 2) - 1;
			const definitions: ReportFilterDefinition[] = [];
			let cursor = index + 3;
			while (cursor < end) {
				if (tokens[cursor].kind === 'punct' && tokens[cursor].value === '{') {
					const definition = definitionFrom(readObject(tokens, cursor));
					if (definition) definitions.push(definition);
					cursor = skipGroup(tokens, cursor);
				} else if (tokens[cursor].kind === 'punct' && OPEN[tokens[cursor].value]) {
					cursor = skipGroup(tokens, cursor);
				} else {
					cursor += 1;
				}
			}
			return definitions;
		}
	}
	return [];
}

/**
 * The filter definitions of get_script's answer: the Report Filter table when it has rows, else the
 * script's.
 */
export function reportFilterDefinitions(answer: unknown): ReportFilterDefinition[] {
	const record = (answer && typeof answer === 'object' ? answer : {}) as IDataObject;
	const table = Array.isArray(record.filters) ? (record.filters as IDataObject[]) : [];
	const fromTable = table
		.map((row) => definitionFrom(row as Record<string, unknown>))
		.filter((definition): definition is ReportFilterDefinition => definition !== undefined);
	if (fromTable.length > 0) return fromTable;
	return typeof record.script === 'string' ? filtersFromScript(record.script) : [];
}

/**
 * The mandatory filters that `filters` leaves empty, in definition order. A default in the
 * definition does not count: the desk fills it in, the server never does.
 */
export function missingMandatoryFilters(
	definitions: ReportFilterDefinition[],
	filters: IDataObject,
): ReportFilterDefinition[] {
	return definitions.filter((definition) => {
		if (!definition.mandatory) return false;
		const value = filters[definition.fieldname];
		return (
			value === undefined ||
			value === null ||
			value === '' ||
			(Array.isArray(value) && value.length === 0)
		);
	});
}
