import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeProperties,
} from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import { doctypeOf, documentNameOf, textParameterOf } from '../../../shared/parameters';
import { methodPath, payloadOf } from '../../../shared/paths';
import { withBody } from '../../../shared/requestOptions';
import { frappeApiRequest } from '../../../shared/transport';
import type { FrappeOperation } from '../../operation';
import { toMethod } from '../document/urls';
import { documentField, doneItem, showFor, userField, userOf } from './common';

const fields: INodeProperties[] = [
	documentField('assign'),
	userField(
		'assign',
		'Assign To',
		'The user who gets the document in their ToDo list (enabled users only)',
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		displayOptions: { show: showFor('assign') },
		default: {},
		options: [
			{
				displayName: 'Due Date',
				name: 'date',
				type: 'dateTime',
				default: '',
				description: "The ToDo's date (Frappe's default: today)",
			},
			{
				displayName: 'Note',
				name: 'description',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				placeholder: 'e.g. Please call the customer',
				description: 'What the assignee should do (default: "Assignment for" the doctype and name)',
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: [
					{ name: 'Low', value: 'Low' },
					{ name: 'Medium', value: 'Medium' },
					{ name: 'High', value: 'High' },
				],
				default: 'Medium',
			},
		],
	},
];

/** A Date or Datetime value as the date Frappe's ToDo takes. */
export function dateOnly(value: unknown): string | undefined {
	const text = String(value ?? '').trim();
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(text);
	return match ? match[1] : undefined;
}

/**
 * Frappe assigns to a disabled user without a word (the desk's picker only offers enabled ones),
 * and the ToDo then waits for nobody: the node checks the user first, when the credential may read
 * users.
 */
async function assignArguments(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const user = userOf(this);
	if (user === '') throw parameterError(this, 'Choose the user to assign to');
	let enabled: unknown;
	try {
		enabled = (
			payloadOf(
				await frappeApiRequest.call(this, {
					method: 'GET',
					url: methodPath('v1', 'frappe.client.get_value'),
					qs: { doctype: 'User', filters: user, fieldname: 'enabled' },
				}),
			) as IDataObject | undefined
		)?.enabled;
	} catch {
		enabled = undefined; // no read permission on User: Frappe's own checks apply
	}
	if (enabled !== undefined && Number(enabled) === 0) {
		throw parameterError(
			this,
			`${user} is a disabled user, so ${doctypeOf(this)} ${documentNameOf(this)} was not assigned`,
			'A disabled user cannot log in to work on the assignment. Enable the user in Frappe, or assign someone else.',
		);
	}
	const description = textParameterOf(this, 'options.description');
	return withBody(options, {
		assign_to: JSON.stringify([user]),
		doctype: doctypeOf(this),
		name: documentNameOf(this),
		description: description || undefined,
		date: dateOnly(this.getNodeParameter('options.date', '')),
		priority: this.getNodeParameter('options.priority', undefined) as string | undefined,
	});
}

/**
 * The open assignments Frappe answers (`[{owner: allocated_to, name: ToDo}]`), the new one named.
 */
export function openAssignments(response: IN8nHttpFullResponse): IDataObject[] {
	const rows = payloadOf(response.body);
	return (Array.isArray(rows) ? (rows as IDataObject[]) : []).map((row) => ({
		allocated_to: row.owner,
		todo: row.name,
	}));
}

const assigned = doneItem((context, response) => {
	const user = userOf(context);
	const open = openAssignments(response);
	return {
		assigned_to: user,
		todo: open.find((row) => row.allocated_to === user)?.todo ?? null,
		open_assignments: open,
	};
});

export const assign: FrappeOperation = {
	option: {
		name: 'Assign',
		value: 'assign',
		action: 'Assign a document to a user',
		description:
			"Put a document in a user's ToDo list, with a date and a note; a user who cannot read the document gets it shared",
		routing: {
			request: { method: 'POST' },
			send: { preSend: [toMethod('frappe.desk.form.assign_to.add'), assignArguments] },
			output: { postReceive: [assigned] },
		},
	},
	fields,
};
