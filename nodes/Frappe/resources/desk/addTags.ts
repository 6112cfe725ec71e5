import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import { doctypeOf, documentNameOf } from '../../../shared/parameters';
import { withBody } from '../../../shared/requestOptions';
import type { FrappeOperation } from '../../operation';
import { tagList } from '../document/getDocumentInfo';
import { toMethod } from '../document/urls';
import { documentField, doneItem, showFor } from './common';

const fields: INodeProperties[] = [
	documentField('addTags'),
	{
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		required: true,
		displayOptions: { show: showFor('addTags') },
		default: '',
		placeholder: 'e.g. vip, follow-up',
		description:
			'One tag or several, separated by commas; a tag that does not exist yet is created',
	},
];

function tagsOf(context: IExecuteSingleFunctions): string[] {
	return tagList(context.getNodeParameter('tags', ''));
}

/**
 * add_tags takes the tags and the documents as JSON lists; it needs write permission on the
 * document.
 */
async function tagArguments(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const tags = tagsOf(this);
	if (tags.length === 0) throw parameterError(this, 'Give at least one tag');
	return withBody(options, {
		tags: JSON.stringify(tags),
		dt: doctypeOf(this),
		docs: JSON.stringify([documentNameOf(this)]),
	});
}

export const addTags: FrappeOperation = {
	option: {
		name: 'Add Tags',
		value: 'addTags',
		action: 'Add tags to a document',
		description: 'Tag a document (Get Many of the Document resource can then filter by tag)',
		routing: {
			request: { method: 'POST' },
			send: { preSend: [toMethod('frappe.desk.doctype.tag.tag.add_tags'), tagArguments] },
			output: { postReceive: [doneItem((context) => ({ added: tagsOf(context) }))] },
		},
	},
	fields,
};
