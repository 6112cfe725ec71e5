import type { INodeProperties } from 'n8n-workflow';

import { FILTERS_JSON_DESCRIPTION, filterBuilderProperty, filtersJsonProperty } from './fields';
import { documentNameOf, filtersOf, withQuery, type RequestStep } from './request';

const showOnlyForDocumentGetValue = { operation: ['getValue'], resource: ['document'] };

export const getValueFields: INodeProperties[] = [
	{
		displayName: 'Select Document By',
		name: 'selectBy',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForDocumentGetValue },
		options: [
			{ name: 'Name', value: 'name', description: 'The document chosen above' },
			{
				name: 'Filters',
				value: 'filters',
				description: 'The first document that meets conditions',
			},
		],
		default: 'name',
	},
	filterBuilderProperty('filters', 'Filters', 'Conditions the document must meet', {
		...showOnlyForDocumentGetValue,
		selectBy: ['filters'],
	}),
	{
		...filtersJsonProperty('filtersJson', 'Filters (JSON)', FILTERS_JSON_DESCRIPTION),
		displayOptions: { show: { ...showOnlyForDocumentGetValue, selectBy: ['filters'] } },
	},
	{
		displayName: 'Field Names or IDs',
		name: 'fieldnames',
		type: 'multiOptions',
		required: true,
		typeOptions: { loadOptionsMethod: 'getFilterFields', loadOptionsDependsOn: ['doctype.value'] },
		displayOptions: { show: showOnlyForDocumentGetValue },
		default: [],
		description:
			'The fields to read. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		routing: {
			send: {
				type: 'query',
				property: 'fieldname',
				value: '={{ JSON.stringify([].concat($value)) }}',
			},
		},
	},
];

/** Which document frappe.client.get_value reads: by name, or the first one meeting the filters. */
export const valueFilters: RequestStep = async function (request) {
	if (this.getNodeParameter('selectBy', 'name') === 'filters') {
		return withQuery(request, {
			filters: filtersOf(this, 'filters', 'filtersJson', 'Filters (JSON)'),
		});
	}
	return withQuery(request, { filters: documentNameOf(this) });
};
