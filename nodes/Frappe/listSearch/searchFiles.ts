// Files for the File picker (Download, Delete): newest first, searched by file name, 50 per page.
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { deskUrl } from '../../shared/documentUrl';
import { filePath } from '../../shared/paths';
import { listPage, type ListQuery } from './common';

const FILES: ListQuery = {
	url: filePath(),
	fields: [
		'name',
		'file_name',
		'file_url',
		'is_private',
		'attached_to_doctype',
		'attached_to_name',
	],
	filters: [['is_folder', '=', 0]],
	searchField: 'file_name',
	orderBy: 'creation desc',
};

/** A File as its name, "(private)" and the document it is attached to. */
function fileItem(row: IDataObject, siteUrl: string): INodeListSearchItems {
	const attachedTo = row.attached_to_doctype
		? ` · ${String(row.attached_to_doctype)} ${String(row.attached_to_name ?? '')}`
		: '';
	return {
		name: `${String(row.file_name ?? row.name)}${row.is_private ? ' (private)' : ''}${attachedTo}`,
		value: String(row.name),
		url: deskUrl(siteUrl, 'File', String(row.name)),
	};
}

export async function searchFiles(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await listPage.call(this, FILES, filter, paginationToken, fileItem);
}
