import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { doctypeOf, documentNameOf, filtersOf } from '../../../shared/parameters';
import { withQuery } from '../../../shared/requestOptions';
import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import {
	FILTERS_JSON_DESCRIPTION,
	filterBuilderProperty,
	filtersJsonProperty,
} from '../../../shared/filterFields';
import { toMethod } from './urls';

const showOnlyForDocumentGetValue = { resource: ['document'], operation: ['getValue'] };

const fields: INodeProperties[] = [
	documentNameProperty({ show: showOnlyForDocumentGetValue, hide: { selectBy: ['filters'] } }),
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
async function valueQuery(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const filters =
		this.getNodeParameter('selectBy', 'name') === 'filters'
			? filtersOf(this, 'filters', 'filtersJson', 'Filters (JSON)')
			: documentNameOf(this);
	return withQuery(options, { doctype: doctypeOf(this), filters });
}

export const getValue: FrappeOperation = {
	option: {
		name: 'Get Field Value',
		value: 'getValue',
		action: 'Get field values of a document',
		description: 'Read some fields of one document (frappe.client.get_value)',
		routing: {
			request: { method: 'GET' },
			send: { preSend: [toMethod('frappe.client.get_value'), valueQuery] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
