// node:http server behaving like Frappe's WSGI app: form_dict, session, login, CSRF, rate limit, validate_auth, routing,
// error bodies, cookies, transactions (GET rolls back, other verbs commit), request recording.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	authenticateHeader,
	checkLogin,
	clearingCookies,
	cookieUser,
	csrfFailed,
	parseCookies,
	sessionCookies,
	Sessions,
	type LoginOptions,
} from './auth';
import { RequestContext } from './context';
import { FrappeError, routeNotFound, v1ErrorBody, v2ErrorBody } from './errors';
import { BARE_500, escapeHtml, parseMultipart, parseUrlEncoded, werkzeugPage } from './http-util';
import { PyJSONDecodeError, pyJsonDumps, pyJsonParse } from './python';
import { ServerLoad, type CostModel } from './load';
import { RateLimiter, type RateLimitConfig } from './ratelimit';
import { MethodRegistry, NotFoundHtml, type DocMethodDef, type MethodDef } from './routes/rpc';
import { handleV1 } from './routes/v1';
import { handleV2 } from './routes/v2';
import { handleRpc } from './routes/rpc';
import { serveDesk, serveLoginPage } from './routes/desk';
import { servePrivateFile, servePublicFile } from './routes/files';
import { Store } from './store';
import type { FrappeVersion } from './types';

export interface RecordedRequest {
	method: string;
	/** path with query string */
	path: string;
	/** lower-case header names */
	headers: Record<string, string>;
	body: Buffer;
	status: number;
}

export type RouteHandler = (
	req: IncomingMessage,
	res: ServerResponse,
	ctx: RequestContext,
) => void | Promise<void>;

export interface RouteOptions {
	/** run before login/CSRF/rate limit/Authorization checks (ctx.user is the cookie session's user) */
	beforeAuth?: boolean;
}

export interface ServerConfig {
	port: number;
	version: FrappeVersion;
	rateLimit: RateLimitConfig | null;
	maxFileSize: number;
	sessionExpirySeconds: number;
	login: LoginOptions;
	now: () => number;
	/** per-request cost and gunicorn's workers (load.ts); null: answer at once */
	costModel?: CostModel | null;
}

interface ExtRoute {
	method: string;
	pattern: RegExp;
	handler: RouteHandler;
	opts: RouteOptions;
}

export class FrappeHttpServer {
	readonly store: Store;
	readonly sessions: Sessions;
	readonly rateLimiter: RateLimiter;
	/** requests in flight, and the cost model that delays answers */
	readonly load: ServerLoad;
	private readonly deliveries = new WeakMap<RequestContext, Promise<void>>();
	readonly methods = new MethodRegistry();
	/** document methods by `${doctype}\u0000${method}` ("*" = every doctype) */
	readonly docMethods = new Map<string, DocMethodDef>();
	readonly requests: RecordedRequest[] = [];
	readonly counters = { logins: 0 };
	private readonly routes: ExtRoute[] = [];
	private http: Server | null = null;
	private bearer: ((token: string) => string | null | undefined) | undefined;
	port = 0;

	constructor(
		readonly config: ServerConfig,
		store: Store,
	) {
		this.store = store;
		this.sessions = new Sessions(config.sessionExpirySeconds, config.now);
		this.rateLimiter = new RateLimiter(config.rateLimit, config.now);
		this.load = new ServerLoad(config.costModel ?? null);
	}

	get version(): FrappeVersion {
		return this.config.version;
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	route(method: string, pattern: RegExp, handler: RouteHandler, opts: RouteOptions = {}): void {
		this.routes.push({ method: method.toUpperCase(), pattern, handler, opts });
	}

	registerMethod(dotted: string, def: MethodDef): void {
		this.methods.register(dotted, def);
	}

	/** a whitelisted document method (run_method, /api/v2/document/{dt}/{name}/method/{m}, run_doc_method) */
	registerDocMethod(doctype: string, method: string, def: DocMethodDef): void {
		this.docMethods.set(`${doctype}\u0000${method}`, def);
	}

	/** validator for `Authorization: Bearer <token>`: the user, or null → 401 */
	setBearerValidator(fn: ((token: string) => string | null | undefined) | undefined): void {
		this.bearer = fn;
	}

	async listen(): Promise<void> {
		this.http = createServer((req, res) => {
			void this.handle(req, res);
		});
		this.http.keepAliveTimeout = 1000;
		await new Promise<void>((resolve, reject) => {
			this.http!.once('error', reject);
			this.http!.listen(this.config.port, '127.0.0.1', () => resolve());
		});
		this.port = (this.http.address() as AddressInfo).port;
	}

	async close(): Promise<void> {
		const http = this.http;
		if (!http) return;
		this.http = null;
		await new Promise<void>((resolve) => {
			http.close(() => resolve());
			http.closeAllConnections();
		});
	}

	encodeJson(body: unknown): string {
		return pyJsonDumps(body, { compact: true });
	}

	get allowTraceback(): boolean {
		const ss = this.store.getSingle('System Settings');
		return ss ? ss.allow_error_traceback !== 0 : true;
	}

	// ---- request handling -----------------------------------------------------------------------------------

	private readBody(
		req: IncomingMessage,
		limit: number,
	): Promise<{ body: Buffer; tooLarge: boolean }> {
		return new Promise((resolve, reject) => {
			const chunks: Buffer[] = [];
			let size = 0;
			let tooLarge = false;
			const declared = parseInt(req.headers['content-length'] ?? '', 10);
			if (!Number.isNaN(declared) && declared > limit) tooLarge = true;
			req.on('data', (c: Buffer) => {
				size += c.length;
				if (size > limit) tooLarge = true;
				if (!tooLarge) chunks.push(c);
			});
			req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge }));
			req.on('error', reject);
		});
	}

	private rateHeaders = new WeakMap<RequestContext, () => Record<string, string>>();
	private rateHeadersFixed = new WeakMap<RequestContext, Record<string, string>>();

	async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		let ctx: RequestContext | undefined;
		this.load.arrive();
		const releaseWorker = await this.load.worker();
		try {
			const { body, tooLarge } = await this.readBody(req, this.config.maxFileSize);
			ctx = new RequestContext(this, req, res, body);
			if (tooLarge) {
				ctx.noCookies = true;
				ctx.send(
					413,
					{ 'content-type': 'text/html; charset=utf-8' },
					werkzeugPage(
						413,
						'Request Entity Too Large',
						'The data value transmitted exceeds the capacity limit.',
					),
				);
				return;
			}
			await this.process(ctx);
		} catch (e) {
			if (ctx && !ctx.sent) this.sendError(ctx, e);
			else if (!ctx && !res.headersSent) {
				res.writeHead(500, { 'content-type': 'text/html' });
				res.end(BARE_500);
			}
		} finally {
			if (this.store.inTransaction) this.store.rollback();
			const delivery = ctx ? this.deliveries.get(ctx) : undefined;
			if (delivery) await delivery;
			releaseWorker();
			this.load.leave();
		}
	}

	private parseForm(ctx: RequestContext): void {
		const ct = (ctx.headers['content-type'] ?? '').toLowerCase();
		const text = ctx.body.toString('utf8');
		if (ctx.body.length && ct.includes('json')) {
			let parsed: unknown;
			try {
				parsed = pyJsonParse(text);
			} catch (e) {
				if (e instanceof PyJSONDecodeError)
					throw new FrappeError('JSONDecodeError', {
						message: e.message,
						tb: 'formdict',
						noCookies: true,
					});
				throw e;
			}
			ctx.form =
				parsed && typeof parsed === 'object' && !Array.isArray(parsed)
					? { ...(parsed as Record<string, unknown>) }
					: { data: parsed };
		} else {
			const form: Record<string, unknown> = { ...ctx.query };
			if (ct.startsWith('application/x-www-form-urlencoded'))
				Object.assign(form, parseUrlEncoded(text));
			else if (ct.startsWith('multipart/form-data')) {
				const mp = parseMultipart(ctx.body, ctx.headers['content-type'] ?? '');
				Object.assign(form, mp.fields);
				ctx.files = mp.files;
			}
			ctx.form = form;
		}
		delete ctx.form._;
	}

	private async process(ctx: RequestContext): Promise<void> {
		const path = ctx.path;
		// static files are served by the middleware before the app
		if (ctx.method === 'GET' || ctx.method === 'HEAD') {
			if (path.startsWith('/files/')) return servePublicFile(ctx);
		}
		this.parseForm(ctx);
		// HTTPRequest(): session from the sid cookie (or form sid)
		const cookies = parseCookies(ctx.headers['cookie']);
		const sid = cookies.sid ?? (typeof ctx.form.sid === 'string' ? ctx.form.sid : undefined);
		if (sid && sid !== 'Guest') {
			const s = this.sessions.get(sid);
			if (s) {
				ctx.session = s;
				ctx.user = s.user;
			} else {
				ctx.sessionExpired = true;
				ctx.clearCookies = true;
			}
		}
		for (const r of this.routes) {
			if (
				r.opts.beforeAuth &&
				(r.method === '*' || r.method === ctx.method) &&
				r.pattern.test(path)
			) {
				await this.runExt(ctx, r);
				return;
			}
		}
		// login at the exact path (or cmd=login)
		if (path === '/api/method/login' || (ctx.form.cmd === 'login' && path === '/')) {
			this.store.begin();
			this.login(ctx);
			return;
		}
		// CSRF: only cookie sessions that hold a token (after a desk visit)
		if (ctx.session?.csrfToken && ['POST', 'PUT', 'DELETE', 'PATCH'].includes(ctx.method)) {
			const token =
				ctx.headers['x-frappe-csrf-token'] ?? (ctx.form.csrf_token as string | undefined);
			if (token !== ctx.session.csrfToken) throw csrfFailed();
		}
		// before_request: rate limiter
		const decision = this.rateLimiter.check();
		if (decision) {
			if (decision.rejected) {
				this.rateHeadersFixed.set(ctx, decision.headers);
				throw new FrappeError('TooManyRequestsError', { tb: 'ratelimit' });
			}
			this.rateHeaders.set(ctx, decision.finish);
		}
		// validate_auth
		const headerUser = authenticateHeader(
			this.store,
			ctx.headers['authorization'],
			this.bearer,
			ctx.headers['frappe-authorization-source'],
		);
		if (headerUser) {
			ctx.user = headerUser;
			ctx.headerAuth = true;
		}
		this.store.begin();
		for (const r of this.routes) {
			if (
				!r.opts.beforeAuth &&
				(r.method === '*' || r.method === ctx.method) &&
				r.pattern.test(path)
			) {
				await this.runExt(ctx, r);
				return;
			}
		}
		await this.dispatch(ctx);
	}

	private async runExt(ctx: RequestContext, r: ExtRoute): Promise<void> {
		if (!this.store.inTransaction) this.store.begin();
		const res = ctx.res;
		const origWriteHead = res.writeHead.bind(res);
		res.writeHead = ((status: number, ...rest: unknown[]) => {
			ctx.status = status;
			return (origWriteHead as (...a: unknown[]) => ServerResponse)(status, ...rest);
		}) as typeof res.writeHead;
		await r.handler(ctx.req, res, ctx);
		if (!ctx.sent) {
			ctx.sent = true;
			if (!ctx.status) ctx.status = res.statusCode;
			this.commitOrRollback(ctx);
			this.record(ctx);
		}
	}

	private login(ctx: RequestContext): void {
		const opts = this.config.login;
		if (ctx.form.tmp_id && ctx.form.otp) return this.verify2fa(ctx);
		const user = checkLogin(this.store, this.sessions, ctx.form.usr, ctx.form.pwd, opts);
		if (opts.twoFactorUsers?.includes(user)) {
			const { tmpId } = this.sessions.start2fa(user);
			ctx.sendJson(200, { verification: { method: 'OTP App', setup: true }, tmp_id: tmpId });
			return;
		}
		const session = this.sessions.create(user);
		ctx.session = session;
		ctx.user = user;
		ctx.sessionExpired = false;
		ctx.clearCookies = false;
		this.counters.logins++;
		const cu = cookieUser(this.store, user);
		if (opts.passwordResetUsers?.includes(user)) {
			ctx.sendJson(200, {
				message: 'Password Reset',
				redirect_to: `/update-password?key=${session.sid.slice(0, 32)}&password_expired=true`,
				home_page: '/app',
				full_name: cu.fullName,
			});
			return;
		}
		if (cu.systemUser)
			ctx.sendJson(200, { message: 'Logged In', home_page: '/app', full_name: cu.fullName });
		else ctx.sendJson(200, { message: 'No App', home_page: '/me', full_name: cu.fullName });
	}

	/** complete a 2FA login started by /api/method/login (otp from sessions.otpFor(tmp_id)) */
	verify2fa(ctx: RequestContext): void {
		const user = this.sessions.finish2fa(String(ctx.form.tmp_id ?? ''), String(ctx.form.otp ?? ''));
		if (!user)
			throw new FrappeError('AuthenticationError', {
				tb: 'login',
				extra: { message: 'Incorrect Verification code' },
				noCookies: true,
				clearCookies: false,
			});
		const session = this.sessions.create(user);
		ctx.session = session;
		ctx.user = user;
		this.counters.logins++;
		const cu = cookieUser(this.store, user);
		ctx.sendJson(200, { message: 'Logged In', home_page: '/app', full_name: cu.fullName });
	}

	private async dispatch(ctx: RequestContext): Promise<void> {
		const path = ctx.path;
		if (path === '/' && ctx.form.cmd) return handleRpc(ctx, String(ctx.form.cmd));
		if (path.startsWith('/api/') || path === '/api') {
			const m = /^\/api(\/v1|\/v2)?(\/.*)?$/.exec(path);
			const prefix = m?.[1];
			const rest = (m?.[2] ?? '').replace(/^\//, '');
			if (prefix === '/v2') {
				// Frappe 14's frappe.api.handle has no v2 router: /api/v2/… is its DoesNotExistError (404) in the v1
				// error format
				if (this.version < 15) throw routeNotFound();
				ctx.apiVersion = 2;
				return handleV2(ctx, rest);
			}
			if (prefix === '/v1' && this.version < 15) throw routeNotFound();
			return handleV1(ctx, rest);
		}
		if (path === '/app' || path.startsWith('/app/') || path === '/desk') return serveDesk(ctx);
		if (path.startsWith('/private/files/')) return servePrivateFile(ctx);
		if (path === '/login') return serveLoginPage(ctx);
		ctx.send(
			404,
			{ 'content-type': 'text/html; charset=utf-8' },
			`<!DOCTYPE html>\n<html><head><title>Not Found</title></head><body><h1>Page ${escapeHtml(path)} not found</h1></body></html>\n`,
		);
	}

	// ---- responses ------------------------------------------------------------------------------------------

	private commitOrRollback(ctx: RequestContext): void {
		if (!this.store.inTransaction) return;
		if (ctx.status >= 400 || ctx.method === 'GET' || ctx.method === 'HEAD') this.store.rollback();
		else this.store.commit();
	}

	/** write the response: cookies, rate-limit headers, commit/rollback, record */
	finish(
		ctx: RequestContext,
		status: number,
		headers: Record<string, string>,
		body: string | Buffer,
	): void {
		if (ctx.sent) return;
		ctx.sent = true;
		ctx.status = status;
		this.commitOrRollback(ctx);
		const out: Record<string, string | string[]> = { ...headers, ...ctx.extraHeaders };
		if (!ctx.noCookies) {
			const now = this.config.now();
			const sid = ctx.session ? ctx.session.sid : 'Guest';
			const who = cookieUser(this.store, ctx.session ? ctx.session.user : 'Guest');
			const cookies = sessionCookies(sid, who, this.sessions.expiry, now, this.version);
			if (ctx.clearCookies) cookies.push(...clearingCookies(now));
			out['set-cookie'] = cookies;
		}
		const fixed = this.rateHeadersFixed.get(ctx);
		const fin = this.rateHeaders.get(ctx);
		if (fixed) Object.assign(out, fixed);
		else if (fin) {
			const h = fin();
			if (this.version >= 16) delete h['x-ratelimit-used'];
			Object.assign(out, h);
		}
		if (this.version >= 16) out['cache-control'] = 'no-store,no-cache,must-revalidate,max-age=0';
		const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
		out['content-length'] = String(buf.length);
		const write = () => {
			ctx.res.writeHead(status, out);
			ctx.res.end(ctx.method === 'HEAD' ? undefined : buf);
		};
		const cost = this.load.model ? this.load.costMs(ctx, parsedOrNothing(buf)) : 0;
		if (cost > 0) {
			this.deliveries.set(ctx, new Promise((resolve) => setTimeout(resolve, cost)).then(write));
		} else write();
		this.record(ctx);
	}

	private record(ctx: RequestContext): void {
		this.requests.push({
			method: ctx.method,
			path: ctx.url.pathname + ctx.url.search,
			headers: { ...ctx.headers },
			body: ctx.body,
			status: ctx.status,
		});
	}

	sendError(ctx: RequestContext, e: unknown): void {
		if (e instanceof NotFoundHtml) {
			ctx.noCookies = true;
			ctx.send(
				404,
				{ 'content-type': 'text/html; charset=utf-8' },
				werkzeugPage(404, 'Not Found', escapeHtml(e.message)),
			);
			return;
		}
		const err =
			e instanceof FrappeError
				? e
				: new FrappeError(e instanceof TypeError ? 'TypeError' : 'Exception', {
						message: e instanceof Error ? e.message : String(e),
						exceptionLine:
							e instanceof FrappeError
								? undefined
								: `${e instanceof TypeError ? 'TypeError' : 'Exception'}: ${e instanceof Error ? e.message : String(e)}`,
					});
		if (err.noCookies) ctx.noCookies = true;
		if (err.clearCookies) ctx.clearCookies = true;
		if (err.excType === 'TooManyRequestsError' && !ctx.wantsJson) {
			ctx.send(429, { 'content-type': 'text/plain; charset=utf-8' }, 'Too Many Requests');
			return;
		}
		if (!ctx.wantsJson) {
			const msg = err.msgs.map((m) => String(m.message)).join('<br>') || err.excType;
			ctx.send(
				err.status,
				{ 'content-type': 'text/html; charset=utf-8' },
				`<!DOCTYPE html>\n<html><head><title>Error</title></head><body><h1>${err.status}</h1><p>${msg}</p></body></html>\n`,
			);
			return;
		}
		const bodyCtx = {
			messages: ctx.messages,
			sessionExpired: ctx.sessionExpired,
			errorMessage: ctx.errorMessage,
			allowTraceback: this.allowTraceback,
			version: this.version,
		};
		const body = ctx.apiVersion === 2 ? v2ErrorBody(err, bodyCtx) : v1ErrorBody(err, bodyCtx);
		ctx.sendJson(err.status, body);
	}

	/** a successful response: {"message": ...} (v1 method), {"data": ...} (resource, v2) plus the message log */
	respond(ctx: RequestContext, key: 'message' | 'data', value: unknown, status = 200): void {
		const body: Record<string, unknown> = {};
		if (ctx.sessionExpired) body.session_expired = 1;
		if (value !== undefined && value !== null) body[key] = value;
		if (ctx.docs.length) body.docs = ctx.docs;
		Object.assign(body, ctx.extra);
		if (ctx.messages.length) {
			if (ctx.apiVersion === 2) body.messages = ctx.messages;
			else body._server_messages = pyJsonDumps(ctx.messages.map((m) => pyJsonDumps(m)));
		}
		if (ctx.errorMessage && ctx.apiVersion === 1) body._error_message = ctx.errorMessage;
		ctx.sendJson(status, body);
	}
}

function parsedOrNothing(buf: Buffer): unknown {
	try {
		return JSON.parse(buf.toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
}
