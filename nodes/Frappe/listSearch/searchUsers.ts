// Enabled users, for assignments and shares: Frappe's link search on User
// (`frappe.desk.search.search_link`), which any desk user may run, limited to enabled accounts.
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchLink } from '../../shared/searchLink';

export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchLink.call(
		this,
		'User',
		filter,
		paginationToken,
		(hit) => ({
			name:
				hit.description && hit.description !== hit.value
					? `${hit.description} (${hit.value})`
					: hit.value,
			value: hit.value,
		}),
		{ enabled: 1 },
	);
}
