// Field definitions several document operations share, generated from one definition each: the values to write
// (field/value pairs or JSON) and the filter builder. Operation files call these with their own displayOptions.
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { FILTER_OPERATORS } from '../../../shared/filters';

type Show = NonNullable<IDisplayOptions['show']>;

/**
 * How the values to write are given: as field/value pairs (field picker) or as one JSON object. `tableHint` says
 * what a child table value does for this operation (create adds the rows; update replaces the table).
 */
export function fieldValuesProperties(show: Show, tableHint: string): INodeProperties[] {
	return [
		{
			displayName: 'Specify Fields',
			name: 'specifyFields',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show },
			options: [
				{
					name: 'Using Field Picker',
					value: 'keypair',
					description: 'One row per field, the field picked from the doctype',
				},
				{ name: 'Using JSON', value: 'json', description: 'All fields as one JSON object' },
			],
			default: 'keypair',
		},
		{
			displayName: 'Fields',
			name: 'fieldValues',
			type: 'fixedCollection',
			placeholder: 'Add Field',
			typeOptions: { multipleValues: true },
			displayOptions: { show: { ...show, specifyFields: ['keypair'] } },
			default: {},
			hint: tableHint,
			options: [
				{
					displayName: 'Field',
					name: 'field',
					values: [
						{
							displayName: 'Field Name or ID',
							name: 'fieldname',
							type: 'options',
							description:
								'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							typeOptions: {
								loadOptionsMethod: 'getFields',
								loadOptionsDependsOn: ['doctype.value'],
							},
							default: '',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description:
								'Typed by the field: Check takes true/false, numbers become numbers, a child table takes a JSON array of rows',
						},
					],
				},
			],
		},
		{
			displayName: 'Fields (JSON)',
			name: 'jsonFields',
			type: 'json',
			displayOptions: { show: { ...show, specifyFields: ['json'] } },
			default: '{\n  "fieldname": "value"\n}',
			hint: tableHint,
			description:
				'The fields as a JSON object; values keep their JSON types, and a child table is an array of row objects',
		},
	];
}

/** The rows of a filter builder: field, operator, value. */
export function filterBuilderProperty(
	name: string,
	displayName: string,
	description: string,
	show?: Show,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		placeholder: 'Add Condition',
		typeOptions: { multipleValues: true },
		displayOptions: show ? { show } : undefined,
		default: {},
		description,
		options: [
			{
				displayName: 'Condition',
				name: 'conditions',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'field',
						type: 'options',
						description:
							'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
						typeOptions: {
							loadOptionsMethod: 'getFilterFields',
							loadOptionsDependsOn: ['doctype.value'],
						},
						default: '',
					},
					{
						displayName: 'Operator',
						name: 'operator',
						type: 'options',
						options: FILTER_OPERATORS.map(({ name, value, ...rest }) => ({
							name,
							value,
							description: 'description' in rest ? rest.description : undefined,
						})),
						default: 'equals',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						displayOptions: { hide: { operator: ['isSet', 'isNotSet'] } },
						description:
							'For In and Not In a comma-separated list or JSON array; for Between two values, e.g. 2024-01-01, 2024-01-31',
					},
				],
			},
		],
	};
}

/** Filters written as JSON in any form Frappe reads (list of [field, operator, value] or an object). */
export function filtersJsonProperty(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'json',
		default: '[]',
		description,
	};
}

export const FILTERS_DESCRIPTION = 'Conditions a document must all meet';

export const FILTERS_JSON_DESCRIPTION =
	'More conditions as JSON, added to the ones above, e.g. [["status", "=", "Open"], ["Sales Order Item", "item_code", "=", "X"]] or {"status": "Open"}';

/** The hint of the values to write where a child table given replaces the document's rows. */
export const CHILD_TABLE_REPLACED =
	'Only the fields you give change. A child table (e.g. items) is replaced by the rows you give: rows without a name are added, rows with their name are kept (give all their fields), rows left out are deleted.';
