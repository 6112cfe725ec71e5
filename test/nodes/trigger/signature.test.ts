// The signature check on its own: a pure function over bytes, against Frappe's own signatures.
import { createHmac } from 'node:crypto';

import { computeSignature, verifySignature } from '../../../nodes/FrappeTrigger/signature';
import { bodyOf, deliveryRecordings } from '../../helpers';

const signed = deliveryRecordings.filter((recording) => recording.secret !== null);

describe('computeSignature', () => {
	test('the fixed vector: secret my-secret over a ToDo body', () => {
		const body = '{"doctype": "ToDo", "name": "TODO-0001", "status": "Open"}';
		expect(computeSignature('my-secret', Buffer.from(body))).toBe(
			'O4tw9TQ2I3w6ZBvKFMiTPkRVKG8RYXl1D6fFjkOQA2s=',
		);
		expect(
			verifySignature(
				'my-secret',
				Buffer.from(body),
				'O4tw9TQ2I3w6ZBvKFMiTPkRVKG8RYXl1D6fFjkOQA2s=',
			),
		).toBe(true);
	});

	test('more vectors: a body built from Form URL-Encoded rows, non-ASCII written as \\uXXXX', () => {
		expect(
			computeSignature(
				's3cr3t!',
				Buffer.from(
					'{"id": "TODO-0001", "state": "Open", "modified": "2024-05-01 10:20:30.123456"}',
				),
			),
		).toBe('ry63BC3EH3f25FqLmghL4XG4cVAbd9maMSLVU3MEnJI=');
		const body =
			'{"customer": "Caf\\u00e9 Z\\u00fcrich", "grand_total": 1180.5, "items": [{"item_code": "ITEM-1", "qty": 2}], "remarks": null}';
		expect(Buffer.byteLength(body)).toBe(123);
		expect(computeSignature('webhook_secret_123', Buffer.from(body))).toBe(
			'COUDCJZLYsYKq17fQtOmxXeTIVHex8PCR4CeGTOjQOQ=',
		);
	});

	test('the secret is used as UTF-8 bytes', () => {
		const body = Buffer.from('{"a": 1}');
		expect(computeSignature('sécret', body)).toBe(
			createHmac('sha256', Buffer.from('sécret', 'utf8')).update(body).digest('base64'),
		);
	});
});

describe('verifySignature against every signed delivery Frappe 15.44.2 made', () => {
	test('there are signed recordings to check', () => {
		expect(signed.length).toBeGreaterThanOrEqual(10);
	});

	test.each(signed.map((recording) => [recording.file, recording] as const))(
		'%s is accepted with its secret',
		(_file, recording) => {
			const body = bodyOf(recording);
			expect(body.length).toBe(recording.request.body_length);
			expect(verifySignature(recording.secret!, body, recording.signature_header!)).toBe(true);
			expect(computeSignature(recording.secret!, body)).toBe(recording.signature_header);
		},
	);

	describe.each(signed.map((recording) => [recording.file, recording] as const))(
		'%s, forged',
		(_file, recording) => {
			const body = bodyOf(recording);
			const secret = recording.secret!;
			const signature = recording.signature_header!;

			test('wrong secret', () => {
				expect(verifySignature(`${secret}x`, body, signature)).toBe(false);
				expect(
					verifySignature(
						secret.toUpperCase() === secret ? secret.toLowerCase() : secret.toUpperCase(),
						body,
						signature,
					),
				).toBe(false);
			});

			test('one flipped byte anywhere in the body', () => {
				for (const index of [0, Math.floor(body.length / 2), body.length - 1]) {
					const forged = Buffer.from(body);
					forged[index] ^= 0x01;
					expect(verifySignature(secret, forged, signature)).toBe(false);
				}
			});

			test('one flipped character in the signature', () => {
				for (const index of [0, 20, signature.length - 2, signature.length - 1]) {
					const replacement = signature[index] === 'A' ? 'B' : 'A';
					const forged = signature.slice(0, index) + replacement + signature.slice(index + 1);
					expect(verifySignature(secret, body, forged)).toBe(false);
				}
			});

			test('the same JSON re-serialised with other spacing', () => {
				const compact = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))));
				expect(compact.equals(body)).toBe(false);
				expect(verifySignature(secret, compact, signature)).toBe(false);
				const pretty = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8')), null, 2));
				expect(verifySignature(secret, pretty, signature)).toBe(false);
			});

			test('truncated body, empty body, trailing newline', () => {
				expect(verifySignature(secret, body.subarray(0, body.length - 1), signature)).toBe(false);
				expect(verifySignature(secret, Buffer.alloc(0), signature)).toBe(false);
				expect(verifySignature(secret, undefined, signature)).toBe(false);
				expect(verifySignature(secret, Buffer.concat([body, Buffer.from('\n')]), signature)).toBe(
					false,
				);
			});

			test('missing, empty, repeated or padded header', () => {
				expect(verifySignature(secret, body, undefined)).toBe(false);
				expect(verifySignature(secret, body, '')).toBe(false);
				expect(verifySignature(secret, body, [signature, signature])).toBe(false);
				expect(verifySignature(secret, body, ` ${signature}`)).toBe(false);
				expect(verifySignature(secret, body, signature.replace(/=+$/, ''))).toBe(false);
			});

			test('a header made for another body', () => {
				const other = signed.find((candidate) => candidate.signature_header !== signature)!;
				expect(verifySignature(secret, body, other.signature_header!)).toBe(false);
			});

			test('the signature in hex instead of base64', () => {
				const hex = createHmac('sha256', secret).update(body).digest('hex');
				expect(verifySignature(secret, body, hex)).toBe(false);
				expect(verifySignature(secret, body, hex.toUpperCase())).toBe(false);
				expect(verifySignature(secret, body, `sha256=${hex}`)).toBe(false);
				expect(
					verifySignature(
						secret,
						body,
						createHmac('sha256', secret).update(body).digest('base64url'),
					),
				).toBe(false);
			});
		},
	);

	test('no secret refuses everything, even a signature of the empty key', () => {
		const body = Buffer.from('{}');
		expect(verifySignature('', body, createHmac('sha256', '').update(body).digest('base64'))).toBe(
			false,
		);
	});
});
