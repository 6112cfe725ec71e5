// File → Upload, Download, Get Many, Delete through n8n's engine against the Frappe test server: files go up from
// binary items (multipart built by the node) and come back byte-identical with their name and MIME type.
import type { IBinaryData, IDataObject, INodeExecutionData, NodeApiError } from 'n8n-workflow';

import { frappeThrow, type MethodCall } from '../../frappe-server';
import { binaryItem, failureOf, Testbed } from './support';

const SV = 'Sales Voucher';
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, index) => index));

let bed: Testbed;
let voucher: string;

const byName = (value: string) => ({ __rl: true, mode: 'id', value });
const byUrl = (value: string) => ({ __rl: true, mode: 'url', value });
const doctype = (value: string) => ({ __rl: true, mode: 'list', value });
const documentName = (value: string) => ({ __rl: true, mode: 'name', value });

function bytesOf(item: INodeExecutionData, property = 'data'): Buffer {
	const binary = item.binary?.[property] as IBinaryData;
	expect(binary).toBeDefined();
	return Buffer.from(binary.data, 'base64');
}

const upload = (parameters: IDataObject) => ({
	resource: 'file',
	operation: 'upload',
	...parameters,
});
const download = (parameters: IDataObject) => ({
	resource: 'file',
	operation: 'download',
	...parameters,
});

async function uploaded(
	parameters: IDataObject,
	files: IDataObject[],
	credential = bed.admin,
): Promise<IDataObject[]> {
	const result = await bed.runWithBinary(upload(parameters), files, { credential });
	if (result.status !== 'success') throw new Error(`upload failed: ${result.error?.message}`);
	return result.items.map((item) => item.json);
}

beforeAll(async () => {
	bed = await Testbed.start();
	voucher = bed.server.store.insert(SV, {
		customer: 'Files Ltd',
		posting_date: '2025-04-01',
		grand_total: 10,
	}).name as string;
});

afterAll(async () => await bed.close());

describe('upload and download back', () => {
	it('a public text file attached to a Sales Voucher, downloaded by name', async () => {
		const text = Buffer.from('hello public file\n');
		const [file] = await uploaded(
			{
				isPrivate: false,
				attachToDocument: true,
				doctype: doctype(SV),
				documentName: documentName(voucher),
			},
			[binaryItem(text, 'hello.txt', 'text/plain')],
		);
		expect(file).toMatchObject({
			doctype: 'File',
			file_name: 'hello.txt',
			file_url: '/files/hello.txt',
			is_private: 0,
			file_size: text.length,
			attached_to_doctype: SV,
			attached_to_name: voucher,
		});

		const upload = bed.server.requests.find(
			(request) => request.path === '/api/method/upload_file',
		);
		expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);

		const [item] = await bed.ok(download({ file: byName(String(file.name)) }));
		expect(bytesOf(item).equals(text)).toBe(true);
		expect(item.binary!.data).toMatchObject({
			fileName: 'hello.txt',
			mimeType: 'text/plain',
			fileExtension: 'txt',
		});
		expect(item.json).toMatchObject({ name: file.name, file_url: '/files/hello.txt' });
	});

	it('a private binary file with every byte value, attached to a field, downloaded by name and by URL', async () => {
		const [file] = await uploaded(
			{
				isPrivate: true,
				attachToDocument: true,
				doctype: doctype(SV),
				documentName: documentName(voucher),
				attachToField: 'attachment',
			},
			[binaryItem(ALL_BYTES, 'bytes.bin', 'application/octet-stream')],
		);
		expect(file).toMatchObject({
			file_url: '/private/files/bytes.bin',
			is_private: 1,
			file_size: 256,
			attached_to_field: 'attachment',
		});
		expect(bed.server.store.files.get('/private/files/bytes.bin')?.equals(ALL_BYTES)).toBe(true);

		for (const file_ of [
			byName(String(file.name)),
			byUrl('/private/files/bytes.bin'),
			byUrl(`${bed.server.url}/private/files/bytes.bin`),
		]) {
			const [item] = await bed.ok(download({ file: file_, binaryPropertyName: 'attachment' }));
			expect(bytesOf(item, 'attachment').equals(ALL_BYTES)).toBe(true);
			expect(item.binary!.attachment).toMatchObject({
				fileName: 'bytes.bin',
				mimeType: 'application/octet-stream',
			});
		}
	});

	it('a non-ASCII file name survives the round trip', async () => {
		const json = Buffer.from('{"a": 1}');
		const [file] = await uploaded({ isPrivate: true }, [
			binaryItem(json, 'Zürich ✓ "quote".json', 'application/json'),
		]);
		expect(file.file_name).toBe('Zürich ✓ %22quote%22.json');
		const [item] = await bed.ok(download({ file: byUrl(String(file.file_url)) }));
		expect(bytesOf(item).equals(json)).toBe(true);
		expect(item.binary!.data).toMatchObject({
			fileName: file.file_name,
			mimeType: 'application/json',
		});

		const [plain] = await uploaded({ isPrivate: true }, [
			binaryItem(json, 'Café Zürich.json', 'application/json'),
		]);
		expect(plain.file_name).toBe('Café Zürich.json');
		const [again] = await bed.ok(download({ file: byName(String(plain.name)) }));
		expect(again.binary!.data).toMatchObject({
			fileName: 'Café Zürich.json',
			mimeType: 'application/json',
		});
		expect(bytesOf(again).equals(json)).toBe(true);
	});

	it('uploads every input item, with the File Name and Folder options', async () => {
		const files = await uploaded(
			{
				isPrivate: false,
				options: { fileName: '={{ "renamed-" + $json.fileName }}', folder: 'Home/Attachments' },
			},
			[
				binaryItem(Buffer.from('one'), 'one.txt', 'text/plain'),
				binaryItem(Buffer.from('two'), 'two.csv', 'text/csv'),
			],
		);
		expect(files.map((file) => [file.file_name, file.folder, file.file_size])).toEqual([
			['renamed-one.txt', 'Home/Attachments', 3],
			['renamed-two.csv', 'Home/Attachments', 3],
		]);
		const [csv] = await bed.ok(download({ file: byUrl('/files/renamed-two.csv') }));
		expect(csv.binary!.data).toMatchObject({ fileName: 'renamed-two.csv', mimeType: 'text/csv' });
	});

	it('reads another binary field', async () => {
		const [file] = await uploaded({ isPrivate: true, binaryPropertyName: 'invoice' }, [
			binaryItem(Buffer.from('%PDF-1.4 fake'), 'invoice.pdf', 'application/pdf', 'invoice'),
		]);
		expect(file).toMatchObject({ file_name: 'invoice.pdf', file_type: 'PDF' });
	});

	it('links a URL instead of uploading content (Frappe does not fetch it)', async () => {
		const [file] = await bed.ok(
			upload({
				uploadSource: 'url',
				fileUrl: 'https://example.com/logo.png',
				isPrivate: false,
				attachToDocument: true,
				doctype: doctype(SV),
				documentName: documentName(voucher),
			}),
		);
		expect(file.json).toMatchObject({
			file_url: 'https://example.com/logo.png',
			file_name: 'logo.png',
			file_size: 0,
			attached_to_name: voucher,
		});
		const sent = bed.server.requests
			.filter((request) => request.path === '/api/method/upload_file')
			.pop()!;
		expect(sent.body.toString()).toContain(
			'name="file_url"\r\n\r\nhttps://example.com/logo.png\r\n',
		);

		const error = failureOf(await bed.run(download({ file: byName(String(file.json.name)) })));
		expect(error.message).toBe(
			'The File links to an outside address (https://example.com/logo.png), not to a file on the site',
		);
	});

	it('attaches through a desk link of the document', async () => {
		const [file] = await uploaded(
			{
				isPrivate: true,
				attachToDocument: true,
				doctype: doctype(SV),
				documentName: {
					__rl: true,
					mode: 'url',
					value: `${bed.server.url}/app/sales-voucher/${encodeURIComponent(voucher)}`,
				},
			},
			[binaryItem(Buffer.from('linked'), 'linked.txt', 'text/plain')],
		);
		expect(file).toMatchObject({ attached_to_doctype: SV, attached_to_name: voucher });
	});

	it('with a session credential, renewing an expired session and sending the same body again', async () => {
		const { clerk } = bed.server.users;
		const session = bed.harness.addCredential('frappeSessionApi', {
			siteUrl: bed.server.url,
			username: clerk.email,
			password: clerk.password,
		});
		const first = await uploaded(
			{ isPrivate: true },
			[binaryItem(Buffer.from('first'), 'session-1.txt', 'text/plain')],
			session,
		);
		expect(first[0].owner).toBe(clerk.email);
		bed.server.expireSessions();
		const logins = bed.server.counters.logins;
		const [second] = await uploaded(
			{ isPrivate: true },
			[binaryItem(ALL_BYTES, 'session-2.bin', 'application/octet-stream')],
			session,
		);
		expect(bed.server.counters.logins).toBe(logins + 1);
		expect(bed.server.store.files.get(String(second.file_url))?.equals(ALL_BYTES)).toBe(true);

		bed.server.expireSessions();
		const [item] = await bed.ok(download({ file: byName(String(second.name)) }), {
			credential: session,
		});
		expect(bytesOf(item).equals(ALL_BYTES)).toBe(true);
	});
});

describe('upload failures', () => {
	it('refuses a 0-byte file before sending it (Frappe answers it with a 500 OSError)', async () => {
		const before = bed.server.requests.length;
		const result = await bed.runWithBinary(upload({ isPrivate: false }), [
			binaryItem(Buffer.alloc(0), 'empty.txt', 'text/plain'),
		]);
		const error = failureOf(result);
		expect(error.message).toBe(
			'The file "empty.txt" is empty (0 bytes); Frappe cannot store an empty file',
		);
		expect(error.description).toContain('File  does not exist');
		expect(bed.server.requests.length).toBe(before);
	});

	it('a missing binary field is an error of that item; Continue On Fail lets the others through', async () => {
		const result = await bed.runWithBinary(
			upload({
				isPrivate: false,
				binaryPropertyName: '={{ $json.fileName === "missing.txt" ? "nope" : "data" }}',
			}),
			[
				binaryItem(Buffer.from('ok'), 'fine.txt', 'text/plain'),
				binaryItem(Buffer.from('x'), 'missing.txt', 'text/plain'),
			],
			{ continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.items[0].json.file_name).toBe('fine.txt');
		expect(result.items[1].json.error).toBe("The item has no binary field 'nope' [item 1]");
	});

	it('a user who may not write the document cannot attach to it', async () => {
		const result = await bed.runWithBinary(
			upload({
				isPrivate: false,
				attachToDocument: true,
				doctype: doctype(SV),
				documentName: documentName(voucher),
			}),
			[binaryItem(Buffer.from('x'), 'nope.txt', 'text/plain')],
			{ credential: bed.limited },
		);
		const error = failureOf(result);
		expect(error.httpCode).toBe('403');
	});
});

describe('size limit', () => {
	let small: Testbed;

	beforeAll(async () => {
		small = await Testbed.start({ maxFileSize: 1024 });
	});

	afterAll(async () => await small.close());

	it('a file over the limit (a bare 413) gets an error naming the file, its size and the limit', async () => {
		const result = await small.runWithBinary(upload({ isPrivate: false }), [
			binaryItem(Buffer.alloc(3 * 1024, 1), 'big.bin', 'application/octet-stream'),
		]);
		const error = failureOf(result);
		expect(error.httpCode).toBe('413');
		expect(error.message).toBe(
			'The file "big.bin" (3 KB) is larger than the site\'s upload limit of 1 KB',
		);
		expect(error.description).toContain('System Settings → Max File Size');
	});

	it("Frappe's own MaxFileSizeReachedError (417) is said the same way, keeping Frappe's words", async () => {
		small.server.store.setSingle('System Settings', { max_file_size: 2 });
		small.server.registerMethod('upload_file', {
			allowGuest: true,
			handler: (call: MethodCall) => {
				void call;
				throw frappeThrow(
					'File size exceeded the maximum allowed size of 2.0 MB',
					'MaxFileSizeReachedError',
				);
			},
		});
		const result = await small.runWithBinary(upload({ isPrivate: false }), [
			binaryItem(Buffer.alloc(10), 'ten.bin', 'application/octet-stream'),
		]);
		const error = failureOf(result);
		expect(error.httpCode).toBe('417');
		expect(error.message).toBe(
			'The file "ten.bin" (10 bytes) is larger than the site\'s upload limit of 2 MB',
		);
		expect(error.description).toContain(
			'Frappe said: "File size exceeded the maximum allowed size of 2.0 MB"',
		);
	});
});

describe('download failures', () => {
	it('a private file the user may not read: 403 in words', async () => {
		const [file] = await uploaded({ isPrivate: true }, [
			binaryItem(Buffer.from('secret'), 'secret.txt', 'text/plain'),
		]);
		const error = failureOf(
			await bed.run(download({ file: byUrl(String(file.file_url)) }), { credential: bed.limited }),
		);
		expect(error.httpCode).toBe('403');
		expect(error.message).toBe(
			'Frappe refused to serve the private file "/private/files/secret.txt" (HTTP 403)',
		);
		expect(error.description).toContain(
			'Private files can be downloaded only by users who may read',
		);
	});

	it("a File whose content is gone: Frappe's bare 500 in words", async () => {
		const error = failureOf(await bed.run(download({ file: byUrl('/files/no-such-file.txt') })));
		expect(error.httpCode).toBe('500');
		expect(error.message).toBe('Frappe could not serve "/files/no-such-file.txt" (HTTP 500)');
	});

	it("an unknown File name: Frappe's 404", async () => {
		const error = failureOf(await bed.run(download({ file: byName('no-such-file') })));
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('File no-such-file not found');
	});
});

describe('get many and delete', () => {
	it('lists the attachments of a document, then deletes one', async () => {
		const other = bed.server.store.insert(SV, {
			customer: 'Attachments Co',
			posting_date: '2025-04-02',
			grand_total: 1,
		}).name as string;
		const target = {
			attachToDocument: true,
			doctype: doctype(SV),
			documentName: documentName(other),
			isPrivate: true,
		};
		await uploaded(target, [
			binaryItem(Buffer.from('a'), 'a.txt', 'text/plain'),
			binaryItem(Buffer.from('b'), 'b.txt', 'text/plain'),
			binaryItem(Buffer.from('c'), 'c.txt', 'text/plain'),
		]);
		const list = await bed.ok({
			resource: 'file',
			operation: 'getMany',
			doctype: doctype(SV),
			documentName: documentName(other),
			returnAll: true,
		});
		expect(list.map((item) => item.json.file_name)).toEqual(['a.txt', 'b.txt', 'c.txt']);
		expect(list[0].json).toMatchObject({
			attached_to_doctype: SV,
			attached_to_name: other,
			is_private: 1,
			folder: 'Home',
		});

		const limited = await bed.ok({
			resource: 'file',
			operation: 'getMany',
			doctype: doctype(SV),
			documentName: documentName(other),
			limit: 2,
		});
		expect(limited).toHaveLength(2);

		const [deleted] = await bed.ok({
			resource: 'file',
			operation: 'delete',
			file: byName(String(list[1].json.name)),
		});
		expect(deleted.json).toEqual({ name: list[1].json.name, deleted: true });
		expect(bed.server.store.exists('File', String(list[1].json.name))).toBe(false);
		const after = await bed.ok({
			resource: 'file',
			operation: 'getMany',
			doctype: doctype(SV),
			documentName: documentName(other),
			returnAll: true,
		});
		expect(after.map((item) => item.json.file_name)).toEqual(['a.txt', 'c.txt']);

		// Frappe checks a private file's permission through its File document: once that is gone, it is a 403.
		const gone = failureOf(await bed.run(download({ file: byUrl(String(list[1].json.file_url)) })));
		expect(gone.message).toBe(
			'Frappe refused to serve the private file "/private/files/b.txt" (HTTP 403)',
		);
		expect(gone.description).toContain('no File on the site has this URL');
		const again = failureOf(
			await bed.run({
				resource: 'file',
				operation: 'delete',
				file: byName(String(list[1].json.name)),
			}),
		);
		expect(again.httpCode).toBe('404');
	});

	it('pages through a folder: Return All gets every file exactly once, Limit stops early', async () => {
		bed.server.store.insert('File', {
			name: 'Home/Bulk',
			file_name: 'Bulk',
			is_folder: 1,
			folder: 'Home',
		});
		const folderFiles = Array.from({ length: 230 }, (_, index) =>
			bed.server.store.insert('File', {
				file_name: `bulk-${String(index).padStart(3, '0')}.txt`,
				file_url: `/files/bulk-${index}.txt`,
				folder: 'Home/Bulk',
				is_private: 0,
			}),
		);
		bed.server.store.insert('File', {
			name: 'Home/Bulk/Sub',
			file_name: 'Sub',
			is_folder: 1,
			folder: 'Home/Bulk',
		});
		const requestsBefore = bed.server.requests.length;
		const all = await bed.ok({
			resource: 'file',
			operation: 'getMany',
			filesOf: 'folder',
			folder: 'Home/Bulk',
			returnAll: true,
		});
		expect(all).toHaveLength(folderFiles.length);
		expect(new Set(all.map((item) => item.json.name)).size).toBe(folderFiles.length);
		expect(bed.server.requests.length - requestsBefore).toBe(3);
		const pageQuery = new URL(bed.server.requests.at(-1)!.path, bed.server.url).searchParams;
		expect(pageQuery.get('order_by')).toBe('creation asc, name asc');

		const withFolders = await bed.ok({
			resource: 'file',
			operation: 'getMany',
			filesOf: 'folder',
			folder: 'Home/Bulk',
			returnAll: true,
			options: { includeFolders: true },
		});
		expect(withFolders).toHaveLength(folderFiles.length + 1);

		const some = await bed.ok({
			resource: 'file',
			operation: 'getMany',
			filesOf: 'folder',
			folder: 'Home/Bulk',
			limit: 150,
		});
		expect(some).toHaveLength(150);
		expect(some.map((item) => item.json.name)).toEqual(
			all.slice(0, 150).map((item) => item.json.name),
		);
	});

	it('an empty folder gives no items', async () => {
		const result = await bed.run({
			resource: 'file',
			operation: 'getMany',
			filesOf: 'folder',
			folder: 'Home/Nothing Here',
			returnAll: true,
		});
		expect(result.status).toBe('success');
		expect(result.items).toEqual([]);
	});

	it('the File picker searches by file name', async () => {
		const spec = {
			type: 'n8n-nodes-frappe.frappe',
			parameters: { authentication: 'frappeApi' },
			credentials: { frappeApi: bed.admin },
		};
		const found = await bed.harness.listSearch(spec, 'searchFiles', 'hello');
		expect(found.results.map((result) => result.name)).toContain(`hello.txt · ${SV} ${voucher}`);
		const first = await bed.harness.listSearch(spec, 'searchFiles');
		expect(first.results).toHaveLength(50);
		expect(first.paginationToken).toBe('50');
		const second = await bed.harness.listSearch(
			spec,
			'searchFiles',
			undefined,
			first.paginationToken as string,
		);
		expect(second.results[0].value).not.toBe(first.results[0].value);
		expect(first.results[0].url).toBe(
			`${bed.server.url}/app/file/${encodeURIComponent(String(first.results[0].value))}`,
		);
	});
	it('the File picker hands out no next-page token when a page of 50 holds the last files', async () => {
		const spec = {
			type: 'n8n-nodes-frappe.frappe',
			parameters: { authentication: 'frappeApi' },
			credentials: { frappeApi: bed.admin },
		};
		for (let index = 0; index < 50; index++) {
			bed.server.store.insert('File', {
				file_name: `exactly-fifty-${String(index).padStart(2, '0')}.txt`,
				file_url: `/files/exactly-fifty-${index}.txt`,
				folder: 'Home',
				is_private: 0,
			});
		}
		const page = await bed.harness.listSearch(spec, 'searchFiles', 'exactly-fifty-');
		expect(page.results).toHaveLength(50);
		expect(page.paginationToken).toBeUndefined();
	});
});

describe('errors carry no secrets', () => {
	it('a wrong API secret on download is a 401 without the secret', async () => {
		const wrong = bed.harness.addCredential('frappeApi', {
			siteUrl: bed.server.url,
			apiKey: bed.server.users.administrator.apiKey,
			apiSecret: 'not-the-secret',
		});
		const result = await bed.run(download({ file: byUrl('/private/files/bytes.bin') }), {
			credential: wrong,
		});
		const error = failureOf(result);
		expect(error.httpCode).toBe('401');
		expect(JSON.stringify(result.error)).not.toContain('not-the-secret');
		expect((result.error as unknown as NodeApiError).message).toBe(
			'Frappe rejected the API key or secret (401): check both values, or generate new keys for the user',
		);
	});
});
