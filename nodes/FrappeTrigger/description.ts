// The trigger's fields. Automatic mode manages the Webhook documents in Frappe through the credential; manual mode
// only checks deliveries against a secret the user pasted.
import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty, credentialDescriptions } from '../shared/descriptions';
import { EVENT_OPTIONS } from './events';

const automatic = { show: { mode: ['automatic'] } };
const manual = { show: { mode: ['manual'] } };

/** The credential (any of the three types) is only needed to manage Webhooks, i.e. in automatic mode. */
export const triggerCredentials = credentialDescriptions.map((credential) => ({
	...credential,
	displayOptions: { show: { ...credential.displayOptions.show, mode: ['automatic'] } },
}));

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Setup',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description:
					'N8n creates the Webhooks in Frappe on activation and removes them on deactivation',
			},
			{
				name: 'Manual',
				value: 'manual',
				description: 'You create the Webhook in Frappe yourself and paste its secret here',
			},
		],
		default: 'automatic',
	},
	{
		displayName:
			'On activation n8n creates one Webhook per event in Frappe (Integrations → Webhook), named "n8n-…", signed with a fresh secret, and deletes them on deactivation. The credential\'s user must be allowed to manage Webhooks (System Manager).',
		name: 'automaticNotice',
		type: 'notice',
		default: '',
		displayOptions: automatic,
	},
	{ ...authenticationProperty, displayOptions: automatic },
	{
		displayName: 'Doctype',
		name: 'doctype',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description: 'The doctype whose documents start the workflow',
		displayOptions: automatic,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a doctype…',
				typeOptions: { searchListMethod: 'searchDoctypes', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Sales Order',
			},
		],
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: EVENT_OPTIONS,
		default: ['after_insert'],
		required: true,
		description:
			'The document events that start the workflow; each becomes one Webhook in Frappe. "Saved" also fires on creation, so picking Created and Saved gives two items for a new document.',
		displayOptions: automatic,
	},
	{
		displayName: 'Condition',
		name: 'condition',
		type: 'string',
		default: '',
		placeholder: 'e.g. doc.status == "Open" and doc.grand_total > 1000',
		description:
			'Optional Python expression Frappe evaluates for each event, with the document as `doc`; the workflow starts only when it is true. Frappe refuses a condition that is not valid Python.',
		displayOptions: automatic,
	},
	{
		displayName: 'Send',
		name: 'payload',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Whole Document',
				value: 'document',
				description: 'Every field, with child tables',
			},
			{
				name: 'Selected Fields',
				value: 'fields',
				description: 'Only the fields you list (and the document name)',
			},
		],
		default: 'document',
		displayOptions: automatic,
	},
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. status, customer, grand_total',
		description: 'Fieldnames to send, separated by commas; the document name is always sent',
		displayOptions: { show: { mode: ['automatic'], payload: ['fields'] } },
	},
	{
		displayName:
			'In Frappe, open Integrations → Webhook → New: pick the doctype and event, set Request URL to this node\'s Production URL and Request Method to POST, Request Structure JSON with a JSON body such as {"doc": {{ doc | tojson }}} (always use | tojson), tick Enable Security and paste its Webhook Secret below.',
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: manual,
	},
	{
		displayName: 'Webhook Secret',
		name: 'secret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			'The Webhook Secret of the Webhook in Frappe (Enable Security must be ticked there)',
		displayOptions: { show: { mode: ['manual'], requireSignature: [true] } },
	},
	{
		displayName: 'Require Signature',
		name: 'requireSignature',
		type: 'boolean',
		default: true,
		description:
			'Whether to accept only deliveries signed with the secret (X-Frappe-Webhook-Signature); others are refused with 401 and start nothing',
		displayOptions: manual,
	},
	{
		displayName:
			'Without a signature check, anyone who knows this URL can start the workflow with any data they like.',
		name: 'unsignedWarning',
		type: 'notice',
		default: '',
		displayOptions: { show: { mode: ['manual'], requireSignature: [false] } },
	},
	{
		displayName: 'Event',
		name: 'manualEvent',
		type: 'options',
		options: [{ name: 'Not Set', value: '' }, ...EVENT_OPTIONS],
		default: '',
		description:
			'The event the Webhook in Frappe fires on, added to each item as "event" (Frappe does not send it)',
		displayOptions: manual,
	},
];
