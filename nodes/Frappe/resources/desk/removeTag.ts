import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import { doctypeOf, documentNameOf, textParameterOf } from '../../../shared/parameters';
import { withBody } from '../../../shared/requestOptions';
import type { FrappeOperation } from '../../operation';
import { toMethod } from '../document/urls';
import { documentField, doneItem, showFor } from './common';

const fields: INodeProperties[] = [
	documentField('removeTag'),
	{
		displayName: 'Tag',
		name: 'tag',
		type: 'string',
		required: true,
		displayOptions: { show: showFor('removeTag') },
		default: '',
		placeholder: 'e.g. follow-up',
		description: 'The tag to remove, as Get Tags lists it',
	},
];

async function untagArguments(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const tag = textParameterOf(this, 'tag');
	if (tag === '') throw parameterError(this, 'Give the tag to remove');
	return withBody(options, { tag, dt: doctypeOf(this), dn: documentNameOf(this) });
}

export const removeTag: FrappeOperation = {
	option: {
		name: 'Remove Tag',
		value: 'removeTag',
		action: 'Remove a tag from a document',
		description: 'Remove one tag from a document; the tag itself stays for other documents',
		routing: {
			request: { method: 'POST' },
			send: { preSend: [toMethod('frappe.desk.doctype.tag.tag.remove_tag'), untagArguments] },
			output: {
				postReceive: [doneItem((context) => ({ removed: textParameterOf(context, 'tag') }))],
			},
		},
	},
	fields,
};
