// Replays a Frappe 15.44.2 recording (test/fixtures/frappe-15.44.2/<area>/<file>.json) against the test server:
// placeholders in the request are filled from `vars`, placeholders in the recorded response are learnt from the
// answer, and the answer is compared with the recording (status, content-type, location, cookie names, body),
// ignoring the recording's `volatile` paths and honouring its truncation of tracebacks and HTML.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Recording {
	id: string;
	title: string;
	request: {
		method: string;
		path: string;
		headers: Record<string, string>;
		body: { kind: 'json' | 'form' | 'multipart' | 'raw' | 'none'; value?: unknown };
	};
	response: {
		status: number;
		headers: Record<string, string | string[]>;
		body: unknown;
		truncated?: string;
		body_length?: number;
	};
	volatile: string[];
	notes: string;
}

export interface ReplayResult {
	status: number;
	headers: Headers;
	body: unknown;
	text: string;
	/** differences from the recording; empty when the answer matches */
	differences: string[];
}

const FIXTURES = join(__dirname, '..', 'fixtures', 'frappe-15.44.2');

export function recordingFiles(area: string): string[] {
	return readdirSync(join(FIXTURES, area))
		.filter((file) => file.endsWith('.json'))
		.sort();
}

export function loadRecording(area: string, file: string): Recording {
	return JSON.parse(readFileSync(join(FIXTURES, area, file), 'utf8')) as Recording;
}

const PLACEHOLDER = /<[a-z_]+(?:_\d+)?>/g;

/** Replaces every known placeholder (and the recording site's origin) inside strings. */
export function fill<T>(value: T, vars: Record<string, string>): T {
	if (typeof value === 'string') {
		return value.replace(PLACEHOLDER, (name) => (name in vars ? vars[name] : name)) as T;
	}
	if (Array.isArray(value)) return value.map((item) => fill(item, vars)) as T;
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, item] of Object.entries(value)) out[key] = fill(item, vars);
		return out as T;
	}
	return value;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Learns placeholder values: where the recording has `<name>` the answer has the value. */
function learn(expected: unknown, actual: unknown, vars: Record<string, string>): void {
	if (typeof expected === 'string' && typeof actual === 'string') {
		const names = expected.match(PLACEHOLDER);
		if (!names) return;
		const pattern = new RegExp(
			`^${expected
				.split(PLACEHOLDER)
				.map(escapeRegExp)
				.join('(.+?)')}$`,
		);
		const match = pattern.exec(actual);
		if (!match) return;
		names.forEach((name, index) => {
			if (!(name in vars)) vars[name] = decodeURIComponent(match[index + 1]);
		});
		return;
	}
	if (Array.isArray(expected) && Array.isArray(actual)) {
		expected.forEach((item, index) => learn(item, actual[index], vars));
		return;
	}
	if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
		for (const [key, item] of Object.entries(expected)) learn(item, (actual as Record<string, unknown>)[key], vars);
	}
}

type Segment = { key: string } | { each: true } | { json: true };

function parseVolatile(path: string): Segment[] {
	const segments: Segment[] = [];
	const tokens = path.match(/\|json|\[\*\]|[^.[|]+/g) ?? [];
	for (const token of tokens) {
		if (token === '|json') segments.push({ json: true });
		else if (token === '[*]') segments.push({ each: true });
		else segments.push({ key: token });
	}
	return segments;
}

const VOLATILE = '<volatile>';

/** Returns `value` with the volatile path blanked (strings holding JSON are parsed on the way). */
function blank(value: unknown, segments: Segment[]): unknown {
	if (segments.length === 0) return value === undefined ? undefined : VOLATILE;
	const [head, ...rest] = segments;
	if ('json' in head) {
		if (typeof value !== 'string') return value;
		try {
			return blank(JSON.parse(value), rest);
		} catch {
			return value;
		}
	}
	if ('each' in head) {
		return Array.isArray(value) ? value.map((item) => blank(item, rest)) : value;
	}
	if (value && typeof value === 'object' && !Array.isArray(value) && head.key in (value as Record<string, unknown>)) {
		return { ...(value as Record<string, unknown>), [head.key]: blank((value as Record<string, unknown>)[head.key], rest) };
	}
	return value;
}

const TRUNCATION = /…\[truncated(?: \d+ chars)?\]$/;

/** Compares the recorded value with the answer; strings the recording truncated are compared by their prefix. */
function compare(expected: unknown, actual: unknown, path: string, out: string[]): void {
	if (typeof expected === 'string' && typeof actual === 'string') {
		if (path.endsWith('.exc')) {
			try {
				const e = JSON.parse(expected) as unknown[];
				const a = JSON.parse(actual) as unknown[];
				if (Array.isArray(e) && Array.isArray(a)) {
					compare(e, a, `${path}|json`, out);
					return;
				}
			} catch {
				// not a JSON list: compare as text
			}
		}
		if (TRUNCATION.test(expected)) {
			const prefix = expected.replace(TRUNCATION, '');
			if (!actual.startsWith(prefix)) out.push(`${path}: expected to start with ${JSON.stringify(prefix.slice(0, 200))}…, got ${JSON.stringify(actual.slice(0, 200))}…`);
			return;
		}
		if (expected !== actual) out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
		return;
	}
	if (Array.isArray(expected)) {
		if (!Array.isArray(actual)) {
			out.push(`${path}: expected an array, got ${JSON.stringify(actual)}`);
			return;
		}
		if (expected.length !== actual.length) out.push(`${path}: expected ${expected.length} items, got ${actual.length}`);
		expected.forEach((item, index) => compare(item, actual[index], `${path}[${index}]`, out));
		return;
	}
	if (expected && typeof expected === 'object') {
		if (!actual || typeof actual !== 'object' || Array.isArray(actual)) {
			out.push(`${path}: expected an object, got ${JSON.stringify(actual)}`);
			return;
		}
		const expectedKeys = Object.keys(expected);
		const actualKeys = Object.keys(actual);
		if (expectedKeys.join(',') !== actualKeys.join(',')) out.push(`${path}: keys ${JSON.stringify(expectedKeys)} ≠ ${JSON.stringify(actualKeys)}`);
		for (const key of expectedKeys) compare((expected as Record<string, unknown>)[key], (actual as Record<string, unknown>)[key], `${path}.${key}`, out);
		return;
	}
	if (expected !== actual) out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function cookieNames(cookies: string[]): string[] {
	return cookies.map((cookie) => cookie.split('=')[0]);
}

export interface ReplayOptions {
	/** the recording site's origin, replaced by the test server's in expected values (issuer, endpoint URLs) */
	recordedOrigin?: string;
	/** more paths (same syntax as `volatile`) to leave out of the comparison, with the reason in the test */
	ignore?: string[];
}

/** Sends the recorded request to `baseUrl` and compares the answer with the recording. */
export async function replay(
	recording: Recording,
	baseUrl: string,
	vars: Record<string, string>,
	options: ReplayOptions = {},
): Promise<ReplayResult> {
	const { request } = recording;
	const headers = fill(request.headers, vars);
	let body: string | undefined;
	if (request.body.kind === 'json') body = JSON.stringify(fill(request.body.value, vars));
	else if (request.body.kind === 'form') {
		body = new URLSearchParams(fill(request.body.value as Record<string, string>, vars)).toString();
	} else if (request.body.kind === 'raw') body = fill(String(request.body.value ?? ''), vars);
	const response = await fetch(`${baseUrl}${fill(request.path, vars)}`, {
		method: request.method,
		headers,
		body,
		redirect: 'manual',
	});
	const text = await response.text();
	let parsed: unknown = text;
	if ((response.headers.get('content-type') ?? '').includes('application/json')) {
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = text;
		}
	}

	const expected = recording.response;
	learn(expected.body, parsed, vars);
	if (typeof expected.headers.location === 'string') learn(expected.headers.location, response.headers.get('location') ?? '', vars);

	const origin = new URL(baseUrl).origin;
	const expectedFilled = (value: unknown) => {
		const filled = fill(value, vars);
		if (!options.recordedOrigin) return filled;
		return JSON.parse(JSON.stringify(filled).split(options.recordedOrigin).join(origin)) as unknown;
	};

	const differences: string[] = [];
	if (response.status !== expected.status) differences.push(`status: expected ${expected.status}, got ${response.status}`);

	const volatile = [...recording.volatile, ...(options.ignore ?? [])].filter((path) => path.startsWith('response.'));
	const isVolatile = (path: string) => volatile.includes(path);

	const contentType = expected.headers['content-type'];
	if (contentType !== undefined && response.headers.get('content-type') !== contentType) {
		differences.push(`content-type: expected ${String(contentType)}, got ${response.headers.get('content-type')}`);
	}
	if (expected.headers.location !== undefined && !isVolatile('response.headers.location')) {
		const want = expectedFilled(expected.headers.location);
		if (response.headers.get('location') !== want) differences.push(`location: expected ${String(want)}, got ${response.headers.get('location')}`);
	}
	if (Array.isArray(expected.headers['set-cookie'])) {
		const want = cookieNames(expected.headers['set-cookie']);
		const got = cookieNames(response.headers.getSetCookie());
		if (want.join(',') !== got.join(',')) differences.push(`set-cookie names: expected ${want.join(',')}, got ${got.join(',')}`);
	}

	if (!isVolatile('response.body')) {
		let want: unknown = expectedFilled(expected.body);
		let got: unknown = parsed;
		for (const path of volatile) {
			if (!path.startsWith('response.body.')) continue;
			const segments = parseVolatile(path.slice('response.body.'.length));
			want = blank(want, segments);
			got = blank(got, segments);
		}
		compare(want, got, 'body', differences);
	}
	return { status: response.status, headers: response.headers, body: parsed, text, differences };
}
