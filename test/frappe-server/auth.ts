// Sessions (sid cookie), login/logout, API key / Basic / Bearer authentication and the cookies Frappe sets.
import { randomBytes } from 'node:crypto';
import { FrappeError, frappeThrow } from './errors';
import type { Store } from './store';
import type { FrappeVersion } from './types';

export interface Session {
	sid: string;
	user: string;
	/** created lazily by a desk (/app) visit */
	csrfToken?: string;
	expiresAt: number;
	data: Record<string, unknown>;
}

export interface LoginOptions {
	/** users that must pass a second factor: login answers `verification` + `tmp_id` instead of a session */
	twoFactorUsers?: string[];
	/** users whose password has expired: login answers "Password Reset" with redirect_to */
	passwordResetUsers?: string[];
	/** consecutive failures before the account is locked (default 10; 0 = never) */
	maxLoginAttempts?: number;
	/** seconds the account stays locked (default 60) */
	lockoutSeconds?: number;
}

export class Sessions {
	private readonly map = new Map<string, Session>();
	private readonly failures = new Map<string, { count: number; lockedUntil: number }>();
	private readonly pending2fa = new Map<string, { user: string; otp: string }>();

	constructor(
		private readonly expirySeconds: number,
		private readonly now: () => number,
	) {}

	get expiry(): number {
		return this.expirySeconds;
	}

	create(user: string): Session {
		const sid = randomBytes(28).toString('hex');
		const s: Session = { sid, user, expiresAt: this.now() + this.expirySeconds * 1000, data: {} };
		this.map.set(sid, s);
		return s;
	}

	get(sid: string): Session | undefined {
		const s = this.map.get(sid);
		if (!s) return undefined;
		if (s.expiresAt <= this.now()) {
			this.map.delete(sid);
			return undefined;
		}
		return s;
	}

	delete(sid: string): void {
		this.map.delete(sid);
	}

	expireAll(): void {
		this.map.clear();
	}

	all(): Session[] {
		return [...this.map.values()];
	}

	// login bookkeeping
	recordFailure(user: string, max: number, lockSeconds: number): boolean {
		const f = this.failures.get(user) ?? { count: 0, lockedUntil: 0 };
		f.count++;
		if (max > 0 && f.count >= max) f.lockedUntil = this.now() + lockSeconds * 1000;
		this.failures.set(user, f);
		return f.lockedUntil > this.now();
	}
	isLocked(user: string): boolean {
		const f = this.failures.get(user);
		return !!f && f.lockedUntil > this.now();
	}
	clearFailures(user: string): void {
		this.failures.delete(user);
	}
	start2fa(user: string): { tmpId: string; otp: string } {
		const tmpId = randomBytes(8).toString('hex');
		const otp = String(100000 + (randomBytes(3).readUIntBE(0, 3) % 900000));
		this.pending2fa.set(tmpId, { user, otp });
		return { tmpId, otp };
	}
	finish2fa(tmpId: string, otp: string): string | undefined {
		const p = this.pending2fa.get(tmpId);
		if (!p || p.otp !== otp) return undefined;
		this.pending2fa.delete(tmpId);
		return p.user;
	}
	/** the OTP a pending 2FA login expects (tests read it here instead of an authenticator app) */
	otpFor(tmpId: string): string | undefined {
		return this.pending2fa.get(tmpId)?.otp;
	}
}

// ---- cookies -------------------------------------------------------------------------------------------------

const NO_QUOTE = /^[\w!#$%&'()*+\-./:<=>?@[\]^`{|}~]*$/;

function cookieValue(v: string): string {
	if (NO_QUOTE.test(v)) return v;
	let out = '"';
	for (const ch of v) {
		if (ch === '"' || ch === '\\') out += '\\' + ch;
		else if (ch.charCodeAt(0) > 126 || ch.charCodeAt(0) < 32)
			for (const b of Buffer.from(ch)) out += '\\' + b.toString(8).padStart(3, '0');
		else out += ch;
	}
	return out + '"';
}

export interface CookieUser {
	user: string;
	fullName: string;
	systemUser: boolean;
	userImage?: string;
}

/** The five cookies Frappe sets on every response (sid, system_user, full_name, user_id, user_image). */
export function sessionCookies(
	sid: string,
	who: CookieUser,
	expirySeconds: number,
	nowMs: number,
	version: FrappeVersion,
): string[] {
	const expires = new Date(nowMs + expirySeconds * 1000).toUTCString();
	const out = [
		`sid=${sid}; Expires=${expires}; Max-Age=${expirySeconds}; HttpOnly; Path=/; SameSite=Lax`,
		`system_user=${who.systemUser ? 'yes' : 'no'}; Path=/; SameSite=Lax`,
		`full_name=${cookieValue(who.fullName)}; Path=/; SameSite=Lax`,
		`user_id=${cookieValue(who.user)}; Path=/; SameSite=Lax`,
		`user_image=${cookieValue(who.userImage ?? '')}; Path=/; SameSite=Lax`,
	];
	if (version >= 16) out.push(`user_lang=en; Path=/; SameSite=Lax`);
	return out;
}

/** login_manager.clear_cookies(): expired copies (yesterday) */
export function clearingCookies(nowMs: number): string[] {
	const expires = new Date(nowMs - 86400 * 1000).toUTCString();
	return ['user_image', 'user_id', 'full_name', 'system_user', 'sid'].map(
		(n) => `${n}=; Expires=${expires}; Path=/`,
	);
}

export function parseCookies(header: string | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	if (!header) return out;
	for (const part of header.split(';')) {
		const i = part.indexOf('=');
		if (i < 0) continue;
		const k = part.slice(0, i).trim();
		let v = part.slice(i + 1).trim();
		if (v.startsWith('"') && v.endsWith('"')) v = v.slice(1, -1);
		if (!(k in out)) out[k] = v;
	}
	return out;
}

export function cookieUser(store: Store, user: string): CookieUser {
	if (user === 'Guest') return { user: 'Guest', fullName: 'Guest', systemUser: false };
	const doc = store.userDoc(user);
	return {
		user,
		fullName: (doc?.full_name as string) || user,
		systemUser: store.isSystemUser(user),
		userImage: (doc?.user_image as string) ?? '',
	};
}

// ---- API keys ------------------------------------------------------------------------------------------------

/** `Authorization` header → user, per frappe.auth.validate_auth. Returns undefined for no/ignored header. */
export function authenticateHeader(
	store: Store,
	header: string | undefined,
	bearer: ((token: string) => string | null | undefined) | undefined,
	sourceDoctype?: string,
): string | undefined {
	if (!header) return undefined;
	const parts = header.split(' ');
	if (parts.length !== 2) return undefined;
	const [scheme, token] = parts;
	const s = scheme.toLowerCase();
	if (s === 'bearer') {
		const user = bearer?.(token);
		if (user) return user;
		throw authFailed();
	}
	if (s === 'token' || s === 'basic') {
		let pair = token;
		if (s === 'basic') {
			if (!/^[A-Za-z0-9+/=_-]+$/.test(token)) throw authFailed();
			pair = Buffer.from(token, 'base64').toString('utf8');
		}
		const kv = pair.split(':');
		if (kv.length !== 2) throw authFailed();
		const [key, secret] = kv;
		const doctype = sourceDoctype || 'User';
		const userDoc = store.rowsOf(doctype).find((u) => u.api_key === key);
		if (!userDoc) throw authFailed('apikey');
		const expected = store.getPassword(doctype, userDoc.name as string, 'api_secret');
		if (expected === undefined || expected !== secret) throw authFailed('apikey');
		const user =
			doctype === 'User'
				? (userDoc.name as string)
				: ((userDoc.user as string) ?? (userDoc.name as string));
		if (doctype === 'User' && userDoc.enabled === 0) throw authFailed('apikey');
		return user;
	}
	throw authFailed();
}

export function authFailed(kind: 'auth' | 'apikey' = 'auth'): FrappeError {
	return new FrappeError('AuthenticationError', { tb: kind, clearCookies: true });
}

/** LoginManager.authenticate + post_login for /api/method/login */
export function checkLogin(
	store: Store,
	sessions: Sessions,
	usr: unknown,
	pwd: unknown,
	opts: LoginOptions,
): string {
	const fail = (message: string) =>
		new FrappeError('AuthenticationError', {
			tb: 'login',
			extra: { message },
			noCookies: true,
			clearCookies: false,
		});
	if (!usr || !pwd) throw fail('Incomplete login details');
	let user = String(usr);
	let doc = store.userDoc(user);
	if (!doc) doc = store.rowsOf('User').find((u) => u.email === user || u.username === user);
	if (!doc) throw fail('Invalid login credentials');
	user = doc.name as string;
	if (doc.enabled === 0) throw fail('User disabled or missing');
	if (sessions.isLocked(user)) {
		const locked = frappeThrow(
			`Your account has been locked and will resume after ${opts.lockoutSeconds ?? 60} seconds`,
			'SecurityException',
			{ tb: 'login', status: 500 },
		);
		throw new FrappeError('SecurityException', {
			message: locked.excMessage,
			tb: 'login',
			noCookies: true,
			msgs: locked.msgs,
			excId: locked.excId,
			status: 500,
		});
	}
	if (store.getPassword('User', user, 'password') !== String(pwd)) {
		sessions.recordFailure(user, opts.maxLoginAttempts ?? 10, opts.lockoutSeconds ?? 60);
		throw fail('Invalid login credentials');
	}
	sessions.clearFailures(user);
	return user;
}

export function csrfFailed(): FrappeError {
	const err = frappeThrow('Invalid Request', 'CSRFTokenError');
	return new FrappeError('CSRFTokenError', { noTraceback: true, msgs: err.msgs, excId: err.excId });
}
