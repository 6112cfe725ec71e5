// Report → Run: any report the user may run, one item per row keyed by the columns' fieldnames
// (or labels), or the whole result as one item; a prepared report is waited for, or its job
// returned at once.
import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { REPORT_RUN_PATH } from '../../../shared/paths';
import { shapeRows } from '../../../shared/reportResult';
import type { FrappeOperation, OperationSend } from '../../operation';
import {
	preparedReportOptions,
	reportFields,
	reportFiltersOf,
	reportNameOf,
	showOnlyForReport,
} from './fields';
import { isPreparedJob, runReport, type ReportResult } from './runner';

const show = showOnlyForReport('run');

const fields: INodeProperties[] = [
	...reportFields(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Drop Group Rows',
				name: 'dropGroupRows',
				type: 'boolean',
				default: false,
				description:
					'Whether to leave out the rows that head a group in a tree report (a row followed by rows indented deeper, e.g. parent accounts), keeping the rows below them',
			},
			{
				displayName: 'Drop Total Row',
				name: 'dropTotalRow',
				type: 'boolean',
				default: false,
				description: 'Whether to leave out the total row Frappe adds to reports that have one',
			},
			{
				displayName: 'Key by Column Labels',
				name: 'useLabels',
				type: 'boolean',
				default: false,
				description:
					'Whether to key each row by the column labels ("Posting Date") instead of the fieldnames (posting_date)',
			},
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				options: [
					{ name: 'One Item per Row', value: 'rows' },
					{
						name: 'Whole Result as One Item',
						value: 'whole',
						description: 'Columns, rows, message, chart and report summary together',
					},
				],
				default: 'rows',
			},
			...preparedReportOptions,
		],
	},
];

interface RunOptions {
	dropGroupRows?: boolean;
	dropTotalRow?: boolean;
	useLabels?: boolean;
	output?: 'rows' | 'whole';
}

function shaped(context: IExecuteSingleFunctions, result: ReportResult): IDataObject[] {
	const options = (context.getNodeParameter('options', {}) as RunOptions) ?? {};
	return shapeRows(result.rows, result.columns, result.addTotalRow, {
		dropGroupRows: options.dropGroupRows,
		dropTotalRow: options.dropTotalRow,
		useLabels: options.useLabels,
	});
}

const run: OperationSend = async function () {
	const reportName = reportNameOf(this);
	const filters = reportFiltersOf(this);
	const { result } = await runReport(this, reportName, filters);
	const pairedItem = { item: this.getItemIndex() };
	if (isPreparedJob(result)) return [{ json: { ...result }, pairedItem }];
	const rows = shaped(this, result);
	const options = (this.getNodeParameter('options', {}) as RunOptions) ?? {};
	if (options.output === 'whole') {
		const json: IDataObject = {
			report: reportName,
			filters,
			columns: result.columns as unknown as IDataObject[],
			rows,
			message: result.message as IDataObject,
			chart: result.chart as IDataObject,
			reportSummary: result.reportSummary as IDataObject,
			addTotalRow: Boolean(result.addTotalRow),
		};
		if (result.preparedReport) json.preparedReport = result.preparedReport;
		return [{ json, pairedItem }];
	}
	return rows.map((json) => ({ json, pairedItem }));
};

export const runOperation: FrappeOperation = {
	option: {
		name: 'Run',
		value: 'run',
		action: 'Run a report',
		description: 'Run a report with filters and get its rows',
		routing: {
			// query_report.run takes the filters in a POST body (they can be long); a Report Builder
			// report, a prepared report and the filter check take more requests, all made by `run`.
			request: { method: 'POST', url: REPORT_RUN_PATH },
		},
	},
	fields,
	send: run,
};
