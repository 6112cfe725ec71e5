// Report → Export: a report as a CSV or Excel file in a binary property, made by Frappe's own
// exporters (query_report.export_query; reportview.export_query for Report Builder reports; both
// need the Export permission on the report's doctype), or as CSV built in n8n from the report's
// rows (needs only the right to run it).
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { binaryAnswerOf, binaryItem } from '../../../shared/binaryAnswer';
import { toCsv } from '../../../shared/csv';
import { binaryPropertyNameProperty } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/frappeError';
import { binaryPropertyNameOf } from '../../../shared/parameters';
import { REPORT_EXPORT_PATH, REPORT_VIEW_EXPORT_PATH } from '../../../shared/paths';
import { reportBuilderSettings, reportViewFields, rowAsObject } from '../../../shared/reportResult';
import type { FrappeOperation, OperationSend } from '../../operation';
import {
	preparedReportOptions,
	reportFields,
	reportFiltersOf,
	reportNameOf,
	showOnlyForReport,
} from './fields';
import {
	assertMandatoryFilters,
	isPreparedJob,
	readReport,
	runQueryReport,
	runReport,
} from './runner';

const show = showOnlyForReport('export');

const MIME_TYPES: Record<string, string> = {
	csv: 'text/csv',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const fields: INodeProperties[] = [
	...reportFields(show),
	{
		displayName: 'File Format',
		name: 'fileFormat',
		type: 'options',
		options: [
			{ name: 'CSV', value: 'csv' },
			{ name: 'Excel (XLSX)', value: 'xlsx' },
		],
		default: 'csv',
		displayOptions: { show },
	},
	{
		displayName: 'Export Using',
		name: 'exportUsing',
		type: 'options',
		options: [
			{
				name: "Frappe's Exporter",
				value: 'frappe',
				description:
					"The file Frappe makes for the desk's Export button (needs the Export permission on the report's doctype)",
			},
			{
				name: 'Rows Built in N8n (CSV)',
				value: 'node',
				description:
					"CSV made by the node from the report's rows (needs only the right to run the report)",
			},
		],
		default: 'frappe',
		displayOptions: { show },
	},
	binaryPropertyNameProperty(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: preparedReportOptions,
	},
];

/**
 * Frappe's file into the binary property; its "No data to export" page (a report without columns)
 * as an error.
 */
async function exportItem(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const report = reportNameOf(this);
	const extension = String(this.getNodeParameter('fileFormat', 'csv'));
	const answer = binaryAnswerOf(response, `${report}.${extension}`);
	if (answer.mimeType === 'text/html') {
		throw parameterError(
			this,
			`Frappe had no data to export from the report "${report}"`,
			'The report returned no columns with these filters (Frappe answers with a "No data to export" page). Try other filters.',
		);
	}
	if (answer.mimeType === 'application/octet-stream') answer.mimeType = MIME_TYPES[extension];
	return [await binaryItem(this, answer, binaryPropertyNameOf(this), { report })];
}

/**
 * The CSV built from the rows: the column labels as header, every row (total row included) in
 * column order.
 */
async function csvFromRows(
	context: IExecuteSingleFunctions,
	report: string,
	filters: IDataObject,
): Promise<INodeExecutionData[]> {
	const { result } = await runReport(context, report, filters);
	const pairedItem = { item: context.getItemIndex() };
	if (isPreparedJob(result)) return [{ json: { ...result }, pairedItem }];
	const rows = result.rows.map((row) => {
		const object = rowAsObject(row, result.columns);
		return result.columns.map((column) => object[column.fieldname] ?? null);
	});
	const text = toCsv(
		result.columns.map((column) => column.label || column.fieldname),
		rows,
	);
	return [
		await binaryItem(
			context,
			{ bytes: Buffer.from(text, 'utf8'), fileName: `${report}.csv`, mimeType: 'text/csv' },
			binaryPropertyNameOf(context),
			{ report, rowCount: rows.length },
		),
	];
}

const exportReport: OperationSend = async function (request, sendOnce) {
	const reportName = reportNameOf(this);
	const filters = reportFiltersOf(this);
	const extension = String(this.getNodeParameter('fileFormat', 'csv'));
	if (this.getNodeParameter('exportUsing', 'frappe') === 'node') {
		if (extension !== 'csv') {
			throw parameterError(
				this,
				'Only CSV can be built in n8n',
				"Choose CSV, or Frappe's Exporter for Excel.",
			);
		}
		return await csvFromRows(this, reportName, filters);
	}
	const report = await readReport(this, reportName);
	await assertMandatoryFilters(this, report, filters);
	const fileFormatType = extension === 'xlsx' ? 'Excel' : 'CSV';
	let url = REPORT_EXPORT_PATH;
	let body: IDataObject;
	if (report.report_type === 'Report Builder') {
		const doctype = String(report.ref_doctype ?? '');
		const settings = reportBuilderSettings(report.json, doctype);
		const allFilters = [
			...settings.filters,
			...Object.entries(filters).map(([field, value]) => [doctype, field, '=', value]),
		];
		url = REPORT_VIEW_EXPORT_PATH;
		body = {
			doctype,
			file_format_type: fileFormatType,
			title: reportName,
			fields: JSON.stringify(reportViewFields(settings.fields)),
			filters: JSON.stringify(allFilters),
			order_by: settings.orderBy ?? `\`tab${doctype}\`.\`modified\` desc`,
		};
	} else {
		let exportFilters = filters;
		if (report.prepared_report) {
			// export_query runs the report itself (query_report.run), which for a prepared report only
			// reads a finished result: prepare it first, then name it.
			const result = await runQueryReport(this, report, filters);
			if (isPreparedJob(result))
				return [{ json: { ...result }, pairedItem: { item: this.getItemIndex() } }];
			const name = result.preparedReport?.name;
			if (typeof name === 'string') exportFilters = { ...filters, prepared_report_name: name };
		}
		// visible_idx is required (absent → TypeError); [] exports every row.
		body = {
			report_name: reportName,
			file_format_type: fileFormatType,
			filters: JSON.stringify(exportFilters),
			visible_idx: '[]',
		};
	}
	return await sendOnce(
		{ ...request, options: { ...request.options, url, body } },
		{ doctype: 'Report', documentName: reportName },
	);
};

export const exportOperation: FrappeOperation = {
	option: {
		name: 'Export',
		value: 'export',
		action: 'Export a report',
		description: 'Export a report as a CSV or Excel file',
		routing: {
			request: { method: 'POST', url: REPORT_EXPORT_PATH, encoding: 'arraybuffer', json: true },
			output: { postReceive: [exportItem] },
		},
	},
	fields,
	send: exportReport,
};
