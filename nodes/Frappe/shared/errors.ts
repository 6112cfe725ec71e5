// Turns Frappe's error responses into one readable message. Frappe v1 sends `_server_messages` as a JSON string
// holding a list of JSON strings (each a message dict), plus `exc_type`, `exception` and a Python traceback in
// `exc`; v2 sends `errors[]`. Tracebacks never reach the user.

export interface FrappeErrorSummary {
	httpCode: string;
	/** Frappe's own words, HTML stripped; several messages joined with a blank line. */
	message: string;
	/** What the user can do about it. */
	description: string;
	/** Frappe's exception class, e.g. `MandatoryError`. */
	excType?: string;
	sessionExpired: boolean;
	retryAfterSeconds?: number;
}

const HTML_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	'#39': "'",
	nbsp: ' ',
};

// Only real markup goes: Frappe's texts also carry angle brackets of their own, e.g. "invalid syntax (<unknown>, line 1)".
const HTML_TAG =
	/<\/?(?:a|b|strong|i|em|u|p|br|hr|div|span|ul|ol|li|code|pre|small|table|thead|tbody|tr|td|th|h[1-6]|label|details|summary)\b[^<>]*\/?>/gi;

export function stripHtml(text: string): string {
	return text
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(HTML_TAG, '')
		.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, entity: string) => HTML_ENTITIES[entity])
		.replace(/[ \t]+\n/g, '\n')
		.trim();
}

function messageText(value: unknown): string | undefined {
	if (typeof value === 'string') return stripHtml(value) || undefined;
	if (value && typeof value === 'object') {
		const record = value as Record<string, unknown>;
		if (typeof record.message === 'string') return stripHtml(record.message) || undefined;
		if (Array.isArray(record.message)) return record.message.map(String).join(', ');
	}
	return undefined;
}

/** Decodes `_server_messages` (a JSON list of JSON-encoded message dicts) into plain texts. */
export function decodeServerMessages(raw: unknown): string[] {
	if (typeof raw !== 'string' || raw === '') return [];
	let outer: unknown;
	try {
		outer = JSON.parse(raw);
	} catch {
		return [stripHtml(raw)];
	}
	if (!Array.isArray(outer)) return [];
	const texts: string[] = [];
	for (const entry of outer) {
		let decoded: unknown = entry;
		if (typeof entry === 'string') {
			try {
				decoded = JSON.parse(entry);
			} catch {
				decoded = entry;
			}
		}
		const text = messageText(decoded);
		if (text) texts.push(text);
	}
	return texts;
}

/** The last line of a Python exception string without the module path: `MandatoryError: [ToDo, x]: description`. */
function exceptionLine(exception: unknown): string | undefined {
	if (typeof exception !== 'string' || exception === '') return undefined;
	const lastLine = exception.trim().split('\n').pop() ?? '';
	// A bare class name (`frappe.exceptions.AuthenticationError`) says nothing the status does not.
	if (/^[\w.]+$/.test(lastLine)) return undefined;
	return lastLine.replace(/^(?:[\w]+\.)+(?=\w+(?:Error|Exception)\b)/, '') || undefined;
}

function looksLikeHtml(body: unknown): boolean {
	return typeof body === 'string' && /^\s*<(!doctype|html|head|body|title|h1|p)\b/i.test(body);
}

function parseBody(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body === 'string') {
		try {
			return JSON.parse(body);
		} catch {
			return body;
		}
	}
	return body;
}

function headerValue(
	headers: Record<string, unknown> | undefined,
	name: string,
): string | undefined {
	if (!headers) return undefined;
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
	}
	return undefined;
}

export interface ErrorContext {
	doctype?: string;
	documentName?: string;
	method?: string;
	/** The permission the request needed (read, write, create, delete, submit, cancel), when known. */
	right?: string;
}

function hintFor(
	status: number,
	excType: string | undefined,
	context: ErrorContext,
	sessionExpired: boolean,
) {
	const target = context.doctype
		? `${context.doctype}${context.documentName ? ` "${context.documentName}"` : ''}`
		: context.method
			? `method ${context.method}`
			: 'this resource';
	switch (status) {
		case 400:
			return excType === 'CSRFTokenError'
				? 'Frappe refused the request for a missing CSRF token; use an API key credential, or a session that never opened the desk (/app).'
				: 'Frappe refused the request as malformed.';
		case 401:
			return 'Frappe did not accept the credential: check the API key and secret (or the username and password) and the Site URL.';
		case 403:
			return sessionExpired
				? 'The Frappe session had expired and could not be renewed; check the username and password of the credential.'
				: context.right && context.doctype
					? `The Frappe user of this credential lacks the "${context.right}" permission on ${target}. Ask an administrator to give one of its roles "${context.right}" on ${context.doctype} (Role Permission Manager), or to share the document with the user.`
					: `The Frappe user of this credential is not permitted to do this on ${target}. Ask an administrator to grant its role the permission (Role Permission Manager), or, for a method, to whitelist it and allow this HTTP method.`;
		case 404:
			return `Frappe could not find ${target}. Check the doctype and the document name (names are case-sensitive).`;
		case 409:
			return 'A document with this name already exists in Frappe.';
		case 413:
			return "The request is larger than the site allows (System Settings → Max File Size, or the site config's max_file_size).";
		case 417:
			return excType ? `Frappe rejected the data (${excType}).` : 'Frappe rejected the data.';
		case 429:
			return "Frappe's rate limit was reached.";
		default:
			return status >= 500
				? `Frappe failed with an internal error${excType ? ` (${excType})` : ''}. The site's Error Log has the details.`
				: `Frappe answered with HTTP ${status}.`;
	}
}

/** Summarises a Frappe error response (status, parsed or raw body, response headers) for NodeApiError. */
export function summarizeFrappeError(
	status: number,
	rawBody: unknown,
	headers?: Record<string, unknown>,
	context: ErrorContext = {},
): FrappeErrorSummary {
	const body = parseBody(rawBody);
	const httpCode = String(status);
	if (looksLikeHtml(body) || (typeof body === 'string' && status !== 429 && status !== 413)) {
		const htmlMessage =
			status === 413
				? 'The file or request is too large for the Frappe site'
				: status === 403
					? 'Frappe refused access (HTTP 403)'
					: `Frappe answered with an HTML page instead of JSON (HTTP ${status})`;
		return {
			httpCode,
			message: htmlMessage,
			description:
				status === 413 || status === 403
					? hintFor(status, undefined, context, false)
					: 'Check the Site URL of the credential (including any path prefix) and any proxy in front of Frappe.',
			sessionExpired: false,
		};
	}
	const record =
		body && typeof body === 'object' && !Array.isArray(body)
			? (body as Record<string, unknown>)
			: {};
	const sessionExpired = Boolean(record.session_expired);
	let excType = typeof record.exc_type === 'string' ? record.exc_type : undefined;
	const messages: string[] = [];

	if (Array.isArray(record.errors)) {
		for (const entry of record.errors as Array<Record<string, unknown>>) {
			excType ??= typeof entry?.type === 'string' ? entry.type : undefined;
			const text = messageText(entry);
			if (text) messages.push(text);
		}
	}
	messages.push(...decodeServerMessages(record._server_messages));
	if (messages.length === 0) {
		const fallback =
			messageText(record._error_message) ??
			(typeof record.message === 'string' ? stripHtml(record.message) : undefined) ??
			exceptionLine(record.exception);
		if (fallback) messages.push(fallback);
	}

	let retryAfterSeconds: number | undefined;
	if (status === 429) {
		const retryAfter = Number(
			headerValue(headers, 'retry-after') ?? headerValue(headers, 'x-ratelimit-reset'),
		);
		if (Number.isFinite(retryAfter)) retryAfterSeconds = retryAfter;
	}

	const unique = [...new Set(messages)];
	let message = unique.join('\n\n');
	if (!message) {
		message =
			status === 429
				? 'Too many requests: Frappe rate limit reached'
				: status === 404
					? 'Not found'
					: status === 401
						? 'Authentication failed'
						: status === 403
							? 'Not permitted'
							: `Frappe error (HTTP ${status})`;
	}
	let description = hintFor(status, excType, context, sessionExpired);
	if (retryAfterSeconds !== undefined) description += ` Retry after ${retryAfterSeconds} seconds.`;
	return { httpCode, message, description, excType, sessionExpired, retryAfterSeconds };
}
