// The one place that builds Frappe paths, by API version. v1: `/api/resource/{doctype}` answers `{"data"}`,
// `/api/method/{method}` answers `{"message"}`; v2 (Frappe 15+): `/api/v2/document/{doctype}`,
// `/api/v2/method/{method}` and `/api/v2/doctype/{doctype}/…` all answer `{"data"}`. Pure.

export type ApiVersion = 'v1' | 'v2';

/** `/api/resource/{doctype}[/{name}]` on v1, `/api/v2/document/{doctype}[/{name}]` on v2. */
export function documentPath(version: ApiVersion, doctype: string, name?: string): string {
	const base = `${version === 'v2' ? '/api/v2/document' : '/api/resource'}/${encodeURIComponent(doctype)}`;
	return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

/** A whitelisted method of a document's controller: v2 has its own path; v1 posts `run_method` to the document. */
export function documentMethodPath(
	version: ApiVersion,
	doctype: string,
	name: string,
	method: string,
): string {
	const path = documentPath(version, doctype, name);
	return version === 'v2' ? `${path}/method/${encodeURIComponent(method)}` : path;
}

/** `/api/method/{method}` on v1, `/api/v2/method/{method}` on v2 (v2's `DocType/method` keeps its slash). */
export function methodPath(version: ApiVersion, method: string): string {
	const encoded = method.split('/').map(encodeURIComponent).join('/');
	return `${version === 'v2' ? '/api/v2/method' : '/api/method'}/${encoded}`;
}

/** How many documents meet filters: v2's `/api/v2/doctype/{doctype}/count`, v1's `frappe.client.get_count`. */
export function countPath(version: ApiVersion, doctype: string): string {
	return version === 'v2'
		? `/api/v2/doctype/${encodeURIComponent(doctype)}/count`
		: methodPath('v1', 'frappe.client.get_count');
}

/** A doctype's meta: v2's `/api/v2/doctype/{doctype}/meta`, v1's `frappe.desk.form.load.getdoctype`. */
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

/** The page-size parameter of a list: v2 reads only `limit` (it ignores `limit_page_length`); v1 `limit_page_length`. */
export function pageSizeParameter(version: ApiVersion): 'limit' | 'limit_page_length' {
	return version === 'v2' ? 'limit' : 'limit_page_length';
}

/** What a Frappe answer carries: `data` (resources, and everything on v2), `message` (v1 methods), v14's `results`. */
export function payloadOf(body: unknown): unknown {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
	const envelope = body as Record<string, unknown>;
	if ('data' in envelope) return envelope.data;
	if ('message' in envelope) return envelope.message;
	if ('results' in envelope) return envelope.results;
	return body;
}
