// Bulk Delete: the document of each input item, one DELETE each, sent in parallel up to Sending →
// Max Parallel Requests. Not frappe.desk.reportview.delete_items: it answers `{}` whatever happened
// (a submitted document or an unknown name is skipped silently, recordings bulk/35, 36), and more
// than 10 names go to a background job that says nothing about when or whether it ran
// (bulk/43–45: not done after 92 s); Frappe 14 also rolls failures back without a word. A DELETE
// per document says for each one whether it went, in Frappe's own words.
import type { INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { frappeError } from '../../../shared/frappeError';
import { doctypeOf, documentNameOf } from '../../../shared/parameters';
import type { FrappeOperation, OperationSend } from '../../operation';
import { toDocument } from './urls';

const OPERATION = 'bulkDelete';
const showOnlyForBulkDelete = { resource: ['document'], operation: [OPERATION] };

const fields: INodeProperties[] = [
	documentNameProperty({ show: showOnlyForBulkDelete }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: showOnlyForBulkDelete },
		default: {},
		options: [
			{
				displayName: 'Ignore Missing',
				name: 'ignoreMissing',
				type: 'boolean',
				default: false,
				description:
					'Whether a document that does not exist (any more) counts as deleted instead of an error',
			},
		],
	},
];

const deleteEach: OperationSend = async function (request, sendOnce) {
	const doctype = doctypeOf(this);
	const name = documentNameOf(this);
	const ignoreMissing = this.getNodeParameter('options.ignoreMissing', false) === true;
	const pairedItem = { item: this.getItemIndex() };
	try {
		// Repeating a DELETE whose answer was lost is harmless only when "not found" then counts as
		// done.
		await sendOnce(request, { doctype, documentName: name }, { safeToRepeat: ignoreMissing });
		return [{ json: { deleted: true, doctype, name }, pairedItem }];
	} catch (error) {
		const made = frappeError(this, error, { doctype, documentName: name });
		if (ignoreMissing && 'httpCode' in made && made.httpCode === '404') {
			return [{ json: { deleted: false, missing: true, doctype, name }, pairedItem }];
		}
		throw made;
	}
};

export const bulkDelete: FrappeOperation = {
	option: {
		name: 'Bulk Delete',
		value: OPERATION,
		action: 'Delete many documents',
		description: 'Delete the document of each input item, several requests at a time',
		routing: {
			request: { method: 'DELETE' },
			send: { preSend: [toDocument] },
		},
	},
	fields,
	send: deleteEach,
};
