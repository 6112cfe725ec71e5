// The doctype picker every node shares (works for users without System Manager).
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { searchDoctypes } from '../shared/searchDoctypes';

export const listSearch: Record<
	string,
	(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	) => Promise<INodeListSearchResult>
> = { searchDoctypes };
