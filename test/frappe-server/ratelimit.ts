// Frappe's global rate limiter (site config `rate_limit: {limit, window}`): `limit` seconds of request time per
// wall-clock window, site-wide. Request time is simulated: every request costs `costMicros` (deterministic tests).

export interface RateLimitConfig {
	/** seconds of request processing time allowed per window */
	limit: number;
	/** window length in seconds (windows are aligned to multiples of it since the epoch) */
	window: number;
	/** simulated duration of one request in microseconds (default 30000, i.e. ~33 requests per second of limit) */
	costMicros?: number;
}

export interface RateLimitDecision {
	rejected: boolean;
	headers: Record<string, string>;
	/** call when the request finished (adds its cost; returns the final headers) */
	finish(): Record<string, string>;
}

export class RateLimiter {
	private used = new Map<number, number>();

	constructor(
		public config: RateLimitConfig | null,
		private readonly nowMs: () => number,
	) {}

	set(config: RateLimitConfig | null): void {
		this.config = config;
		this.used.clear();
	}

	check(): RateLimitDecision | null {
		const cfg = this.config;
		if (!cfg) return null;
		const nowSec = this.nowMs() / 1000;
		const windowNo = Math.floor(nowSec / cfg.window);
		const usedBefore = this.used.get(windowNo) ?? 0;
		const limitMicros = Math.round(cfg.limit * 1_000_000);
		const reset = Math.max(1, Math.floor(cfg.window - (nowSec % cfg.window)));
		const cost = cfg.costMicros ?? 30_000;
		const base = {
			'x-ratelimit-limit': String(limitMicros),
			'x-ratelimit-remaining': String(Math.max(0, limitMicros - usedBefore)),
			'x-ratelimit-reset': String(reset),
		};
		if (usedBefore > limitMicros) {
			const headers = { 'retry-after': String(reset), ...base, 'x-ratelimit-remaining': '0' };
			return { rejected: true, headers, finish: () => headers };
		}
		return {
			rejected: false,
			headers: base,
			finish: () => {
				this.used.set(windowNo, (this.used.get(windowNo) ?? 0) + cost);
				return { ...base, 'x-ratelimit-used': String(cost) };
			},
		};
	}
}
