// The one place that builds Frappe paths, by API version. v1: `/api/resource/{doctype}` answers
// `{"data"}`, `/api/method/{method}` answers `{"message"}`; v2 (Frappe 15+):
// `/api/v2/document/{doctype}`, `/api/v2/method/{method}` and `/api/v2/doctype/{doctype}/…` all
// answer `{"data"}`. Pure.

export type ApiVersion = 'v1' | 'v2';

/** `/api/resource/{doctype}[/{name}]` on v1, `/api/v2/document/{doctype}[/{name}]` on v2. */
export function documentPath(version: ApiVersion, doctype: string, name?: string): string {
	const root = version === 'v2' ? '/api/v2/document' : '/api/resource';
	const base = `${root}/${encodeURIComponent(doctype)}`;
	return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

/**
 * A whitelisted method of a document's controller: v2 has its own path; v1 posts `run_method` to
 * the document.
 */
export function documentMethodPath(
	version: ApiVersion,
	doctype: string,
	name: string,
	method: string,
): string {
	const path = documentPath(version, doctype, name);
	return version === 'v2' ? `${path}/method/${encodeURIComponent(method)}` : path;
}

/**
 * `/api/method/{method}` on v1, `/api/v2/method/{method}` on v2 (v2's `DocType/method` keeps its
 * slash).
 */
export function methodPath(version: ApiVersion, method: string): string {
	const encoded = method.split('/').map(encodeURIComponent).join('/');
	return `${version === 'v2' ? '/api/v2/method' : '/api/method'}/${encoded}`;
}

/**
 * How many documents meet filters, counted with the user's permissions as Get Many lists them: v2's
 * `/api/v2/doctype/{doctype}/count`, v1's `frappe.desk.reportview.get_count` (what the desk's list
 * view uses). Not `frappe.client.get_count`: it counts with `frappe.db.count`, which applies no
 * user permissions.
 */
export function countPath(version: ApiVersion, doctype: string): string {
	return version === 'v2'
		? `/api/v2/doctype/${encodeURIComponent(doctype)}/count`
		: methodPath('v1', 'frappe.desk.reportview.get_count');
}

/**
 * A doctype's meta: v2's `/api/v2/doctype/{doctype}/meta`, v1's `frappe.desk.form.load.getdoctype`.
 */
export function metaPath(version: ApiVersion, doctype: string): string {
	return version === 'v2'
		? `/api/v2/doctype/${encodeURIComponent(doctype)}/meta`
		: methodPath('v1', 'frappe.desk.form.load.getdoctype');
}

/** File documents and uploads: the v1 endpoints, which every Frappe version serves. */
export const UPLOAD_FILE_PATH = methodPath('v1', 'upload_file');
export function filePath(name?: string): string {
	return documentPath('v1', 'File', name);
}

/**
 * The page-size parameter of a list: v2 reads only `limit` (it ignores `limit_page_length`); v1
 * `limit_page_length`.
 */
export function pageSizeParameter(version: ApiVersion): 'limit' | 'limit_page_length' {
	return version === 'v2' ? 'limit' : 'limit_page_length';
}

/**
 * What a Frappe answer carries: `data` (resources, and everything on v2), `message` (v1 methods),
 * v14's `results`.
 */
export function payloadOf(body: unknown): unknown {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
	const envelope = body as Record<string, unknown>;
	if ('data' in envelope) return envelope.data;
	if ('message' in envelope) return envelope.message;
	if ('results' in envelope) return envelope.results;
	return body;
}

/**
 * Reports: the v1 method paths, which every Frappe version serves (frappe/desk/query_report.py,
 * reportview.py).
 */
export const REPORT_RUN_PATH = methodPath('v1', 'frappe.desk.query_report.run');
export const REPORT_SCRIPT_PATH = methodPath('v1', 'frappe.desk.query_report.get_script');
export const REPORT_EXPORT_PATH = methodPath('v1', 'frappe.desk.query_report.export_query');
export const REPORT_VIEW_PATH = methodPath('v1', 'frappe.desk.reportview.get');
export const REPORT_VIEW_EXPORT_PATH = methodPath('v1', 'frappe.desk.reportview.export_query');
export const MAKE_PREPARED_REPORT_PATH = methodPath(
	'v1',
	'frappe.core.doctype.prepared_report.prepared_report.make_prepared_report',
);
export const QUEUED_PREPARED_REPORTS_PATH = methodPath(
	'v1',
	'frappe.core.doctype.prepared_report.prepared_report.get_reports_in_queued_state',
);
export function reportPath(name?: string): string {
	return documentPath('v1', 'Report', name);
}
export function preparedReportPath(name: string): string {
	return documentPath('v1', 'Prepared Report', name);
}

/** Printing: the v1 method paths (frappe/utils/print_format.py, frappe/www/printview.py). */
export const PDF_PATH = methodPath('v1', 'frappe.utils.print_format.download_pdf');
export const MULTI_PDF_PATH = methodPath('v1', 'frappe.utils.print_format.download_multi_pdf');
export const PRINT_HTML_PATH = methodPath('v1', 'frappe.www.printview.get_html_and_style');
export const SEARCH_LINK_PATH = methodPath('v1', 'frappe.desk.search.search_link');

/**
 * Many documents in one request: `frappe.client.insert_many` (at most INSERT_MANY_LIMIT, all or
 * none).
 */
export function insertManyPath(version: ApiVersion): string {
	return methodPath(version, 'frappe.client.insert_many');
}

/**
 * Frappe refuses more in one insert_many ("Only 200 inserts allowed in one request"), before
 * inserting any.
 */
export const INSERT_MANY_LIMIT = 200;

/**
 * `frappe.client.bulk_update`: each document saved on its own; the answer lists the failed ones.
 */
export function bulkUpdatePath(version: ApiVersion): string {
	return methodPath(version, 'frappe.client.bulk_update');
}
