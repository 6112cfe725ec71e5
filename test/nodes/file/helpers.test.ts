import {
	collectBytes,
	encodeUrlPath,
	fileListFilters,
	formatFileSize,
	locateFileUrl,
} from '../../../nodes/shared/files';
import {
	baseName,
	fileNameFromContentDisposition,
	fileNameFromUrl,
	mimeTypeOf,
} from '../../../nodes/shared/mime';

describe('mimeTypeOf', () => {
	it.each([
		['text/plain; charset=utf-8', 'text/plain'],
		['Application/JSON', 'application/json'],
		[['image/png'], 'image/png'],
		['', undefined],
		['garbage', undefined],
		[undefined, undefined],
	])('%p → %p', (header, expected) => {
		expect(mimeTypeOf(header)).toBe(expected);
	});
});

describe('fileNameFromContentDisposition', () => {
	it.each([
		['attachment; filename=rec-private.txt', 'rec-private.txt'],
		['attachment; filename="a b.pdf"', 'a b.pdf'],
		['attachment; filename="a \\"q\\".pdf"', 'a "q".pdf'],
		[
			'attachment; filename="fallback.txt"; filename*=UTF-8\'\'Z%C3%BCrich%20%E2%9C%93.json',
			'Zürich ✓.json',
		],
		["attachment; filename*=iso-8859-1'en'%E9t%E9.txt", 'été.txt'],
		['attachment; filename="../../etc/passwd"', 'passwd'],
		['inline', undefined],
		[undefined, undefined],
	])('%p → %p', (header, expected) => {
		expect(fileNameFromContentDisposition(header)).toBe(expected);
	});
});

describe('file names from URLs', () => {
	it('decodes an encoded last segment, keeps a raw one, drops query and fragment', () => {
		expect(fileNameFromUrl('/private/files/Z%C3%BCrich%20%E2%9C%93.json?x=1#y')).toBe(
			'Zürich ✓.json',
		);
		expect(fileNameFromUrl('/files/Zürich ✓.json')).toBe('Zürich ✓.json');
		expect(fileNameFromUrl('/files/100%.txt')).toBe('100%.txt');
		expect(fileNameFromUrl('/private/files/Zürich ✓ %22q%22.json')).toBe('Zürich ✓ %22q%22.json');
		expect(fileNameFromUrl('/files/')).toBeUndefined();
		expect(baseName('a\\b/c.txt')).toBe('c.txt');
	});
});

describe('locateFileUrl', () => {
	const site = 'https://erp.example.com';

	it('reads public and private site paths', () => {
		expect(locateFileUrl('/files/a.txt', site)).toEqual({
			kind: 'site',
			path: '/files/a.txt',
			isPrivate: false,
		});
		expect(locateFileUrl('/private/files/a.txt', site)).toEqual({
			kind: 'site',
			path: '/private/files/a.txt',
			isPrivate: true,
		});
		expect(locateFileUrl('files/a.txt', site)).toEqual({
			kind: 'site',
			path: '/files/a.txt',
			isPrivate: false,
		});
	});

	it('accepts a full URL on the site (with a path prefix) and refuses other hosts', () => {
		expect(locateFileUrl('https://erp.example.com/private/files/a.txt', site)).toEqual({
			kind: 'site',
			path: '/private/files/a.txt',
			isPrivate: true,
		});
		expect(locateFileUrl('https://example.com/erp/files/a.txt', 'https://example.com/erp')).toEqual(
			{
				kind: 'site',
				path: '/files/a.txt',
				isPrivate: false,
			},
		);
		expect(locateFileUrl('https://example.com/logo.png', site)).toEqual({
			kind: 'external',
			url: 'https://example.com/logo.png',
		});
	});
});

describe('encodeUrlPath', () => {
	it('encodes each segment once, leaving encoded segments alone', () => {
		expect(encodeUrlPath('/private/files/Zürich ✓.json')).toBe(
			'/private/files/Z%C3%BCrich%20%E2%9C%93.json',
		);
		expect(encodeUrlPath('/private/files/Z%C3%BCrich%20%E2%9C%93.json')).toBe(
			'/private/files/Z%C3%BCrich%20%E2%9C%93.json',
		);
		expect(encodeUrlPath('/files/a#b?.txt')).toBe('/files/a%23b%3F.txt');
		expect(encodeUrlPath('/files/100%.txt')).toBe('/files/100%25.txt');
		// A name that held quotes: Frappe keeps the %22 the multipart encoding put there, literally.
		expect(encodeUrlPath('/private/files/Zürich ✓ %22q%22.json')).toBe(
			'/private/files/Z%C3%BCrich%20%E2%9C%93%20%2522q%2522.json',
		);
		expect(encodeUrlPath('/files/a%20b.txt')).toBe('/files/a%20b.txt');
	});
});

describe('formatFileSize', () => {
	it.each([
		[0, '0 bytes'],
		[1023, '1023 bytes'],
		[1024, '1 KB'],
		[1536, '1.5 KB'],
		[25 * 1024 * 1024, '25 MB'],
		[20 * 1024 * 1024 + 1, '20 MB'],
		[Math.round(1.25 * 1024 * 1024), '1.3 MB'],
		[150 * 1024 * 1024, '150 MB'],
	])('%p → %p', (bytes, expected) => {
		expect(formatFileSize(bytes)).toBe(expected);
	});
});

describe('fileListFilters', () => {
	it('filters attachments of a document, files only by default', () => {
		expect(
			fileListFilters({ filesOf: 'document', doctype: 'Sales Voucher', documentName: 'SV-1' }),
		).toEqual([
			['attached_to_doctype', '=', 'Sales Voucher'],
			['attached_to_name', '=', 'SV-1'],
			['is_folder', '=', 0],
		]);
	});

	it('filters a folder, sub-folders on request', () => {
		expect(fileListFilters({ filesOf: 'folder', folder: 'Home/Attachments' }, true)).toEqual([
			['folder', '=', 'Home/Attachments'],
		]);
	});
});

describe('collectBytes', () => {
	async function* chunksOf(...parts: string[]) {
		for (const part of parts) yield new Uint8Array(Buffer.from(part));
	}

	it('fills one buffer of the announced length', async () => {
		const bytes = await collectBytes(chunksOf('hel', 'lo ', 'world'), 11);
		expect(bytes.toString()).toBe('hello world');
		expect(bytes.length).toBe(11);
	});

	it('copes with a body shorter or longer than announced, or no length at all', async () => {
		expect((await collectBytes(chunksOf('abc'), 10)).toString()).toBe('abc');
		expect((await collectBytes(chunksOf('abc', 'def', 'ghi'), 4)).toString()).toBe('abcdefghi');
		expect((await collectBytes(chunksOf('abc', 'def'))).toString()).toBe('abcdef');
		expect((await collectBytes(chunksOf(), 0)).length).toBe(0);
		expect((await collectBytes(chunksOf('x'), Number.NaN)).toString()).toBe('x');
	});

	it('passes a Buffer through', async () => {
		const buffer = Buffer.from('as is');
		expect(await collectBytes(buffer, 99)).toBe(buffer);
	});
});
