import type { INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import { CHILD_TABLE_REPLACED, fieldValuesProperties } from './fields';
import { documentArguments, toMethod } from './urls';
import { writeFieldValues } from './values';

const showOnlyForDocumentSetValue = { resource: ['document'], operation: ['setValue'] };

const fields: INodeProperties[] = [
	documentNameProperty({ show: showOnlyForDocumentSetValue }),
	...fieldValuesProperties(showOnlyForDocumentSetValue, CHILD_TABLE_REPLACED),
];

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
					documentArguments('body'),
					writeFieldValues('fieldname'),
				],
			},
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
