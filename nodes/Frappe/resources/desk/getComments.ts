import type { FrappeOperation } from '../../operation';
import { docinfoRows, documentField, toDocinfo } from './common';

export const getComments: FrappeOperation = {
	option: {
		name: 'Get Comments',
		value: 'getComments',
		action: 'Get the comments of a document',
		description: "A document's comments, newest first",
		routing: {
			request: { method: 'GET' },
			send: { preSend: [toDocinfo] },
			output: {
				postReceive: [
					docinfoRows('comments', (row) => ({
						name: row.name,
						content: row.content,
						owner: row.owner,
						creation: row.creation,
						comment_type: row.comment_type,
					})),
				],
			},
		},
	},
	fields: [documentField('getComments')],
};
