// Frappe's link search (`frappe.desk.search.search_link`, what the desk's Link fields use): any
// user who may read a doctype may search it, and searching the doctype DocType needs no System
// Manager role, unlike listing /api/resource/DocType. It has no offset, only a page length, so
// "load more" asks for a longer list and skips what was already shown.
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { apiVersionOf } from './parameters';
import { methodPath, payloadOf } from './paths';
import { frappeApiRequest } from './transport';

export const SEARCH_PAGE_LENGTH = 50;

export interface LinkSearchHit {
	value: string;
	description?: string;
	label?: string;
}

/**
 * One page of `search_link` hits for `doctype`; `paginationToken` is how many were already shown.
 */
export async function searchLink(
	this: ILoadOptionsFunctions,
	doctype: string,
	filter: string | undefined,
	paginationToken: string | undefined,
	toItem: (hit: LinkSearchHit) => INodeListSearchItems,
	filters?: IDataObject,
): Promise<INodeListSearchResult> {
	const shown = Math.max(0, Number.parseInt(paginationToken ?? '0', 10) || 0);
	const pageLength = shown + SEARCH_PAGE_LENGTH;
	const body = await frappeApiRequest.call(this, {
		method: 'GET',
		url: methodPath(await apiVersionOf(this), 'frappe.desk.search.search_link'),
		qs: {
			doctype,
			txt: filter ?? '',
			page_length: pageLength,
			...(filters ? { filters: JSON.stringify(filters) } : {}),
		},
	});
	const payload = payloadOf(body);
	const hits = (Array.isArray(payload) ? payload : []) as LinkSearchHit[];
	const shownBefore = new Set(hits.slice(0, shown).map((hit) => hit?.value));
	return {
		results: distinctHits(hits.slice(shown))
			.filter((hit) => !shownBefore.has(hit.value))
			.map(toItem),
		paginationToken: hasMorePages(hits.length, pageLength) ? String(pageLength) : undefined,
	};
}

/** The hits with a name, each name once, in Frappe's order. */
export function distinctHits(hits: LinkSearchHit[]): LinkSearchHit[] {
	const seen = new Set<string>();
	return hits.filter((hit) => {
		if (typeof hit?.value !== 'string' || hit.value === '' || seen.has(hit.value)) return false;
		seen.add(hit.value);
		return true;
	});
}

/**
 * Whether a longer list could hold more: only when Frappe sent exactly as many hits as asked. Fewer
 * is the end; more means it ignored `page_length` and sent every match at once, as
 * `frappe.desk.search.search_widget` does for a translated doctype (DocType is one), so a next page
 * would only repeat this one.
 */
export function hasMorePages(received: number, pageLength: number): boolean {
	return received === pageLength;
}
