import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import { doctypeOf, documentNameOf } from '../../../shared/parameters';
import { methodPath, payloadOf } from '../../../shared/paths';
import { withBody } from '../../../shared/requestOptions';
import { frappeApiRequest } from '../../../shared/transport';
import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import { toMethod } from '../document/urls';
import { documentField, showFor } from './common';

const fields: INodeProperties[] = [
	documentField('addComment'),
	{
		displayName: 'Comment',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		displayOptions: { show: showFor('addComment') },
		default: '',
		placeholder: 'e.g. Paid via Stripe',
		description: 'The text of the comment (HTML allowed), shown in the timeline of the document',
	},
];

/**
 * add_comment wants the author's e-mail and name, which Frappe does not fill in itself: the
 * credential's user (frappe.auth.get_logged_user), named by its full name when the user may read
 * it.
 */
async function commentArguments(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const content = String(this.getNodeParameter('content', '') ?? '');
	if (content.trim() === '') {
		throw parameterError(this, 'The comment is empty', 'Write the text of the comment.');
	}
	const user = String(
		payloadOf(
			await frappeApiRequest.call(this, {
				method: 'GET',
				url: methodPath('v1', 'frappe.auth.get_logged_user'),
			}),
		) ?? '',
	);
	let fullName = user;
	try {
		const value = payloadOf(
			await frappeApiRequest.call(this, {
				method: 'GET',
				url: methodPath('v1', 'frappe.client.get_value'),
				qs: { doctype: 'User', filters: user, fieldname: 'full_name' },
			}),
		) as { full_name?: string } | undefined;
		if (value?.full_name) fullName = value.full_name;
	} catch {
		// a user who may not read User documents comments under their ID
	}
	return withBody(options, {
		reference_doctype: doctypeOf(this),
		reference_name: documentNameOf(this),
		content,
		comment_email: user,
		comment_by: fullName,
	});
}

export const addComment: FrappeOperation = {
	option: {
		name: 'Add Comment',
		value: 'addComment',
		action: 'Add a comment to a document',
		description: "Comment on a document, as the credential's user",
		routing: {
			request: { method: 'POST' },
			send: { preSend: [toMethod('frappe.desk.form.utils.add_comment'), commentArguments] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
