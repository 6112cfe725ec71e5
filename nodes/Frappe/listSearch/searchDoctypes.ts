// The doctype picker: every doctype the user can search, child tables left out (they are written through their
// parent). Works for ordinary desk users. The Frappe Trigger node uses it too.
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { deskUrl } from '../shared/documentUrl';
import { siteUrlOf, credentialTypeOf } from '../shared/transport';
import { searchLink } from './searchLink';

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
