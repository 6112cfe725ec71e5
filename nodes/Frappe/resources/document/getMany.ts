import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimitProperties } from '../../../shared/descriptions';
import { joinsChildTable, orderByClause } from '../../../shared/filters';
import { apiVersionOf, doctypeOf, filtersOf } from '../../../shared/parameters';
import { readPages } from '../../../shared/paging';
import { pageSizeParameter } from '../../../shared/paths';
import { withQuery } from '../../../shared/requestOptions';
import type { FrappeOperation, OperationSend } from '../../operation';
import { unwrapPayload } from '../../output';
import {
	FILTERS_DESCRIPTION,
	FILTERS_JSON_DESCRIPTION,
	filterBuilderProperty,
	filtersJsonProperty,
} from './fields';
import { toDoctype } from './urls';

const showOnlyForDocumentGetMany = { resource: ['document'], operation: ['getMany'] };

export const DEFAULT_PAGE_SIZE = 500;

const fields: INodeProperties[] = [
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

/** The list parameters: fields, filters, OR filters and an ORDER BY that makes paging exact. */
async function listQuery(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const doctype = doctypeOf(this);
	const filters = filtersOf(this, 'filters', 'options.filtersJson', 'Filters (JSON)');
	const orFilters = filtersOf(
		this,
		'options.orFilters',
		'options.orFiltersJson',
		'OR Filters (JSON)',
	);
	const fieldList = (this.getNodeParameter('options.fields', []) as string[]) ?? [];
	const orderBy = this.getNodeParameter('options.orderBy', '') as string;
	const parent = String(this.getNodeParameter('options.parentDoctype', '') ?? '').trim();
	return withQuery(options, {
		fields: fieldList.length > 0 ? fieldList : undefined,
		filters: filters.length > 0 ? filters : undefined,
		or_filters: orFilters.length > 0 ? orFilters : undefined,
		order_by: orderByClause(orderBy, doctype, joinsChildTable([...filters, ...orFilters])),
		parent: parent || undefined,
	});
}

/**
 * Paging: `limit_start` plus the version's page-size parameter; stops at a short page or at the limit. With the
 * ORDER BY of listQuery the order is total, so Return All gives every document exactly once.
 */
const pageThrough: OperationSend = async function (request, sendOnce) {
	const sizeParameter = pageSizeParameter(await apiVersionOf(this));
	const returnAll = this.getNodeParameter('returnAll', false) === true;
	const pageSize = Number(this.getNodeParameter('options.pageSize', DEFAULT_PAGE_SIZE));
	return await readPages({
		limit: returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', 50))),
		pageSize: Math.max(1, Math.floor(pageSize)),
		fetchPage: async (start, size) => {
			const qs = { ...request.options.qs, [sizeParameter]: size, limit_start: start };
			return await sendOnce({ ...request, options: { ...request.options, qs } });
		},
	});
};

export const getMany: FrappeOperation = {
	option: {
		name: 'Get Many',
		value: 'getMany',
		action: 'Get many documents',
		description: 'List documents, with filters, paging through all of them if asked',
		routing: {
			request: { method: 'GET' },
			send: { preSend: [toDoctype, listQuery] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
	send: pageThrough,
};
