import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { doctypeOf, documentNameOf } from './request';

// Delete needs only the doctype and the document, both declared in index.ts.
export const deleteFields: INodeProperties[] = [];

/** postReceive: Frappe answers "ok" (202); say which document went. */
export async function deletedDocument(
	this: IExecuteSingleFunctions,
): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true, doctype: doctypeOf(this), name: documentNameOf(this) } }];
}
