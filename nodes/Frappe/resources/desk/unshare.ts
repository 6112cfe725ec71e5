import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import { doctypeOf, documentNameOf } from '../../../shared/parameters';
import { withBody } from '../../../shared/requestOptions';
import type { FrappeOperation } from '../../operation';
import { toMethod } from '../document/urls';
import { documentField, doneItem, showFor, userField, userOf } from './common';

const fields: INodeProperties[] = [
	documentField('unshare'),
	{
		displayName: 'Everyone',
		name: 'everyone',
		type: 'boolean',
		displayOptions: { show: showFor('unshare') },
		default: false,
		description: 'Whether to remove the share with everyone instead of one user',
	},
	userField('unshare', 'User', 'The user to stop sharing the document with', { everyone: [false] }),
];

/**
 * frappe.share.remove is not whitelisted; the desk unshares with set_permission(read = 0), which
 * clears every right and deletes the share.
 */
async function unshareArguments(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const everyone = this.getNodeParameter('everyone', false) === true;
	const user = everyone ? '' : userOf(this);
	if (!everyone && user === '') throw parameterError(this, 'Choose the user to stop sharing with');
	return withBody(options, {
		doctype: doctypeOf(this),
		name: documentNameOf(this),
		user,
		permission_to: 'read',
		value: 0,
		everyone: everyone ? 1 : 0,
	});
}

export const unshare: FrappeOperation = {
	option: {
		name: 'Unshare',
		value: 'unshare',
		action: 'Stop sharing a document with a user',
		description: 'Remove the share of a document with a user (or with everyone)',
		routing: {
			request: { method: 'POST' },
			send: { preSend: [toMethod('frappe.share.set_permission'), unshareArguments] },
			output: {
				postReceive: [
					doneItem((context) => ({
						unshared:
							context.getNodeParameter('everyone', false) === true ? 'everyone' : userOf(context),
					})),
				],
			},
		},
	},
	fields,
};
