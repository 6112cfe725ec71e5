// The per-request state shared by the routes (Frappe's frappe.local): form_dict, session, user, message log, response.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Session } from './auth';
import type { MessageLog } from './errors';
import type { Doc } from './types';
import type { FrappeHttpServer } from './server';
import type { Store } from './store';

export interface UploadedFile {
	fieldname: string;
	filename: string;
	contentType: string;
	content: Buffer;
}

export class RequestContext {
	readonly method: string;
	readonly url: URL;
	readonly query: Record<string, string> = {};
	readonly headers: Record<string, string> = {};
	/** frappe.form_dict */
	form: Record<string, unknown> = {};
	files: UploadedFile[] = [];
	/** the effective user of this request */
	user = 'Guest';
	/** the cookie session, when the sid cookie names a live session */
	session: Session | null = null;
	/** a sid cookie was sent but names no live session */
	sessionExpired = false;
	/** the request authenticated with an Authorization header (token, basic, bearer) */
	headerAuth = false;
	/** frappe.local.message_log */
	messages: MessageLog[] = [];
	/** frappe.flags.error_message (`_error_message`) */
	errorMessage?: string;
	/** frappe.response.docs */
	docs: Doc[] = [];
	/** other top-level keys of a successful response (getdoctype's user_settings ...) */
	extra: Record<string, unknown> = {};
	/** headers added to the response (content-disposition ...) */
	extraHeaders: Record<string, string> = {};
	/** 1 for /api, /api/v1 and legacy cmd; 2 for /api/v2 */
	apiVersion: 1 | 2 = 1;
	/** response status once sent */
	status = 0;
	sent = false;
	noCookies = false;
	clearCookies = false;

	constructor(
		readonly server: FrappeHttpServer,
		readonly req: IncomingMessage,
		readonly res: ServerResponse,
		readonly body: Buffer,
	) {
		this.method = (req.method ?? 'GET').toUpperCase();
		this.url = new URL(req.url ?? '/', 'http://127.0.0.1');
		for (const [k, v] of this.url.searchParams) if (!(k in this.query)) this.query[k] = v;
		for (const [k, v] of Object.entries(req.headers))
			this.headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : (v ?? '');
		if (this.url.pathname.startsWith('/api/v2/')) this.apiVersion = 2;
	}

	get store(): Store {
		return this.server.store;
	}

	get path(): string {
		return this.url.pathname;
	}

	/** Accept/X-Requested-With/path rule Frappe uses to answer errors in JSON */
	get wantsJson(): boolean {
		const accept = this.headers['accept'] ?? '';
		if (
			accept &&
			(this.headers['x-requested-with'] === 'XMLHttpRequest' || accept.includes('application/json'))
		)
			return true;
		return this.path.startsWith('/api/') && !accept.startsWith('text');
	}

	/** send a JSON body (compact, ensure_ascii, like frappe.as_json) with the usual cookies */
	sendJson(status: number, body: unknown): void {
		this.server.finish(
			this,
			status,
			{ 'content-type': 'application/json' },
			this.server.encodeJson(body),
		);
	}

	/** send any body; cookies and rate-limit headers are added unless noCookies */
	send(status: number, headers: Record<string, string>, body: string | Buffer): void {
		this.server.finish(this, status, headers, body);
	}
}
