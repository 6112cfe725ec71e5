// The poll trigger's fields: which doctype and event, optional filters, and how the watermark
// reads.
import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty, doctypeProperty } from '../shared/descriptions';
import {
	FILTERS_DESCRIPTION,
	FILTERS_JSON_DESCRIPTION,
	filterBuilderProperty,
	filtersJsonProperty,
} from '../shared/filterFields';
import { POLL_EVENT_OPTIONS } from './events';

const notDeleted = { hide: { event: ['deleted'] } };

export const pollTriggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		...doctypeProperty(),
		description: 'The doctype whose documents start the workflow, e.g. Customer or Sales Invoice',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: POLL_EVENT_OPTIONS,
		default: 'created',
		description:
			'The change that starts the workflow; each document changed gives one item per poll',
	},
	{
		displayName:
			'n8n asks Frappe for changes at the times set above; Frappe never calls n8n, so this works where Frappe cannot reach n8n. The first poll after activation only notes where Frappe is: only later changes start the workflow.',
		name: 'pollNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName:
			'Deleted documents are read from Deleted Document, which Frappe lets only System Managers read. Filters do not apply to them.',
		name: 'deletedNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { event: ['deleted'] } },
	},
	{
		...filterBuilderProperty('filters', 'Filters', FILTERS_DESCRIPTION),
		displayOptions: notDeleted,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Changed Fields',
				name: 'changedFields',
				type: 'boolean',
				default: false,
				description:
					'Whether to add, for a save, the fields it changed with their old and new values (changedFields, and changedRows for child tables), from the Version Frappe wrote. Only doctypes with Track Changes have Versions; reading them needs System Manager.',
				displayOptions: notDeleted,
			},
			{
				displayName: 'Fields',
				name: 'fields',
				type: 'string',
				default: '',
				placeholder: 'e.g. customer_name, territory',
				description:
					'Fieldnames to return, separated by commas (default: all fields of the document, without child tables; deleted documents come with their child tables)',
			},
			{
				...filtersJsonProperty('filtersJson', 'Filters (JSON)', FILTERS_JSON_DESCRIPTION),
				displayOptions: notDeleted,
			},
			{
				displayName: 'Look-Back Window (Seconds)',
				name: 'lookBackSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description:
					'Each poll reads this far back before the last change it saw, to catch a change whose transaction committed after a later one; documents already emitted are not emitted again. 0 turns it off.',
			},
			{
				displayName: 'Max Documents per Poll',
				name: 'maxPerPoll',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10000,
				description: 'More changes than this are left for the next poll, in order',
			},
			{
				displayName: 'Page Size',
				name: 'pageSize',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 500,
				description: 'How many documents to ask Frappe for per request',
			},
			{
				displayName: 'Start From',
				name: 'startFrom',
				type: 'dateTime',
				default: '',
				description:
					"On the first poll, emit the changes since this time (the Frappe site's local time) instead of starting from now",
			},
		],
	},
];
