// The values Create, Update, Set Field Value, Create or Update, Bulk Create and Bulk Update write:
// field/value rows typed by the doctype's meta (a Check given "true" is sent as 1, a child table as
// its rows), or one JSON object sent with its own types.
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { coerceFieldValues } from '../../../shared/doctypeMeta';
import { parameterError } from '../../../shared/frappeError';
import { cachedMeta } from '../../../shared/meta';
import { doctypeOf, jsonObjectParameter } from '../../../shared/parameters';
import { withBody } from '../../../shared/requestOptions';

interface FieldRow {
	fieldname?: string;
	value?: unknown;
}

export async function fieldValuesOf(context: IExecuteSingleFunctions): Promise<IDataObject> {
	if (context.getNodeParameter('specifyFields', 'keypair') === 'json') {
		return jsonObjectParameter(context, 'jsonFields', 'Fields (JSON)');
	}
	const rows = (context.getNodeParameter('fieldValues.field', []) as FieldRow[]) ?? [];
	const values: IDataObject = {};
	for (const row of rows) {
		const fieldname = String(row.fieldname ?? '').trim();
		if (fieldname === '') {
			throw parameterError(
				context,
				'A field row has no field name',
				'Pick the field in every row of Fields, or remove the empty row.',
			);
		}
		values[fieldname] = row.value as IDataObject[keyof IDataObject];
	}
	if (Object.keys(values).length === 0) return values;
	const meta = await cachedMeta(context, doctypeOf(context));
	try {
		return coerceFieldValues(values, meta) as IDataObject;
	} catch (error) {
		throw parameterError(context, (error as Error).message);
	}
}

/**
 * A bulk item's values (Values From): its own JSON without its `name` (no expression to evaluate,
 * so thousands of items are prepared quickly), or the Fields parameters.
 */
export async function itemValuesOf(context: IExecuteSingleFunctions): Promise<IDataObject> {
	if (context.getNodeParameter('valuesFrom', 'input') !== 'input')
		return await fieldValuesOf(context);
	const values = { ...(context.getInputData()?.json ?? {}) };
	delete values.name;
	return values;
}

/** preSend: the values into the body (under `into`, for frappe.client.set_value's `fieldname`). */
export function writeFieldValues(into?: string) {
	return async function (
		this: IExecuteSingleFunctions,
		options: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const values = await fieldValuesOf(this);
		return withBody(options, into ? { [into]: values } : values);
	};
}
