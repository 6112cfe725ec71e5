// Reading the node parameters every operation and picker shares, from any n8n context. Only
// IExecuteFunctions takes an item index; the single-item, load-options, hook, poll and webhook
// contexts take (name, fallback, options).
import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IGetNodeParameterOptions,
	IHookFunctions,
	ILoadOptionsFunctions,
	INodeParameterResourceLocator,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiVersionDecisionOf } from './apiVersion';
import { linkMatchesDoctype, parseDeskUrl } from './documentUrl';
import { buildFilters, type FilterCondition } from './filters';
import type { ApiVersion } from './paths';

export type NodeContext =
	| IExecuteFunctions
	| IExecuteSingleFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IPollFunctions
	| IWebhookFunctions;

export type CredentialTypeName = 'frappeApi' | 'frappeOAuth2Api' | 'frappeSessionApi';

export function nodeParameterOf(
	context: NodeContext,
	name: string,
	fallback?: unknown,
	options?: IGetNodeParameterOptions,
): unknown {
	if ('getInputData' in context && !('getItemIndex' in context)) {
		return (context as IExecuteFunctions).getNodeParameter(name, 0, fallback, options);
	}
	return (context as IExecuteSingleFunctions).getNodeParameter(name, fallback, options);
}

/** A parameter as text, or undefined where the node has no such parameter (or it is empty). */
export function optionalTextParameter(context: NodeContext, name: string): string | undefined {
	try {
		const value = nodeParameterOf(context, name, undefined, { extractValue: true });
		return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
	} catch {
		return undefined;
	}
}

export function itemIndexOf(context: NodeContext): number {
	return 'getItemIndex' in context ? context.getItemIndex() : 0;
}

export function credentialTypeOf(context: NodeContext): CredentialTypeName {
	return nodeParameterOf(context, 'authentication', 'frappeApi') as CredentialTypeName;
}

/**
 * The API version requests use: the API Version parameter's, or with Auto the one the site serves
 * (apiVersion.ts); nodes without the parameter (the triggers) use v1, which every Frappe serves.
 */
export async function apiVersionOf(context: NodeContext): Promise<ApiVersion> {
	return (await apiVersionDecisionOf(context)).version;
}

/** A text parameter, trimmed; '' when it is empty. */
export function textParameterOf(context: NodeContext, name: string): string {
	return String(nodeParameterOf(context, name, '') ?? '').trim();
}

/** The binary field named by Input Binary Field or Put Output File in Field. */
export function binaryPropertyNameOf(context: NodeContext): string {
	return String(nodeParameterOf(context, 'binaryPropertyName', 'data'));
}

export function doctypeOf(context: NodeContext): string {
	return optionalTextParameter(context, 'doctype') ?? '';
}

function documentLocatorOf(context: NodeContext): INodeParameterResourceLocator | undefined {
	try {
		const value = nodeParameterOf(context, 'documentName', undefined) as unknown;
		if (value && typeof value === 'object' && 'mode' in value) {
			return value as INodeParameterResourceLocator;
		}
		if (typeof value === 'string') return { __rl: true, mode: 'name', value };
	} catch {
		// the operation has no document locator
	}
	return undefined;
}

function operationError(context: NodeContext, message: string, description?: string) {
	return new NodeOperationError(context.getNode(), message, {
		description,
		itemIndex: itemIndexOf(context),
	});
}

/**
 * The document's name from the locator; a desk link is read, and must point to the chosen doctype.
 */
export function documentNameOf(context: NodeContext): string {
	const locator = documentLocatorOf(context);
	const value = String(locator?.value ?? '').trim();
	if (locator?.mode !== 'url') return value;
	const link = parseDeskUrl(value);
	const doctype = doctypeOf(context);
	if (!link) {
		throw operationError(
			context,
			`"${value}" is not a link to a Frappe document`,
			"Paste the address of the document's page in Frappe, e.g. https://erp.example.com/app/sales-order/SAL-ORD-0001",
		);
	}
	if (!linkMatchesDoctype(link, doctype)) {
		throw operationError(
			context,
			`The link points to a "${link.slug}" document, but the doctype is ${doctype}`,
			'Choose the doctype the link belongs to, or paste a link to a document of this doctype.',
		);
	}
	return link.name;
}

/** The document's name for messages: never throws (a bad desk link is shown as given). */
export function documentNameForMessages(context: NodeContext): string | undefined {
	const value = optionalTextParameter(context, 'documentName');
	return value === undefined ? undefined : (parseDeskUrl(value)?.name ?? value);
}

/**
 * A JSON parameter that must hold an object (text is parsed; empty text is `{}`), with a clear
 * error if not.
 */
export function jsonObjectParameter(
	context: NodeContext,
	name: string,
	label: string,
): IDataObject {
	let value = nodeParameterOf(context, name, '{}') as unknown;
	if (typeof value === 'string') {
		let problem: string | undefined;
		try {
			value = value.trim() === '' ? {} : (JSON.parse(value) as unknown);
		} catch (error) {
			problem = (error as Error).message;
		}
		if (problem !== undefined)
			throw operationError(context, `${label} is not valid JSON: ${problem}`);
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw operationError(context, `${label} must be a JSON object`);
	}
	return value as IDataObject;
}

/** The filters of a filter builder plus its JSON companion, in Frappe's list form. */
export function filtersOf(
	context: NodeContext,
	builder: string,
	json: string | undefined,
	what: string,
): ReturnType<typeof buildFilters> {
	const conditions =
		(nodeParameterOf(context, `${builder}.conditions`, []) as FilterCondition[]) ?? [];
	const raw = json === undefined ? undefined : nodeParameterOf(context, json, '');
	try {
		return buildFilters(conditions, raw, what);
	} catch (error) {
		throw operationError(context, (error as Error).message);
	}
}
