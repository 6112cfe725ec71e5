// Replay of the ratelimit recordings: site-wide time budget, 429 JSON vs text, X-RateLimit-* headers.
import { replayArea, type Replay } from '../helpers';

/** a fixed clock: every request falls into the same rate-limit window */
const NOW = Date.UTC(2026, 10, 24, 3, 12, 1);

async function burnUntilLastAllowed(r: Replay): Promise<void> {
	// keep sending until the next request is the last one that fits into the window's budget
	const cost = 30_000;
	for (let i = 0; i < 1000; i++) {
		const res = await r.send('GET', '/api/method/ping');
		const limit = Number(res.headers['x-ratelimit-limit']);
		const remaining = Number(res.headers['x-ratelimit-remaining']);
		const nextUsedBefore = limit - remaining + cost;
		if (nextUsedBefore > limit - cost) return;
	}
	throw new Error('rate limit never approached');
}

replayArea('ratelimit', {
	server: { now: () => NOW },
	preludes: {
		'ratelimit/01-first-request-headers': async (r) =>
			r.server.setRateLimit({ limit: 1, window: 60 }),
		'ratelimit/02-last-200-before-429': burnUntilLastAllowed,
		'ratelimit/07-after-removal': async (r) => r.server.setRateLimit(null),
	},
});
