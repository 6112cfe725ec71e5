// Shared pieces of the credential tests: the package's credential types, a path-prefix reverse proxy in front of the
// test server, small fake "sites" that are not Frappe, a self-signed HTTPS front, and the check that no secret leaks
// into what n8n shows or stores.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import {
	createServer as createHttpServer,
	request as httpRequest,
	type IncomingMessage,
	type Server,
	type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { ICredentialType } from 'n8n-workflow';

import { FrappeApi } from '../../credentials/FrappeApi.credentials';
import { FrappeOAuth2Api } from '../../credentials/FrappeOAuth2Api.credentials';
import { FrappeSessionApi } from '../../credentials/FrappeSessionApi.credentials';

export const credentialTypes: ICredentialType[] = [
	new FrappeApi(),
	new FrappeOAuth2Api(),
	new FrappeSessionApi(),
];

export interface RunningServer {
	url: string;
	close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

async function closeServer(server: Server): Promise<void> {
	server.closeAllConnections?.();
	await new Promise<void>((resolve) => server.close(() => resolve()));
}

function forward(
	target: URL,
	path: string,
	req: IncomingMessage,
	res: ServerResponse,
	rewritePrefix?: string,
	dropHeaders: string[] = [],
): void {
	const headers = { ...req.headers };
	for (const name of dropHeaders) delete headers[name.toLowerCase()];
	const upstream = httpRequest(
		{
			hostname: target.hostname,
			port: target.port,
			method: req.method,
			path,
			headers,
		},
		(answer) => {
			const headers = { ...answer.headers };
			// like nginx `proxy_redirect / <prefix>/;`: Frappe's root-relative redirects stay under the prefix
			if (
				rewritePrefix &&
				typeof headers.location === 'string' &&
				headers.location.startsWith('/')
			) {
				headers.location = `${rewritePrefix}${headers.location}`;
			}
			res.writeHead(answer.statusCode ?? 502, headers);
			answer.pipe(res);
		},
	);
	upstream.on('error', () => {
		res.writeHead(502, { 'content-type': 'text/html' });
		res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
	});
	req.pipe(upstream);
}

/**
 * A reverse proxy that serves the site under `prefix` (like nginx `location /erp/ { proxy_pass …/; proxy_redirect /
 * /erp/; }`) and answers anything else with nginx's HTML 404. `dropHeaders` are not passed on (a proxy that strips
 * Authorization or Cookie).
 */
export async function startPrefixProxy(
	targetUrl: string,
	prefix: string,
	dropHeaders: string[] = [],
): Promise<RunningServer> {
	const target = new URL(targetUrl);
	const server = createHttpServer((req, res) => {
		const url = req.url ?? '/';
		if (url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`)) {
			forward(target, url.slice(prefix.length) || '/', req, res, prefix, dropHeaders);
			return;
		}
		req.resume();
		res.writeHead(404, { 'content-type': 'text/html' });
		res.end(
			'<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>',
		);
	});
	const port = await listen(server);
	return { url: `http://127.0.0.1:${port}${prefix}`, close: async () => await closeServer(server) };
}

/** A site that answers every request with the same status, content type and body (a "not Frappe" server). */
export async function startFixedSite(
	status: number,
	contentType: string,
	body: string,
): Promise<RunningServer & { requests: IncomingMessage[] }> {
	const requests: IncomingMessage[] = [];
	const server = createHttpServer((req, res) => {
		requests.push(req);
		req.resume();
		res.writeHead(status, { 'content-type': contentType });
		res.end(body);
	});
	const port = await listen(server);
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		close: async () => await closeServer(server),
	};
}

/** A port nothing listens on. */
export async function closedPortUrl(): Promise<string> {
	const server = createHttpServer();
	const port = await listen(server);
	await closeServer(server);
	return `http://127.0.0.1:${port}`;
}

/**
 * An HTTPS front with a fresh self-signed certificate, forwarding to the test server; undefined when the openssl
 * command is not available.
 */
export async function startSelfSignedFront(targetUrl: string): Promise<RunningServer | undefined> {
	const dir = mkdtempSync(join(tmpdir(), 'frappe-tls-'));
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-keyout',
				join(dir, 'key.pem'),
				'-out',
				join(dir, 'cert.pem'),
				'-days',
				'2',
				'-subj',
				'/CN=127.0.0.1',
			],
			{ stdio: 'ignore' },
		);
	} catch {
		rmSync(dir, { recursive: true, force: true });
		return undefined;
	}
	const target = new URL(targetUrl);
	const server = createHttpsServer(
		{ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
		(req, res) => forward(target, req.url ?? '/', req, res),
	);
	rmSync(dir, { recursive: true, force: true });
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		url: `https://127.0.0.1:${port}`,
		close: async () => {
			server.closeAllConnections?.();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

/** Everything n8n would show or keep of a failure, as one string: message, description, messages, JSON. */
export function visibleText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	const parts: string[] = [];
	const error = value as {
		message?: unknown;
		description?: unknown;
		messages?: unknown;
		context?: unknown;
	};
	if (error.message !== undefined) parts.push(String(error.message));
	if (error.description !== undefined) parts.push(String(error.description));
	if (error.messages !== undefined) parts.push(JSON.stringify(error.messages));
	if (error.context !== undefined) parts.push(JSON.stringify(error.context));
	try {
		parts.push(JSON.stringify(value));
	} catch {
		parts.push(String(value));
	}
	return parts.join('\n');
}

/** Fails with the name of the secret (never its value) if any secret occurs in `value`. */
export function expectNoSecrets(value: unknown, secrets: Record<string, string | undefined>): void {
	const text = visibleText(value);
	const leaked = Object.entries(secrets)
		.filter(
			([, secret]) => typeof secret === 'string' && secret.length >= 4 && text.includes(secret),
		)
		.map(([name]) => name);
	expect(leaked).toEqual([]);
}
