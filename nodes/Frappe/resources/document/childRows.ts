// Get Many's child tables and tags. Child-table columns in the field list (`items.item`) make
// Frappe join the child table: one row per child row, a parent without rows once. Paging such a
// list by `limit_start` is exact only when the ORDER BY is total over the joined rows, so the
// columns are qualified (MariaDB finds bare ones ambiguous) and each child table's `idx` ends it.
// "Whole documents" lists the names and reads each document in full, a few at a time. Tags filter
// on `_user_tags` like the desk's tag filter.
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeProperties,
} from 'n8n-workflow';

import { orderByClause } from '../../../shared/filters';
import { cachedMeta } from '../../../shared/meta';
import { apiVersionOf, doctypeOf } from '../../../shared/parameters';
import { documentPath } from '../../../shared/paths';
import type { OperationSend } from '../../operation';
import { tagList } from './getDocumentInfo';

export const DEFAULT_PARALLEL_REQUESTS = 5;

const CHILD_TABLE_MODES: INodePropertyOptions[] = [
	{
		name: 'As Fields',
		value: 'fields',
		description:
			'Child-table fields in the field list (e.g. items.item) give one item per child row, as Frappe returns them',
	},
	{
		name: 'Whole Documents',
		value: 'documents',
		description:
			'Each document in full, with its child tables: one more request per document, a few at a time',
	},
];

export const childTablesOption: INodeProperties = {
	displayName: 'Child Tables',
	name: 'childTables',
	type: 'options',
	options: CHILD_TABLE_MODES,
	default: 'fields',
	description: "How the documents' child-table rows come out",
};

export const parallelRequestsOption: INodeProperties = {
	displayName: 'Parallel Requests',
	name: 'parallelRequests',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 20 },
	default: DEFAULT_PARALLEL_REQUESTS,
	description:
		'With Child Tables "Whole Documents": how many documents to read at the same time. Each document is one request, so 1,000 documents cost 1,000 requests.',
};

export const tagsOption: INodeProperties = {
	displayName: 'Tags',
	name: 'tags',
	type: 'string',
	default: '',
	placeholder: 'e.g. vip, follow-up',
	description: 'Only documents that carry every one of these tags (comma-separated)',
};

function modeOf(context: IExecuteSingleFunctions): string {
	return String(context.getNodeParameter('options.childTables', 'fields') ?? 'fields');
}

function decodedList(value: unknown): unknown[] {
	if (Array.isArray(value)) return value;
	if (typeof value !== 'string' || value.trim() === '') return [];
	try {
		const parsed = JSON.parse(value) as unknown;
		return Array.isArray(parsed) ? parsed : [];
	} catch {
		return [];
	}
}

/**
 * The child doctypes a field list reads from: `table.column` (a Table field) or ``
 * `tabChild`.column ``.
 */
export function childDoctypesOf(
	fields: unknown[],
	tableOptions: Record<string, string>,
	doctype: string,
): string[] {
	const found = new Set<string>();
	for (const field of fields) {
		const text = String(field).trim();
		const quoted = /^`tab([^`]+)`\./.exec(text);
		if (quoted && quoted[1] !== doctype) found.add(quoted[1]);
		const dotted = /^([a-z_][a-z0-9_]*)\.[`a-z_]/i.exec(text);
		if (dotted && tableOptions[dotted[1]]) found.add(tableOptions[dotted[1]]);
	}
	return [...found];
}

/**
 * preSend (after listQuery): tag filters; a total ORDER BY over child rows; names only for whole
 * documents.
 */
export async function childRowsAndTags(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const qs: IDataObject = { ...((options.qs as IDataObject | undefined) ?? {}) };
	const tags = tagList(this.getNodeParameter('options.tags', ''));
	if (tags.length > 0) {
		const filters = decodedList(qs.filters);
		for (const tag of tags) filters.push(['_user_tags', 'like', `%${tag}%`]);
		qs.filters = JSON.stringify(filters);
	}
	const doctype = doctypeOf(this);
	if (modeOf(this) === 'documents') {
		qs.fields = JSON.stringify(['name']);
		return { ...options, qs };
	}
	const fields = decodedList(qs.fields);
	if (fields.some((field) => String(field).includes('.'))) {
		const meta = await cachedMeta(this, doctype);
		const tableOptions: Record<string, string> = {};
		for (const field of meta?.fields ?? []) {
			if (/^Table/.test(field.fieldtype) && field.options)
				tableOptions[field.fieldname] = field.options;
		}
		const children = childDoctypesOf(fields, tableOptions, doctype);
		if (children.length > 0) {
			const orderBy = String(this.getNodeParameter('options.orderBy', '') ?? '');
			const parentOrder = orderByClause(orderBy.trim() || 'name asc', doctype, true);
			qs.order_by = [parentOrder, ...children.map((child) => `\`tab${child}\`.\`idx\` asc`)].join(
				', ',
			);
		}
	}
	return { ...options, qs };
}

/** Runs `items` through `read` with at most `parallel` at a time, keeping their order. */
export async function inBatches<T, R>(
	items: T[],
	parallel: number,
	read: (item: T) => Promise<R>,
): Promise<R[]> {
	const out: R[] = [];
	for (let start = 0; start < items.length; start += parallel) {
		out.push(...(await Promise.all(items.slice(start, start + parallel).map(read))));
	}
	return out;
}

/** Wraps Get Many's paging: with "Whole Documents", each listed name is read in full. */
export function withWholeDocuments(pageThrough: OperationSend): OperationSend {
	return async function (request, sendOnce) {
		const rows = await pageThrough.call(this, request, sendOnce);
		if (modeOf(this) !== 'documents') return rows;
		const version = await apiVersionOf(this);
		const doctype = doctypeOf(this);
		const parallel = Math.max(
			1,
			Math.floor(
				Number(this.getNodeParameter('options.parallelRequests', DEFAULT_PARALLEL_REQUESTS)),
			),
		);
		const documents = await inBatches(rows, parallel, async (row: INodeExecutionData) => {
			const name = String(row.json.name);
			const url = documentPath(version, doctype, name);
			return await sendOnce(
				{ ...request, options: { ...request.options, method: 'GET', url, qs: {} } },
				{ doctype, documentName: name },
			);
		});
		return documents.flat();
	};
}
