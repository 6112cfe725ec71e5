// Where document operations send their request: preSend functions that set the URL from the API
// version, the doctype and the document (a desk link in the locator is read for the name it points
// to).
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { apiVersionOf, doctypeOf, documentNameOf } from '../../../shared/parameters';
import { documentMethodPath, documentPath, methodPath } from '../../../shared/paths';
import { withBody, withQuery } from '../../../shared/requestOptions';

type PreSend = (
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
) => Promise<IHttpRequestOptions>;

/** The doctype's documents: `/api/resource/{doctype}` or `/api/v2/document/{doctype}`. */
export const toDoctype: PreSend = async function (options) {
	return { ...options, url: documentPath(await apiVersionOf(this), doctypeOf(this)) };
};

/** The chosen document: `/api/resource/{doctype}/{name}` or `/api/v2/document/{doctype}/{name}`. */
export const toDocument: PreSend = async function (options) {
	return {
		...options,
		url: documentPath(await apiVersionOf(this), doctypeOf(this), documentNameOf(this)),
	};
};

/** The chosen document's whitelisted controller method (parameter "Method"). */
export const toDocumentMethod: PreSend = async function (options) {
	const method = String(this.getNodeParameter('methodName', '')).trim();
	const url = documentMethodPath(
		await apiVersionOf(this),
		doctypeOf(this),
		documentNameOf(this),
		method,
	);
	return { ...options, url };
};

/**
 * The chosen document as the `doctype` and `name` arguments of a method, in the query or the body.
 */
export function documentArguments(place: 'query' | 'body'): PreSend {
	return async function (options) {
		const document = { doctype: doctypeOf(this), name: documentNameOf(this) };
		return place === 'query' ? withQuery(options, document) : withBody(options, document);
	};
}

/** A whitelisted method of Frappe (`frappe.client.get_value`, …) on the chosen API version. */
export function toMethod(method: string): PreSend {
	return async function (options) {
		return { ...options, url: methodPath(await apiVersionOf(this), method) };
	};
}
