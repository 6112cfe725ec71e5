import type {
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import type { FrappeOperation } from '../../operation';
import { tagList } from '../document/getDocumentInfo';
import { docinfoOf, documentField, documentOf, toDocinfo } from './common';

/** One item with the document's tags as a list. */
async function tags(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	return [
		{
			json: { ...documentOf(this), tags: tagList(docinfoOf(response).tags) },
			pairedItem: { item: this.getItemIndex() },
		},
	];
}

export const getTags: FrappeOperation = {
	option: {
		name: 'Get Tags',
		value: 'getTags',
		action: 'Get the tags of a document',
		routing: {
			request: { method: 'GET' },
			send: { preSend: [toDocinfo] },
			output: { postReceive: [tags] },
		},
	},
	fields: [documentField('getTags')],
};
