// The doctype picker: the doctypes the user can read, child tables left out (they are written
// through their parent). Works for ordinary desk users. Every node's doctype picker.
//
// `search_link` on DocType ignores permissions (frappe.desk.search.search_widget:
// `ignore_permissions = doctype == "DocType"`), so it offers every doctype to every user. Which of
// them the user may read comes from a second search, asked at the same time: the DocType query
// `frappe.contacts.address_and_contact.filter_dynamic_link_doctypes` (the desk's picker of Dynamic
// Link doctypes) answers the doctypes with fields that `frappe.permissions. get_doctypes_with_read`
// allows the user, in one request. Should a site not answer it, the picker shows the unfiltered
// list rather than nothing.
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { deskUrl } from './documentUrl';
import { apiVersionOf, credentialTypeOf } from './parameters';
import { methodPath, payloadOf } from './paths';
import { distinctHits, searchLink, type LinkSearchHit } from './searchLink';
import { siteUrlOf } from './siteUrl';
import { frappeApiRequest } from './transport';

/** A list search method, as nodes list them in `methods.listSearch`. */
export type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

export const READABLE_DOCTYPES_QUERY =
	'frappe.contacts.address_and_contact.filter_dynamic_link_doctypes';

/**
 * Every doctype the credential's user may read, or undefined when unknown. Asked without the search
 * text: the query matches it against names only, while `search_link` also matches the module.
 */
export async function readableDoctypes(
	this: ILoadOptionsFunctions,
): Promise<Set<string> | undefined> {
	try {
		const body = await frappeApiRequest.call(this, {
			method: 'GET',
			url: methodPath(await apiVersionOf(this), 'frappe.desk.search.search_link'),
			qs: { doctype: 'DocType', txt: '', query: READABLE_DOCTYPES_QUERY },
		});
		const payload = payloadOf(body);
		if (!Array.isArray(payload)) return undefined;
		return new Set(distinctHits(payload as LinkSearchHit[]).map((hit) => hit.value));
	} catch (error) {
		this.logger.debug(
			`Frappe doctype picker: could not learn which doctypes the user may read, showing all (${(error as Error).message})`,
		);
		return undefined;
	}
}

export async function searchDoctypes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const siteUrl = siteUrlOf(await this.getCredentials(credentialTypeOf(this)));
	const [page, readable] = await Promise.all([
		searchLink.call(
			this,
			'DocType',
			filter,
			paginationToken,
			(hit) => ({
				name: hit.value,
				value: hit.value,
				description: hit.description,
				url: deskUrl(siteUrl, hit.value),
			}),
			{ istable: 0 },
		),
		readableDoctypes.call(this),
	]);
	if (!readable) return page;
	return {
		...page,
		results: page.results.filter((result) => readable.has(String(result.value))),
	};
}
