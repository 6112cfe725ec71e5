import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import { doctypeOf, documentNameOf } from '../../../shared/parameters';
import { withBody } from '../../../shared/requestOptions';
import type { FrappeOperation } from '../../operation';
import { toMethod } from '../document/urls';
import { openAssignments } from './assign';
import { documentField, doneItem, userField, userOf } from './common';

async function removeArguments(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const user = userOf(this);
	if (user === '') throw parameterError(this, 'Choose the user whose assignment to remove');
	return withBody(options, {
		doctype: doctypeOf(this),
		name: documentNameOf(this),
		assign_to: user,
	});
}

/**
 * Frappe cancels the user's ToDo and answers the assignments still open (nothing to remove is no
 * error).
 */
const removed = doneItem((context, response) => ({
	removed: userOf(context),
	open_assignments: openAssignments(response),
}));

export const removeAssignment: FrappeOperation = {
	option: {
		name: 'Remove Assignment',
		value: 'removeAssignment',
		action: 'Remove an assignment from a document',
		description: "Take a document off a user's ToDo list (the ToDo is cancelled)",
		routing: {
			request: { method: 'POST' },
			send: { preSend: [toMethod('frappe.desk.form.assign_to.remove'), removeArguments] },
			output: { postReceive: [removed] },
		},
	},
	fields: [
		documentField('removeAssignment'),
		userField('removeAssignment', 'User', 'The user whose assignment to remove'),
	],
};
