// Plugs Frappe's OAuth2 provider (./provider.ts) into the test server: the frappe.integrations.oauth2.* methods, the
// /.well-known/openid-configuration redirect, and bearer tokens on every API path (through the server's bearer
// validator, which is frappe.auth.validate_oauth).
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { RequestContext } from '../context';
import { encodeServerMessages, notWhitelisted } from '../errors';
import { parseMultipart, parseUrlEncoded } from '../http-util';
import { FrappeHttpServer } from '../server';
import {
	OAuthProvider,
	type OAuthHost,
	type OAuthRequestInfo,
	type OAuthResponse,
} from './provider';

export { OAuthProvider } from './provider';
export type { AuthorizationCode, BearerToken, OAuthClientDoc } from './provider';

export interface OAuth2Options {
	/** access token lifetime in seconds (Frappe: 3600) */
	expiresIn?: number;
}

const METHOD = '/api/method/frappe.integrations.oauth2.';

/** werkzeug.utils.redirect's body */
export function werkzeugRedirectBody(location: string): string {
	const escaped = location
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#x27;');
	return (
		'<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n' +
		`<p>You should be redirected automatically to the target URL: <a href="${escaped}">${escaped}</a>. If not, click the link.\n`
	);
}

function hostFor(server: FrappeHttpServer): OAuthHost {
	const { store } = server;
	return {
		client: (clientId) => {
			const doc = store.raw('OAuth Client', clientId);
			return doc ? (doc as unknown as ReturnType<OAuthHost['client']>) : undefined;
		},
		rolesOf: (user) => store.rolesOf(user),
		isSystemUser: (user) => store.isSystemUser(user),
		userInfo: (user) => {
			const doc = store.userDoc(user);
			if (!doc) return undefined;
			return {
				first_name: (doc.first_name as string | undefined) ?? null,
				last_name: (doc.last_name as string | undefined) ?? null,
				email: (doc.email as string | undefined) ?? null,
				user_image: (doc.user_image as string | undefined) || null,
			};
		},
		checkPassword: (usr, password) => {
			let doc = store.userDoc(usr);
			if (!doc) doc = store.rowsOf('User').find((row) => row.email === usr || row.username === usr);
			if (!doc || doc.enabled === 0) return false;
			return store.getPassword('User', doc.name as string, 'password') === password;
		},
	};
}

/** Frappe's form_dict as ordered pairs: query string, then a form body. */
function formDictArgs(ctx: RequestContext): Array<[string, string]> {
	const out: Array<[string, string]> = [];
	for (const [key, value] of Object.entries(ctx.form)) {
		if (typeof value === 'string') out.push([key, value]);
		else if (typeof value === 'number' || typeof value === 'boolean')
			out.push([key, String(value)]);
	}
	return out;
}

/** `frappe.request.form`: only a urlencoded or multipart body (get_token and revoke_token read nothing else). */
function requestFormArgs(ctx: RequestContext): Array<[string, string]> {
	const contentType = (ctx.headers['content-type'] ?? '').toLowerCase();
	if (contentType.startsWith('application/x-www-form-urlencoded')) {
		return Object.entries(parseUrlEncoded(ctx.body.toString('utf8')));
	}
	if (contentType.startsWith('multipart/form-data')) {
		return Object.entries(parseMultipart(ctx.body, ctx.headers['content-type'] ?? '').fields);
	}
	return [];
}

function requestInfo(ctx: RequestContext, args: Array<[string, string]>): OAuthRequestInfo {
	const origin = `http://${ctx.headers.host ?? `127.0.0.1:${ctx.server.port}`}`;
	const cookies: Record<string, string> = {};
	for (const part of (ctx.headers.cookie ?? '').split(';')) {
		const index = part.indexOf('=');
		if (index > 0) {
			const key = part.slice(0, index).trim();
			if (!(key in cookies)) cookies[key] = part.slice(index + 1).trim();
		}
	}
	return {
		method: ctx.method,
		url: `${origin}${ctx.req.url ?? '/'}`,
		args,
		cookies,
		sessionUser: ctx.user,
		authorization: ctx.headers.authorization,
		origin,
	};
}

function send(ctx: RequestContext, response: OAuthResponse): void {
	if (response.kind === 'json') ctx.sendJson(response.status, response.body);
	else if (response.kind === 'redirect') {
		const body = response.status === 301 ? '' : werkzeugRedirectBody(response.location);
		ctx.send(
			response.status,
			{ 'content-type': 'text/html; charset=utf-8', location: response.location },
			body,
		);
	} else ctx.send(response.status, { 'content-type': 'text/html; charset=utf-8' }, response.html);
}

type Endpoint = (ctx: RequestContext) => void;

/**
 * Installs the provider on a running test server and returns it (its `expiresIn`, `tokens` and `codes` can be read
 * and changed by tests).
 */
export function installOAuth2(
	target: FrappeHttpServer | { http: FrappeHttpServer },
	options: OAuth2Options = {},
): OAuthProvider {
	const server = target instanceof FrappeHttpServer ? target : target.http;
	const provider = new OAuthProvider(hostFor(server), {
		expiresIn: options.expiresIn,
		now: server.config.now,
	});
	server.setBearerValidator((token) => provider.userForBearer(token) ?? null);

	const endpoints: Record<string, Endpoint> = {
		authorize: (ctx) => send(ctx, provider.authorize(requestInfo(ctx, formDictArgs(ctx)))),
		approve: (ctx) => {
			if (ctx.user === 'Guest') throw notWhitelisted('frappe.integrations.oauth2.approve');
			send(ctx, provider.approve(requestInfo(ctx, formDictArgs(ctx))));
		},
		get_token: (ctx) => send(ctx, provider.getToken(requestInfo(ctx, requestFormArgs(ctx)))),
		revoke_token: (ctx) => send(ctx, provider.revokeToken(requestInfo(ctx, requestFormArgs(ctx)))),
		introspect_token: (ctx) => {
			const { body, messages } = provider.introspectToken(requestInfo(ctx, formDictArgs(ctx)));
			const out: Record<string, unknown> = { ...body };
			const logged = messages.flatMap((error) => error.msgs);
			if (logged.length) out._server_messages = encodeServerMessages(logged);
			ctx.sendJson(200, out);
		},
		openid_profile: (ctx) => {
			if (ctx.user === 'Guest') throw notWhitelisted('frappe.integrations.oauth2.openid_profile');
			send(ctx, provider.openidProfile(requestInfo(ctx, formDictArgs(ctx)), ctx.user));
		},
		openid_configuration: (ctx) => send(ctx, provider.openidConfiguration(requestInfo(ctx, []))),
	};

	const pattern = new RegExp(
		`^${METHOD.replace(/\./g, '\\.')}(${Object.keys(endpoints).join('|')})$`,
	);
	server.route('*', pattern, (_req: IncomingMessage, _res: ServerResponse, ctx: RequestContext) => {
		endpoints[pattern.exec(ctx.path)![1]](ctx);
	});
	server.route('GET', /^\/\.well-known\/openid-configuration$/, (_req, _res, ctx) =>
		send(ctx, provider.wellKnown()),
	);
	return provider;
}
