import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import { apiVersionOf, textParameterOf } from '../../../shared/parameters';
import { documentPath } from '../../../shared/paths';
import type { FrappeOperation } from '../../operation';
import { doneItem, showFor } from './common';

const fields: INodeProperties[] = [
	{
		displayName: 'Comment ID',
		name: 'commentName',
		type: 'string',
		required: true,
		displayOptions: { show: showFor('deleteComment') },
		default: '',
		placeholder: 'e.g. {{ $json.name }}',
		description: 'The name of the Comment, as Get Comments and Add Comment return it',
	},
];

async function toComment(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const name = textParameterOf(this, 'commentName');
	if (name === '') {
		throw parameterError(
			this,
			'Give the ID of the comment',
			'Get Comments lists them with their IDs.',
		);
	}
	return { ...options, url: documentPath(await apiVersionOf(this), 'Comment', name) };
}

export const deleteComment: FrappeOperation = {
	option: {
		name: 'Delete Comment',
		value: 'deleteComment',
		action: 'Delete a comment',
		description: 'Delete a comment from the timeline of a document',
		routing: {
			request: { method: 'DELETE' },
			send: { preSend: [toComment] },
			output: {
				postReceive: [
					doneItem((context) => ({
						deleted: true,
						comment: textParameterOf(context, 'commentName'),
					})),
				],
			},
		},
	},
	fields,
};
