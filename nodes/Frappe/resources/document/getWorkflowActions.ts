import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { doctypeOf, documentNameOf } from '../../../shared/parameters';
import { withBody } from '../../../shared/requestOptions';
import type { FrappeOperation, OperationSend } from '../../operation';
import { unwrapPayload } from '../../output';
import { toMethod } from './urls';
import { requiredWorkflowOf, workflowDocArgument } from './workflow';
import { docStatusOf } from './workflowDefinition';

const showOnlyForGetWorkflowActions = { resource: ['document'], operation: ['getWorkflowActions'] };

const fields: INodeProperties[] = [documentNameProperty({ show: showOnlyForGetWorkflowActions })];

/** The document to ask about: Frappe reloads it, so its doctype and name are enough. */
async function documentArgument(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return withBody(options, { doc: workflowDocArgument(doctypeOf(this), documentNameOf(this)) });
}

/**
 * Each transition as an item: the action, the state it leads to, and whether taking it submits or
 * cancels.
 */
const describeTransitions: OperationSend = async function (request, sendOnce) {
	const doctype = doctypeOf(this);
	const name = documentNameOf(this);
	const workflow = await requiredWorkflowOf(
		this,
		doctype,
		'Workflow actions exist only on doctypes with an active Workflow (Frappe: Workflow list). Use Submit or Cancel instead.',
	);
	const transitions = await sendOnce(request, { doctype, documentName: name });
	return transitions.map((item) => {
		const nextState = String(item.json.next_state ?? '');
		const docStatus = docStatusOf(workflow, nextState);
		return {
			...item,
			json: {
				action: item.json.action,
				state: item.json.state,
				next_state: nextState,
				next_docstatus: docStatus,
				submits: docStatus === 1 && docStatusOf(workflow, String(item.json.state)) === 0,
				cancels: docStatus === 2,
				allowed_role: item.json.allowed,
				condition: item.json.condition ?? null,
				workflow: workflow.name,
				doctype,
				document: name,
			},
		};
	});
};

export const getWorkflowActions: FrappeOperation = {
	option: {
		name: 'Get Workflow Actions',
		value: 'getWorkflowActions',
		action: 'Get the workflow actions of a document',
		description:
			'The workflow actions you may take on a document now (e.g. Approve, Reject), with the state each leads to',
		routing: {
			request: { method: 'POST' },
			send: {
				preSend: [toMethod('frappe.model.workflow.get_transitions'), documentArgument],
			},
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
	send: describeTransitions,
};
