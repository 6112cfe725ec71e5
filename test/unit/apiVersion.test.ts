// What the Auto probe's answers mean (pure), and the bounded time-to-live cache that keeps them.
import { decisionFromProbe } from '../../nodes/shared/apiVersion';
import { TtlCache } from '../../nodes/shared/ttlCache';

describe('decisionFromProbe', () => {
	test('"pong" under data (Frappe 15+, recording v2/25-method-ping) → v2, kept', () => {
		expect(decisionFromProbe({ body: { data: 'pong' } })).toEqual({
			decision: {
				version: 'v2',
				setting: 'auto',
				reason: 'the site answers /api/v2/method/ping (Frappe 15 or later)',
			},
			keep: true,
		});
	});

	test('404 (Frappe 14: DoesNotExistError for /api/v2/…) → v1, kept', () => {
		const { decision, keep } = decisionFromProbe({ httpCode: '404', error: 'not found' });
		expect(decision.version).toBe('v1');
		expect(keep).toBe(true);
	});

	test.each([
		[{ httpCode: '401', error: 'wrong secret' }, /HTTP 401/],
		[{ httpCode: '502', error: 'bad gateway' }, /HTTP 502/],
		[{ error: 'ECONNREFUSED' }, /ECONNREFUSED/],
		[{ body: '<html>' }, /not Frappe JSON/],
	])('anything else (%j) → v1 for now, not kept', (outcome, reason) => {
		const { decision, keep } = decisionFromProbe(outcome);
		expect(decision.version).toBe('v1');
		expect(decision.reason).toMatch(reason);
		expect(keep).toBe(false);
	});
});

describe('TtlCache', () => {
	test('shares one promise, keeps a value its time to live, drops the oldest past the size', async () => {
		let now = 0;
		let made = 0;
		const cache = new TtlCache<number>(
			2,
			(value) => (value > 100 ? 10 : 1000),
			() => now,
		);
		const make = (value: number) => async () => {
			made++;
			return value;
		};
		expect(await Promise.all([cache.get('a', make(1)), cache.get('a', make(2))])).toEqual([1, 1]);
		expect(made).toBe(1);
		now = 999;
		expect(await cache.get('a', make(3))).toBe(1);
		now = 1000;
		expect(await cache.get('a', make(4))).toBe(4);
		expect(await cache.get('short', make(500))).toBe(500);
		now = 1011;
		expect(await cache.get('short', make(600))).toBe(600);
		await cache.get('c', make(5));
		expect(cache.count).toBe(2);
		expect(await cache.get('a', make(6))).toBe(6);
	});

	test('forgets failures and undefined', async () => {
		const cache = new TtlCache<number>(5, 1000);
		await expect(
			cache.get('x', async () => {
				throw new Error('down');
			}),
		).rejects.toThrow('down');
		expect(await cache.get('x', async () => undefined)).toBeUndefined();
		expect(cache.count).toBe(0);
		expect(await cache.get('x', async () => 7)).toBe(7);
	});
});
