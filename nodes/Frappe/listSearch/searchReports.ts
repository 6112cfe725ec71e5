// The report picker: reports that are not disabled, searched by name, each shown with its type and doctype
// (Report documents are readable by every Desk User).
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { deskUrl } from '../../shared/documentUrl';
import { credentialTypeOf } from '../../shared/parameters';
import { reportPath } from '../../shared/paths';
import { siteUrlOf } from '../../shared/siteUrl';
import { frappeApiRequest } from '../../shared/transport';

const PAGE_SIZE = 50;

export async function searchReports(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const start = Number(paginationToken) > 0 ? Number(paginationToken) : 0;
	const filters: unknown[] = [['disabled', '=', 0]];
	const search = filter?.trim();
	if (search) filters.push(['name', 'like', `%${search}%`]);
	const response = await frappeApiRequest.call(this, {
		method: 'GET',
		url: reportPath(),
		qs: {
			fields: JSON.stringify(['name', 'report_type', 'ref_doctype', 'prepared_report']),
			filters: JSON.stringify(filters),
			order_by: 'name asc',
			limit_start: start,
			limit_page_length: PAGE_SIZE,
		},
	});
	const rows = ((response as IDataObject).data as IDataObject[] | undefined) ?? [];
	const siteUrl = siteUrlOf(await this.getCredentials(credentialTypeOf(this)));
	return {
		results: rows.map((row) => {
			const name = String(row.name);
			const kind = [row.report_type, row.ref_doctype].filter(Boolean).join(' · ');
			return {
				name: `${name}${kind ? ` (${kind}${row.prepared_report ? ', prepared' : ''})` : ''}`,
				value: name,
				url:
					row.report_type === 'Report Builder'
						? `${deskUrl(siteUrl, String(row.ref_doctype ?? ''))}/view/report/${encodeURIComponent(name)}`
						: `${deskUrl(siteUrl, 'query-report')}/${encodeURIComponent(name)}`,
			};
		}),
		paginationToken: rows.length === PAGE_SIZE ? String(start + PAGE_SIZE) : undefined,
	};
}
