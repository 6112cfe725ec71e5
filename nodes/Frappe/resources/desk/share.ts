import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import { doctypeOf, documentNameOf } from '../../../shared/parameters';
import { withBody } from '../../../shared/requestOptions';
import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import { toMethod } from '../document/urls';
import { documentField, showFor, userField, userOf } from './common';

const fields: INodeProperties[] = [
	documentField('share'),
	{
		displayName: 'Share With Everyone',
		name: 'everyone',
		type: 'boolean',
		displayOptions: { show: showFor('share') },
		default: false,
		description: 'Whether to share the document with every user of the site instead of one user',
	},
	userField('share', 'User', 'The user to share the document with', { everyone: [false] }),
	{
		displayName: 'Rights',
		name: 'rights',
		type: 'multiOptions',
		displayOptions: { show: showFor('share') },
		options: [
			{ name: 'Write', value: 'write' },
			{ name: 'Submit', value: 'submit' },
			{ name: 'Share', value: 'share', description: 'The user may share it further' },
		],
		default: [],
		description: 'What the user may do besides reading it (read is always given)',
	},
	{
		displayName: 'Notify by Email',
		name: 'notify',
		type: 'boolean',
		displayOptions: { show: showFor('share') },
		default: false,
		description: 'Whether Frappe e-mails the user that the document was shared with them',
	},
];

/** frappe.share.add's arguments (`read` is always set; an existing share gets the rights given). */
async function shareArguments(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const everyone = this.getNodeParameter('everyone', false) === true;
	const user = everyone ? '' : userOf(this);
	if (!everyone && user === '') throw parameterError(this, 'Choose the user to share with');
	const rights = (this.getNodeParameter('rights', []) as string[]) ?? [];
	return withBody(options, {
		doctype: doctypeOf(this),
		name: documentNameOf(this),
		user: everyone ? undefined : user,
		everyone: everyone ? 1 : 0,
		read: 1,
		write: rights.includes('write') ? 1 : 0,
		submit: rights.includes('submit') ? 1 : 0,
		share: rights.includes('share') ? 1 : 0,
		notify: this.getNodeParameter('notify', false) === true ? 1 : 0,
	});
}

export const share: FrappeOperation = {
	option: {
		name: 'Share',
		value: 'share',
		action: 'Share a document with a user',
		description:
			'Give a user (or everyone) read access to one document, and write, submit or share if asked; needs the share right on it',
		routing: {
			request: { method: 'POST' },
			send: { preSend: [toMethod('frappe.share.add'), shareArguments] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
