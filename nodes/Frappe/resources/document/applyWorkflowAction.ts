import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/frappeError';
import {
	apiVersionOf,
	doctypeOf,
	documentNameOf,
	nodeParameterOf,
} from '../../../shared/parameters';
import { documentPath, payloadOf } from '../../../shared/paths';
import { withBody } from '../../../shared/requestOptions';
import { frappeApiRequest } from '../../../shared/transport';
import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import { toMethod } from './urls';
import { requiredWorkflowOf, transitionsNow, workflowDocArgument } from './workflow';
import { actionNotAllowedMessage } from './workflowDefinition';

const showOnlyForApplyWorkflowAction = {
	resource: ['document'],
	operation: ['applyWorkflowAction'],
};

const fields: INodeProperties[] = [
	documentNameProperty({ show: showOnlyForApplyWorkflowAction }),
	{
		displayName: 'Action',
		name: 'workflowAction',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: showOnlyForApplyWorkflowAction },
		description:
			'The workflow action to take, as the desk shows it on its Actions button (e.g. Approve)',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchWorkflowActions', searchable: false },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Approve',
			},
		],
	},
];

function actionOf(context: IExecuteSingleFunctions): string {
	return String(
		nodeParameterOf(context, 'workflowAction', '', { extractValue: true }) ?? '',
	).trim();
}

/**
 * Checks the action against the transitions the user may take now, so that a refusal names the ones
 * allowed (Frappe only says "Not a valid Workflow Action"), then sends apply_workflow's arguments.
 */
async function checkedAction(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const doctype = doctypeOf(this);
	const name = documentNameOf(this);
	const action = actionOf(this);
	if (action === '') {
		throw parameterError(
			this,
			'Choose the workflow action to apply',
			'Pick it from the list, or type its name.',
		);
	}
	const workflow = await requiredWorkflowOf(
		this,
		doctype,
		'Workflow actions exist only on doctypes with an active Workflow. Use Submit or Cancel instead.',
	);
	const transitions = await transitionsNow(this, doctype, name);
	if (!transitions.some((transition) => transition.action === action)) {
		const state = String(transitions[0]?.state ?? '');
		const refusal = actionNotAllowedMessage(
			doctype,
			name,
			action,
			state || (await currentState(this, doctype, name, workflow.stateField)),
			[...new Set(transitions.map((transition) => String(transition.action)))],
		);
		throw parameterError(this, refusal.message, refusal.description);
	}
	return withBody(options, { doc: workflowDocArgument(doctype, name), action });
}

async function currentState(
	context: IExecuteSingleFunctions,
	doctype: string,
	name: string,
	stateField: string,
): Promise<string> {
	const body = await frappeApiRequest.call(
		context,
		{ method: 'GET', url: documentPath(await apiVersionOf(context), doctype, name) },
		{ doctype, documentName: name },
	);
	const doc = payloadOf(body) as Record<string, unknown> | undefined;
	return String(doc?.[stateField] ?? '');
}

export const applyWorkflowAction: FrappeOperation = {
	option: {
		name: 'Apply Workflow Action',
		value: 'applyWorkflowAction',
		action: 'Apply a workflow action to a document',
		description:
			"Take a workflow action (e.g. Approve): the document moves to the action's next state and is saved, submitted or cancelled as that state says",
		routing: {
			request: { method: 'POST' },
			send: { preSend: [toMethod('frappe.model.workflow.apply_workflow'), checkedAction] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
