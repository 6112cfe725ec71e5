// Frappe 15.44.2's OAuth2 provider (frappe/integrations/oauth2.py + frappe/oauth.py OAuthWebRequestValidator on
// oauthlib), as state and request handlers that know nothing about HTTP plumbing: `index.ts` plugs them into the
// test server. What each step does, and what it answers, follows the recordings in
// test/fixtures/frappe-15.44.2/oauth2/, and Frappe's source (the two files above) where they show nothing; the few
// answers that neither settles are marked GUESS.
import { createHash, createHmac, randomInt } from 'node:crypto';

import { FrappeError, notFound } from '../errors';
import { fromPlain, pyRepr, urlQuote } from '../python';

/** The part of an OAuth Client document the provider reads. */
export interface OAuthClientDoc {
	name: string;
	client_id?: string;
	client_secret?: string;
	skip_authorization?: number;
	scopes?: string;
	redirect_uris?: string;
	default_redirect_uri?: string;
	response_type?: string;
	allowed_roles?: Array<{ role?: string }>;
}

/** What the provider needs from the server it runs in. */
export interface OAuthHost {
	/** the OAuth Client document, or undefined */
	client(clientId: string): OAuthClientDoc | undefined;
	/** every role of a user (Frappe's frappe.get_roles, "All" and "Guest" included) */
	rolesOf(user: string): string[];
	isSystemUser(user: string): boolean;
	/** a User's profile fields for get_userinfo */
	userInfo(user: string):
		| {
				first_name?: string | null;
				last_name?: string | null;
				email?: string | null;
				user_image?: string | null;
		  }
		| undefined;
	/** Frappe's LoginManager.authenticate for the password grant: true when the password is right */
	checkPassword(user: string, password: string): boolean;
}

export interface AuthorizationCode {
	code: string;
	client: string;
	user: string;
	scopes: string[];
	redirectUri: string;
	challenge?: string;
	challengeMethod?: string;
	nonce?: string;
	validity: 'Valid' | 'Invalid';
}

export interface BearerToken {
	accessToken: string;
	refreshToken: string;
	client: string;
	user: string;
	scopes: string[];
	expiresIn: number;
	/** expiration_time, epoch ms */
	expiresAt: number;
	status: 'Active' | 'Revoked';
}

/** What a handler answers; Frappe exceptions are thrown as FrappeError instead. */
export type OAuthResponse =
	| { kind: 'json'; status: number; body: Record<string, unknown> }
	| { kind: 'redirect'; status: 301 | 302; location: string }
	| { kind: 'html'; status: number; html: string };

/** One request as the provider sees it. */
export interface OAuthRequestInfo {
	method: string;
	/** the request URL as Frappe sees it (scheme://host/path?query), for the login redirect */
	url: string;
	/** query string and form fields, in their order (Frappe's form_dict) */
	args: Array<[string, string]>;
	/** parsed Cookie header */
	cookies: Record<string, string>;
	/** the session user (Guest without a session) */
	sessionUser: string;
	/** the Authorization header, if any */
	authorization?: string;
	/** scheme://host of the site, for issuer and endpoint URLs */
	origin: string;
}

const ASCII_TOKEN_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** oauthlib.common.generate_token(): 30 characters of [A-Za-z0-9]. */
export function generateToken(length = 30): string {
	let out = '';
	for (let i = 0; i < length; i++) out += ASCII_TOKEN_CHARS[randomInt(ASCII_TOKEN_CHARS.length)];
	return out;
}

/** Frappe's encode_params: urllib.parse.quote on every key and value. */
function encodeParams(params: Array<[string, string]>): string {
	return params.map(([k, v]) => `${urlQuote(k)}=${urlQuote(v)}`).join('&');
}

/** Python's repr() of a dict of str, for messages like "OAuth Bearer Token {'access_token': 'x'} not found". */
function pyDictRepr(dict: Record<string, string>): string {
	return pyRepr(fromPlain(dict));
}

/** An oauthlib OAuth2Error as Frappe's get_token/revoke return it: the raw `{error, error_description}` body. */
class OAuthLibError extends Error {
	constructor(
		readonly error: string,
		readonly description?: string,
		/** oauthlib's own status_code, used by generate_json_error_response */
		readonly statusCode = 400,
	) {
		super(error);
	}

	/** oauthlib's `e.json` (error, then error_description when set) */
	json(): Record<string, unknown> {
		const body: Record<string, unknown> = { error: this.error };
		if (this.description) body.error_description = this.description;
		return body;
	}
}

const ERROR_DESCRIPTIONS: Record<string, string> = {
	invalid_client_id: 'Invalid client_id parameter value.',
	invalid_redirect_uri: 'Invalid redirect URI.',
	mismatching_redirect_uri: 'Mismatching redirect URI.',
	unauthorized_client: '',
	invalid_scope: '',
	insufficient_scope: 'The request requires higher privileges than provided by the access token.',
};

export interface OAuthProviderOptions {
	/** access token lifetime in seconds (oauthlib's BearerToken default: 3600) */
	expiresIn?: number;
	now?: () => number;
}

export class OAuthProvider {
	readonly codes = new Map<string, AuthorizationCode>();

	/** by access token (the OAuth Bearer Token's name) */
	readonly tokens = new Map<string, BearerToken>();

	expiresIn: number;

	private readonly now: () => number;

	constructor(
		private readonly host: OAuthHost,
		options: OAuthProviderOptions = {},
	) {
		this.expiresIn = options.expiresIn ?? 3600;
		this.now = options.now ?? Date.now;
	}

	// ---- test helpers --------------------------------------------------------------------------------------

	/** Forces a token past its expiration_time (what the recording did with PUT OAuth Bearer Token). */
	expireToken(accessToken: string): void {
		const token = this.tokens.get(accessToken);
		if (token) token.expiresAt = this.now() - 1000;
	}

	/** Marks every token of a user (or all) Revoked. */
	revokeAll(user?: string): void {
		for (const token of this.tokens.values())
			if (!user || token.user === user) token.status = 'Revoked';
	}

	tokenByRefresh(refreshToken: string): BearerToken | undefined {
		for (const token of this.tokens.values()) if (token.refreshToken === refreshToken) return token;
		return undefined;
	}

	// ---- resource requests -----------------------------------------------------------------------------------

	/**
	 * frappe.auth.validate_oauth: the user a bearer token acts for, or undefined (unknown, expired, revoked, or
	 * its client lost a scope) so that the request stays Guest and validate_auth answers 401.
	 */
	userForBearer(token: string): string | undefined {
		const bearer = this.tokens.get(token);
		if (!bearer) return undefined;
		if (!(this.now() < bearer.expiresAt) || bearer.status === 'Revoked') return undefined;
		const clientScopes = splitScopes(this.host.client(bearer.client)?.scopes);
		if (!bearer.scopes.every((scope) => clientScopes.includes(scope))) return undefined;
		return bearer.user;
	}

	// ---- endpoints -------------------------------------------------------------------------------------------

	/** GET/POST frappe.integrations.oauth2.authorize (allow_guest) */
	authorize(req: OAuthRequestInfo): OAuthResponse {
		const args = sanitize(req.args);
		if (req.sessionUser === 'Guest') {
			return {
				kind: 'redirect',
				status: 302,
				location: `/login?${encodeParams([['redirect-to', req.url]])}`,
			};
		}
		try {
			const { clientId } = this.validateAuthorizationRequest(req);
			const successUrl = `/api/method/frappe.integrations.oauth2.approve?${encodeParams(args)}`;
			const client = this.host.client(clientId);
			const autoApprove = Number(client?.skip_authorization ?? 0) === 1;
			if (autoApprove) return { kind: 'redirect', status: 302, location: successUrl };
			// GUESS: consent page (templates/includes/oauth_confirmation.html): Allow → success_url,
			// Deny → redirect_uri?error=access_denied. Not recorded; only its links matter to a client.
			const redirectUri = argOf(req.args, 'redirect_uri') ?? '';
			const html =
				'<!DOCTYPE html><html><head><title>Confirm Access</title></head><body>' +
				`<h3>Confirm Access</h3><p>${escapeHtml(String(client?.name ?? clientId))} wants to access your data</p>` +
				`<a class="btn btn-primary" href="${escapeHtml(successUrl)}">Allow</a> ` +
				`<a class="btn btn-default" href="${escapeHtml(`${redirectUri}?error=access_denied`)}">Deny</a>` +
				'</body></html>';
			return { kind: 'html', status: 200, html };
		} catch (error) {
			if (error instanceof OAuthLibError) return jsonErrorResponse(error);
			throw error;
		}
	}

	/** GET frappe.integrations.oauth2.approve (logged-in users only; the server rejects Guest before this) */
	approve(req: OAuthRequestInfo): OAuthResponse {
		try {
			const { clientId, redirectUri, scopes } = this.validateAuthorizationRequest(req);
			// save_authorization_code reads the code owner from the user_id cookie: KeyError without it (oauth2/06)
			if (!('user_id' in req.cookies)) throw new FrappeError('KeyError', { message: "'user_id'" });
			const code = generateToken();
			const challenge = argOf(req.args, 'code_challenge');
			const challengeMethod = argOf(req.args, 'code_challenge_method');
			this.codes.set(code, {
				code,
				client: clientId,
				user: decodeURIComponent(req.cookies.user_id),
				scopes,
				redirectUri,
				challenge: challenge && challengeMethod ? challenge : undefined,
				challengeMethod: challenge && challengeMethod ? challengeMethod.toLowerCase() : undefined,
				nonce: argOf(req.args, 'nonce'),
				validity: 'Valid',
			});
			const query = [`code=${urlQuote(code)}`];
			const state = argOf(req.args, 'state');
			if (state !== undefined) query.push(`state=${urlQuote(state)}`);
			const separator = redirectUri.includes('?') ? '&' : '?';
			return {
				kind: 'redirect',
				status: 302,
				location: `${redirectUri}${separator}${query.join('&')}`,
			};
		} catch (error) {
			if (error instanceof OAuthLibError) return jsonErrorResponse(error);
			throw error;
		}
	}

	/** POST frappe.integrations.oauth2.get_token (allow_guest, form-encoded) */
	getToken(req: OAuthRequestInfo): OAuthResponse {
		const form = formOf(req.args);
		try {
			const grantType = form.grant_type;
			let token: Record<string, unknown>;
			if (grantType === 'authorization_code') token = this.authorizationCodeGrant(req, form);
			else if (grantType === 'refresh_token') token = this.refreshTokenGrant(req, form);
			else if (grantType === 'password') token = this.passwordGrant(req, form);
			else if (grantType === 'client_credentials') {
				this.authenticateClient(req, form);
				throw new OAuthLibError('unauthorized_client');
			} else if (grantType === undefined) throw new OAuthLibError('unsupported_grant_type');
			else throw new OAuthLibError('unsupported_grant_type');
			return { kind: 'json', status: 200, body: token };
		} catch (error) {
			// get_token: any error in oauthlib's JSON body → 400 with that body as the whole response
			if (error instanceof OAuthLibError) return { kind: 'json', status: 400, body: error.json() };
			throw error;
		}
	}

	/** POST frappe.integrations.oauth2.revoke_token (allow_guest): 200 {} */
	revokeToken(req: OAuthRequestInfo): OAuthResponse {
		const form = formOf(req.args);
		if (form.token === undefined) {
			// GUESS: oauthlib's RevocationEndpoint → invalid_request "Missing token parameter."
			return {
				kind: 'json',
				status: 400,
				body: { error: 'invalid_request', error_description: 'Missing token parameter.' },
			};
		}
		this.authenticateClient(req, form);
		const hint = form.token_type_hint;
		if (hint === 'refresh_token') {
			const token = this.tokenByRefresh(form.token);
			if (token) token.status = 'Revoked';
		} else {
			const token = this.tokens.get(form.token);
			if (token) token.status = 'Revoked';
		}
		return { kind: 'json', status: 200, body: {} };
	}

	/** POST frappe.integrations.oauth2.introspect_token (allow_guest) */
	introspectToken(req: OAuthRequestInfo): {
		body: Record<string, unknown>;
		messages: FrappeError[];
	} {
		const form = formOf(req.args);
		const hint = form.token_type_hint === 'refresh_token' ? 'refresh_token' : 'access_token';
		const token = form.token ?? '';
		const bearer = hint === 'access_token' ? this.tokens.get(token) : this.tokenByRefresh(token);
		if (!bearer) {
			// frappe.get_doc raised DoesNotExistError inside a bare `except`: its msgprint stays in the message log
			return {
				body: { active: false },
				messages: [notFound('OAuth Bearer Token', pyDictRepr({ [hint]: token }))],
			};
		}
		const client = this.host.client(bearer.client);
		if (!client)
			return { body: { active: false }, messages: [notFound('OAuth Client', bearer.client)] };
		return {
			body: {
				client_id: client.client_id ?? client.name,
				trusted_client: Number(client.skip_authorization ?? 0),
				active: bearer.status === 'Active',
				exp: Math.round(bearer.expiresAt / 1000),
				scope: bearer.scopes.join(' '),
			},
			messages: [],
		};
	}

	/** GET frappe.integrations.oauth2.openid_profile (bearer token; the server resolves the user first) */
	openidProfile(req: OAuthRequestInfo, user: string): OAuthResponse {
		const token = bearerOf(req.authorization);
		const bearer = token ? this.tokens.get(token) : undefined;
		if (!bearer || !bearer.scopes.includes('openid')) {
			// GUESS: oauthlib's UserInfoEndpoint wants the openid scope (InsufficientScopeError, 403)
			return jsonErrorResponse(
				new OAuthLibError('insufficient_scope', ERROR_DESCRIPTIONS.insufficient_scope, 403),
			);
		}
		return { kind: 'json', status: 200, body: this.userinfo(user, req.origin) };
	}

	/** GET frappe.integrations.oauth2.openid_configuration (allow_guest) */
	openidConfiguration(req: OAuthRequestInfo): OAuthResponse {
		const base = `${req.origin}/api/method/frappe.integrations.oauth2`;
		return {
			kind: 'json',
			status: 200,
			body: {
				issuer: req.origin,
				authorization_endpoint: `${base}.authorize`,
				token_endpoint: `${base}.get_token`,
				userinfo_endpoint: `${base}.openid_profile`,
				revocation_endpoint: `${base}.revoke_token`,
				introspection_endpoint: `${base}.introspect_token`,
				response_types_supported: [
					'code',
					'token',
					'code id_token',
					'code token id_token',
					'id_token',
					'id_token token',
				],
				subject_types_supported: ['public'],
				id_token_signing_alg_values_supported: ['HS256'],
			},
		};
	}

	/** GET /.well-known/openid-configuration: a website redirect with a relative Location */
	wellKnown(): OAuthResponse {
		return {
			kind: 'redirect',
			status: 301,
			location: '/api/method/frappe.integrations.oauth2.openid_configuration',
		};
	}

	// ---- oauthlib, step by step ------------------------------------------------------------------------------

	/** oauthlib AuthorizationCodeGrant.validate_authorization_request with Frappe's validator */
	private validateAuthorizationRequest(req: OAuthRequestInfo): {
		clientId: string;
		redirectUri: string;
		scopes: string[];
	} {
		const clientId = argOf(req.args, 'client_id');
		if (!clientId) throw new OAuthLibError('invalid_request', 'Missing client_id parameter.');
		const client = this.host.client(clientId);
		if (!client || !this.userHasAllowedRole(client, req.sessionUser)) {
			throw new OAuthLibError('invalid_client_id', ERROR_DESCRIPTIONS.invalid_client_id);
		}
		const requested = argOf(req.args, 'redirect_uri');
		let redirectUri: string;
		if (requested !== undefined) {
			if (!splitScopes(client.redirect_uris).includes(requested)) {
				throw new OAuthLibError('invalid_redirect_uri', 'Mismatching redirect URI.');
			}
			redirectUri = requested;
		} else {
			redirectUri = String(client.default_redirect_uri ?? '');
			if (!redirectUri) throw new OAuthLibError('missing_redirect_uri', 'Missing redirect URI.');
		}
		const responseType = argOf(req.args, 'response_type');
		if (!responseType)
			throw new OAuthLibError('invalid_request', 'Missing response_type parameter.');
		const allowedResponseTypes = [
			String(client.response_type ?? 'Code').toLowerCase(),
			'id_token',
			'id_token token',
			'code id_token',
			'code token id_token',
		];
		if (!allowedResponseTypes.includes(responseType))
			throw new OAuthLibError('unauthorized_client');
		const challenge = argOf(req.args, 'code_challenge');
		const method = argOf(req.args, 'code_challenge_method') ?? 'plain';
		if (challenge !== undefined && !['plain', 'S256'].includes(method)) {
			throw new OAuthLibError('invalid_request', 'Transform algorithm not supported.');
		}
		const scopeArg = argOf(req.args, 'scope');
		const scopes = scopeArg === undefined ? splitScopes(client.scopes) : splitScopes(scopeArg);
		const clientScopes = splitScopes(client.scopes);
		if (!scopes.every((scope) => clientScopes.includes(scope)))
			throw new OAuthLibError('invalid_scope');
		return { clientId, redirectUri, scopes };
	}

	/** OAuthWebRequestValidator.authenticate_client: finds the client, then compares the session user with user_id */
	private authenticateClient(req: OAuthRequestInfo, form: Record<string, string>): OAuthClientDoc {
		let clientName: string | undefined;
		if (form.client_id) clientName = form.client_id;
		else if ('refresh_token' in form) clientName = this.tokenByRefresh(form.refresh_token)?.client;
		else if ('token' in form) clientName = this.tokens.get(form.token)?.client;
		else {
			// the Authorization header's second word is looked up as an access token (a Basic header finds nothing)
			const second = (req.authorization ?? '').split(' ')[1];
			clientName = second ? this.tokens.get(second)?.client : undefined;
		}
		const client = clientName === undefined ? undefined : this.host.client(clientName);
		if (!client) throw notFound('OAuth Client', clientName ?? 'None');
		const userId = 'user_id' in req.cookies ? decodeURIComponent(req.cookies.user_id) : 'Guest';
		if (req.sessionUser !== userId) throw new OAuthLibError('invalid_client');
		return client;
	}

	private authorizationCodeGrant(
		req: OAuthRequestInfo,
		form: Record<string, string>,
	): Record<string, unknown> {
		if (form.code === undefined)
			throw new OAuthLibError('invalid_request', 'Missing code parameter.');
		const client = this.authenticateClient(req, form);
		const clientId = client.name;
		const code = this.codes.get(form.code);
		if (!code || code.client !== clientId || code.validity !== 'Valid')
			throw new OAuthLibError('invalid_grant');
		if (code.challenge && !form.code_verifier) {
			// validate_code deletes a PKCE code that comes back without a verifier
			this.codes.delete(code.code);
			throw new OAuthLibError('invalid_grant');
		}
		if (code.challengeMethod === 's256') {
			const computed = createHash('sha256')
				.update(form.code_verifier ?? '', 'utf8')
				.digest('base64url');
			if (computed !== code.challenge) throw new OAuthLibError('invalid_grant');
		} else if (code.challengeMethod === 'plain') {
			if (form.code_verifier !== code.challenge) throw new OAuthLibError('invalid_grant');
		}
		const redirectUri = form.redirect_uri ?? client.default_redirect_uri ?? '';
		const allowed = client.redirect_uris
			? splitScopes(client.redirect_uris)
			: [String(client.default_redirect_uri ?? '')];
		if (!allowed.includes(redirectUri))
			throw new OAuthLibError('invalid_request', 'Mismatching redirect URI.');
		const response = this.issueToken(client, code.user, code.scopes, req.origin, code.nonce);
		code.validity = 'Invalid';
		return response;
	}

	private refreshTokenGrant(
		req: OAuthRequestInfo,
		form: Record<string, string>,
	): Record<string, unknown> {
		if (form.refresh_token === undefined)
			throw new OAuthLibError('invalid_request', 'Missing refresh token parameter.');
		const client = this.authenticateClient(req, form);
		// validate_refresh_token: frappe.get_doc("OAuth Bearer Token", {"refresh_token": …, "status": "Active"})
		// GUESS (wording of the filters dict in the message): a revoked or unknown refresh token is a 404
		const original = this.tokenByRefresh(form.refresh_token);
		if (!original || original.status !== 'Active') {
			throw notFound(
				'OAuth Bearer Token',
				pyDictRepr({ refresh_token: form.refresh_token, status: 'Active' }),
			);
		}
		let scopes = original.scopes;
		if (form.scope !== undefined) {
			const requested = splitScopes(form.scope);
			if (!requested.every((scope) => original.scopes.includes(scope)))
				throw new OAuthLibError('invalid_scope');
			scopes = requested;
		}
		// The id_token modifier runs with request.user unset on a refresh: frappe.get_doc("User", None) (oauth2/16)
		if (scopes.includes('openid')) throw notFound('User', 'None');
		return this.issueToken(client, original.user, scopes, req.origin);
	}

	private passwordGrant(
		req: OAuthRequestInfo,
		form: Record<string, string>,
	): Record<string, unknown> {
		const client = this.authenticateClient(req, form);
		const username = form.username ?? '';
		// validate_user → LoginManager.authenticate: AuthenticationError 401 with "Invalid login credentials" (oauth2/22)
		if (!username || !form.password || !this.host.checkPassword(username, form.password)) {
			throw new FrappeError('AuthenticationError', {
				extra: { message: 'Invalid login credentials' },
			});
		}
		const scopes = form.scope !== undefined ? splitScopes(form.scope) : splitScopes(client.scopes);
		return this.issueToken(client, username, scopes, req.origin);
	}

	/** BearerToken.create_token + the OpenID id_token modifier + save_bearer_token */
	private issueToken(
		client: OAuthClientDoc,
		user: string,
		scopes: string[],
		origin: string,
		nonce?: string,
	): Record<string, unknown> {
		const accessToken = generateToken();
		const refreshToken = generateToken();
		const body: Record<string, unknown> = {
			access_token: accessToken,
			expires_in: this.expiresIn,
			token_type: 'Bearer',
			scope: scopes.join(' '),
			refresh_token: refreshToken,
		};
		if (scopes.includes('openid'))
			body.id_token = this.idToken(client, user, accessToken, origin, nonce, scopes);
		this.tokens.set(accessToken, {
			accessToken,
			refreshToken,
			client: client.name,
			user,
			scopes,
			expiresIn: this.expiresIn,
			expiresAt: this.now() + this.expiresIn * 1000,
			status: 'Active',
		});
		return body;
	}

	/** An HS256 JWT signed with the client secret, claims as in oauth2/08's notes. */
	private idToken(
		client: OAuthClientDoc,
		user: string,
		accessToken: string,
		origin: string,
		nonce: string | undefined,
		scopes: string[],
	): string {
		const iat = Math.round(this.now() / 1000);
		const digest = createHash('sha256').update(accessToken).digest();
		const claims: Record<string, unknown> = {
			aud: client.client_id ?? client.name,
			iat,
			at_hash: digest.subarray(0, digest.length / 2).toString('base64url'),
		};
		if (nonce) claims.nonce = nonce;
		claims.exp = iat + this.expiresIn;
		claims.iss = origin;
		if (scopes.includes('openid')) Object.assign(claims, this.userinfo(user, origin));
		const header = Buffer.from(JSON.stringify({ typ: 'jwt', alg: 'HS256' })).toString('base64url');
		const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
		const signature = createHmac('sha256', String(client.client_secret ?? ''))
			.update(`${header}.${payload}`)
			.digest('base64url');
		return `${header}.${payload}.${signature}`;
	}

	/** frappe.oauth.get_userinfo */
	private userinfo(user: string, origin: string): Record<string, unknown> {
		const info = this.host.userInfo(user) ?? {};
		const first = info.first_name ?? null;
		const last = info.last_name ?? null;
		return {
			sub: null,
			name: [first, last].filter((part) => part).join(' '),
			given_name: first,
			family_name: last,
			email: info.email ?? null,
			picture: info.user_image ?? null,
			roles: this.host.rolesOf(user),
			iss: origin,
		};
	}

	private userHasAllowedRole(client: OAuthClientDoc, user: string): boolean {
		const allowed = (client.allowed_roles ?? [])
			.map((row) => row.role)
			.filter((role): role is string => !!role);
		if (allowed.length === 0) return true;
		const roles = new Set(this.host.rolesOf(user));
		if (this.host.isSystemUser(user)) roles.add('Desk User');
		return allowed.some((role) => roles.has(role));
	}
}

/**
 * Frappe's source, frappe/integrations/oauth2.py generate_json_error_response: oauthlib's status, body {description,
 * status_code, error}. No recording shows one: the shape is a GUESS.
 */
function jsonErrorResponse(error: OAuthLibError): OAuthResponse {
	return {
		kind: 'json',
		status: error.statusCode,
		body: {
			description: error.description ?? '',
			status_code: error.statusCode,
			error: error.error,
		},
	};
}

function splitScopes(value: unknown): string[] {
	return String(value ?? '')
		.split(/\s+/)
		.filter((scope) => scope !== '');
}

function argOf(args: Array<[string, string]>, key: string): string | undefined {
	for (const [k, v] of args) if (k === key) return v;
	return undefined;
}

function formOf(args: Array<[string, string]>): Record<string, string> {
	const form: Record<string, string> = {};
	for (const [k, v] of args) if (!(k in form)) form[k] = v;
	return form;
}

/** sanitize_kwargs: form_dict without cmd and Frappe's own keys */
function sanitize(args: Array<[string, string]>): Array<[string, string]> {
	return args.filter(([k]) => !['cmd', 'data'].includes(k));
}

function bearerOf(authorization: string | undefined): string | undefined {
	const parts = (authorization ?? '').split(' ');
	return parts.length === 2 && parts[0].toLowerCase() === 'bearer' ? parts[1] : undefined;
}

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

export { OAuthLibError };
