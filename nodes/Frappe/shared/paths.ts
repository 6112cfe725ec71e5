// Where each API version keeps things, and what its answers carry. v1: `/api/resource/{doctype}` answers
// `{"data"}`, `/api/method/{method}` answers `{"message"}`; v2 (Frappe 15+): `/api/v2/document/{doctype}` and
// `/api/v2/method/{method}` both answer `{"data"}`. Pure.

export type ApiVersion = 'v1' | 'v2';

/** `/api/resource/{doctype}[/{name}]` on v1, `/api/v2/document/{doctype}[/{name}]` on v2. */
export function documentPath(version: ApiVersion, doctype: string, name?: string): string {
	const base = `${version === 'v2' ? '/api/v2/document' : '/api/resource'}/${encodeURIComponent(doctype)}`;
	return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}

/** `/api/method/{method}` on v1, `/api/v2/method/{method}` on v2. */
export function methodPath(version: ApiVersion, method: string): string {
	return `${version === 'v2' ? '/api/v2/method' : '/api/method'}/${method}`;
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
