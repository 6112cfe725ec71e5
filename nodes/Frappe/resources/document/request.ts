// What the document operations share when a request is sent: the API version's paths and envelopes, the doctype's
// meta (for typing values and checking that a doctype is submittable), and the steps that finish a request
// RoutingNode built (resolve a desk link, add the typed fields, add list parameters) before it is sent through the
// node's request path.
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeParameterResourceLocator,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { shareRepeatedStrings } from '../../shared/compact';
import { coerceFieldValues, metaFromResponse, type DoctypeMeta } from '../../shared/doctypeMeta';
import { linkMatchesDoctype, parseDeskUrl } from '../../shared/documentUrl';
import { buildFilters, type FilterCondition } from '../../shared/filters';
import { payloadOf, type ApiVersion } from '../../shared/paths';
import {
	frappeApiRequest,
	frappeRequestFunction,
	sendRoutingRequest,
	type FrappeRequestFunction,
	type RequestContext,
} from '../../shared/transport';

export type ResultOptions = DeclarativeRestApiSettings.ResultOptions;

/** A change to the request RoutingNode built, made just before it is sent. */
export type RequestStep = (
	this: IExecutePaginationFunctions,
	request: ResultOptions,
) => Promise<ResultOptions>;

type ParameterContext = IExecuteSingleFunctions | ILoadOptionsFunctions;

export function apiVersionOf(context: ParameterContext): ApiVersion {
	return context.getNodeParameter('apiVersion', 'v1') === 'v2' ? 'v2' : 'v1';
}

export function doctypeOf(context: ParameterContext): string {
	return String(context.getNodeParameter('doctype', '', { extractValue: true }) ?? '').trim();
}

function toJson(entry: unknown): IDataObject {
	return entry && typeof entry === 'object' && !Array.isArray(entry)
		? (entry as IDataObject)
		: { result: entry as IDataObject[keyof IDataObject] };
}

/**
 * postReceive: the answer's payload as items, whatever the envelope (an object → one item, a list → one each), each
 * paired with its input item. The items share one pairedItem and are made with both keys at once, and a list's
 * repeated short values share one string: a list of 50,000 documents stays close to the size of its JSON.
 */
export async function unwrapPayload(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const payload = payloadOf(response.body);
	const pairedItem = { item: this.getItemIndex() };
	if (Array.isArray(payload)) {
		return shareRepeatedStrings(payload).map((entry) => ({ json: toJson(entry), pairedItem }));
	}
	return [{ json: toJson(payload), pairedItem }];
}

// ---------------------------------------------------------------------------------------------------------------
// Doctype meta

const META_CACHE_SIZE = 50;
const metaCache = new Map<string, Promise<DoctypeMeta | undefined>>();

async function fetchMeta(
	context: RequestContext,
	version: ApiVersion,
	doctype: string,
): Promise<DoctypeMeta> {
	const body =
		version === 'v2'
			? await frappeApiRequest.call(context, {
					method: 'GET',
					url: `/api/v2/doctype/${encodeURIComponent(doctype)}/meta`,
				})
			: await frappeApiRequest.call(context, {
					method: 'GET',
					url: '/api/method/frappe.desk.form.load.getdoctype',
					qs: { doctype },
				});
	const meta = metaFromResponse(body, doctype);
	if (!meta) {
		throw new NodeOperationError(
			context.getNode(),
			`Frappe sent no description (meta) of the doctype ${doctype}`,
		);
	}
	return meta;
}

/** The doctype's meta, read fresh (for pickers in the editor). Throws when Frappe refuses it. */
export async function loadMeta(this: ILoadOptionsFunctions, doctype: string): Promise<DoctypeMeta> {
	return await fetchMeta(this, apiVersionOf(this), doctype);
}

/**
 * The doctype's meta during an execution, read once per execution, node and doctype however many items there are;
 * undefined when Frappe refuses it (the operation then goes on without it).
 */
export async function executionMeta(
	this: IExecuteSingleFunctions,
	doctype: string,
): Promise<DoctypeMeta | undefined> {
	const version = apiVersionOf(this);
	const node = this.getNode();
	const credential = Object.values(node.credentials ?? {})[0]?.id ?? '';
	const key = [this.getExecutionId(), node.id, credential, version, doctype].join('\u0000');
	let pending = metaCache.get(key);
	if (!pending) {
		pending = fetchMeta(this, version, doctype).catch(() => undefined);
		metaCache.set(key, pending);
		while (metaCache.size > META_CACHE_SIZE)
			metaCache.delete(metaCache.keys().next().value as string);
	}
	return await pending;
}

// ---------------------------------------------------------------------------------------------------------------
// Steps

/** A copy of `request` whose options are changed by `change` (RoutingNode's object is left alone). */
export function withOptions(
	request: ResultOptions,
	change: Partial<ResultOptions['options']>,
): ResultOptions {
	return { ...request, options: { ...request.options, ...change } };
}

function locatorOf(context: IExecuteSingleFunctions): INodeParameterResourceLocator | undefined {
	try {
		const value = context.getNodeParameter('documentName', undefined) as unknown;
		if (value && typeof value === 'object' && 'mode' in value)
			return value as INodeParameterResourceLocator;
		if (typeof value === 'string') return { __rl: true, mode: 'name', value };
	} catch {
		// the operation has no document locator
	}
	return undefined;
}

/** The document's name from the locator; a desk link is read, and must point to the chosen doctype. */
export function documentNameOf(context: IExecuteSingleFunctions): string {
	const locator = locatorOf(context);
	const value = String(locator?.value ?? '').trim();
	if (locator?.mode !== 'url') return value;
	const link = parseDeskUrl(value);
	const doctype = doctypeOf(context);
	if (!link) {
		throw new NodeOperationError(
			context.getNode(),
			`"${value}" is not a link to a Frappe document`,
			{
				description:
					"Paste the address of the document's page in Frappe, e.g. https://erp.example.com/app/sales-order/SAL-ORD-0001",
				itemIndex: context.getItemIndex(),
			},
		);
	}
	if (!linkMatchesDoctype(link, doctype)) {
		throw new NodeOperationError(
			context.getNode(),
			`The link points to a "${link.slug}" document, but the doctype is ${doctype}`,
			{
				description:
					'Choose the doctype the link belongs to, or paste a link to a document of this doctype.',
				itemIndex: context.getItemIndex(),
			},
		);
	}
	return link.name;
}

function replaceValue(
	target: IDataObject | undefined,
	from: string,
	to: string,
): IDataObject | undefined {
	if (!target || typeof target !== 'object') return target;
	const copy: IDataObject = { ...target };
	for (const [key, value] of Object.entries(copy)) if (value === from) copy[key] = to;
	return copy;
}

/**
 * The URL expressions put the locator's value into the request as it is; for a desk link that is the whole link,
 * which this step swaps for the document name it points to (in the path, the query and the body).
 */
export const resolveDeskLink: RequestStep = async function (request) {
	const locator = locatorOf(this);
	if (locator?.mode !== 'url') return request;
	const link = String(locator.value ?? '').trim();
	const name = documentNameOf(this);
	return withOptions(request, {
		url: request.options.url?.split(encodeURIComponent(link)).join(encodeURIComponent(name)),
		qs: replaceValue(request.options.qs, link, name),
		body: replaceValue(request.options.body as IDataObject | undefined, link, name),
	});
};

interface FieldRow {
	fieldname?: string;
	value?: unknown;
}

/** A JSON parameter that must hold an object (text is parsed; empty text is `{}`), with a clear error if not. */
export function jsonObjectParameter(
	context: IExecuteSingleFunctions,
	name: string,
	label: string,
): IDataObject {
	let value = context.getNodeParameter(name, '{}') as unknown;
	if (typeof value === 'string') {
		let problem: string | undefined;
		try {
			value = value.trim() === '' ? {} : (JSON.parse(value) as unknown);
		} catch (error) {
			problem = (error as Error).message;
		}
		if (problem !== undefined) {
			throw new NodeOperationError(context.getNode(), `${label} is not valid JSON: ${problem}`, {
				itemIndex: context.getItemIndex(),
			});
		}
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new NodeOperationError(context.getNode(), `${label} must be a JSON object`, {
			itemIndex: context.getItemIndex(),
		});
	}
	return value as IDataObject;
}

/**
 * The values to write, from the field picker rows (typed by the doctype's meta) or the JSON object (sent with its
 * own JSON types).
 */
export async function fieldValuesOf(context: IExecuteSingleFunctions): Promise<IDataObject> {
	if (context.getNodeParameter('specifyFields', 'keypair') === 'json') {
		return jsonObjectParameter(context, 'jsonFields', 'Fields (JSON)');
	}
	const rows = (context.getNodeParameter('fieldValues.field', []) as FieldRow[]) ?? [];
	const values: IDataObject = {};
	for (const row of rows) {
		const fieldname = String(row.fieldname ?? '').trim();
		if (fieldname === '') {
			throw new NodeOperationError(context.getNode(), 'A field row has no field name', {
				description: 'Pick the field in every row of Fields, or remove the empty row.',
				itemIndex: context.getItemIndex(),
			});
		}
		values[fieldname] = row.value as IDataObject[keyof IDataObject];
	}
	if (Object.keys(values).length === 0) return values;
	const meta = await executionMeta.call(context, doctypeOf(context));
	try {
		return coerceFieldValues(values, meta) as IDataObject;
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			itemIndex: context.getItemIndex(),
		});
	}
}

/** Puts the values to write into the body (under `into`, for frappe.client.set_value's `fieldname`). */
export function fieldValuesBody(into?: string): RequestStep {
	return async function (request) {
		const values = await fieldValuesOf(this);
		const body = { ...((request.options.body as IDataObject | undefined) ?? {}) };
		if (into) body[into] = values;
		else Object.assign(body, values);
		return withOptions(request, { body });
	};
}

/** The filters of a filter builder plus its JSON companion, in Frappe's list form. */
export function filtersOf(
	context: IExecuteSingleFunctions,
	builder: string,
	json: string | undefined,
	what: string,
): ReturnType<typeof buildFilters> {
	const conditions =
		(context.getNodeParameter(`${builder}.conditions`, []) as FilterCondition[]) ?? [];
	const raw = json === undefined ? undefined : (context.getNodeParameter(json, '') as unknown);
	try {
		return buildFilters(conditions, raw, what);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message, {
			itemIndex: context.getItemIndex(),
		});
	}
}

/** Adds query parameters (objects and lists JSON-encoded, as Frappe reads them). */
export function withQuery(request: ResultOptions, query: Record<string, unknown>): ResultOptions {
	const qs: IDataObject = { ...((request.options.qs as IDataObject | undefined) ?? {}) };
	for (const [key, value] of Object.entries(query)) {
		if (value === undefined) continue;
		qs[key] =
			typeof value === 'object' && value !== null
				? JSON.stringify(value)
				: (value as string | number | boolean);
	}
	return withOptions(request, { qs });
}

/**
 * A document operation's request function: the steps finish the request, `send` sends it (by default once,
 * through the node's request path). A desk link in the document locator is always resolved first.
 */
export function documentRequest(
	steps: RequestStep[] = [],
	send?: FrappeRequestFunction,
): FrappeRequestFunction {
	return frappeRequestFunction(async function (requestData) {
		let request = await resolveDeskLink.call(this, requestData);
		for (const step of steps) request = await step.call(this, request);
		return send ? await send.call(this, request) : await sendRoutingRequest(this, request);
	});
}
