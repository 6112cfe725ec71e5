// The node's pickers: list searches for resource locators, loadOptions for option fields. One file
// per list.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { getFields, getFilterFields, getListFields } from '../../shared/fieldPickers';
import { getLetterHeads } from './getLetterHeads';
import { getReportFilters } from './getReportFilters';
import { searchDoctypes, type ListSearchMethod } from '../../shared/searchDoctypes';
import { searchDocuments } from './searchDocuments';
import { searchFiles } from './searchFiles';
import { searchUsers } from './searchUsers';
import { searchWorkflowActions } from './searchWorkflowActions';
import { searchPrintFormats } from './searchPrintFormats';
import { searchReports } from './searchReports';

export const listSearch: Record<string, ListSearchMethod> = {
	searchDoctypes,
	searchDocuments,
	searchFiles,
	searchUsers,
	searchWorkflowActions,
	searchPrintFormats,
	searchReports,
};

export const loadOptions: Record<
	string,
	(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
> = {
	getFields,
	getFilterFields,
	getListFields,
	getLetterHeads,
	getReportFilters,
};
