// The report picker: reports that are not disabled, searched by name, each shown with its type and
// doctype (Report documents are readable by every Desk User).
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { deskUrl } from '../../shared/documentUrl';
import { reportPath } from '../../shared/paths';
import { listPage, type ListQuery } from './common';

const REPORTS: ListQuery = {
	url: reportPath(),
	fields: ['name', 'report_type', 'ref_doctype', 'prepared_report'],
	filters: [['disabled', '=', 0]],
	searchField: 'name',
	orderBy: 'name asc',
};

/** A report as its name, type and doctype, linked to its page in the desk. */
function reportItem(row: IDataObject, siteUrl: string): INodeListSearchItems {
	const name = String(row.name);
	const kind = [row.report_type, row.ref_doctype].filter(Boolean).join(' · ');
	const encoded = encodeURIComponent(name);
	return {
		name: `${name}${kind ? ` (${kind}${row.prepared_report ? ', prepared' : ''})` : ''}`,
		value: name,
		url:
			row.report_type === 'Report Builder'
				? `${deskUrl(siteUrl, String(row.ref_doctype ?? ''))}/view/report/${encoded}`
				: `${deskUrl(siteUrl, 'query-report')}/${encoded}`,
	};
}

export async function searchReports(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await listPage.call(this, REPORTS, filter, paginationToken, reportItem);
}
