// File → Get Many: the Files attached to a document, or in a folder, from GET /api/resource/File,
// paged with limit_start/limit_page_length in creation order, then by name so pages never overlap
// (Frappe has no default ORDER BY).
import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import {
	documentNameProperty,
	doctypeProperty,
	returnAllAndLimitProperties,
} from '../../../shared/descriptions';
import { FILE_LIST_FIELDS, fileListFilters, type FileListScope } from '../../../shared/files';
import { orderByClause } from '../../../shared/filters';
import { parameterError } from '../../../shared/frappeError';
import { readPages } from '../../../shared/paging';
import { filePath } from '../../../shared/paths';
import type { FrappeOperation, OperationSend } from '../../operation';
import { showOnlyForFile, targetDocumentOf } from './common';

const showOnlyForFileGetMany = showOnlyForFile('getMany');

/** Rows per request when paging. */
export const FILE_PAGE_SIZE = 100;

const fields: INodeProperties[] = [
	{
		displayName: 'Files',
		name: 'filesOf',
		type: 'options',
		options: [
			{ name: 'Attached to a Document', value: 'document' },
			{ name: 'In a Folder', value: 'folder' },
		],
		default: 'document',
		displayOptions: { show: showOnlyForFileGetMany },
	},
	doctypeProperty({ show: showOnlyForFile('getMany', { filesOf: ['document'] }) }),
	documentNameProperty({ show: showOnlyForFile('getMany', { filesOf: ['document'] }) }),
	{
		displayName: 'Folder',
		name: 'folder',
		type: 'string',
		required: true,
		default: 'Home',
		placeholder: 'e.g. Home/Attachments',
		description: 'The folder path, as in the File list (Home, Home/Attachments, …)',
		displayOptions: { show: showOnlyForFile('getMany', { filesOf: ['folder'] }) },
	},
	...returnAllAndLimitProperties(showOnlyForFileGetMany),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForFileGetMany },
		options: [
			{
				displayName: 'Include Folders',
				name: 'includeFolders',
				type: 'boolean',
				default: false,
				description: 'Whether to list sub-folders (is_folder = 1) too, not only files',
			},
		],
	},
];

function scopeOf(context: IExecuteSingleFunctions): FileListScope {
	if (context.getNodeParameter('filesOf', 'document') === 'folder') {
		const folder = String(context.getNodeParameter('folder', 'Home')).trim();
		if (!folder) throw parameterError(context, 'The Folder is empty');
		return { filesOf: 'folder', folder };
	}
	const { doctype, documentName } = targetDocumentOf(context);
	return { filesOf: 'document', doctype, documentName };
}

/** Sets the list query: the fields, the filters for the chosen scope, and a stable order. */
async function setFileListQuery(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { includeFolders } = this.getNodeParameter('options', {}) as { includeFolders?: boolean };
	requestOptions.url = filePath();
	requestOptions.qs = {
		...(requestOptions.qs ?? {}),
		fields: JSON.stringify(FILE_LIST_FIELDS),
		filters: JSON.stringify(fileListFilters(scopeOf(this), includeFolders === true)),
		order_by: orderByClause('creation asc', 'File'),
	};
	return requestOptions;
}

/** Pages through the list until a short page, or until Limit rows. */
const listFiles: OperationSend = async function (request, sendOnce) {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const files = await readPages({
		limit: returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', 50))),
		pageSize: FILE_PAGE_SIZE,
		fetchPage: async (start, size) => {
			const qs = { ...request.options.qs, limit_start: start, limit_page_length: size };
			return await sendOnce({ ...request, options: { ...request.options, qs } });
		},
	});
	const pairedItem = { item: this.getItemIndex() };
	return files.map((item) => ({ ...item, pairedItem }));
};

export const getMany: FrappeOperation = {
	option: {
		name: 'Get Many',
		value: 'getMany',
		action: 'Get many files',
		description: 'List the files attached to a document, or in a folder',
		routing: {
			request: { method: 'GET' },
			send: { preSend: [setFileListQuery] },
			output: { postReceive: [{ type: 'rootProperty', properties: { property: 'data' } }] },
		},
	},
	fields,
	send: listFiles,
};
