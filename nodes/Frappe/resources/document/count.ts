import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { apiVersionOf, doctypeOf, filtersOf } from '../../../shared/parameters';
import { countPath } from '../../../shared/paths';
import { withQuery } from '../../../shared/requestOptions';
import type { FrappeOperation } from '../../operation';
import {
	FILTERS_DESCRIPTION,
	FILTERS_JSON_DESCRIPTION,
	filterBuilderProperty,
	filtersJsonProperty,
} from '../../../shared/filterFields';

const showOnlyForDocumentCount = { resource: ['document'], operation: ['count'] };

const fields: INodeProperties[] = [
	filterBuilderProperty('filters', 'Filters', FILTERS_DESCRIPTION, showOnlyForDocumentCount),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: showOnlyForDocumentCount },
		default: {},
		options: [filtersJsonProperty('filtersJson', 'Filters (JSON)', FILTERS_JSON_DESCRIPTION)],
	},
];

/** The count's URL and filters (v1 names the doctype in the query; v2 in the path). */
async function countQuery(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const version = await apiVersionOf(this);
	const doctype = doctypeOf(this);
	const filters = filtersOf(this, 'filters', 'options.filtersJson', 'Filters (JSON)');
	return withQuery(
		{ ...options, url: countPath(version, doctype) },
		{
			doctype: version === 'v1' ? doctype : undefined,
			filters: filters.length > 0 ? filters : undefined,
		},
	);
}

export const count: FrappeOperation = {
	option: {
		name: 'Count',
		value: 'count',
		action: 'Count documents',
		description: 'Count the documents that meet filters',
		routing: {
			request: { method: 'GET' },
			send: { preSend: [countQuery] },
			output: {
				postReceive: [
					{
						type: 'set',
						properties: {
							value: '={{ { "count": $response.body.data ?? $response.body.message } }}',
						},
					},
				],
			},
		},
	},
	fields,
};
