import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { doctypeOf, documentNameOf } from '../../../shared/parameters';
import { withQuery } from '../../../shared/requestOptions';
import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import { toMethod } from '../document/urls';
import { documentField } from './common';

async function documentArguments(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return withQuery(options, { doctype: doctypeOf(this), name: documentNameOf(this) });
}

export const getShares: FrappeOperation = {
	option: {
		name: 'Get Shares',
		value: 'getShares',
		action: 'Get the shares of a document',
		description: 'Who a document is shared with, and with which rights',
		routing: {
			request: { method: 'GET' },
			send: { preSend: [toMethod('frappe.share.get_users'), documentArguments] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields: [documentField('getShares')],
};
