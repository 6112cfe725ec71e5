import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/frappeError';
import { doctypeOf, documentNameOf, textParameterOf } from '../../../shared/parameters';
import { payloadOf } from '../../../shared/paths';
import { withBody } from '../../../shared/requestOptions';
import type { FrappeOperation } from '../../operation';
import { oneItem } from '../../output';
import { toMethod } from './urls';

const showOnlyForDocumentRename = { resource: ['document'], operation: ['rename'] };

const fields: INodeProperties[] = [
	documentNameProperty({ show: showOnlyForDocumentRename }),
	{
		displayName: 'New Name',
		name: 'newName',
		type: 'string',
		required: true,
		displayOptions: { show: showOnlyForDocumentRename },
		default: '',
		placeholder: 'e.g. CUST-ACME',
		description:
			'The new name (ID). The doctype must allow renaming ("Allow Rename" in Customize Form).',
	},
	{
		displayName: 'Merge With Existing',
		name: 'merge',
		type: 'boolean',
		displayOptions: { show: showOnlyForDocumentRename },
		default: false,
		description:
			'Whether to merge the document into an existing document of that name: links to it then point to the existing one, and it is deleted. Without it, an existing name is refused.',
	},
];

/** frappe.client.rename_doc's arguments. */
async function renameArguments(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const newName = textParameterOf(this, 'newName');
	if (newName === '') {
		throw parameterError(this, 'Give the new name', 'New Name is the name (ID) the document gets.');
	}
	return withBody(options, {
		doctype: doctypeOf(this),
		old_name: documentNameOf(this),
		new_name: newName,
		merge: this.getNodeParameter('merge', false) === true ? 1 : 0,
	});
}

/** Frappe answers the new name; say what happened. */
const renamed = oneItem((context, response) => ({
	doctype: doctypeOf(context),
	name: String(payloadOf(response.body) ?? textParameterOf(context, 'newName')),
	old_name: documentNameOf(context),
	merged: context.getNodeParameter('merge', false) === true,
}));

export const rename: FrappeOperation = {
	option: {
		name: 'Rename',
		value: 'rename',
		action: 'Rename a document',
		description:
			'Give a document a new name (ID), links to it included, or merge it into an existing document',
		routing: {
			request: { method: 'POST' },
			send: { preSend: [toMethod('frappe.client.rename_doc'), renameArguments] },
			output: { postReceive: [renamed] },
		},
	},
	fields,
};
