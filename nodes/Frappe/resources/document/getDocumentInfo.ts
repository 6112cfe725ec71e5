import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/frappeError';
import { doctypeOf, documentNameOf } from '../../../shared/parameters';
import { methodPath } from '../../../shared/paths';
import { withQuery } from '../../../shared/requestOptions';
import type { FrappeOperation } from '../../operation';
import { oneItem } from '../../output';

const showOnlyForGetDocumentInfo = { resource: ['document'], operation: ['getDocumentInfo'] };

const fields: INodeProperties[] = [documentNameProperty({ show: showOnlyForGetDocumentInfo })];

/**
 * `frappe.desk.form.load.getdoc` answers top-level `docs` and `docinfo` beside `message`, so it is
 * always called on v1's path (every version serves it; v2's method route answers only the return
 * value, which here is None).
 */
async function toGetdoc(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return withQuery(
		{ ...options, url: methodPath('v1', 'frappe.desk.form.load.getdoc') },
		{ doctype: doctypeOf(this), name: documentNameOf(this) },
	);
}

/**
 * `_user_tags` and docinfo's `tags` are comma-joined text (v14/v15 with a leading comma): a list
 * instead.
 */
export function tagList(text: unknown): string[] {
	return String(text ?? '')
		.split(',')
		.map((tag) => tag.trim())
		.filter((tag) => tag !== '');
}

/**
 * One item: the document, and beside it `docinfo` (attachments, comments, assignments, shares,
 * tags, versions…).
 */
const documentWithInfo = oneItem((context, response) => {
	const body = (response.body ?? {}) as IDataObject;
	const doc = Array.isArray(body.docs) ? (body.docs[0] as IDataObject | undefined) : undefined;
	if (!doc) {
		// getdoc answers an unknown name with 200 and an empty `message`
		throw parameterError(
			context,
			`${doctypeOf(context)} ${documentNameOf(context)} not found`,
			'Check the name (ID) of the document; it may have been renamed or deleted.',
		);
	}
	const docinfo = { ...((body.docinfo as IDataObject | undefined) ?? {}) };
	docinfo.tags = tagList(docinfo.tags);
	return { ...doc, docinfo };
});

export const getDocumentInfo: FrappeOperation = {
	option: {
		name: 'Get Document Info',
		value: 'getDocumentInfo',
		action: 'Get a document with its info',
		description:
			'A document with what the desk shows beside it: attachments, comments, assignments, shares, tags, versions, workflow log',
		routing: {
			request: { method: 'GET' },
			send: { preSend: [toGetdoc] },
			output: { postReceive: [documentWithInfo] },
		},
	},
	fields,
};
