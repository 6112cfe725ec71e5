import type { INodeProperties } from 'n8n-workflow';

import { fieldValuesProperties } from './fields';

const showOnlyForDocumentUpdate = { operation: ['update'], resource: ['document'] };

export const CHILD_TABLE_REPLACED =
	'Only the fields you give change. A child table (e.g. items) is replaced by the rows you give: rows without a name are added, rows with their name are kept (give all their fields), rows left out are deleted.';

export const updateFields: INodeProperties[] = [
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
