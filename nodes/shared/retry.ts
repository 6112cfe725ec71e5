// When a failed request to Frappe is sent again, and after how long. Pure.
//
// - 429 (Frappe's global rate limiter, `rate_limiter.apply` in `before_request`) is refused before
//   any work is done: always safe to repeat, after its Retry-After (or X-RateLimit-Reset) seconds.
//   A 429 without either header is the per-method limiter (`@rate_limit`), whose window is usually
//   a day: not repeated.
// - 503 (maintenance, a proxy with no free worker) did no work either: repeated after Retry-After,
//   or with backoff.
// - 502, 504 and a connection reset may have happened after Frappe did the work: repeated only for
//   requests that are safe to repeat (reads, writes that set the same values again).
// - A refused connection sent nothing: repeated with backoff.
// - A timeout is the user's bound on the wait, not repeated.
import { httpFailureOf, networkCodeOf } from './httpFailure';

export interface RetryPolicy {
	/** Tries in all, the first included. */
	maxTries: number;
	/**
	 * The request may be sent again when its outcome is unknown (GET, or a write of the same values).
	 */
	safeToRepeat: boolean;
}

export const DEFAULT_MAX_TRIES = 4;

/**
 * Waits longer than this are not worth holding an execution for: the error says when to try again.
 */
export const LONGEST_WAIT_SECONDS = 120;

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'ERR_SOCKET_CONNECTION_TIMEOUT', 'EAI_AGAIN']);

function headerSeconds(headers: Record<string, unknown> | undefined, name: string) {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	if (key === undefined) return undefined;
	const raw = headers[key];
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function backoffSeconds(tries: number): number {
	return Math.min(8, 2 ** (tries - 1));
}

/**
 * Seconds to wait before try `tries + 1` after `error` ended try `tries`; undefined when it must
 * not be repeated.
 */
export function retryDelaySeconds(
	error: unknown,
	tries: number,
	policy: RetryPolicy,
): number | undefined {
	if (tries >= policy.maxTries) return undefined;
	const failure = httpFailureOf(error);
	const status = failure?.response?.status;
	const headers = failure?.response?.headers;
	const announced =
		headerSeconds(headers, 'retry-after') ?? headerSeconds(headers, 'x-ratelimit-reset');
	let wait: number | undefined;
	if (status === 429) wait = announced;
	else if (status === 503) wait = announced ?? backoffSeconds(tries);
	else if (status === 502 || status === 504) {
		wait = policy.safeToRepeat ? backoffSeconds(tries) : undefined;
	} else if (status === undefined) {
		const code = networkCodeOf(error);
		if (code === 'ECONNREFUSED') wait = backoffSeconds(tries);
		else if (code !== undefined && RESET_CODES.has(code) && policy.safeToRepeat) {
			wait = backoffSeconds(tries);
		}
	}
	if (wait === undefined || wait > LONGEST_WAIT_SECONDS) return undefined;
	return wait;
}

/** Whether the request timed out (n8n's helpers abort it after `timeout` ms). */
export function isTimeout(error: unknown): boolean {
	const code = networkCodeOf(error);
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return true;
	const message = String((error as { message?: unknown })?.message ?? '');
	return /timeout of \d+ms exceeded/i.test(message);
}
