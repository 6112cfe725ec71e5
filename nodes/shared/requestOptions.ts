// Changes to a request's options made by preSend functions, as copies (RoutingNode's object is left
// alone). Pure.
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * Adds query parameters (objects and lists JSON-encoded, as Frappe reads them; undefined left out).
 */
export function withQuery(
	options: IHttpRequestOptions,
	query: Record<string, unknown>,
): IHttpRequestOptions {
	const qs: IDataObject = { ...((options.qs as IDataObject | undefined) ?? {}) };
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined) continue;
		qs[key] =
			typeof value === 'object' && value !== null
				? JSON.stringify(value)
				: (value as string | number | boolean);
	}
	return { ...options, qs };
}

/** Adds fields to the JSON body. */
export function withBody(options: IHttpRequestOptions, fields: IDataObject): IHttpRequestOptions {
	return { ...options, body: { ...((options.body as IDataObject | undefined) ?? {}), ...fields } };
}
