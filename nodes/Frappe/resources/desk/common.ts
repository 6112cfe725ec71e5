// What the Collaboration operations share: the document they work on, the user picker, and the
// form's docinfo (`frappe.desk.form.load.get_docinfo`), which any user who may read the document
// gets and which lists its comments, assignments, shares and tags.
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { doctypeOf, documentNameOf, nodeParameterOf } from '../../../shared/parameters';
import { methodPath } from '../../../shared/paths';
import { withQuery } from '../../../shared/requestOptions';
import { oneItem } from '../../output';

export const DESK = 'desk';

export function showFor(operation: string) {
	return { resource: [DESK], operation: [operation] };
}

export function documentField(operation: string): INodeProperties {
	return documentNameProperty({ show: showFor(operation) });
}

/** A user, picked from the enabled users or typed (its ID, usually the e-mail address). */
export function userField(
	operation: string,
	displayName: string,
	description: string,
	extraShow: Record<string, unknown[]> = {},
): INodeProperties {
	return {
		displayName,
		name: 'user',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: { ...showFor(operation), ...extraShow } },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchUsers', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. jane@example.com',
			},
		],
	};
}

export function userOf(context: IExecuteSingleFunctions): string {
	return String(nodeParameterOf(context, 'user', '', { extractValue: true }) ?? '').trim();
}

/**
 * The doctype and name every answer item carries, so that the next node knows which document it
 * was.
 */
export function documentOf(context: IExecuteSingleFunctions): IDataObject {
	return { doctype: doctypeOf(context), document: documentNameOf(context) };
}

/**
 * preSend: get_docinfo of the chosen document (a v1 path on every version: its answer is the
 * top-level `docinfo`).
 */
export async function toDocinfo(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return withQuery(
		{ ...options, method: 'GET', url: methodPath('v1', 'frappe.desk.form.load.get_docinfo') },
		{ doctype: doctypeOf(this), name: documentNameOf(this) },
	);
}

export function docinfoOf(response: IN8nHttpFullResponse): IDataObject {
	const body = (response.body ?? {}) as IDataObject;
	return (body.docinfo as IDataObject | undefined) ?? {};
}

/** postReceive: one item per row of a docinfo list, shaped by `shape`. */
export function docinfoRows(key: string, shape: (row: IDataObject) => IDataObject) {
	return async function (
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		const rows = docinfoOf(response)[key];
		const pairedItem = { item: this.getItemIndex() };
		const document = documentOf(this);
		return (Array.isArray(rows) ? (rows as IDataObject[]) : []).map((row) => ({
			json: { ...shape(row), ...document },
			pairedItem,
		}));
	};
}

/**
 * postReceive: one item, the document and what `describe` says was done (from the parameters, or
 * from the answer where it says more than null or a name).
 */
export function doneItem(
	describe: (context: IExecuteSingleFunctions, response: IN8nHttpFullResponse) => IDataObject,
) {
	return oneItem((context, response) => ({
		...documentOf(context),
		...describe(context, response),
	}));
}
