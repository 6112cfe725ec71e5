// What the pickers that list a doctype through /api/resource share (File, Report): one page of 50
// rows by offset, searched with `like` on one field, each row shown by the picker's own `toItem`
// with a link to the desk.
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { credentialTypeOf } from '../../shared/parameters';
import { siteUrlOf } from '../../shared/siteUrl';
import { frappeApiRequest } from '../../shared/transport';

const PAGE_SIZE = 50;

export interface ListQuery {
	/** The list's path (`/api/resource/<doctype>`). */
	url: string;
	fields: string[];
	/** The conditions every row meets. */
	filters: unknown[];
	/** The field the search text is looked for in (`like %text%`). */
	searchField: string;
	orderBy: string;
}

/**
 * One page of the list; `paginationToken` is the offset. One row more than the page is asked for, so
 * a token is given only when more rows follow.
 */
export async function listPage(
	this: ILoadOptionsFunctions,
	query: ListQuery,
	filter: string | undefined,
	paginationToken: string | undefined,
	toItem: (row: IDataObject, siteUrl: string) => INodeListSearchItems,
): Promise<INodeListSearchResult> {
	const start = Number(paginationToken) > 0 ? Number(paginationToken) : 0;
	const filters = [...query.filters];
	const search = filter?.trim();
	if (search) filters.push([query.searchField, 'like', `%${search}%`]);
	const response = await frappeApiRequest.call(this, {
		method: 'GET',
		url: query.url,
		qs: {
			fields: JSON.stringify(query.fields),
			filters: JSON.stringify(filters),
			order_by: query.orderBy,
			limit_start: start,
			limit_page_length: PAGE_SIZE + 1,
		},
	});
	const rows = ((response as IDataObject).data as IDataObject[] | undefined) ?? [];
	const siteUrl = siteUrlOf(await this.getCredentials(credentialTypeOf(this)));
	return {
		results: rows.slice(0, PAGE_SIZE).map((row) => toItem(row, siteUrl)),
		paginationToken: rows.length > PAGE_SIZE ? String(start + PAGE_SIZE) : undefined,
	};
}
