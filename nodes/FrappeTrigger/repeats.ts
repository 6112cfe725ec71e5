// "Ignore Repeated Deliveries": Frappe retries a delivery that timed out or failed with the very
// same bytes, so a delivery whose body hashes like one accepted within the window is a repeat. The
// memory is a small record (hash → when accepted, in ms) kept in the workflow's static data,
// pruned to the window and to a fixed size. Pure.
import { createHash } from 'crypto';

export const MAX_REMEMBERED_DELIVERIES = 1000;

export type DeliveryMemory = Record<string, number>;

/** A short, fixed-size fingerprint of the exact body bytes (128 bits of SHA-256). */
export function deliveryFingerprint(body: Buffer): string {
	return createHash('sha256').update(body).digest('base64url').slice(0, 22);
}

/** When the delivery with this fingerprint was accepted, if that was within the window. */
export function acceptedWithin(
	memory: DeliveryMemory | undefined,
	fingerprint: string,
	now: number,
	windowMs: number,
): number | undefined {
	const acceptedAt = memory?.[fingerprint];
	if (typeof acceptedAt !== 'number') return undefined;
	return now - acceptedAt < windowMs && acceptedAt <= now ? acceptedAt : undefined;
}

/**
 * The memory with this delivery added, entries older than the window dropped, the oldest dropped
 * beyond `max`.
 */
export function remember(
	memory: DeliveryMemory | undefined,
	fingerprint: string,
	now: number,
	windowMs: number,
	max = MAX_REMEMBERED_DELIVERIES,
): DeliveryMemory {
	const kept = Object.entries(memory ?? {}).filter(
		([key, acceptedAt]) =>
			key !== fingerprint &&
			typeof acceptedAt === 'number' &&
			now - acceptedAt < windowMs &&
			acceptedAt <= now,
	);
	kept.sort((a, b) => a[1] - b[1]);
	return Object.fromEntries([
		...kept.slice(Math.max(0, kept.length - (max - 1))),
		[fingerprint, now],
	]);
}
