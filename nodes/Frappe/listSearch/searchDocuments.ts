// The document picker: documents of the chosen doctype, searched by name and by the doctype's title
// and search fields, as the desk's Link fields search them.
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { credentialTypeOf, doctypeOf } from '../../shared/parameters';
import { deskUrl } from '../../shared/documentUrl';
import { siteUrlOf } from '../../shared/siteUrl';
import { searchLink } from '../../shared/searchLink';

export async function searchDocuments(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const doctype = doctypeOf(this);
	if (doctype === '') {
		throw new NodeOperationError(this.getNode(), 'Choose the doctype first', {
			description: 'The list shows documents of the doctype chosen above.',
		});
	}
	const siteUrl = siteUrlOf(await this.getCredentials(credentialTypeOf(this)));
	return await searchLink.call(this, doctype, filter, paginationToken, (hit) => {
		const title = hit.label || hit.description;
		return {
			name: title && title !== hit.value ? `${hit.value}: ${title}` : hit.value,
			value: hit.value,
			url: deskUrl(siteUrl, doctype, hit.value),
		};
	});
}
