// The print format picker: Standard first, then the enabled print formats of the chosen doctype
// (the desk's link search, which Desk Users may use on Print Format).
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { doctypeOf } from '../../shared/parameters';
import { searchLink } from '../../shared/searchLink';

const STANDARD = 'Standard';

export async function searchPrintFormats(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const doctype = doctypeOf(this);
	const page = await searchLink.call(
		this,
		'Print Format',
		filter,
		paginationToken,
		(hit) => ({ name: hit.value, value: hit.value, description: hit.description }),
		doctype ? { doc_type: doctype, disabled: 0 } : { disabled: 0 },
	);
	const search = (filter ?? '').trim().toLowerCase();
	if (!paginationToken && STANDARD.toLowerCase().includes(search)) {
		page.results.unshift({
			name: STANDARD,
			value: STANDARD,
			description: "Frappe's generic layout",
		});
	}
	return page;
}
