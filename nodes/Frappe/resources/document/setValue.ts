import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { doctypeOf, documentNameOf } from '../../../shared/parameters';
import { withBody } from '../../../shared/requestOptions';
import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import { CHILD_TABLE_REPLACED, fieldValuesProperties } from './fields';
import { toMethod } from './urls';
import { writeFieldValues } from './values';

const showOnlyForDocumentSetValue = { resource: ['document'], operation: ['setValue'] };

const fields: INodeProperties[] = [
	documentNameProperty({ show: showOnlyForDocumentSetValue }),
	...fieldValuesProperties(showOnlyForDocumentSetValue, CHILD_TABLE_REPLACED),
];

async function namedDocument(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return withBody(options, { doctype: doctypeOf(this), name: documentNameOf(this) });
}

export const setValue: FrappeOperation = {
	option: {
		name: 'Set Field Value',
		value: 'setValue',
		action: 'Set field values of a document',
		description: 'Change some fields of a document (frappe.client.set_value)',
		routing: {
			request: { method: 'POST' },
			send: {
				preSend: [
					toMethod('frappe.client.set_value'),
					namedDocument,
					writeFieldValues('fieldname'),
				],
			},
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
