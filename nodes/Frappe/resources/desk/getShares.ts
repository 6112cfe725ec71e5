import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import { documentArguments, toMethod } from '../document/urls';
import { documentField } from './common';

export const getShares: FrappeOperation = {
	option: {
		name: 'Get Shares',
		value: 'getShares',
		action: 'Get the shares of a document',
		description: 'Who a document is shared with, and with which rights',
		routing: {
			request: { method: 'GET' },
			send: { preSend: [toMethod('frappe.share.get_users'), documentArguments('query')] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields: [documentField('getShares')],
};
