// Arguments of a whitelisted-method call. Frappe reads them from the JSON body of a
// POST/PUT/DELETE, or from the query string of a GET (with a JSON body it ignores the query string,
// so the two are never mixed).
import type { IDataObject } from 'n8n-workflow';

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Thrown for input the user must fix; the caller turns it into a NodeOperationError. */
export class ArgumentError extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'ArgumentError';
	}
}

/**
 * Checks a method path: a dotted path (`myapp.api.get_balance`), or on v2 `<DocType>/<method>`. A
 * pasted URL or `/api/method/...` is refused with a hint rather than guessed at.
 */
export function validateMethodPath(raw: unknown): string {
	const path = typeof raw === 'string' ? raw.trim() : '';
	if (path === '') {
		throw new ArgumentError(
			'The method is empty',
			'Enter the dotted path of a whitelisted method, e.g. frappe.client.get_count.',
		);
	}
	if (/^(https?:\/\/|\/|api\/)/i.test(path)) {
		throw new ArgumentError(
			`"${path}" is a URL, not a method path`,
			'Enter only the dotted path after /api/method/, e.g. myapp.api.get_balance.',
		);
	}
	if (/[?#]/.test(path)) {
		throw new ArgumentError(
			`The method "${path}" contains "?" or "#"`,
			'Send query arguments as Arguments, not in the method path.',
		);
	}
	return path;
}

export interface ArgumentPair {
	name?: string;
	value?: unknown;
}

/**
 * Name/value pairs → an object; rows without a name are skipped, a repeated name keeps the last
 * value.
 */
export function argumentsFromPairs(pairs: ArgumentPair[] | undefined): IDataObject {
	const result: IDataObject = {};
	for (const pair of pairs ?? []) {
		const name = typeof pair?.name === 'string' ? pair.name.trim() : '';
		if (name === '') continue;
		result[name] = pair.value as IDataObject[string];
	}
	return result;
}

/** The JSON arguments field: an object, or a string holding a JSON object. */
export function parseArgumentsJson(value: unknown): IDataObject {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') return {};
		let parseError: string | undefined;
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			parseError = (error as Error).message;
		}
		if (parseError !== undefined) {
			throw new ArgumentError(
				'The arguments are not valid JSON',
				`Enter a JSON object such as {"doctype": "ToDo"}. (${parseError})`,
			);
		}
	}
	if (parsed === null || parsed === undefined) return {};
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new ArgumentError(
			'The arguments must be a JSON object',
			'Frappe passes arguments to the method by name: enter an object such as {"doctype": "ToDo"}, not a list or a single value.',
		);
	}
	return parsed as IDataObject;
}

/**
 * One query-string value: strings as they are, numbers and booleans as text (`true`, as Frappe's
 * own desk client sends them), objects and lists as JSON (Frappe methods parse JSON text), null as
 * an empty string.
 */
export function toQueryValue(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
		return String(value);
	if (value instanceof Date) return value.toISOString();
	return JSON.stringify(value);
}

/** Where the arguments go for a verb: the query string for GET, a JSON body otherwise. */
export function placeArguments(
	verb: HttpVerb,
	args: IDataObject,
): { qs: Record<string, string> } | { body: IDataObject } {
	if (verb === 'GET') {
		const qs: Record<string, string> = {};
		for (const [name, value] of Object.entries(args)) {
			if (value === undefined) continue;
			qs[name] = toQueryValue(value);
		}
		return { qs };
	}
	return { body: args };
}
