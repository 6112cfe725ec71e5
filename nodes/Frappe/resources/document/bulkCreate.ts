// Bulk Create: one document per input item, sent 200 at a time with frappe.client.insert_many
// (batch.ts explains how the items meet in one request). insert_many is all or nothing
// (contract-more §1, recordings bulk/07, 08): a chunk Frappe refuses is split until each bad
// document stands alone, so good ones are written once and each bad one gets Frappe's own message.
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { frappeError } from '../../../shared/frappeError';
import { apiVersionOf, doctypeOf } from '../../../shared/parameters';
import { INSERT_MANY_LIMIT, insertManyPath, payloadOf } from '../../../shared/paths';
import { batchOf, entryPreSend, joinBisecting, type Batch, type BatchOutcome } from '../../batch';
import type { FrappeOperation, OperationSend } from '../../operation';
import { runOf } from '../../run';
import { itemValuesOf } from './values';
import { fieldValuesProperties } from './fields';

const OPERATION = 'bulkCreate';
const showOnlyForBulkCreate = { resource: ['document'], operation: [OPERATION] };

const fields = [
	{
		displayName: 'Values From',
		name: 'valuesFrom',
		type: 'options' as const,
		noDataExpression: true,
		displayOptions: { show: showOnlyForBulkCreate },
		options: [
			{
				name: 'Input Item',
				value: 'input',
				description:
					"Each input item's JSON is the document (e.g. rows from a spreadsheet or another system): the fastest way",
			},
			{
				name: 'Fields',
				value: 'fields',
				description: 'Field by field, or as JSON, as in Create',
			},
		],
		default: 'input',
	},
	...fieldValuesProperties(
		{ ...showOnlyForBulkCreate, valuesFrom: ['fields'] },
		'A child table (e.g. items) takes its rows as a JSON array: [{"item_code": "WIDGET", "qty": 2}]',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection' as const,
		placeholder: 'Add Option',
		displayOptions: { show: showOnlyForBulkCreate },
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number' as const,
				typeOptions: { minValue: 1, maxValue: INSERT_MANY_LIMIT },
				default: INSERT_MANY_LIMIT,
				description: `How many documents go in one request (Frappe takes at most ${INSERT_MANY_LIMIT})`,
			},
		],
	},
];

function batchFor(context: IExecuteSingleFunctions): Batch<IDataObject, string> {
	const size = Number(context.getNodeParameter('options.batchSize', INSERT_MANY_LIMIT));
	const chunkSize = Math.min(INSERT_MANY_LIMIT, Math.max(1, Math.floor(size) || INSERT_MANY_LIMIT));
	return batchOf(runOf(context), `document.${OPERATION}`, chunkSize);
}

/**
 * preSend: the item's document (doctype and values) as the body; an item that fails here leaves the
 * batch.
 */
const bulkInsertDocument = entryPreSend(batchFor, async (context, options) => {
	const doc = { doctype: doctypeOf(context), ...(await itemValuesOf(context)) };
	return { ...options, url: insertManyPath(await apiVersionOf(context)), body: doc };
});

const joinInsertMany: OperationSend = async function (request, sendOnce) {
	const doc = request.options.body as IDataObject;
	const doctype = String(doc.doctype);
	try {
		const name = await joinBisecting(batchFor(this), doc, async (chunk) => {
			const [answer] = await sendOnce(
				{ ...request, options: { ...request.options, body: { docs: chunk } } },
				{ doctype },
			);
			const names = payloadOf(answer?.json);
			if (!Array.isArray(names)) throw new Error('Frappe answered insert_many without names');
			return chunk.map((_, index): BatchOutcome<string> => {
				const name = names[index] as unknown;
				return name === undefined || name === null
					? { error: new Error('Frappe sent no name for this document') }
					: { ok: String(name) };
			});
		});
		return [{ json: { doctype, name }, pairedItem: { item: this.getItemIndex() } }];
	} catch (error) {
		throw frappeError(this, error, { doctype, doing: `Could not create the ${doctype}` });
	}
};

export const bulkCreate: FrappeOperation = {
	option: {
		name: 'Bulk Create',
		value: OPERATION,
		action: 'Create many documents',
		description:
			'Create one document per input item, up to 200 in one request (frappe.client.insert_many)',
		routing: {
			request: { method: 'POST' },
			send: { preSend: [bulkInsertDocument] },
		},
	},
	fields,
	send: joinInsertMany,
};
