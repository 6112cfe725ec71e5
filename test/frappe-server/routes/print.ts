// Printing the way Frappe 15 answers it (frappe/utils/print_format.py download_pdf / download_multi_pdf,
// frappe/www/printview.py get_html_and_style, validate_print_permission, get_print_format_doc, get_letter_head):
// real PDFs (printing/pdf.ts: one page per document, its heading, name and fields), Frappe's headers
// (`application/pdf`, `Content-Disposition: filename=<name>.pdf`), silent fallbacks (unknown format → Standard,
// unknown letter head → none, multi-PDF skips what it cannot print) and the errors of the recordings.
import { FrappeError, frappeThrow, notFound } from '../errors';
import { loadsArg } from '../filters';
import { renderTemplate, TemplateError } from '../python';
import { fromPlain, type PyValue } from '../python/values';
import type { FrappeHttpServer } from '../server';
import type { Store } from '../store';
import type { Doc } from '../types';
import { buildPdf } from '../printing/pdf';
import { RawResponse, type MethodCall } from './rpc';

/** Whether the site has a PDF renderer; false answers as a site without wkhtmltopdf does. */
export const pdfRenderer = new WeakMap<FrappeHttpServer, boolean>();

const NO_WKHTMLTOPDF = `OSError: No wkhtmltopdf executable found: "b''"
If this file exists please check that this process can read it or you can pass path to it manually in method call, check README. Otherwise please install wkhtmltopdf - https://github.com/JazzCore/python-pdfkit/wiki/Installing-wkhtmltopdf`;

const PRINT_STYLE = `@media screen {\n\t.print-format-gutter {\n\t\tbackground-color: #d1d8dd;\n\t\tpadding: 30px 0px;\n\t}\n}\n.print-format { font-size: 9pt; }\n`;

function truthy(value: unknown): boolean {
	return value === true || value === 1 || value === '1' || value === 'true';
}

function escapeHtml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The document, checked as validate_print_permission does (read or print; drafts and cancelled per Print Settings). */
function printableDoc(store: Store, doctype: string, name: string, user: string): Doc {
	const meta = store.getMeta(doctype);
	if (!meta)
		throw new FrappeError('ImportError', {
			exceptionLine: `Error: No module named 'frappe.core.doctype.${doctype.toLowerCase().replace(/ /g, '_')}'`,
		});
	const doc = store.get(doctype, name);
	if (!doc) throw notFound(doctype, name);
	if (!store.canAccess(user, doctype, doc, 'read') && !store.canAccess(user, doctype, doc, 'print'))
		throw new FrappeError('PermissionError', {
			message: 'You do not have permission to view this document',
		});
	const settings = store.getSingle('Print Settings') ?? {};
	if (meta.isSubmittable) {
		if (doc.docstatus === 0 && settings.allow_print_for_draft === 0)
			throw new FrappeError('PermissionError', { message: 'Not allowed to print draft documents' });
		if (doc.docstatus === 2 && !truthy(settings.allow_print_for_cancelled))
			throw new FrappeError('PermissionError', {
				message: 'Not allowed to print cancelled documents',
			});
	}
	return doc;
}

/** get_print_format_doc: an unknown name → Standard (undefined), a disabled one → 404 */
function printFormat(store: Store, name: unknown, doctype: string): Doc | undefined {
	const wanted = typeof name === 'string' && name ? name : undefined;
	if (!wanted || wanted === 'Standard') return undefined;
	const format = store.get('Print Format', wanted);
	if (!format) return undefined;
	if (truthy(format.disabled)) throw notFound('Print Format', wanted);
	void doctype;
	return format;
}

/** get_letter_head: none when asked, else the named one (if it exists and is enabled), the doc's, the default */
function letterHead(store: Store, args: Record<string, unknown>, doc: Doc): Doc | undefined {
	if (truthy(args.no_letterhead)) return undefined;
	const usable = (name: unknown) => {
		const found = typeof name === 'string' && name ? store.get('Letter Head', name) : undefined;
		return found && !truthy(found.disabled) ? found : undefined;
	};
	if (args.letterhead) return usable(args.letterhead);
	return (
		usable(doc.letter_head) ??
		store
			.list('Letter Head', {
				fields: ['name'],
				filters: [
					['is_default', '=', 1],
					['disabled', '=', 0],
				],
			})
			.map((row) => usable(row.name))[0]
	);
}

const LABELS_DE: Record<string, string> = {
	Customer: 'Kunde',
	'Grand Total': 'Gesamtbetrag',
	Status: 'Status',
	Description: 'Beschreibung',
	Priority: 'Priorität',
};

/** The document as text lines: heading, name, then each filled data field and table row. */
function standardLines(store: Store, doctype: string, doc: Doc, language: unknown): string[] {
	const meta = store.requireMeta(doctype);
	const translate = (label: string) => (language === 'de' ? (LABELS_DE[label] ?? label) : label);
	const lines = [doctype, String(doc.name)];
	for (const field of meta.dataFields()) {
		const value = doc[String(field.fieldname)];
		if (value === null || value === undefined || value === '') continue;
		lines.push(`${translate(String(field.label ?? field.fieldname))}: ${String(value)}`);
	}
	for (const table of meta.tableFields()) {
		for (const row of (doc[String(table.fieldname)] as Doc[]) ?? []) {
			lines.push(
				`- ${Object.entries(row)
					.filter(
						([key]) =>
							![
								'name',
								'owner',
								'creation',
								'modified',
								'modified_by',
								'docstatus',
								'idx',
								'parent',
								'parentfield',
								'parenttype',
								'doctype',
							].includes(key),
					)
					.map(([key, value]) => `${key} ${String(value)}`)
					.join(', ')}`,
			);
		}
	}
	return lines;
}

function renderCustom(format: Doc, doc: Doc): string {
	try {
		return renderTemplate(String(format.html ?? ''), { doc: fromPlain(doc) as PyValue });
	} catch (error) {
		if (!(error instanceof TemplateError)) throw error;
		throw frappeThrow(`Error in print format on line 1: ${error.message}`, 'PrintFormatError', {
			title: 'Print Format Error',
			status: 417,
		});
	}
}

function htmlToLines(html: string): string[] {
	return html
		.replace(/<\/(h\d|p|div|tr|li)>|<br\s*\/?>/gi, '\n')
		.replace(/<\/td>/gi, ' ')
		.replace(/<[^>]+>/g, '')
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean);
}

/** One page's lines for a document, as download_pdf renders it */
function pageOf(store: Store, doctype: string, doc: Doc, args: Record<string, unknown>): string[] {
	const format = printFormat(store, args.format, doctype);
	const lines = format
		? htmlToLines(renderCustom(format, doc))
		: standardLines(store, doctype, doc, args.language);
	const head = letterHead(store, args, doc);
	return head ? [String(head.letter_head_name ?? head.name), ...lines] : lines;
}

function pdfResponse(server: FrappeHttpServer, fileName: string, pages: string[][]): RawResponse {
	if (pdfRenderer.get(server) === false)
		throw new FrappeError('OSError', { exceptionLine: NO_WKHTMLTOPDF });
	return new RawResponse(
		200,
		{
			'content-type': 'application/pdf',
			'content-disposition': `filename=${fileName.replace(/[\s/]/g, '-')}.pdf`,
		},
		buildPdf(pages),
	);
}

/** frappe.utils.print_format.download_pdf */
function downloadPdf(call: MethodCall): RawResponse {
	call.require('download_pdf', 'doctype', 'name');
	const doctype = String(call.args.doctype);
	const name = String(call.args.name);
	const doc = printableDoc(call.store, doctype, name, call.user);
	const page = pageOf(call.store, doctype, doc, call.args);
	return pdfResponse(call.server, name, [page]);
}

/** frappe.utils.print_format.download_multi_pdf: documents that fail are left out without a word */
function downloadMultiPdf(call: MethodCall): RawResponse {
	call.require('download_multi_pdf', 'doctype', 'name');
	const store = call.store;
	let groups: Array<[string, string[]]>;
	let fileName: string;
	const doctypeArg =
		typeof call.args.doctype === 'string' ? safeJson(call.args.doctype) : call.args.doctype;
	if (doctypeArg && typeof doctypeArg === 'object' && !Array.isArray(doctypeArg)) {
		groups = Object.entries(doctypeArg as Record<string, unknown>).map(([doctype, names]) => [
			doctype,
			(Array.isArray(names) ? names : []).map(String),
		]);
		fileName = String(call.args.name);
	} else {
		const names = loadsArg(call.args.name);
		groups = [[String(call.args.doctype), (Array.isArray(names) ? names : [names]).map(String)]];
		fileName = String(call.args.doctype);
	}
	const pages: string[][] = [];
	for (const [doctype, names] of groups) {
		for (const name of names) {
			try {
				const doc = printableDoc(store, doctype, name, call.user);
				pages.push(pageOf(store, doctype, doc, call.args));
			} catch {
				// swallowed, as _download_multi_pdf does
			}
		}
	}
	return pdfResponse(call.server, fileName, pages);
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** frappe.www.printview.get_html_and_style */
function htmlAndStyle(call: MethodCall): Record<string, unknown> {
	call.require('get_html_and_style', 'doc');
	const store = call.store;
	const doctype = String(call.args.doc);
	const name = String(call.args.name ?? '');
	if (!store.getMeta(doctype) || !store.get(doctype, name)) throw notFound(doctype, name);
	const doc = store.getDoc(doctype, name, { user: call.user, ptype: 'read' });
	const wanted = call.args.print_format;
	let format: Doc | undefined;
	if (typeof wanted === 'string' && wanted && wanted !== 'Standard') {
		format = store.get('Print Format', wanted);
		if (!format) call.msgprint(`Print Format ${wanted} not found`);
	}
	const html = format
		? renderCustom(format, store.get(doctype, name) ?? doc)
		: `\n<div class="page-break">\n\t<div class="print-heading">\n\t\t<h2>\n\t\t\t<div>${escapeHtml(doctype)}</div>\n\t\t\t<small class="sub-heading">${escapeHtml(name)}</small>\n\t\t</h2>\n\t</div>\n${standardLines(
				store,
				doctype,
				store.get(doctype, name) ?? doc,
				undefined,
			)
				.slice(2)
				.map((line) => `\t<div class="row data-field">${escapeHtml(line)}</div>`)
				.join('\n')}\n</div>\n`;
	return { html, style: PRINT_STYLE };
}

export function registerPrintMethods(server: FrappeHttpServer): void {
	server.registerMethod('frappe.utils.print_format.download_pdf', {
		handler: downloadPdf,
		allowGuest: true,
	});
	server.registerMethod('frappe.utils.print_format.download_multi_pdf', {
		handler: downloadMultiPdf,
	});
	server.registerMethod('frappe.www.printview.get_html_and_style', { handler: htmlAndStyle });
}
