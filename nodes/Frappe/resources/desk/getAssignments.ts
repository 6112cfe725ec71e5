import type { FrappeOperation } from '../../operation';
import { docinfoRows, documentField, toDocinfo } from './common';

export const getAssignments: FrappeOperation = {
	option: {
		name: 'Get Assignments',
		value: 'getAssignments',
		action: 'Get the assignments of a document',
		description:
			"The open assignments of a document: who has it in their ToDo list, and the ToDo's note",
		routing: {
			request: { method: 'GET' },
			send: { preSend: [toDocinfo] },
			output: {
				postReceive: [
					docinfoRows('assignments', (row) => ({
						allocated_to: row.owner,
						todo: row.name,
						description: row.description,
						status: row.status,
					})),
				],
			},
		},
	},
	fields: [documentField('getAssignments')],
};
