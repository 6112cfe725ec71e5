// The filter builder (field, operator, value rows) and its JSON companion, shared by the Frappe
// node's document operations and the Frappe Poll Trigger; and the field picker its rows load their
// options from (fieldPickers.ts).
import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { FILTER_OPERATORS } from './filters';

type Show = NonNullable<IDisplayOptions['show']>;

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

/**
 * Filters written as JSON in any form Frappe reads (list of [field, operator, value] or an object).
 */
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

export { getFilterFields } from './fieldPickers';
