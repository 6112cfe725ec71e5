// Bulk Update: the values of one input item written to its document, 200 documents a request with
// frappe.client.bulk_update (batch.ts explains how the items meet in one request). Frappe saves
// each document on its own and answers 200 with the failed ones, `{"failed_docs": [{"doc",
// "exc"}]}` (contract-more §1, recordings bulk/16, 24); each failure goes to its own item with the
// exception that ends its traceback. bulk_update wants `docs` as a JSON string (a JSON list is a
// 500 TypeError).
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { excTypeOf, failedDocIndexes, statusOfExcType } from '../../../shared/bulkResults';
import { documentNameProperty } from '../../../shared/descriptions';
import { frappeAnswerError, frappeError } from '../../../shared/frappeError';
import { apiVersionOf, doctypeOf, documentNameOf } from '../../../shared/parameters';
import { bulkUpdatePath, payloadOf } from '../../../shared/paths';
import { batchOf, entryPreSend, joinBisecting, type Batch, type BatchOutcome } from '../../batch';
import type { FrappeOperation, OperationSend } from '../../operation';
import { runOf } from '../../run';
import { fieldValuesProperties } from './fields';
import { itemValuesOf } from './values';

const OPERATION = 'bulkUpdate';
const CHUNK_SIZE = 200;
const showOnlyForBulkUpdate = { resource: ['document'], operation: [OPERATION] };

const fields = [
	documentNameProperty({ show: showOnlyForBulkUpdate }),
	{
		displayName: 'Values From',
		name: 'valuesFrom',
		type: 'options' as const,
		noDataExpression: true,
		displayOptions: { show: showOnlyForBulkUpdate },
		options: [
			{
				name: 'Input Item',
				value: 'input',
				description:
					"Each input item's JSON holds the values to write (its name key, if any, is left out)",
			},
			{
				name: 'Fields',
				value: 'fields',
				description: 'Field by field, or as JSON, as in Update',
			},
		],
		default: 'input',
	},
	...fieldValuesProperties(
		{ ...showOnlyForBulkUpdate, valuesFrom: ['fields'] },
		'A child table (e.g. items) takes all its rows as a JSON array: the rows given replace the ones there',
	),
];

/**
 * A document bulk_update could not save: Frappe's traceback, turned into an error by the item it
 * belongs to.
 */
class FailedDocument {
	constructor(readonly traceback: string) {}
}

function batchFor(context: IExecuteSingleFunctions): Batch<IDataObject, string> {
	return batchOf(runOf(context), `document.${OPERATION}`, CHUNK_SIZE);
}

/**
 * preSend: `{doctype, docname, …values}` as the body; an item that fails here leaves the batch.
 */
const bulkUpdateDocument = entryPreSend(batchFor, async (context, options) => {
	const values = await itemValuesOf(context);
	const doc = { ...values, doctype: doctypeOf(context), docname: documentNameOf(context) };
	return { ...options, url: bulkUpdatePath(await apiVersionOf(context)), body: doc };
});

const joinBulkUpdate: OperationSend = async function (request, sendOnce) {
	const doc = request.options.body as IDataObject;
	const doctype = String(doc.doctype);
	const name = String(doc.docname);
	const known = { doctype, documentName: name, doing: `Could not update ${doctype} ${name}` };
	try {
		await joinBisecting(batchFor(this), doc, async (chunk) => {
			const [answer] = await sendOnce(
				{ ...request, options: { ...request.options, body: { docs: JSON.stringify(chunk) } } },
				{ doctype },
				// Writing the same values again leaves the same documents.
				{ safeToRepeat: true },
			);
			const failedDocs = (payloadOf(answer?.json) as IDataObject | undefined)?.failed_docs;
			const failed = failedDocIndexes(chunk, Array.isArray(failedDocs) ? failedDocs : []);
			return chunk.map((entry, index): BatchOutcome<string> => {
				const traceback = failed.get(index);
				return traceback === undefined
					? { ok: String(entry.docname) }
					: { error: new FailedDocument(traceback) };
			});
		});
		return [{ json: { doctype, name }, pairedItem: { item: this.getItemIndex() } }];
	} catch (error) {
		if (error instanceof FailedDocument) {
			const excType = excTypeOf(error.traceback);
			throw frappeAnswerError(
				this,
				{
					status: statusOfExcType(excType),
					body: { exc_type: excType, exception: error.traceback },
				},
				known,
			);
		}
		throw frappeError(this, error, known);
	}
};

export const bulkUpdate: FrappeOperation = {
	option: {
		name: 'Bulk Update',
		value: OPERATION,
		action: 'Update many documents',
		description:
			'Write the values of each input item to its document, up to 200 documents in one request (frappe.client.bulk_update)',
		routing: {
			request: { method: 'POST' },
			send: { preSend: [bulkUpdateDocument] },
		},
	},
	fields,
	send: joinBulkUpdate,
};
