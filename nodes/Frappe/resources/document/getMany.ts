import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { returnAllAndLimitProperties } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/frappeError';
import { joinsChildTable, orderByClause } from '../../../shared/filters';
import { apiVersionOf, doctypeOf, filtersOf, textParameterOf } from '../../../shared/parameters';
import { nameKeyset, readPages, type PageKey } from '../../../shared/paging';
import { pageSizeParameter } from '../../../shared/paths';
import { withQuery } from '../../../shared/requestOptions';
import type { FrappeOperation, OperationSend } from '../../operation';
import { unwrapPayload } from '../../output';
import {
	childRowsAndTags,
	childTablesOption,
	parallelRequestsOption,
	tagsOption,
	withWholeDocuments,
} from './childRows';
import {
	FILTERS_DESCRIPTION,
	FILTERS_JSON_DESCRIPTION,
	filterBuilderProperty,
	filtersJsonProperty,
} from '../../../shared/filterFields';
import { toDoctype } from './urls';

const showOnlyForDocumentGetMany = { resource: ['document'], operation: ['getMany'] };

export const DEFAULT_PAGE_SIZE = 1000;

/**
 * The most documents one input item may bring: n8n's RoutingNode adds an item's results with
 * `push(...items)`, which fails ("Maximum call stack size exceeded") past about 125,000.
 */
export const MAX_DOCUMENTS_PER_ITEM = 100_000;

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
			childTablesOption,
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
				default: '',
				placeholder: 'e.g. modified desc',
				description:
					"Sort order, as Frappe reads it. Empty: with Return All, name order (ascending), paged by name, the fastest way through a large doctype; with a Limit, the most recently modified first, as in Frappe's list. Given: the name is added last, so that pages never overlap or skip a document.",
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_PAGE_SIZE,
				description: 'How many documents to ask Frappe for per request',
			},
			parallelRequestsOption,
			{
				displayName: 'Parent Doctype',
				name: 'parentDoctype',
				type: 'string',
				default: '',
				placeholder: 'e.g. Sales Order',
				description:
					'Only to list a child table doctype (e.g. Sales Order Item): the doctype it belongs to, which Frappe checks permissions on',
			},
			tagsOption,
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
	const parent = textParameterOf(this, 'options.parentDoctype');
	return withQuery(options, {
		fields: fieldList.length > 0 ? fieldList : undefined,
		filters: filters.length > 0 ? filters : undefined,
		or_filters: orFilters.length > 0 ? orFilters : undefined,
		order_by: orderByClause(orderBy, doctype, joinsChildTable([...filters, ...orFilters])),
		parent: parent || undefined,
	});
}

/**
 * Paging (nodes/shared/paging.ts): Return All without an Order By pages by name (`name > last`,
 * `name asc`), as fast deep into a large table and skips nothing when documents change while it
 * pages; with one (or a child-table filter or column), by `limit_start` under the total ORDER BY of
 * listQuery. One row more than the page tells whether more follow, so no request comes back empty.
 */
const pageThrough: OperationSend = async function (request, sendOnce) {
	const sizeParameter = pageSizeParameter(await apiVersionOf(this));
	const returnAll = this.getNodeParameter('returnAll', false) === true;
	const pageSize = Number(this.getNodeParameter('options.pageSize', DEFAULT_PAGE_SIZE));
	const query = (request.options.qs ?? {}) as IDataObject;
	// A Limit without an Order By keeps Frappe's list order (newest first); only Return All pages by
	// name.
	const orderBy = String(this.getNodeParameter('options.orderBy', '') ?? '');
	const keyset = returnAll ? nameKeyset(query, orderBy) : undefined;
	const wanted = returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', 50)));
	const rows = await readPages<INodeExecutionData>({
		limit: Math.min(wanted, MAX_DOCUMENTS_PER_ITEM + 1),
		pageSize: Math.max(1, Math.floor(pageSize)),
		keyOf: keyset ? (row) => row.json.name as PageKey : undefined,
		fetchPage: async (start, size, after) => {
			const qs = keyset
				? { ...keyset.query(after), [sizeParameter]: size }
				: { ...query, [sizeParameter]: size, limit_start: start };
			return await sendOnce({ ...request, options: { ...request.options, qs } });
		},
	});
	if (rows.length > MAX_DOCUMENTS_PER_ITEM) {
		throw parameterError(
			this,
			`More than ${MAX_DOCUMENTS_PER_ITEM.toLocaleString('en')} ${doctypeOf(this)} documents for one input item, more than n8n can take from one node`,
			"n8n's engine fails on more than about 125,000 items from one request of a node. Narrow the list with filters (e.g. on creation), or read it in parts: several input items, each with its own filter.",
		);
	}
	if (keyset?.addedName) for (const row of rows) delete row.json.name;
	return rows;
};

export const getMany: FrappeOperation = {
	option: {
		name: 'Get Many',
		value: 'getMany',
		action: 'Get many documents',
		description: 'List documents, with filters, paging through all of them if asked',
		routing: {
			request: { method: 'GET' },
			send: { preSend: [toDoctype, listQuery, childRowsAndTags] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
	send: withWholeDocuments(pageThrough),
};
