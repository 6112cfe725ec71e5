import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimitProperties } from '../../shared/descriptions';
import { sendRoutingRequest, type FrappeRequestFunction } from '../../shared/transport';
import {
	FILTERS_DESCRIPTION,
	FILTERS_JSON_DESCRIPTION,
	filterBuilderProperty,
	filtersJsonProperty,
} from './fields';
import { joinsChildTable, orderByClause } from '../../shared/filters';
import { pageSizeParameter } from '../../shared/paths';
import { apiVersionOf, doctypeOf, filtersOf, withQuery, type RequestStep } from './request';

const showOnlyForDocumentGetMany = { operation: ['getMany'], resource: ['document'] };

export const DEFAULT_PAGE_SIZE = 500;

export const getManyFields: INodeProperties[] = [
	...returnAllAndLimitProperties(showOnlyForDocumentGetMany),
	filterBuilderProperty('filters', 'Filters', FILTERS_DESCRIPTION, showOnlyForDocumentGetMany),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: showOnlyForDocumentGetMany },
		default: {},
		options: [
			{
				displayName: 'Fields Names or IDs',
				name: 'fields',
				type: 'multiOptions',
				typeOptions: {
					loadOptionsMethod: 'getListFields',
					loadOptionsDependsOn: ['doctype.value'],
				},
				default: [],
				description:
					'The fields to return (default: name only; * for all). A child-table field reads as items.item_code. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			filtersJsonProperty('filtersJson', 'Filters (JSON)', FILTERS_JSON_DESCRIPTION),
			filterBuilderProperty(
				'orFilters',
				'OR Filters',
				'Conditions of which a document must meet at least one',
			),
			filtersJsonProperty(
				'orFiltersJson',
				'OR Filters (JSON)',
				'More OR conditions as JSON, added to the ones above, e.g. [["status", "=", "Open"], ["priority", "=", "High"]]',
			),
			{
				displayName: 'Order By',
				name: 'orderBy',
				type: 'string',
				default: 'modified desc',
				placeholder: 'e.g. posting_date asc',
				description:
					'Sort order, as Frappe reads it. The name is always added last, so that pages never overlap or skip a document.',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_PAGE_SIZE,
				description: 'How many documents to ask Frappe for per request',
			},
			{
				displayName: 'Parent Doctype',
				name: 'parentDoctype',
				type: 'string',
				default: '',
				placeholder: 'e.g. Sales Order',
				description:
					'Only to list a child table doctype (e.g. Sales Order Item): the doctype it belongs to, which Frappe checks permissions on',
			},
		],
	},
];

/** The list parameters of Get Many: fields, filters, OR filters and an ORDER BY that makes paging exact. */
export const listQuery: RequestStep = async function (request) {
	const doctype = doctypeOf(this);
	const filters = filtersOf(this, 'filters', 'options.filtersJson', 'Filters (JSON)');
	const orFilters = filtersOf(
		this,
		'options.orFilters',
		'options.orFiltersJson',
		'OR Filters (JSON)',
	);
	const fields = (this.getNodeParameter('options.fields', []) as string[]) ?? [];
	const orderBy = this.getNodeParameter('options.orderBy', '') as string;
	const parent = String(this.getNodeParameter('options.parentDoctype', '') ?? '').trim();
	return withQuery(request, {
		fields: fields.length > 0 ? fields : undefined,
		filters: filters.length > 0 ? filters : undefined,
		or_filters: orFilters.length > 0 ? orFilters : undefined,
		order_by: orderByClause(orderBy, doctype, joinsChildTable([...filters, ...orFilters])),
		parent: parent || undefined,
	});
};

/**
 * Get Many's paging: `limit_start` plus the version's page-size parameter. Stops at a short page or at the limit. With the ORDER BY of the list step the order is
 * total, so Return All gives every document exactly once.
 */
export const pageThrough: FrappeRequestFunction = async function (request) {
	const sizeParameter = pageSizeParameter(apiVersionOf(this));
	const returnAll = this.getNodeParameter('returnAll', false) === true;
	const limit = returnAll
		? Number.POSITIVE_INFINITY
		: Math.max(1, Number(this.getNodeParameter('limit', 50)));
	const pageSize = Math.max(
		1,
		Math.floor(Number(this.getNodeParameter('options.pageSize', DEFAULT_PAGE_SIZE))),
	);
	const documents: INodeExecutionData[] = [];
	for (let start = 0; documents.length < limit;) {
		const size = Math.min(pageSize, limit - documents.length);
		const page = await sendRoutingRequest(
			this,
			withQuery(request, { [sizeParameter]: size, limit_start: start }),
		);
		for (const document of page) documents.push(document);
		if (page.length < size) break;
		start += page.length;
	}
	return documents;
};
