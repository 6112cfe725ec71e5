// Links to Frappe's desk: a document's page is `<site>/app/<doctype-slug>/<name>`, the slug being
// the doctype in lower case with dashes for spaces (`Sales Voucher` → `sales-voucher`), the name
// percent-encoded. Pure.

/** The desk slug of a doctype, as Frappe's `frappe.router.slug` makes it. */
export function doctypeSlug(doctype: string): string {
	return doctype.trim().toLowerCase().replace(/ /g, '-');
}

export interface DeskLink {
	/** The doctype part of the link, e.g. `sales-voucher`. */
	slug: string;
	/** The document name, decoded, e.g. `SV 0001`. */
	name: string;
}

/**
 * Matches `/app/<slug>/<name>` anywhere in a URL (after any path prefix), up to a query or
 * fragment.
 */
export const DESK_LINK_PATTERN = '/app/([^/?#]+)/([^/?#]+)/?(?:[?#].*)?$';

const DESK_LINK = new RegExp(DESK_LINK_PATTERN);

function decode(part: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		return part;
	}
}

/**
 * Reads a desk link (`https://erp.example.com/app/sales-voucher/SV-0001`), or returns undefined.
 */
export function parseDeskUrl(url: string): DeskLink | undefined {
	const match = DESK_LINK.exec(String(url ?? '').trim());
	if (!match) return undefined;
	const name = decode(match[2]);
	if (name === '') return undefined;
	return { slug: decode(match[1]).toLowerCase(), name };
}

/** Whether a desk link's slug is the slug of `doctype`. */
export function linkMatchesDoctype(link: DeskLink, doctype: string): boolean {
	return link.slug === doctypeSlug(doctype);
}

/** The desk page of a document or, without a name, of a doctype's list. */
export function deskUrl(siteUrl: string, doctype: string, name?: string): string {
	const base = `${siteUrl.replace(/\/+$/, '')}/app/${doctypeSlug(doctype)}`;
	return name === undefined ? base : `${base}/${encodeURIComponent(name)}`;
}
