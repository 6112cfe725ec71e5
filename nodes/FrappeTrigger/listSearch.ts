// The doctype picker, shared with the Frappe node (works for users without System Manager).
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchDoctypes } from '../Frappe/listSearch/searchDoctypes';

export const listSearch: Record<
	string,
	(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	) => Promise<INodeListSearchResult>
> = { searchDoctypes };
