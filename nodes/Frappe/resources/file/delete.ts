// File → Delete: DELETE /api/resource/File/{name}. Frappe removes the file from disk too, unless
// another File document shares its content (same file_url).
import type {
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { filePath } from '../../../shared/paths';
import type { FrappeOperation } from '../../operation';
import { fileLocatorField, showOnlyForFile } from './common';

const fields: INodeProperties[] = [fileLocatorField(showOnlyForFile('delete'), { byUrl: false })];

function fileNameOf(context: IExecuteSingleFunctions): string {
	return String(context.getNodeParameter('file', '', { extractValue: true })).trim();
}

async function toFile(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...options, url: filePath(fileNameOf(this)) };
}

/** Frappe answers 202 `{"data": "ok"}`; the item says which File went. */
async function deletedFileItem(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { name: fileNameOf(this), deleted: true } }];
}

export const del: FrappeOperation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a file',
		description: 'Delete a File document (and its content)',
		routing: {
			request: { method: 'DELETE' },
			send: { preSend: [toFile] },
			output: { postReceive: [deletedFileItem] },
		},
	},
	fields,
};
