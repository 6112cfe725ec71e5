// What a whitelisted-method call returns, as n8n items: v1 wraps the return value in `message`, v2
// in `data` (either key is omitted when the method returns None). Lists can become one item per
// element; scalars are wrapped as `{ result }`. The whole response can be returned instead, with
// `_server_messages` decoded.
import type { IDataObject } from 'n8n-workflow';

import { decodeServerMessageList, parseJson } from './errors';

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

/**
 * Keys Frappe adds around a method's return value; a body made only of these carries no result of
 * its own.
 */
const ENVELOPE_KEYS = new Set([
	'_server_messages',
	'_debug_messages',
	'_error_message',
	'session_expired',
]);

/**
 * The method's return value: `message` (v1) or `data` (v2). When that key is absent the method
 * returned None, unless the body holds something else (e.g. `docs` from getdoctype, or an unwrapped
 * body such as OAuth's): then the decoded body is the result.
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
