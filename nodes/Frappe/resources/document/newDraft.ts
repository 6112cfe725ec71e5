// The request Amend and Copy send: a POST of a new draft built from the document read first (its
// values, minus what copyDocument.ts leaves out, plus the changes given). Amend first checks the
// document is cancelled.
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import {
	apiVersionOf,
	doctypeOf,
	documentNameOf,
	jsonObjectParameter,
} from '../../../shared/parameters';
import { documentPath, methodPath, payloadOf } from '../../../shared/paths';
import { withBody } from '../../../shared/requestOptions';
import { frappeApiRequest } from '../../../shared/transport';
import { draftCopy, noCopyFieldsFromMeta } from './copyDocument';

type Show = Record<string, string[]>;

/** The option both operations have: field values that differ in the new draft. */
export function changesProperty(show: Show, example: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Changes (JSON)',
				name: 'changes',
				type: 'json',
				default: '{}',
				description: `Field values the new draft gets instead of the copied ones, e.g. ${example}. A child table given here replaces the copied rows.`,
			},
		],
	};
}

/** preSend: reads the document, checks it (Amend: cancelled), and sends the new draft. */
export function newDraftFrom(kind: 'amend' | 'copy') {
	return async function (
		this: IExecuteSingleFunctions,
		options: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const doctype = doctypeOf(this);
		const name = documentNameOf(this);
		const version = await apiVersionOf(this);
		const changes = jsonObjectParameter(this, 'options.changes', 'Changes (JSON)');
		const source = payloadOf(
			await frappeApiRequest.call(
				this,
				{ method: 'GET', url: documentPath(version, doctype, name) },
				{ doctype, documentName: name },
			),
		) as IDataObject;
		if (kind === 'amend') {
			const docstatus = Number(source?.docstatus ?? 0);
			if (docstatus !== 2) {
				throw parameterError(
					this,
					`${doctype} ${name} is ${docstatus === 0 ? 'a draft' : 'submitted'}, so it cannot be amended`,
					docstatus === 0
						? 'Only a cancelled document can be amended. Change a draft with Update, or use Copy for a new document like it.'
						: 'Only a cancelled document can be amended: cancel it first (Cancel, or the workflow action that cancels it), then amend.',
				);
			}
		}
		// No Copy fields come from the form meta, which also lists the child tables' fields (v1 path,
		// every version).
		const meta = await frappeApiRequest.call(
			this,
			{ method: 'GET', url: methodPath('v1', 'frappe.desk.form.load.getdoctype'), qs: { doctype } },
			{ doctype },
		);
		const draft = draftCopy({ ...source, doctype }, noCopyFieldsFromMeta(meta));
		if (kind === 'amend') draft.amended_from = name;
		return withBody({ ...options, url: documentPath(version, doctype) }, { ...draft, ...changes });
	};
}
