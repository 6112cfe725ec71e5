import type { INodeProperties } from 'n8n-workflow';

import { fieldValuesProperties } from './fields';

const showOnlyForDocumentCreate = { operation: ['create'], resource: ['document'] };

export const createFields: INodeProperties[] = [
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
