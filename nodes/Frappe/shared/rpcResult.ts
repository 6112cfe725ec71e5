// What a whitelisted-method call returns, as n8n items: v1 wraps the return value in `message`, v2 in `data`
// (either key is omitted when the method returns None). Lists can become one item per element; scalars are
// wrapped as `{ result }`. The whole response can be returned instead, with `_server_messages` decoded.
import type { IDataObject } from 'n8n-workflow';

import { stripHtml } from './errors';

export interface ShapeOptions {
	apiVersion: 'v1' | 'v2' | string;
	/** Return the whole response body (one item) instead of the unwrapped result. */
	fullResponse?: boolean;
	/** Turn a list result into one item per element (default true). */
	splitList?: boolean;
}

function isPlainObject(value: unknown): value is IDataObject {
	return (
		typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
	);
}

function parseJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/**
 * `_server_messages` (a JSON list of JSON-encoded message dicts) → the message dicts (`message`, `title`,
 * `indicator`…), Frappe's internal `__frappe_exc_id` dropped. A plain string becomes `{ message }`.
 */
export function decodeServerMessageList(raw: unknown): IDataObject[] {
	const outer = parseJson(raw);
	if (!Array.isArray(outer)) return typeof raw === 'string' && raw !== '' ? [{ message: raw }] : [];
	return outer.map((entry) => {
		const decoded = parseJson(entry);
		if (!isPlainObject(decoded)) return { message: decoded as string };
		const copy = { ...decoded };
		delete copy.__frappe_exc_id;
		return copy;
	});
}

/** The response body with `_server_messages` and `_debug_messages` decoded from their JSON text. */
export function decodeRpcResponse(body: unknown): IDataObject {
	if (!isPlainObject(body)) return { result: (body ?? null) as IDataObject[string] };
	const decoded: IDataObject = { ...body };
	if ('_server_messages' in decoded)
		decoded._server_messages = decodeServerMessageList(decoded._server_messages);
	if (typeof decoded._debug_messages === 'string') {
		decoded._debug_messages = parseJson(decoded._debug_messages) as IDataObject[string];
	}
	return decoded;
}

/** Keys Frappe adds around a method's return value; a body made only of these carries no result of its own. */
const ENVELOPE_KEYS = new Set([
	'_server_messages',
	'_debug_messages',
	'_error_message',
	'session_expired',
]);

/**
 * The method's return value: `message` (v1) or `data` (v2). When that key is absent the method returned None,
 * unless the body holds something else (e.g. `docs` from getdoctype, or an unwrapped body such as OAuth's):
 * then the decoded body is the result.
 */
export function unwrapRpcResult(body: unknown, apiVersion: string): unknown {
	if (!isPlainObject(body)) return body ?? null;
	const key = apiVersion === 'v2' ? 'data' : 'message';
	if (key in body) return body[key] ?? null;
	const others = Object.keys(body).filter((name) => !ENVELOPE_KEYS.has(name));
	if (others.length === 0) return null;
	return decodeRpcResponse(body);
}

/** The JSON of the items a method's response becomes. */
export function shapeRpcResult(body: unknown, options: ShapeOptions): IDataObject[] {
	if (options.fullResponse) return [decodeRpcResponse(body)];
	const result = unwrapRpcResult(body, options.apiVersion);
	if (Array.isArray(result)) {
		if (options.splitList === false) return [{ result }];
		return result.map((element) =>
			isPlainObject(element) ? element : { result: element as IDataObject[string] },
		);
	}
	if (isPlainObject(result)) return [result];
	return [{ result: result as IDataObject[string] }];
}

export interface MethodErrorFacts {
	status: number;
	/** Frappe's message, already unpacked. */
	message: string;
	excType?: string;
	methodPath: string;
	verb: string;
}

export interface MethodErrorExplanation {
	message: string;
	description: string;
}

/**
 * Says in words what Frappe's answer to a failed method call means, when it is one of the RPC-specific cases
 * (Frappe reports a missing method as a 417, not a 404). Undefined for anything else.
 */
export function explainMethodError(facts: MethodErrorFacts): MethodErrorExplanation | undefined {
	const { status, methodPath, verb } = facts;
	const said = stripHtml(facts.message).replace(/\s+/g, ' ').trim();
	const frappeSaid = said ? ` Frappe said: "${said}"` : '';
	if (status === 417 && /Failed to get method/i.test(said)) {
		const appMissing = /App (\S+) is not installed/i.exec(said);
		return {
			message: `The method "${methodPath}" does not exist on this Frappe site`,
			description:
				(appMissing
					? `The app "${appMissing[1]}" is not installed on the site.`
					: 'Check the dotted path (module.function, case-sensitive) and that the app providing it is installed.') +
				frappeSaid,
		};
	}
	if (status === 403 && /is not whitelisted/i.test(said)) {
		return {
			message: `The method "${methodPath}" is not whitelisted`,
			description:
				'Only Python functions decorated with @frappe.whitelist() can be called over the API (and only those with allow_guest=True without logging in).' +
				frappeSaid,
		};
	}
	if (status === 403 && /^Not permitted\.?$/i.test(said)) {
		return {
			message: `Frappe refused HTTP ${verb} for the method "${methodPath}"`,
			description: `A whitelisted method can limit the HTTP methods it accepts (e.g. @frappe.whitelist(methods=["POST"])) and answers 403 "Not permitted" to any other. Choose another HTTP Method${
				verb === 'GET' ? ' (POST for anything that changes data)' : ''
			}; if the verb is right, the user lacks a permission the method checks.`,
		};
	}
	if (
		status === 500 &&
		facts.excType === 'TypeError' &&
		/missing \d+ required (?:positional |keyword-only )?arguments?|unexpected keyword argument/i.test(
			said,
		)
	) {
		return {
			message: `The method "${methodPath}" was called with the wrong arguments`,
			description: `Check the names of the Arguments against the method's parameters.${frappeSaid}`,
		};
	}
	return undefined;
}
