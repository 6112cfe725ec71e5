// The fields Report → Run and Report → Export share: the report picker and its filters
// (name/value pairs, the names offered from the report's filter definitions, or one JSON object),
// and the options for prepared reports.
import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { parsedJsonText } from '../../../shared/doctypeMeta';
import { parameterError } from '../../../shared/frappeError';
import {
	jsonObjectParameter,
	optionalTextParameter,
	type NodeContext,
} from '../../../shared/parameters';

type Show = NonNullable<IDisplayOptions['show']>;

export function showOnlyForReport(...operations: string[]): Show {
	return { resource: ['report'], operation: operations };
}

export function reportFields(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Report',
			name: 'report',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: 'The report to run: a Script, Query, Custom or Report Builder report',
			displayOptions: { show },
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchReports', searchable: true },
				},
				{
					displayName: 'By Name',
					name: 'name',
					type: 'string',
					placeholder: 'e.g. General Ledger',
				},
			],
		},
		{
			displayName: 'Specify Filters',
			name: 'specifyFilters',
			type: 'options',
			noDataExpression: true,
			options: [
				{ name: 'Using Fields Below', value: 'keypair' },
				{ name: 'Using JSON', value: 'json' },
			],
			default: 'keypair',
			displayOptions: { show },
		},
		{
			displayName: 'Filters',
			name: 'reportFilters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Filter',
			default: {},
			description:
				"The report's filters by name. Frappe does not check them: a mandatory filter left out is named by the node before the report runs.",
			displayOptions: { show: { ...show, specifyFilters: ['keypair'] } },
			options: [
				{
					displayName: 'Filter',
					name: 'filter',
					values: [
						{
							displayName: 'Name or ID',
							name: 'name',
							type: 'options',
							typeOptions: {
								loadOptionsMethod: 'getReportFilters',
								loadOptionsDependsOn: ['report.value'],
							},
							default: '',
							description:
								'The filter, from the report\'s filter definitions (* = mandatory). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							description: 'Text, or an expression giving a number, list or object',
						},
					],
				},
			],
		},
		{
			displayName: 'Filters (JSON)',
			name: 'reportFiltersJson',
			type: 'json',
			default: '{}',
			placeholder: '{"company": "Acme", "from_date": "2025-01-01", "to_date": "2025-12-31"}',
			description: "The report's filters as one JSON object",
			displayOptions: { show: { ...show, specifyFilters: ['json'] } },
		},
	];
}

/** Options about prepared reports (reports Frappe runs in the background). */
export const preparedReportOptions: INodeProperties[] = [
	{
		displayName: 'Prepared Report',
		name: 'preparedReport',
		type: 'options',
		options: [
			{
				name: 'Wait for the Result',
				value: 'wait',
				description:
					'Start the report in the background if needed, wait for it, and fetch the result',
			},
			{
				name: 'Return the Job at Once',
				value: 'returnJob',
				description:
					'Start the report and return the name of its Prepared Report; run again later with the same filters to fetch the result',
			},
		],
		default: 'wait',
		description:
			'What to do for a report Frappe prepares in the background, when no finished result with these filters exists yet',
	},
	{
		displayName: 'Generate a New Result',
		name: 'refreshPrepared',
		type: 'boolean',
		default: false,
		description:
			'Whether to prepare the report afresh even when Frappe has a finished result with the same filters (Frappe otherwise returns that one, however old)',
	},
	{
		displayName: 'Prepared Report Name',
		name: 'preparedReportName',
		type: 'string',
		default: '',
		placeholder: 'e.g. 3c1d5e7f9a',
		description: 'Fetch this finished Prepared Report (as returned by "Return the Job at Once")',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description: 'How long to wait for a prepared report before failing',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.05, numberPrecision: 2 },
		default: 3,
		description: 'How often to ask Frappe whether a prepared report has finished',
	},
];

export function reportNameOf(context: NodeContext): string {
	const name = optionalTextParameter(context, 'report');
	if (!name) throw parameterError(context, 'Choose a Report');
	return name;
}

/** The report's filters as one object; pairs with an empty name are skipped. */
export function reportFiltersOf(
	context: NodeContext & { getNodeParameter(name: string, fallback?: unknown): unknown },
): IDataObject {
	if (context.getNodeParameter('specifyFilters', 'keypair') === 'json') {
		return jsonObjectParameter(context, 'reportFiltersJson', 'Filters (JSON)');
	}
	const pairs =
		(context.getNodeParameter('reportFilters.filter', []) as Array<{
			name?: string;
			value?: unknown;
		}>) ?? [];
	const filters: IDataObject = {};
	for (const { name, value } of pairs) {
		const key = String(name ?? '').trim();
		if (key) filters[key] = parsedJsonText(value) as IDataObject[string];
	}
	return filters;
}
