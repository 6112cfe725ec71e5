import type { IExecuteSingleFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { doctypeOf, documentNameOf } from '../../../shared/parameters';
import type { FrappeOperation } from '../../operation';
import { toDocument } from './urls';

const showOnlyForDocumentDelete = { resource: ['document'], operation: ['delete'] };

const fields: INodeProperties[] = [documentNameProperty({ show: showOnlyForDocumentDelete })];

/** Frappe answers "ok" (202); say which document went. */
async function deletedDocument(this: IExecuteSingleFunctions): Promise<INodeExecutionData[]> {
	return [{ json: { deleted: true, doctype: doctypeOf(this), name: documentNameOf(this) } }];
}

export const del: FrappeOperation = {
	option: {
		name: 'Delete',
		value: 'delete',
		action: 'Delete a document',
		description: 'Delete a document by its name; its child rows go with it',
		routing: {
			request: { method: 'DELETE' },
			send: { preSend: [toDocument] },
			output: { postReceive: [deletedDocument] },
		},
	},
	fields,
};
