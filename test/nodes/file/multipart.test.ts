import { buildMultipartBody, escapeDispositionValue } from '../../../nodes/shared/multipart';

/** A small RFC 7578 reader, independent of the builder: splits on the boundary and reads each part's headers. */
function parseMultipart(body: Buffer, boundary: string) {
	const delimiter = Buffer.from(`--${boundary}`);
	const parts: Array<{ headers: Record<string, string>; data: Buffer }> = [];
	let position = body.indexOf(delimiter);
	expect(position).toBe(0);
	for (;;) {
		const afterDelimiter = position + delimiter.length;
		if (body.subarray(afterDelimiter, afterDelimiter + 2).toString() === '--') break;
		expect(body.subarray(afterDelimiter, afterDelimiter + 2).toString()).toBe('\r\n');
		const headerEnd = body.indexOf('\r\n\r\n', afterDelimiter);
		const headers: Record<string, string> = {};
		for (const line of body
			.subarray(afterDelimiter + 2, headerEnd)
			.toString('utf8')
			.split('\r\n')) {
			const colon = line.indexOf(':');
			headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
		}
		const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4);
		expect(next).toBeGreaterThan(-1);
		parts.push({ headers, data: body.subarray(headerEnd + 4, next) });
		position = next + 2;
	}
	expect(body.subarray(position).toString()).toBe(`--${boundary}--\r\n`);
	return parts;
}

describe('buildMultipartBody', () => {
	it('writes text fields, then the file part, with the boundary in the Content-Type', () => {
		const data = Buffer.from(Array.from({ length: 256 }, (_, index) => index));
		const { body, contentType, boundary } = buildMultipartBody(
			[
				['is_private', '1'],
				['folder', undefined],
				['doctype', 'Sales Voucher'],
			],
			{ field: 'file', fileName: 'bytes.bin', contentType: 'application/octet-stream', data },
			'test-boundary',
		);
		expect(contentType).toBe('multipart/form-data; boundary=test-boundary');
		expect(boundary).toBe('test-boundary');
		const parts = parseMultipart(body, boundary);
		expect(parts.map((part) => part.headers['content-disposition'])).toEqual([
			'form-data; name="is_private"',
			'form-data; name="doctype"',
			'form-data; name="file"; filename="bytes.bin"',
		]);
		expect(parts[0].data.toString()).toBe('1');
		expect(parts[1].data.toString()).toBe('Sales Voucher');
		expect(parts[2].headers['content-type']).toBe('application/octet-stream');
		expect(Buffer.compare(parts[2].data, data)).toBe(0);
	});

	it('keeps bytes that look like a boundary or CRLF intact', () => {
		const data = Buffer.from('\r\n--test-boundary\r\n\r\n');
		const { body } = buildMultipartBody(
			[],
			{ field: 'file', fileName: 'x.txt', contentType: 'text/plain', data },
			'b',
		);
		const parts = parseMultipart(body, 'b');
		expect(parts[0].data.toString()).toBe('\r\n--test-boundary\r\n\r\n');
	});

	it('sends a non-ASCII file name as UTF-8 and escapes quotes and line breaks', () => {
		const { body } = buildMultipartBody(
			[['note"\r\n', 'Zürich ✓']],
			{
				field: 'file',
				fileName: 'Zürich ✓ "a".json',
				contentType: 'application/json',
				data: Buffer.from('{}'),
			},
			'b',
		);
		const parts = parseMultipart(body, 'b');
		expect(parts[0].headers['content-disposition']).toBe('form-data; name="note%22%0D%0A"');
		expect(parts[0].data.toString('utf8')).toBe('Zürich ✓');
		expect(parts[1].headers['content-disposition']).toBe(
			'form-data; name="file"; filename="Zürich ✓ %22a%22.json"',
		);
	});

	it('builds a body of text fields only (a URL upload)', () => {
		const { body } = buildMultipartBody(
			[['file_url', 'https://example.com/logo.png']],
			undefined,
			'b',
		);
		expect(body.toString()).toBe(
			'--b\r\nContent-Disposition: form-data; name="file_url"\r\n\r\nhttps://example.com/logo.png\r\n--b--\r\n',
		);
	});

	it('defaults an empty content type and strips line breaks from it', () => {
		const { body } = buildMultipartBody(
			[],
			{ field: 'file', fileName: 'a', contentType: '', data: Buffer.from('x') },
			'b',
		);
		expect(parseMultipart(body, 'b')[0].headers['content-type']).toBe('application/octet-stream');
		const injected = buildMultipartBody(
			[],
			{
				field: 'file',
				fileName: 'a',
				contentType: 'text/plain\r\nX-Evil: 1',
				data: Buffer.from('x'),
			},
			'b',
		);
		expect(parseMultipart(injected.body, 'b')[0].headers).not.toHaveProperty('x-evil');
	});

	it('makes a fresh random boundary per body and refuses a broken one', () => {
		const first = buildMultipartBody([['a', '1']]);
		const second = buildMultipartBody([['a', '1']]);
		expect(first.boundary).not.toBe(second.boundary);
		expect(first.boundary.length).toBeLessThanOrEqual(70);
		expect(() => buildMultipartBody([], undefined, 'a"b')).toThrow('Invalid multipart boundary');
		expect(() => buildMultipartBody([], undefined, '')).toThrow('Invalid multipart boundary');
	});

	it('holds the file bytes in exactly one new buffer of the exact size', () => {
		const data = Buffer.alloc(1024 * 1024, 7);
		const { body } = buildMultipartBody(
			[['is_private', '0']],
			{ field: 'file', fileName: 'a', contentType: 'x/y', data },
			'b',
		);
		const overhead = body.length - data.length;
		expect(overhead).toBeLessThan(300);
		expect(body.buffer).not.toBe(data.buffer);
	});
});

describe('escapeDispositionValue', () => {
	it('percent-encodes ", CR and LF only', () => {
		expect(escapeDispositionValue('a"b\rc\nd é')).toBe('a%22b%0Dc%0Ad é');
	});
});

describe('buildMultipartBody from base64 text (n8n in-memory binary data)', () => {
	const data = Buffer.from(Array.from({ length: 256 }, (_, index) => index));

	it('decodes into the body, byte-identical to the Buffer path', () => {
		const fromBuffer = buildMultipartBody(
			[['a', '1']],
			{ field: 'file', fileName: 'b', contentType: 'x/y', data },
			'q',
		);
		const fromBase64 = buildMultipartBody(
			[['a', '1']],
			{
				field: 'file',
				fileName: 'b',
				contentType: 'x/y',
				data: { base64: data.toString('base64') },
			},
			'q',
		);
		expect(Buffer.compare(fromBase64.body, fromBuffer.body)).toBe(0);
	});

	it.each([1, 2, 3, 4, 5])('handles padding (%i bytes)', (length) => {
		const bytes = data.subarray(0, length);
		const { body } = buildMultipartBody(
			[],
			{ field: 'f', fileName: 'b', contentType: 'x/y', data: { base64: bytes.toString('base64') } },
			'q',
		);
		expect(Buffer.compare(parseMultipart(body, 'q')[0].data, bytes)).toBe(0);
	});

	it('falls back to tolerant decoding for base64 with line breaks', () => {
		const wrapped = data.toString('base64').replace(/(.{76})/g, '$1\r\n');
		const { body } = buildMultipartBody(
			[],
			{ field: 'f', fileName: 'b', contentType: 'x/y', data: { base64: wrapped } },
			'q',
		);
		expect(Buffer.compare(parseMultipart(body, 'q')[0].data, data)).toBe(0);
	});
});
