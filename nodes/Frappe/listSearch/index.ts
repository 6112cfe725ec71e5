// The node's pickers: list searches for resource locators, loadOptions for option fields. One file per list.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getFields, getFilterFields, getListFields } from './getFields';
import { searchDoctypes, type ListSearchMethod } from '../../shared/searchDoctypes';
import { searchDocuments } from './searchDocuments';
import { searchFiles } from './searchFiles';

export const listSearch: Record<string, ListSearchMethod> = {
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
