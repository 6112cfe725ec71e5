import type { FrappeOperation } from '../../operation';
import { tagList } from '../document/getDocumentInfo';
import { docinfoOf, documentField, doneItem, toDocinfo } from './common';

/** One item with the document's tags as a list. */
const tags = doneItem((_context, response) => ({ tags: tagList(docinfoOf(response).tags) }));

export const getTags: FrappeOperation = {
	option: {
		name: 'Get Tags',
		value: 'getTags',
		action: 'Get the tags of a document',
		description: 'List the tags of a document, one item each',
		routing: {
			request: { method: 'GET' },
			send: { preSend: [toDocinfo] },
			output: { postReceive: [tags] },
		},
	},
	fields: [documentField('getTags')],
};
