// Running a report the way the desk does (frappe/desk/query_report.py,
// frappe/public/js/frappe/views/reports): read the Report document for its type; check the
// mandatory filters against the report's filter definitions; Script, Query and Custom reports
// through `query_report.run`; prepared reports (run in the background) started with
// `make_prepared_report`, waited for by polling their Prepared Report document, then fetched;
// Report Builder reports through `frappe.desk.reportview.get` with their saved fields, filters and
// order.
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import { stripHtml } from '../../../shared/errors';
import { frappeError, parameterError } from '../../../shared/frappeError';
import { cachedMeta } from '../../../shared/meta';
import { readPages } from '../../../shared/paging';
import {
	MAKE_PREPARED_REPORT_PATH,
	payloadOf,
	preparedReportPath,
	QUEUED_PREPARED_REPORTS_PATH,
	REPORT_RUN_PATH,
	REPORT_SCRIPT_PATH,
	REPORT_VIEW_PATH,
	reportPath,
} from '../../../shared/paths';
import {
	missingMandatoryFilters,
	reportFilterDefinitions,
	type ReportFilterDefinition,
} from '../../../shared/reportFilters';
import {
	parseColumns,
	reportBuilderSettings,
	reportViewFields,
	reportViewRows,
	type ReportColumn,
} from '../../../shared/reportResult';
import { frappeApiRequest } from '../../../shared/transport';

export interface ReportDoc {
	name: string;
	report_type?: string;
	ref_doctype?: string;
	prepared_report?: number;
	json?: string;
	add_total_row?: number;
}

export interface ReportResult {
	columns: ReportColumn[];
	rows: unknown[];
	addTotalRow: unknown;
	message?: unknown;
	chart?: unknown;
	reportSummary?: unknown;
	/** The Prepared Report the result came from. */
	preparedReport?: IDataObject;
}

/** A prepared report started and not waited for. */
export interface PreparedJob {
	report: string;
	preparedReport: string;
	status: string;
	filters: IDataObject;
}

interface PreparedOptions {
	preparedReport?: 'wait' | 'returnJob';
	refreshPrepared?: boolean;
	preparedReportName?: string;
	timeout?: number;
	pollInterval?: number;
}

function knownFor(report: string) {
	return { doctype: 'Report', documentName: report };
}

/**
 * The Report document; a user who may not read Report documents still may run reports, so only 404
 * fails.
 */
export async function readReport(
	context: IExecuteSingleFunctions,
	name: string,
): Promise<ReportDoc> {
	try {
		const answer = await frappeApiRequest.call(context, { method: 'GET', url: reportPath(name) });
		return ((answer as IDataObject).data as unknown as ReportDoc) ?? { name };
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') {
			throw parameterError(
				context,
				`There is no report "${name}" on the site`,
				'Pick the report from the list (names are case-sensitive); reports of apps that are not installed do not exist.',
			);
		}
		return { name };
	}
}

/** The report's filter definitions from get_script; [] when they cannot be read. */
export async function filterDefinitions(
	context: IExecuteSingleFunctions,
	report: string,
): Promise<ReportFilterDefinition[]> {
	try {
		const answer = await frappeApiRequest.call(context, {
			method: 'GET',
			url: REPORT_SCRIPT_PATH,
			qs: { report_name: report },
		});
		return reportFilterDefinitions(payloadOf(answer));
	} catch {
		return [];
	}
}

function describeFilter(definition: ReportFilterDefinition): string {
	const type = definition.options
		? `${definition.fieldtype} of ${definition.options.replace(/\n/g, ' / ').replace(/^ \/ /, '')}`
		: definition.fieldtype;
	const mandatory = definition.mandatory ? ', mandatory' : '';
	return `${definition.label} (${definition.fieldname}, ${type}${mandatory})`;
}

/**
 * Names every mandatory filter left empty, before Frappe fails on it in its own way (often a 500).
 */
export async function assertMandatoryFilters(
	context: IExecuteSingleFunctions,
	report: ReportDoc,
	filters: IDataObject,
): Promise<void> {
	if (report.report_type === 'Report Builder') return;
	const definitions = await filterDefinitions(context, report.name);
	const missing = missingMandatoryFilters(definitions, filters);
	if (missing.length === 0) return;
	const names = missing.map((definition) => `${definition.label} (${definition.fieldname})`);
	const plural = missing.length > 1 ? 's' : '';
	const all = definitions.map(describeFilter).join('; ');
	throw parameterError(
		context,
		`The report "${report.name}" needs the filter${plural} ${names.join(', ')}`,
		`Frappe does not check a report's filters, and the report fails or returns nothing without them. Its filters: ${all}.`,
	);
}

function preparedOptionsOf(context: IExecuteSingleFunctions): PreparedOptions {
	return (context.getNodeParameter('options', {}) as PreparedOptions) ?? {};
}

async function runOnce(
	context: IExecuteSingleFunctions,
	report: string,
	filters: IDataObject,
	extra: IDataObject = {},
): Promise<IDataObject> {
	const answer = await frappeApiRequest.call(
		context,
		{
			method: 'POST',
			url: REPORT_RUN_PATH,
			body: { report_name: report, filters, ...extra },
		},
		knownFor(report),
	);
	return (payloadOf(answer) ?? {}) as IDataObject;
}

async function makePrepared(
	context: IExecuteSingleFunctions,
	report: string,
	filters: IDataObject,
): Promise<string> {
	const answer = await frappeApiRequest.call(
		context,
		{ method: 'POST', url: MAKE_PREPARED_REPORT_PATH, body: { report_name: report, filters } },
		knownFor(report),
	);
	const name = (payloadOf(answer) as IDataObject | undefined)?.name;
	if (typeof name !== 'string' || !name) {
		throw parameterError(context, `Frappe did not start the prepared report "${report}"`);
	}
	return name;
}

/** The last line of a traceback, e.g. "KeyError: 'priority'" (Frappe stores it HTML-escaped). */
function lastTracebackLine(text: unknown): string {
	const lines = stripHtml(String(text ?? ''))
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '');
	return lines[lines.length - 1] ?? 'no message';
}

/**
 * Waits for the Prepared Report `name` to finish, asking every poll interval, for at most the
 * Timeout: its document's `status` (Queued, Started, Completed, Error); for a user who may not read
 * Prepared Report documents, whether it is still among their queued ones
 * (get_reports_in_queued_state).
 */
async function waitForPrepared(
	context: IExecuteSingleFunctions,
	report: string,
	name: string,
	filters: IDataObject,
): Promise<void> {
	const options = preparedOptionsOf(context);
	const timeoutMs = Math.max(1, Number(options.timeout ?? 300)) * 1000;
	const intervalMs = Math.max(50, Number(options.pollInterval ?? 3) * 1000);
	const started = Date.now();
	let readable = true;
	let status = 'Queued';
	for (;;) {
		if (readable) {
			let doc: IDataObject | undefined;
			try {
				const answer = await frappeApiRequest.call(context, {
					method: 'GET',
					url: preparedReportPath(name),
				});
				doc = ((answer as IDataObject).data ?? {}) as IDataObject;
			} catch (error) {
				if (!(error instanceof NodeApiError) || error.httpCode !== '403')
					throw frappeError(context, error, knownFor(report));
				readable = false;
			}
			if (doc) {
				status = String(doc.status ?? status);
				if (status === 'Completed') return;
				if (status === 'Error' || status === 'Failed') {
					throw parameterError(
						context,
						`The prepared report "${report}" failed: ${lastTracebackLine(doc.error_message)}`,
						`Frappe ran the report in the background (Prepared Report ${name}) and its job ended with an error. Check the filters; Frappe keeps the details in the Error Message of that Prepared Report.`,
					);
				}
			}
		}
		if (!readable) {
			const answer = await frappeApiRequest.call(
				context,
				{
					method: 'GET',
					url: QUEUED_PREPARED_REPORTS_PATH,
					qs: { report_name: report, filters: JSON.stringify(filters) },
				},
				knownFor(report),
			);
			const queued = payloadOf(answer);
			if (!Array.isArray(queued) || !queued.some((entry) => (entry as IDataObject)?.name === name))
				return;
		}
		if (Date.now() - started + intervalMs > timeoutMs) {
			throw parameterError(
				context,
				`The prepared report "${report}" did not finish within ${Math.round(timeoutMs / 1000)} seconds`,
				`Frappe is still preparing it in the background (Prepared Report ${name}, status ${status}). Raise the Timeout, or choose "Return the Job at Once" and fetch the result later with Prepared Report Name.`,
			);
		}
		await sleep(intervalMs);
	}
}

function resultOf(answer: IDataObject): ReportResult {
	return {
		columns: parseColumns(answer.columns),
		rows: Array.isArray(answer.result) ? (answer.result as unknown[]) : [],
		addTotalRow: answer.add_total_row,
		message: answer.message ?? null,
		chart: answer.chart ?? null,
		reportSummary: answer.report_summary ?? null,
		preparedReport: (answer.doc as IDataObject | undefined) ?? undefined,
	};
}

/**
 * A Script, Query or Custom report, prepared in the background when Frappe does so; or the job, if
 * asked.
 */
export async function runQueryReport(
	context: IExecuteSingleFunctions,
	report: ReportDoc,
	filters: IDataObject,
): Promise<ReportResult | PreparedJob> {
	const options = preparedOptionsOf(context);
	const byName = options.preparedReportName?.trim();
	if (byName) {
		const answer = await runOnce(context, report.name, {
			...filters,
			prepared_report_name: byName,
		});
		if (answer.prepared_report && !answer.doc) {
			throw parameterError(
				context,
				`The prepared report "${byName}" of "${report.name}" has no result`,
				'It is still running, it failed, or it belongs to another user or report.',
			);
		}
		return resultOf(answer);
	}
	let answer: IDataObject | undefined;
	if (!(options.refreshPrepared && report.prepared_report)) {
		answer = await runOnce(context, report.name, filters);
		if (!answer.prepared_report || answer.doc) return resultOf(answer);
	}
	const name = await makePrepared(context, report.name, filters);
	if (options.preparedReport === 'returnJob') {
		return { report: report.name, preparedReport: name, status: 'Queued', filters };
	}
	await waitForPrepared(context, report.name, name, filters);
	answer = await runOnce(context, report.name, { ...filters, prepared_report_name: name });
	if (answer.prepared_report && !answer.doc) {
		throw parameterError(
			context,
			`The prepared report "${report.name}" failed`,
			`Frappe's background job (Prepared Report ${name}) finished without a result.`,
		);
	}
	return resultOf(answer);
}

const REPORT_VIEW_PAGE = 500;

/**
 * A Report Builder report: its saved fields, filters (plus the node's, as equalities) and order.
 */
export async function runReportBuilder(
	context: IExecuteSingleFunctions,
	report: ReportDoc,
	filters: IDataObject,
): Promise<ReportResult> {
	const doctype = String(report.ref_doctype ?? '');
	if (!doctype) throw parameterError(context, `The report "${report.name}" names no doctype`);
	const settings = reportBuilderSettings(report.json, doctype);
	const allFilters = [
		...settings.filters,
		...Object.entries(filters).map(([field, value]) =>
			Array.isArray(value) ? [doctype, field, 'in', value] : [doctype, field, '=', value],
		),
	];
	const table = `\`tab${doctype}\``;
	const orderBy = settings.orderBy ?? `${table}.\`modified\` desc`;
	const rows = await readPages<IDataObject>({
		limit: Infinity,
		pageSize: REPORT_VIEW_PAGE,
		fetchPage: async (start, size) => {
			const answer = await frappeApiRequest.call(
				context,
				{
					method: 'GET',
					url: REPORT_VIEW_PATH,
					qs: {
						doctype,
						fields: JSON.stringify(reportViewFields(settings.fields)),
						filters: JSON.stringify(allFilters),
						order_by: /`?name`?\s*(asc|desc)?\s*$/i.test(orderBy)
							? orderBy
							: `${orderBy}, ${table}.\`name\` asc`,
						start,
						page_length: size,
						view: 'Report',
						with_comment_count: 0,
					},
				},
				knownFor(report.name),
			);
			return reportViewRows(payloadOf(answer));
		},
	});
	const columns: ReportColumn[] = [];
	for (const [field, fieldDoctype] of settings.fields) {
		const meta = await cachedMeta(context, fieldDoctype);
		const docField = meta?.fields.find((candidate) => candidate.fieldname === field);
		columns.push({
			fieldname: field,
			label: docField?.label || (field === 'name' ? 'ID' : field),
			fieldtype: docField?.fieldtype ?? (field === 'name' ? 'Link' : 'Data'),
			...(docField?.options ? { options: docField.options } : {}),
		});
	}
	return { columns, rows, addTotalRow: 0, message: null, chart: null, reportSummary: null };
}

/** Reads the report, checks its mandatory filters, and runs it. */
export async function runReport(
	context: IExecuteSingleFunctions,
	reportName: string,
	filters: IDataObject,
): Promise<{ report: ReportDoc; result: ReportResult | PreparedJob }> {
	const report = await readReport(context, reportName);
	await assertMandatoryFilters(context, report, filters);
	try {
		const result =
			report.report_type === 'Report Builder'
				? await runReportBuilder(context, report, filters)
				: await runQueryReport(context, report, filters);
		return { report, result };
	} catch (error) {
		throw frappeError(context, error, knownFor(reportName));
	}
}

export function isPreparedJob(result: ReportResult | PreparedJob): result is PreparedJob {
	return 'preparedReport' in result && typeof result.preparedReport === 'string';
}
