// The trigger's fields. Automatic mode manages the Webhook documents in Frappe through the
// credential; manual mode only checks deliveries against the secret in a Frappe Webhook Secret
// credential.
import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../shared/descriptions';
import { EVENT_OPTIONS } from './events';
import { MAX_REMEMBERED_DELIVERIES } from './repeats';

const automatic = { show: { mode: ['automatic'] } };

/** How far "Ignore Repeated Deliveries" holds, said where the option is. */
const REPEATS_HINT = `Frappe sends an event again when n8n answered too slowly or failed (it retries). n8n remembers the last ${MAX_REMEMBERED_DELIVERIES} accepted deliveries (a hash of each body) in this workflow's static data, saved after each delivery: this holds for deliveries that reach one n8n main process one after another, as Frappe's retries do; two copies arriving at the same moment may both run`;
const manual = { show: { mode: ['manual'] } };

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
				description:
					'You create the Webhook in Frappe yourself and keep its secret in a Frappe Webhook Secret credential',
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
		description:
			'Fieldnames to send, separated by commas; the document name is always sent. With Ignore Repeated Deliveries on, add modified: two saves that leave these fields alike send the same bytes and would be taken for one delivery sent twice.',
		displayOptions: { show: { mode: ['automatic'], payload: ['fields'] } },
	},
	{
		displayName:
			'In Frappe, open Integrations → Webhook → New: pick the doctype and event, set Request URL to this node\'s Production URL and Request Method to POST, Request Structure JSON with a JSON body such as {"doc": {{ doc | tojson }}} (always use | tojson), and tick Enable Security. Put its Webhook Secret into a Frappe Webhook Secret credential above (n8n keeps credentials encrypted and out of the workflow and its executions).',
		name: 'manualNotice',
		type: 'notice',
		default: '',
		displayOptions: manual,
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
		displayName: 'Doctype',
		name: 'manualDoctype',
		type: 'string',
		default: '',
		placeholder: 'e.g. Sales Order',
		description:
			'The doctype the Webhook in Frappe is for, added to each item as "doctype" when the body does not name one (Form URL-Encoded Webhooks send only the fields you list)',
		displayOptions: manual,
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
	{
		displayName: 'Ignore Repeated Deliveries',
		name: 'ignoreRepeatedDeliveries',
		type: 'boolean',
		default: true,
		description: `Whether to answer a delivery whose body is byte for byte one already accepted within the window with 200 and start no run. ${REPEATS_HINT}.`,
		displayOptions: automatic,
	},
	{
		displayName: 'Ignore Repeated Deliveries',
		name: 'ignoreRepeatedDeliveries',
		type: 'boolean',
		default: false,
		description: `Whether to answer a delivery whose body is byte for byte one already accepted within the window with 200 and start no run. Off by default here: a hand-made Webhook whose body holds only a few fields may send the same bytes for two different events. ${REPEATS_HINT}.`,
		displayOptions: manual,
	},
	{
		displayName: 'Repeat Window (Minutes)',
		name: 'repeatWindowMinutes',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 1440 },
		default: 60,
		description:
			'How long a delivery is remembered. A copy that arrives later is accepted and runs again: Frappe signs the body, not a time, so a delivery replayed after the window still verifies.',
		displayOptions: { show: { ignoreRepeatedDeliveries: [true] } },
	},
];
