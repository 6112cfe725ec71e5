// File → Delete: DELETE /api/resource/File/{name}. Frappe removes the file from disk too, unless another File
// document shares its content (same file_url).
import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fileLocatorField, showOnlyForFile } from './common';

export const fileDeleteDescription: INodeProperties[] = [
	fileLocatorField(showOnlyForFile('delete'), { byUrl: false }),
];

/** Frappe answers 202 `{"data": "ok"}`; the item says which File went. */
export async function deletedFileItem(
	this: IExecuteSingleFunctions,
): Promise<INodeExecutionData[]> {
	const name = String(this.getNodeParameter('file', '', { extractValue: true })).trim();
	return [{ json: { name, deleted: true } }];
}
