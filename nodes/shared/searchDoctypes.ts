// The doctype picker: every doctype the user can search, child tables left out (they are written through their
// parent). Works for ordinary desk users. Every node's doctype picker.
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { deskUrl } from './documentUrl';
import { credentialTypeOf } from './parameters';
import { siteUrlOf } from './siteUrl';
import { searchLink } from './searchLink';

/** A list search method, as nodes list them in `methods.listSearch`. */
export type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

export async function searchDoctypes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const siteUrl = siteUrlOf(await this.getCredentials(credentialTypeOf(this)));
	return await searchLink.call(
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
	);
}
