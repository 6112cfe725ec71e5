// Frappe exceptions and their HTTP bodies (v1: exc_type/exception/exc/_server_messages, v2: errors[]).
import { randomBytes } from 'node:crypto';
import { pyJsonDumps } from './python';
import { makeTraceback, type TracebackKind } from './traceback';

/** One entry of Frappe's message log (frappe.msgprint). */
export interface MessageLog {
	message: unknown;
	title?: string;
	indicator?: string;
	raise_exception?: number;
	__frappe_exc_id?: string;
	[key: string]: unknown;
}

const STATUS: Record<string, number> = {
	ValidationError: 417,
	MandatoryError: 417,
	LinkValidationError: 417,
	CancelledLinkError: 417,
	TimestampMismatchError: 417,
	DocstatusTransitionError: 417,
	UpdateAfterSubmitError: 417,
	UniqueValidationError: 417,
	InvalidNameError: 417,
	DataError: 417,
	LinkExistsError: 417,
	MaxFileSizeReachedError: 417,
	FrappeTypeError: 417,
	FrappeValueError: 417,
	InvalidEmailAddressError: 417,
	DoesNotExistError: 404,
	PageDoesNotExistError: 404,
	DuplicateEntryError: 409,
	NameError: 409,
	AuthenticationError: 401,
	SessionExpired: 401,
	PermissionError: 403,
	CSRFTokenError: 400,
	InvalidAuthorizationToken: 400,
	TooManyRequestsError: 429,
	RateLimitExceededError: 429,
	LinkExpired: 410,
};

const MODULE: Record<string, string> = {
	JSONDecodeError: 'json.decoder',
	IntegrityError: 'pymysql.err',
	ProgrammingError: 'pymysql.err',
	OperationalError: 'pymysql.err',
	TypeError: '',
	ValueError: '',
	KeyError: '',
	OSError: '',
	AttributeError: '',
	SecurityException: 'frappe.exceptions',
};

export interface FrappeErrorInit {
	/** the exception's message (what follows "module.Class: " in `exception`) */
	message?: string;
	status?: number;
	tb?: TracebackKind;
	/** msgprints that belong to this error (appended to the response message log) */
	msgs?: MessageLog[];
	/** set when raised through frappe.throw / msgprint(raise_exception): links the error to its message */
	excId?: string;
	/** `_error_message` */
	errorMessage?: string;
	/** no exception/exc in the body (404s, CSRF) */
	noTraceback?: boolean;
	/** overrides the whole `exception` line */
	exceptionLine?: string;
	/** extra top-level keys of the v1 body, placed first (e.g. login's "message") */
	extra?: Record<string, unknown>;
	/** no Set-Cookie on this response (errors raised before the session exists) */
	noCookies?: boolean;
	/** add the expired (clearing) cookies */
	clearCookies?: boolean;
}

export class FrappeError extends Error {
	readonly excType: string;
	readonly status: number;
	readonly tb: TracebackKind;
	readonly msgs: MessageLog[];
	readonly excId?: string;
	readonly errorMessage?: string;
	readonly noTraceback: boolean;
	readonly extra: Record<string, unknown>;
	readonly noCookies: boolean;
	readonly clearCookies: boolean;
	readonly excMessage: string;
	private readonly exceptionLineOverride?: string;

	constructor(excType: string, init: FrappeErrorInit = {}) {
		super(init.message ?? excType);
		this.name = excType;
		this.excType = excType;
		this.excMessage = init.message ?? '';
		this.status = init.status ?? STATUS[excType] ?? 500;
		this.tb = init.tb ?? 'api';
		this.msgs = init.msgs ?? [];
		this.excId = init.excId;
		this.errorMessage = init.errorMessage;
		this.noTraceback = init.noTraceback ?? this.status === 404;
		this.extra = init.extra ?? {};
		this.noCookies = init.noCookies ?? false;
		this.clearCookies = init.clearCookies ?? this.status === 401;
		this.exceptionLineOverride = init.exceptionLine;
	}

	get exceptionLine(): string {
		if (this.exceptionLineOverride !== undefined) return this.exceptionLineOverride;
		const mod = this.excType in MODULE ? MODULE[this.excType] : 'frappe.exceptions';
		const cls = mod ? `${mod}.${this.excType}` : this.excType;
		return this.excMessage ? `${cls}: ${this.excMessage}` : cls;
	}

	get traceback(): string {
		return makeTraceback(this.tb, this.exceptionLine);
	}
}

export function newExcId(): string {
	return randomBytes(28).toString('hex');
}

/** frappe.throw(message, exc, title): a red message with raise_exception and an exc id, then the exception. */
export function frappeThrow(
	message: string,
	excType = 'ValidationError',
	opts: {
		title?: string;
		tb?: TracebackKind;
		errorMessage?: string;
		status?: number;
		excMessage?: string;
	} = {},
): FrappeError {
	const excId = newExcId();
	return new FrappeError(excType, {
		message: opts.excMessage ?? message,
		tb: opts.tb,
		status: opts.status,
		excId,
		errorMessage: opts.errorMessage,
		msgs: [
			{
				message,
				title: opts.title ?? 'Message',
				indicator: 'red',
				raise_exception: 1,
				__frappe_exc_id: excId,
			},
		],
	});
}

/** A plain msgprint (no indicator, not linked to the exception). */
export function plainMsg(message: string, title = 'Message'): MessageLog {
	return { message, title };
}

export function notFound(doctype: string, name: string): FrappeError {
	return frappeThrow(`${doctype} ${name} not found`, 'DoesNotExistError');
}

/** Route did not match (werkzeug NotFound / MethodNotAllowed turned into DoesNotExistError): only the type. */
export function routeNotFound(): FrappeError {
	return new FrappeError('DoesNotExistError', { noTraceback: true });
}

export function noRolePermission(user: string, doctype: string): FrappeError {
	return new FrappeError('PermissionError', {
		msgs: [
			plainMsg(
				`User <strong>${user}</strong> does not have doctype access via role permission for document <strong>${doctype}</strong>`,
			),
		],
		errorMessage: `No permission for ${doctype}`,
	});
}

export function notAllowedByController(
	user: string,
	doctype: string,
	name: string | null,
	ptype?: string,
): FrappeError {
	return new FrappeError('PermissionError', {
		msgs: [plainMsg(controllerDeniedMessage(user, doctype, name))],
		errorMessage:
			ptype && ptype !== 'read'
				? `Insufficient Permission for ${doctype} (<strong>${ptype}</strong>)`
				: undefined,
	});
}

export function controllerDeniedMessage(
	user: string,
	doctype: string,
	name: string | null,
): string {
	return `Not allowed via controller permission check<br>User <strong>${user}</strong> does not have access to this document: ${doctype} - ${name ?? 'None'}`;
}

export function notWhitelisted(qualified: string): FrappeError {
	const message = `<details><summary>You are not permitted to access this resource.</summary>Function <strong>${qualified}</strong> is not whitelisted.</details>`;
	return frappeThrow(message, 'PermissionError', { title: 'Method Not Allowed' });
}

/** Python TypeError for a call without a required positional argument. */
export function missingArguments(fn: string, missing: string[]): FrappeError {
	const quoted = missing.map((m) => `'${m}'`);
	let list = quoted[0];
	if (quoted.length === 2) list = `${quoted[0]} and ${quoted[1]}`;
	else if (quoted.length > 2)
		list = `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
	const plural = missing.length === 1 ? 'argument' : 'arguments';
	return new FrappeError('TypeError', {
		message: `${fn}() missing ${missing.length} required positional ${plural}: ${list}`,
	});
}

/** `_server_messages`: json.dumps([json.dumps(msg), ...]) with Python's separators. */
export function encodeServerMessages(msgs: MessageLog[]): string {
	return pyJsonDumps(msgs.map((m) => pyJsonDumps(m)));
}

export interface BodyContext {
	/** messages printed before the error (or on success) */
	messages: MessageLog[];
	sessionExpired: boolean;
	errorMessage?: string;
	allowTraceback: boolean;
	/** v14 sets exc_type only for exceptions raised through msgprint / frappe.throw */
	version?: number;
}

/** v1 error body */
export function v1ErrorBody(err: FrappeError, ctx: BodyContext): Record<string, unknown> {
	const body: Record<string, unknown> = {};
	if (ctx.sessionExpired) body.session_expired = 1;
	Object.assign(body, err.extra);
	if (!err.noTraceback && ctx.allowTraceback) body.exception = err.exceptionLine;
	if (ctx.version !== 14 || err.excId || err.noTraceback) body.exc_type = err.excType;
	if (!err.noTraceback && ctx.allowTraceback) body.exc = pyJsonDumps([err.traceback]);
	const msgs = [...ctx.messages, ...err.msgs];
	if (msgs.length) body._server_messages = encodeServerMessages(msgs);
	const errorMessage = err.errorMessage ?? ctx.errorMessage;
	if (errorMessage) body._error_message = errorMessage;
	return body;
}

/** v2 error body: the message linked to the exception (same __frappe_exc_id, or both without one) moves into errors[0]. */
export function v2ErrorBody(err: FrappeError, ctx: BodyContext): Record<string, unknown> {
	const error: Record<string, unknown> = { type: err.excType };
	if (!err.noTraceback && ctx.allowTraceback) error.exception = err.traceback;
	const msgs = [...ctx.messages, ...err.msgs];
	const idx = msgs.findIndex((m) => (m.__frappe_exc_id ?? undefined) === (err.excId ?? undefined));
	if (idx >= 0) {
		const linked = { ...msgs[idx] };
		msgs.splice(idx, 1);
		delete linked.raise_exception;
		delete linked.__frappe_exc_id;
		Object.assign(error, linked);
	}
	const body: Record<string, unknown> = {};
	if (ctx.sessionExpired) body.session_expired = 1;
	body.errors = [error];
	if (msgs.length) body.messages = msgs;
	return body;
}
