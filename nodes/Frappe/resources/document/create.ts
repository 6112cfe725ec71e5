import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { apiVersionOf, doctypeOf } from '../../../shared/parameters';
import { documentPath } from '../../../shared/paths';
import type { FrappeOperation, OperationSend } from '../../operation';
import { unwrapPayload } from '../../output';
import { assertSubmittable } from './docstatus';
import { fieldValuesProperties } from './fields';
import { toDoctype } from './urls';
import { writeFieldValues } from './values';

const showOnlyForDocumentCreate = { resource: ['document'], operation: ['create'] };

const fields: INodeProperties[] = [
	...fieldValuesProperties(
		showOnlyForDocumentCreate,
		'A child table (e.g. items) takes its rows as a JSON array: [{"item_code": "WIDGET", "qty": 2}]',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: showOnlyForDocumentCreate },
		default: {},
		options: [
			{
				displayName: 'Submit After Create',
				name: 'submitAfterCreate',
				type: 'boolean',
				default: false,
				description:
					'Whether to submit the new document right away (docstatus 0 → 1). Only for submittable doctypes.',
			},
		],
	},
];

function submitAfterCreate(context: IExecuteSingleFunctions): boolean {
	return context.getNodeParameter('options.submitAfterCreate', false) === true;
}

/**
 * Refuses "Submit After Create" for a doctype that is not submittable, before anything is written.
 */
async function checkSubmittable(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	if (submitAfterCreate(this)) await assertSubmittable(this, 'submitted');
	return options;
}

/** Sends the create, then (option "Submit After Create") submits the new document. */
const createThenSubmit: OperationSend = async function (request, sendOnce) {
	const created = await sendOnce(request);
	if (!submitAfterCreate(this)) return created;
	const doctype = doctypeOf(this);
	const name = String(created[0]?.json?.name ?? '');
	const url = documentPath(await apiVersionOf(this), doctype, name);
	return await sendOnce(
		{ ...request, options: { ...request.options, method: 'PUT', url, body: { docstatus: 1 } } },
		{
			doctype,
			documentName: name,
			doing: `Created ${doctype} ${name} as a draft, but could not submit it`,
		},
	);
};

export const create: FrappeOperation = {
	option: {
		name: 'Create',
		value: 'create',
		action: 'Create a document',
		description: 'Create a document, child table rows included',
		routing: {
			request: { method: 'POST' },
			send: { preSend: [toDoctype, checkSubmittable, writeFieldValues()] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
	send: createThenSubmit,
};
