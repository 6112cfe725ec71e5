// The memory of recent deliveries behind "Ignore Repeated Deliveries": fingerprints of the exact bytes, a window,
// and a bound on its size.
import {
	acceptedWithin,
	deliveryFingerprint,
	MAX_REMEMBERED_DELIVERIES,
	remember,
} from '../../../nodes/FrappeTrigger/repeats';

const MINUTE = 60_000;

describe('repeats', () => {
	test('the fingerprint follows the exact bytes', () => {
		const a = deliveryFingerprint(Buffer.from('{"doc": {"name": "a"}}'));
		expect(a).toHaveLength(22);
		expect(deliveryFingerprint(Buffer.from('{"doc": {"name": "a"}}'))).toBe(a);
		expect(deliveryFingerprint(Buffer.from('{"doc":{"name":"a"}}'))).not.toBe(a);
	});

	test('a delivery is a repeat within the window only', () => {
		const memory = remember(undefined, 'f', 1_000_000, 10 * MINUTE);
		expect(acceptedWithin(memory, 'f', 1_000_000 + 9 * MINUTE, 10 * MINUTE)).toBe(1_000_000);
		expect(acceptedWithin(memory, 'f', 1_000_000 + 10 * MINUTE, 10 * MINUTE)).toBeUndefined();
		expect(acceptedWithin(memory, 'g', 1_000_000, 10 * MINUTE)).toBeUndefined();
		expect(acceptedWithin(undefined, 'f', 1_000_000, 10 * MINUTE)).toBeUndefined();
		// a clock that went back does not make the future a repeat
		expect(acceptedWithin(memory, 'f', 999_000, 10 * MINUTE)).toBeUndefined();
	});

	test('remembering drops what the window no longer covers', () => {
		let memory = remember(undefined, 'old', 0, 10 * MINUTE);
		memory = remember(memory, 'new', 11 * MINUTE, 10 * MINUTE);
		expect(memory).toEqual({ new: 11 * MINUTE });
	});

	test(`at most ${MAX_REMEMBERED_DELIVERIES} deliveries are kept, the oldest go first`, () => {
		let memory = {};
		for (let i = 0; i < MAX_REMEMBERED_DELIVERIES + 50; i++) {
			memory = remember(memory, `f${i}`, i, 10 * MINUTE);
		}
		expect(Object.keys(memory)).toHaveLength(MAX_REMEMBERED_DELIVERIES);
		expect(memory).not.toHaveProperty('f49');
		expect(memory).toHaveProperty('f50');
		expect(memory).toHaveProperty(`f${MAX_REMEMBERED_DELIVERIES + 49}`);
		expect(JSON.stringify(memory).length).toBeLessThan(50_000);
	});
});
