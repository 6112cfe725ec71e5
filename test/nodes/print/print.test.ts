// Print → Get PDF, Get HTML and Get PDF of Many through n8n's engine against the Frappe test server: real PDFs
// (bytes start with %PDF-, pages counted) with Frappe's file name and MIME type, print formats, letter heads and
// language sent as Frappe reads them, the PDF attached to its document, and errors in words (unknown print
// format, unreadable or unknown document, broken format, no wkhtmltopdf on the server, nothing printable).
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { pdfRenderer } from '../../frappe-server/routes/print';
import { failureOf, Testbed } from '../file/support';

const SV = 'Sales Voucher';
const doctype = { __rl: true, mode: 'name', value: SV };
const documentName = (value: string) => ({ __rl: true, mode: 'name', value });
const format = (value: string) => ({ __rl: true, mode: 'name', value });

let bed: Testbed;
let draft: string;
let submitted: string[];

function pdfOf(
	item: INodeExecutionData,
	property = 'data',
): { binary: IBinaryData; bytes: Buffer; text: string } {
	const binary = item.binary?.[property] as IBinaryData;
	expect(binary).toBeDefined();
	const bytes = Buffer.from(binary.data, 'base64');
	expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect(bytes.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
	return { binary, bytes, text: bytes.toString('latin1') };
}

function lastRequest(path: string) {
	const request = bed.server.requests.filter((r) => r.path.startsWith(path)).pop();
	expect(request).toBeDefined();
	return request!;
}

const getPdf = (parameters: IDataObject) => ({
	resource: 'print',
	operation: 'getPdf',
	doctype,
	...parameters,
});

beforeAll(async () => {
	bed = await Testbed.start();
	const vouchers = bed.server.store.list(SV, {
		fields: ['name', 'docstatus'],
		order_by: 'name asc',
	});
	draft = String(vouchers.find((voucher) => voucher.docstatus === 0)!.name);
	submitted = vouchers
		.filter((voucher) => voucher.docstatus === 1)
		.map((voucher) => String(voucher.name));
});

afterAll(async () => await bed.close());

describe('Get PDF', () => {
	it('a document in Standard: a one-page PDF named <name>.pdf, application/pdf', async () => {
		const [item] = await bed.ok(getPdf({ documentName: documentName(draft) }));
		const { binary, text } = pdfOf(item);
		expect(binary.fileName).toBe(`${draft}.pdf`);
		expect(binary.mimeType).toBe('application/pdf');
		expect(item.json).toMatchObject({
			doctype: SV,
			name: draft,
			printFormat: 'Standard',
			pageCount: 1,
			fileName: `${draft}.pdf`,
			mimeType: 'application/pdf',
		});
		expect(text).toContain(`(${draft})`);
		const sent = lastRequest('/api/method/frappe.utils.print_format.download_pdf');
		expect(sent.method).toBe('GET');
		expect(new URL(sent.path, bed.server.url).searchParams.get('format')).toBe('Standard');
	});

	it('a custom print format, no letter head, a language, another binary field and file name', async () => {
		const [item] = await bed.ok(
			getPdf({
				documentName: documentName(submitted[0]),
				printFormat: format('Sales Voucher Letter'),
				binaryPropertyName: 'invoice',
				options: { letterHead: '__none__', language: 'de', fileName: 'voucher.pdf' },
			}),
		);
		const { binary, text } = pdfOf(item, 'invoice');
		expect(binary.fileName).toBe('voucher.pdf');
		expect(text).toContain(`(Voucher ${submitted[0]})`);
		expect(text).not.toContain('Demo Letter Head');
		const query = new URL(
			lastRequest('/api/method/frappe.utils.print_format.download_pdf').path,
			bed.server.url,
		).searchParams;
		expect(Object.fromEntries(query)).toMatchObject({
			format: 'Sales Voucher Letter',
			no_letterhead: '1',
			language: 'de',
		});
	});

	it('the default letter head, or a named one; the language changes the labels', async () => {
		const [withDefault] = await bed.ok(
			getPdf({ documentName: documentName(draft), options: { language: 'de' } }),
		);
		expect(pdfOf(withDefault).text).toContain('(Demo Letter Head)');
		expect(pdfOf(withDefault).text).toContain('(Kunde: ');
		await bed.ok(
			getPdf({ documentName: documentName(draft), options: { letterHead: 'Demo Letter Head' } }),
		);
		const query = new URL(
			lastRequest('/api/method/frappe.utils.print_format.download_pdf').path,
			bed.server.url,
		).searchParams;
		expect(query.get('letterhead')).toBe('Demo Letter Head');
		expect(query.get('no_letterhead')).toBe('0');
	});

	it('Attach to the Document: the PDF saved as a private File attached to it', async () => {
		const [item] = await bed.ok(
			getPdf({ documentName: documentName(submitted[0]), options: { attachToDocument: true } }),
		);
		const attachment = item.json.attachment as IDataObject;
		expect(attachment).toMatchObject({
			file_name: `${submitted[0]}.pdf`,
			is_private: 1,
			attached_to_doctype: SV,
			attached_to_name: submitted[0],
		});
		const stored = bed.server.store.get('File', String(attachment.name))!;
		expect(stored.file_url).toBe(`/private/files/${submitted[0]}.pdf`);
		expect(stored.file_size).toBe(pdfOf(item).bytes.length);
	});

	it('an attachment made public when asked', async () => {
		const [item] = await bed.ok(
			getPdf({
				documentName: documentName(submitted[1]),
				options: { attachToDocument: true, attachmentIsPrivate: false },
			}),
		);
		expect((item.json.attachment as IDataObject).is_private).toBe(0);
	});
});

describe('Get PDF: errors in words', () => {
	it('an unknown print format is refused (Frappe would print Standard without a word)', async () => {
		const failure = failureOf(
			await bed.run(
				getPdf({ documentName: documentName(draft), printFormat: format('No Such Format') }),
			),
		);
		expect(failure.message).toBe('There is no print format "No Such Format" on the site');
		expect(failure.description).toContain('Standard');
	});

	it('an unknown document', async () => {
		const failure = failureOf(await bed.run(getPdf({ documentName: documentName('SV-NOSUCH') })));
		expect(failure.message).toBe('Sales Voucher SV-NOSUCH not found');
		expect(failure.httpCode).toBe('404');
	});

	it('a document the user cannot read', async () => {
		const failure = failureOf(
			await bed.run(getPdf({ documentName: documentName(draft) }), { credential: bed.limited }),
		);
		expect(failure.message).toBe('You do not have permission to view this document');
		expect(failure.httpCode).toBe('403');
	});

	it('a print format whose template fails', async () => {
		const failure = failureOf(
			await bed.run(
				getPdf({ documentName: documentName(draft), printFormat: format('Sales Voucher Broken') }),
			),
		);
		expect(failure.message).toMatch(/^Error in print format on line 1: /);
		expect(failure.httpCode).toBe('417');
	});

	it('a site without wkhtmltopdf', async () => {
		pdfRenderer.set(bed.server.http, false);
		try {
			const failure = failureOf(await bed.run(getPdf({ documentName: documentName(draft) })));
			expect(failure.message).toBe(
				'The Frappe site cannot make PDFs: wkhtmltopdf is missing on the server',
			);
			expect(failure.description).toContain('Get HTML works without it');
		} finally {
			pdfRenderer.delete(bed.server.http);
		}
	});

	it('Continue On Fail: the failing item becomes an error item, the others a PDF each', async () => {
		const result = await bed.run(
			getPdf({ documentName: { __rl: true, mode: 'name', value: '={{ $json.name }}' } }),
			{
				continueOnFail: true,
				input: [{ name: draft }, { name: 'SV-NOSUCH' }, { name: submitted[0] }],
			},
		);
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.name ?? item.json.error)).toEqual([
			draft,
			'Sales Voucher SV-NOSUCH not found',
			submitted[0],
		]);
	});
});

describe('Get HTML', () => {
	it('the Standard HTML and the print CSS', async () => {
		const [item] = await bed.ok({
			resource: 'print',
			operation: 'getHtml',
			doctype,
			documentName: documentName(draft),
		});
		expect(item.json).toMatchObject({ doctype: SV, name: draft, printFormat: 'Standard' });
		expect(String(item.json.html)).toContain(`<small class="sub-heading">${draft}</small>`);
		expect(String(item.json.style)).toContain('.print-format');
		const sent = lastRequest('/api/method/frappe.www.printview.get_html_and_style');
		expect(sent.method).toBe('POST');
		expect(JSON.parse(sent.body.toString())).toEqual({
			doc: SV,
			name: draft,
			print_format: 'Standard',
		});
	});

	it('a custom print format', async () => {
		const [item] = await bed.ok({
			resource: 'print',
			operation: 'getHtml',
			doctype,
			documentName: documentName(submitted[0]),
			printFormat: format('Sales Voucher Letter'),
		});
		expect(String(item.json.html)).toContain(`<h1>Voucher ${submitted[0]}</h1>`);
	});

	it('a document the user cannot read', async () => {
		const failure = failureOf(
			await bed.run(
				{ resource: 'print', operation: 'getHtml', doctype, documentName: documentName(draft) },
				{ credential: bed.limited },
			),
		);
		expect(failure.httpCode).toBe('403');
		expect(failure.message).toContain('does not have doctype access via role permission');
	});
});

describe('Get PDF of Many', () => {
	const many = (parameters: IDataObject) => ({
		resource: 'print',
		operation: 'getPdfOfMany',
		doctype,
		...parameters,
	});

	it('names from the input items: one PDF of them all, one page each', async () => {
		const names = [draft, ...submitted];
		const result = await bed.run(many({}), { input: names.map((name) => ({ name })) });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(1);
		const [item] = result.items;
		const { binary, text } = pdfOf(item);
		expect(binary.fileName).toBe('Sales-Voucher.pdf');
		expect(item.json).toMatchObject({ doctype: SV, documents: names, pageCount: names.length });
		for (const name of names) expect(text).toContain(`(${name})`);
		const sent = lastRequest('/api/method/frappe.utils.print_format.download_multi_pdf');
		expect(JSON.parse(sent.body.toString())).toMatchObject({
			doctype: SV,
			name: JSON.stringify(names),
			format: 'Standard',
		});
	});

	it('names from a filter', async () => {
		const [item] = await bed.ok(
			many({
				documentsFrom: 'filter',
				documentFilters: { conditions: [{ field: 'docstatus', operator: 'equals', value: '1' }] },
			}),
		);
		expect(item.json.pageCount).toBe(submitted.length);
		expect([...(item.json.documents as string[])].sort()).toEqual([...submitted].sort());
	});

	it('documents Frappe cannot print are left out; none printable is an error in words', async () => {
		const [item] = await bed.ok(many({ documentNames: [draft, 'SV-NOSUCH'] }));
		expect(item.json.pageCount).toBe(1);
		const failure = failureOf(await bed.run(many({ documentNames: 'SV-NOSUCH, SV-NOSUCH-2' })));
		expect(failure.message).toBe('Frappe could print none of the 2 Sales Voucher documents');
	});
});
