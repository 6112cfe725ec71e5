import type { INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import { CHILD_TABLE_REPLACED, fieldValuesProperties } from './fields';
import { toDocument } from './urls';
import { writeFieldValues } from './values';

const showOnlyForDocumentUpdate = { resource: ['document'], operation: ['update'] };

const fields: INodeProperties[] = [
	documentNameProperty({ show: showOnlyForDocumentUpdate }),
	...fieldValuesProperties(showOnlyForDocumentUpdate, CHILD_TABLE_REPLACED),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: showOnlyForDocumentUpdate },
		default: {},
		options: [
			{
				displayName: 'Only If Unchanged Since',
				name: 'expectedModified',
				type: 'string',
				default: '',
				placeholder: 'e.g. {{ $json.modified }}',
				description:
					'The document\'s "modified" value as you read it. If someone changed the document since, Frappe refuses the update (TimestampMismatchError) instead of overwriting their change.',
				routing: {
					send: { type: 'body', property: 'modified', value: '={{ $value || undefined }}' },
				},
			},
		],
	},
];

export const update: FrappeOperation = {
	option: {
		name: 'Update',
		value: 'update',
		action: 'Update a document',
		description: 'Change some fields of a document; the others stay as they are',
		routing: {
			request: { method: 'PUT' },
			send: { preSend: [toDocument, writeFieldValues()] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
