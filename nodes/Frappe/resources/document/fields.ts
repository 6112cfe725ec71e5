// Field definitions several document operations share, generated from one definition each: the
// values to write (field/value pairs or JSON). The filter builder is shared with the poll trigger
// (nodes/shared/filterFields.ts).
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

type Show = NonNullable<IDisplayOptions['show']>;

/**
 * How the values to write are given: as field/value pairs (field picker) or as one JSON object.
 * `tableHint` says what a child table value does for this operation (create adds the rows; update
 * replaces the table).
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

/** The hint of the values to write where a child table given replaces the document's rows. */
export const CHILD_TABLE_REPLACED =
	'Only the fields you give change. A child table (e.g. items) is replaced by the rows you give: rows without a name are added, rows with their name are kept (give all their fields), rows left out are deleted.';

// The filter builder moved to nodes/shared/filterFields.ts (the poll trigger uses it too); kept
// here for importers.
export {
	FILTERS_DESCRIPTION,
	FILTERS_JSON_DESCRIPTION,
	filterBuilderProperty,
	filtersJsonProperty,
} from '../../../shared/filterFields';
