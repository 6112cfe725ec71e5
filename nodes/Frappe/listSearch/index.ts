// The node's pickers: list searches for resource locators, loadOptions for option fields. One file per list.
import type {
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { getFields, getFilterFields, getListFields } from './getFields';
import { searchDoctypes } from '../../shared/searchDoctypes';
import { searchDocuments } from './searchDocuments';
import { searchFiles } from './searchFiles';

export const listSearch: Record<
	string,
	(
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	) => Promise<INodeListSearchResult>
> = {
	searchDoctypes,
	searchDocuments,
	searchFiles,
};

export const loadOptions: Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
> = {
	getFields,
	getFilterFields,
	getListFields,
};
