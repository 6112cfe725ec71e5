// Frappe signs a webhook delivery with `X-Frappe-Webhook-Signature: base64(HMAC-SHA256(secret,
// body))`, over the exact body bytes it sends (Python `json.dumps` text). Pure functions: no n8n
// context, no parsing of the body.
import { createHmac, timingSafeEqual } from 'crypto';

export const SIGNATURE_HEADER = 'x-frappe-webhook-signature';

/**
 * The signature Frappe sends for `body`: standard base64 (with `=` padding) of HMAC-SHA256 keyed by
 * the UTF-8 secret.
 */
export function computeSignature(secret: string, body: Buffer | string): string {
	return createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('base64');
}

/**
 * Whether `header` is the signature of exactly these `body` bytes under `secret`, compared in
 * constant time.
 *
 * The header is compared as text, not decoded: base64 decoders skip invalid characters and ignore
 * the unused bits of the last character, so two different header strings can decode to the same
 * digest. A missing, repeated (array) or differently sized header fails without the comparison
 * leaking where it differs.
 */
export function verifySignature(
	secret: string,
	body: Buffer | undefined,
	header: string | string[] | undefined,
): boolean {
	if (secret === '' || typeof header !== 'string' || header === '') return false;
	const expected = Buffer.from(computeSignature(secret, body ?? Buffer.alloc(0)), 'utf8');
	const received = Buffer.from(header, 'utf8');
	if (received.length !== expected.length) {
		// Same work as a real comparison, then refuse: timingSafeEqual needs equal lengths.
		timingSafeEqual(expected, expected);
		return false;
	}
	return timingSafeEqual(expected, received);
}
