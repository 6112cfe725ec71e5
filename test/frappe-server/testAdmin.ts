// Test-only endpoints for a stand-in running in its own process (`main.ts --test-admin`), used by the queue-mode
// end-to-end tests (test/e2e/queue.mjs), which cannot reach the server's objects: what happened since a point
// (logins, token refreshes, bearer tokens and sids used, answers by status), and the two things an administrator
// does to a real site mid-run: end every session (Frappe: "Logout From All Devices" / clear_sessions) and let
// every OAuth2 access token expire (Frappe: an OAuth Bearer Token past its expiration_time); a Password field's
// value (Frappe: frappe.client.get_password, System Manager only); and a latency added to every other request
// (a busy site), so that a long Return All can be interrupted midway.
// Never served unless asked for; nothing here exists in Frappe.
import type { OAuthProvider } from './oauth2';
import type { FrappeHttpServer, RecordedRequest } from './server';

const ADMIN = /^\/_test\//;

function formOf(request: RecordedRequest): URLSearchParams {
	return new URLSearchParams(request.body.toString('utf8'));
}

function cookieSid(request: RecordedRequest): string | undefined {
	return /(?:^|;\s*)sid=([^;]*)/.exec(request.headers.cookie ?? '')?.[1];
}

/** What the requests from index `since` on did (the admin endpoints' own requests left out). */
export function requestStats(requests: RecordedRequest[], since = 0) {
	const byStatus: Record<string, number> = {};
	const bearers = new Set<string>();
	const sids = new Set<string>();
	let logins = 0;
	let refreshes = 0;
	let refreshAttempts = 0;
	let count = 0;
	for (const request of requests.slice(since)) {
		if (ADMIN.test(request.path)) continue;
		count++;
		byStatus[request.status] = (byStatus[request.status] ?? 0) + 1;
		const path = request.path.split('?')[0];
		if (path === '/api/method/login' && request.status === 200) logins++;
		if (
			path === '/api/method/frappe.integrations.oauth2.get_token' &&
			formOf(request).get('grant_type') === 'refresh_token'
		) {
			refreshAttempts++;
			if (request.status === 200) refreshes++;
		}
		const bearer = /^Bearer\s+(\S+)/i.exec(request.headers.authorization ?? '')?.[1];
		if (bearer) bearers.add(bearer);
		const sid = cookieSid(request);
		if (sid && sid !== 'Guest') sids.add(sid);
	}
	return {
		requests: count,
		byStatus,
		logins,
		refreshes,
		refreshAttempts,
		bearerTokens: bearers.size,
		sessionIds: sids.size,
	};
}

export function installTestAdmin(server: FrappeHttpServer, oauth: OAuthProvider): void {
	let latencyMs = 0;
	const handle = server.handle.bind(server);
	server.handle = async (req, res) => {
		if (latencyMs > 0 && !ADMIN.test(req.url ?? '')) {
			await new Promise((resolve) => setTimeout(resolve, latencyMs));
		}
		await handle(req, res);
	};
	server.route(
		'POST',
		/^\/_test\/latency$/,
		(_req, _res, ctx) => {
			latencyMs = Math.max(0, Number(ctx.query.ms ?? 0) || 0);
			ctx.sendJson(200, { latencyMs });
		},
		{ beforeAuth: true },
	);
	server.route(
		'GET',
		/^\/_test\/password$/,
		(_req, _res, ctx) => {
			const { doctype, name, fieldname } = ctx.query;
			ctx.sendJson(200, { message: server.store.getPassword(doctype, name, fieldname) ?? null });
		},
		{ beforeAuth: true },
	);
	server.route(
		'GET',
		/^\/_test\/stats$/,
		(_req, _res, ctx) => {
			const since = Number(ctx.query.since ?? 0) || 0;
			ctx.sendJson(200, {
				cursor: server.requests.length,
				totalLogins: server.counters.logins,
				liveSessions: server.sessions.all().length,
				liveTokens: [...oauth.tokens.keys()].filter((t) => oauth.userForBearer(t)).length,
				...requestStats(server.requests, since),
			});
		},
		{ beforeAuth: true },
	);
	server.route(
		'POST',
		/^\/_test\/sessions\/expire$/,
		(_req, _res, ctx) => {
			const ended = server.sessions.all().length;
			server.sessions.expireAll();
			ctx.sendJson(200, { ended });
		},
		{ beforeAuth: true },
	);
	server.route(
		'POST',
		/^\/_test\/oauth2\/expire$/,
		(_req, _res, ctx) => {
			let expired = 0;
			for (const token of oauth.tokens.keys()) {
				if (oauth.userForBearer(token)) expired++;
				oauth.expireToken(token);
			}
			ctx.sendJson(200, { expired });
		},
		{ beforeAuth: true },
	);
}
