// Frappe-compatible HTTP test server: public API.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoginOptions, Sessions } from './auth';
import type { RequestContext } from './context';
import { registerBuiltinMethods } from './methods';
import { Clock } from './naming';
import type { CostModel } from './load';
import type { RateLimitConfig } from './ratelimit';
import { registerPrintMethods } from './routes/print';
import { registerReportMethods } from './routes/reports';
import type { DocMethodDef, MethodCall, MethodDef } from './routes/rpc';
import { seed, type SeedName } from './seed';
import { FrappeHttpServer, type RecordedRequest, type RouteOptions } from './server';
import { Store } from './store';
import type { Doc, DocEvent, FrappeVersion } from './types';
import { TestUsers } from './users';

export { TestUsers, tokenHeader, basicHeader, CLERK_ROLE, type TestUser } from './users';
export { Store } from './store';
export { RawResponse, type MethodCall, type MethodDef, type DocMethodDef } from './routes/rpc';
export { FrappeError, frappeThrow } from './errors';
export type { RequestContext } from './context';
export type { RecordedRequest, RouteOptions } from './server';
export type { Doc, DocEvent, DocEventName, FrappeVersion } from './types';
export type { DocTypeSpec, FieldSpec, PermSpec } from './meta';
export type { RateLimitConfig } from './ratelimit';
export type { CostModel } from './load';
export type { LoginOptions } from './auth';
export type { SeedName } from './seed';
export { evalPythonExpression, checkPythonExpression, pyJsonDumps } from './python';

export interface FrappeServerOptions {
	/** default 0 (random) */
	port?: number;
	/** default 15 */
	version?: FrappeVersion;
	/** default 'demo' */
	seed?: SeedName;
	/** Frappe's site config rate_limit (seconds of request time per window); request time is simulated */
	rateLimit?: RateLimitConfig;
	/** bytes, default 25 MiB */
	maxFileSize?: number;
	/** default 612000 (Frappe 15's "170:00"; v14: 216000 = "60:00") */
	sessionExpirySeconds?: number;
	/** 2FA / password expiry / lockout behaviour of /api/method/login */
	login?: LoginOptions;
	/** clock (ms since epoch) for sessions, rate-limit windows and timestamps */
	now?: () => number;
	/** per-request cost and gunicorn's workers (load.ts); default none: every answer at once */
	costModel?: CostModel;
}

export type DocEventHandler = (event: DocEvent) => void;

export interface FrappeServer {
	/** http://127.0.0.1:<port> */
	url: string;
	port: number;
	version: FrappeVersion;
	users: TestUsers;
	/** every request received */
	requests: RecordedRequest[];
	/** successful POST /api/method/login count */
	counters: { logins: number };
	/** documents and doctypes, for setup and assertions */
	store: Store;
	/** the cookie sessions */
	sessions: Sessions;
	/** every sid becomes unknown (as if expired on the server) */
	expireSessions(): void;
	/** a whitelisted method at /api/method/<dotted> (and /api/v2/method/<dotted>) */
	registerMethod(
		dotted: string,
		def: {
			handler: (ctx: MethodCall) => unknown | Promise<unknown>;
			allowGuest?: boolean;
			methods?: string[];
		},
	): void;
	/** a whitelisted document method (run_method=..., /api/v2/document/{dt}/{name}/method/{m}); doctype "*" = all */
	registerDocMethod(doctype: string, method: string, def: DocMethodDef): void;
	/** extension point: a route matched on the path (after auth unless opts.beforeAuth) */
	route(
		method: string,
		pattern: RegExp,
		handler: (
			req: IncomingMessage,
			res: ServerResponse,
			ctx: RequestContext,
		) => void | Promise<void>,
		opts?: RouteOptions,
	): void;
	/** validates `Authorization: Bearer <token>`: return the user, or null for 401 */
	setBearerValidator(fn: ((token: string) => string | null | undefined) | undefined): void;
	/** change (or remove with null) the site's rate_limit at runtime */
	setRateLimit(config: RateLimitConfig | null): void;
	/** fired after the change commits, in Frappe's order; returns an unsubscribe function */
	onDocEvent(listener: DocEventHandler): () => void;
	/** the underlying server (routing, error helpers) */
	http: FrappeHttpServer;
	close(): Promise<void>;
}

export async function startFrappeServer(options: FrappeServerOptions = {}): Promise<FrappeServer> {
	const version = options.version ?? 15;
	const now = options.now ?? Date.now;
	const store = new Store(version, new Clock(now));
	seed(store, options.seed ?? 'demo');
	const http = new FrappeHttpServer(
		{
			port: options.port ?? 0,
			version,
			rateLimit: options.rateLimit ?? null,
			maxFileSize: options.maxFileSize ?? 25 * 1024 * 1024,
			sessionExpirySeconds: options.sessionExpirySeconds ?? (version === 14 ? 216000 : 612000),
			login: options.login ?? {},
			now,
			costModel: options.costModel ?? null,
		},
		store,
	);
	registerBuiltinMethods(http);
	registerReportMethods(http);
	registerPrintMethods(http);
	await http.listen();
	const server: FrappeServer = {
		url: http.url,
		port: http.port,
		version,
		users: TestUsers,
		requests: http.requests,
		counters: http.counters,
		store,
		sessions: http.sessions,
		expireSessions: () => http.sessions.expireAll(),
		registerMethod: (dotted, def) => http.registerMethod(dotted, def as MethodDef),
		registerDocMethod: (doctype, method, def) => http.registerDocMethod(doctype, method, def),
		route: (method, pattern, handler, opts) => http.route(method, pattern, handler, opts),
		setBearerValidator: (fn) => http.setBearerValidator(fn),
		setRateLimit: (config) => http.rateLimiter.set(config),
		onDocEvent: (listener) => store.onDocEvent(listener),
		http,
		close: () => http.close(),
	};
	return server;
}

export type { Doc as FrappeDoc };
