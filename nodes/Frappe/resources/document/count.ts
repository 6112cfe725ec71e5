import type { INodeProperties } from 'n8n-workflow';

import {
	FILTERS_DESCRIPTION,
	FILTERS_JSON_DESCRIPTION,
	filterBuilderProperty,
	filtersJsonProperty,
} from './fields';
import { filtersOf, withQuery, type RequestStep } from './request';

const showOnlyForDocumentCount = { operation: ['count'], resource: ['document'] };

export const countFields: INodeProperties[] = [
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

/** Count's filters, as `filters` in the query (frappe.client.get_count on v1, /api/v2/doctype/{dt}/count). */
export const countQuery: RequestStep = async function (request) {
	const filters = filtersOf(this, 'filters', 'options.filtersJson', 'Filters (JSON)');
	return withQuery(request, { filters: filters.length > 0 ? filters : undefined });
};
