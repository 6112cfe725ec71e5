// Files for the File picker (Download, Delete): newest first, searched by file name, 50 per page.
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { deskUrl } from '../../shared/documentUrl';
import { credentialTypeOf } from '../../shared/parameters';
import { filePath } from '../../shared/paths';
import { siteUrlOf } from '../../shared/siteUrl';
import { frappeApiRequest } from '../../shared/transport';

const PAGE_SIZE = 50;

export async function searchFiles(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const start = Number(paginationToken) > 0 ? Number(paginationToken) : 0;
	const filters: unknown[] = [['is_folder', '=', 0]];
	const search = filter?.trim();
	if (search) filters.push(['file_name', 'like', `%${search}%`]);
	const response = await frappeApiRequest.call(this, {
		method: 'GET',
		url: filePath(),
		qs: {
			fields: JSON.stringify([
				'name',
				'file_name',
				'file_url',
				'is_private',
				'attached_to_doctype',
				'attached_to_name',
			]),
			filters: JSON.stringify(filters),
			order_by: 'creation desc',
			limit_start: start,
			limit_page_length: PAGE_SIZE,
		},
	});
	const rows = ((response as IDataObject).data as IDataObject[] | undefined) ?? [];
	const siteUrl = siteUrlOf(await this.getCredentials(credentialTypeOf(this)));
	return {
		results: rows.map((row) => {
			const attachedTo = row.attached_to_doctype
				? ` · ${String(row.attached_to_doctype)} ${String(row.attached_to_name ?? '')}`
				: '';
			return {
				name: `${String(row.file_name ?? row.name)}${row.is_private ? ' (private)' : ''}${attachedTo}`,
				value: String(row.name),
				url: deskUrl(siteUrl, 'File', String(row.name)),
			};
		}),
		paginationToken: rows.length === PAGE_SIZE ? String(start + PAGE_SIZE) : undefined,
	};
}
