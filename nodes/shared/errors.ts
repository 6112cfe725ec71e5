// Turns Frappe's error responses into one readable message. Frappe v1 sends `_server_messages` as a
// JSON string holding a list of JSON strings (each a message dict), plus `exc_type`, `exception`
// and a Python traceback in `exc`; v2 sends `errors[]`. Tracebacks never reach the user.

import { CREDENTIAL_REFUSALS } from './authMessages';
import { formatFileSize } from './files';

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

// Only real markup goes: Frappe's texts also carry angle brackets of their own, e.g. "invalid
// syntax (<unknown>, line 1)".
const MARKUP_TAGS = [
	...'a b strong i em u p br hr div span ul ol li code pre small'.split(' '),
	...'table thead tbody tr td th h[1-6] label details summary'.split(' '),
];
const HTML_TAG = new RegExp(`<\\/?(?:${MARKUP_TAGS.join('|')})\\b[^<>]*\\/?>`, 'gi');

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

/** Decodes `_server_messages` into plain texts. */
export function decodeServerMessages(raw: unknown): string[] {
	if (typeof raw !== 'string' || raw === '') return [];
	return decodeServerMessageList(raw)
		.map(messageText)
		.filter((text): text is string => text !== undefined);
}

/** `value` parsed when it is JSON text; otherwise as it is. */
export function parseJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value);
	} catch {
		return value;
	}
}

/**
 * `_server_messages` (a JSON list of JSON-encoded message dicts) → the message dicts (`message`,
 * `title`, `indicator`…), Frappe's internal `__frappe_exc_id` dropped. A plain string becomes `{
 * message }`.
 */
export function decodeServerMessageList(raw: unknown): Array<Record<string, unknown>> {
	const outer = parseJson(raw);
	if (!Array.isArray(outer)) return typeof raw === 'string' && raw !== '' ? [{ message: raw }] : [];
	return outer.map((entry) => {
		const decoded = parseJson(entry);
		if (!decoded || typeof decoded !== 'object' || Array.isArray(decoded))
			return { message: decoded as string };
		const copy = { ...(decoded as Record<string, unknown>) };
		delete copy.__frappe_exc_id;
		return copy;
	});
}

/**
 * The last line of a Python exception string without the module path: `MandatoryError: [ToDo, x]:
 * description`.
 */
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
	return parseJson(Buffer.isBuffer(body) ? body.toString('utf8') : body);
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
	/** The credential type in use, for what to say when Frappe refuses it. */
	credentialType?: string;
	/** The HTTP method of a method call, for the RPC-specific explanations. */
	verb?: string;
	file?: string;
	/** The path of a file whose content was asked for (/files/… or /private/files/…). */
	fileUrl?: string;
	privateFile?: boolean;
	/** The file an upload sent, and the site's upload limit in bytes when known. */
	upload?: { fileName: string; bytes?: number; siteLimit?: number };
	/**
	 * The permission the request needed (read, write, create, delete, submit, cancel), when known.
	 */
	right?: string;
}

/** What to say when Frappe sent no words of its own (a bare exception class). */
function messageWithoutWords(status: number, context: ErrorContext): string {
	switch (status) {
		case 401:
			return (
				(context.credentialType && CREDENTIAL_REFUSALS[context.credentialType]?.unauthorized) ||
				'Authentication failed'
			);
		case 403:
			return 'Not permitted';
		case 404:
			// Frappe says "ToDo x not found" for a GET but sends a bare DoesNotExistError for a DELETE.
			return context.doctype && context.documentName
				? `${context.doctype} ${context.documentName} not found`
				: context.doctype
					? `${context.doctype} not found`
					: 'Not found';
		case 429:
			return 'Too many requests: Frappe rate limit reached';
		default:
			return `Frappe error (HTTP ${status})`;
	}
}

/**
 * Frappe's words when a doctype's own permission hook (not a role permission) refused the document.
 */
const CONTROLLER_REFUSAL = /controller permission check|does not have access to this document/i;

function hintFor(
	status: number,
	excType: string | undefined,
	context: ErrorContext,
	sessionExpired: boolean,
	message = '',
) {
	const target = context.doctype
		? `${context.doctype}${context.documentName ? ` "${context.documentName}"` : ''}`
		: context.method
			? `method ${context.method}`
			: context.file
				? `File "${context.file}"`
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
				: CONTROLLER_REFUSAL.test(message) && context.documentName && context.right !== 'create'
					? `${target} is restricted by the doctype's own permission rules (a check in its controller, e.g. ToDo shows each user only their own or assigned ToDos), not only by role permissions. If the user's roles already have "${context.right ?? 'read'}" on ${context.doctype ?? 'the doctype'}, share the document with the user or assign it to them; otherwise give one of its roles that permission (Role Permission Manager).`
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
		default: {
			const what = excType ? ` (${excType})` : '';
			return status >= 500
				? `Frappe failed with an internal error${what}. The site's Error Log has the details.`
				: `Frappe answered with HTTP ${status}.`;
		}
	}
}

/**
 * Summarises a Frappe error response (status, parsed or raw body, response headers) for
 * NodeApiError.
 */
export function summarizeFrappeError(
	status: number,
	rawBody: unknown,
	headers?: Record<string, unknown>,
	context: ErrorContext = {},
): FrappeErrorSummary {
	const body = parseBody(rawBody);
	const httpCode = String(status);
	const download = context.fileUrl ? explainDownloadFailure(status, context) : undefined;
	if (download) return { httpCode, ...download, sessionExpired: false };
	if (context.upload && status === 413) {
		return { httpCode, ...explainTooLarge(context.upload, ''), sessionExpired: false };
	}
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
	if (!message) message = messageWithoutWords(status, context);
	let description = hintFor(status, excType, context, sessionExpired, message);
	const explanation =
		context.method && context.verb
			? explainMethodError({
					status,
					message,
					excType,
					methodPath: context.method,
					verb: context.verb,
				})
			: undefined;
	if (explanation) ({ message, description } = explanation);
	if (context.upload && excType === 'MaxFileSizeReachedError') {
		({ message, description } = explainTooLarge(context.upload, message));
	}
	if (retryAfterSeconds !== undefined) description += ` Retry after ${retryAfterSeconds} seconds.`;
	return { httpCode, message, description, excType, sessionExpired, retryAfterSeconds };
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

/** Python's TypeError for a call with arguments the function does not take. */
const WRONG_ARGUMENTS = [
	/missing \d+ required (?:positional |keyword-only )?arguments?/i,
	/unexpected keyword argument/i,
];

/**
 * Says in words what Frappe's answer to a failed method call means, when it is one of the
 * RPC-specific cases (Frappe reports a missing method as a 417, not a 404). Undefined for anything
 * else.
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
		const postHint = verb === 'GET' ? ' (POST for anything that changes data)' : '';
		return {
			message: `Frappe refused HTTP ${verb} for the method "${methodPath}"`,
			description: `A whitelisted method can limit the HTTP methods it accepts (e.g. @frappe.whitelist(methods=["POST"])) and answers 403 "Not permitted" to any other. Choose another HTTP Method${postHint}; if the verb is right, the user lacks a permission the method checks.`,
		};
	}
	if (
		status === 500 &&
		facts.excType === 'TypeError' &&
		WRONG_ARGUMENTS.some((pattern) => pattern.test(said))
	) {
		return {
			message: `The method "${methodPath}" was called with the wrong arguments`,
			description: `Check the names of the Arguments against the method's parameters.${frappeSaid}`,
		};
	}
	return undefined;
}

/**
 * What a failed fetch of a file's bytes means, in words (Frappe answers those with bare HTML
 * pages).
 */
function explainDownloadFailure(
	status: number,
	{ fileUrl, privateFile }: ErrorContext,
): { message: string; description: string } | undefined {
	if (status === 403) {
		return {
			message: `Frappe refused to serve ${privateFile ? 'the private file' : 'the file'} "${fileUrl}" (HTTP 403)`,
			description: privateFile
				? 'Private files can be downloaded only by users who may read the File or the document it is attached to; check the user of the credential. Frappe answers the same when no File on the site has this URL (any more).'
				: 'Check the user of the credential and the permissions on the File.',
		};
	}
	if (status === 404 || (status >= 500 && status < 600)) {
		return {
			message: `Frappe could not serve "${fileUrl}" (HTTP ${status})`,
			description:
				"The file's content is probably missing on the server (its File document may have been deleted, or the file removed from the site's files folder); the site's Error Log may say more.",
		};
	}
	return undefined;
}

/**
 * An upload over the site's limit (werkzeug's bare 413, or Frappe's 417 MaxFileSizeReachedError),
 * in words.
 */
function explainTooLarge(
	upload: NonNullable<ErrorContext['upload']>,
	frappeMessage: string,
): { message: string; description: string } {
	const size = upload.bytes !== undefined ? ` (${formatFileSize(upload.bytes)})` : '';
	const limit = upload.siteLimit !== undefined ? ` of ${formatFileSize(upload.siteLimit)}` : '';
	return {
		message: `The file "${upload.fileName}"${size} is larger than the site's upload limit${limit}`,
		description:
			'Upload a smaller file, or ask an administrator to raise the limit: System Settings → Max File Size (in MB), or max_file_size in the site config (in bytes); a proxy in front of Frappe may have its own limit (nginx client_max_body_size).' +
			(frappeMessage ? ` Frappe said: "${frappeMessage}"` : ''),
	};
}
