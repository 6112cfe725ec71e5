// Reports the way Frappe 15 answers them (frappe/desk/query_report.py, frappe/desk/reportview.py,
// frappe/core/doctype/prepared_report/prepared_report.py): query_report.run / get_script / export_query,
// prepared reports run "in the background" on timers, reportview.get / export_query for Report Builder reports.
// Script Reports are JavaScript functions registered here by name (scriptReports); Query Reports run their SQL
// through a small emulation of the one statement shape they use (select … as "Label:Type", from, where = %(x)s,
// order by).
import { FrappeError, frappeThrow } from '../errors';
import { loadsArg, runQuery } from '../filters';
import { pyJsonDumps } from '../python';
import type { FrappeHttpServer } from '../server';
import type { Store } from '../store';
import type { Doc } from '../types';
import { RawResponse, type MethodCall } from './rpc';
import { buildXlsx } from '../printing/xlsx';

/** What a report's code returns: columns, rows, message, chart, report summary, skip_total_row. */
export type ReportOutput = [unknown[], unknown[], unknown?, unknown?, unknown?, number?];

export interface ScriptReport {
	/** the report's JavaScript, as get_script sends it */
	script: string;
	execute(filters: Record<string, unknown>, call: { store: Store; user: string }): ReportOutput;
}

/** The Script Reports' code by report name (a standard report's Python module). */
export const scriptReports = new Map<string, ScriptReport>();

/** How long a prepared report's job waits before it starts, and then runs (ms). */
export const preparedReportTiming = { queuedMs: 60, runMs: 60 };

const preparedResults = new WeakMap<Store, Map<string, Record<string, unknown>>>();

function resultsOf(store: Store): Map<string, Record<string, unknown>> {
	let results = preparedResults.get(store);
	if (!results) preparedResults.set(store, (results = new Map()));
	return results;
}

/** frappe.scrub */
function scrub(text: string): string {
	return text.replace(/ /g, '_').replace(/-/g, '_').toLowerCase();
}

/** get_column_as_dict */
function columnAsDict(column: unknown): Doc {
	if (typeof column === 'string') {
		const parts = column.split(':');
		const out: Doc = {};
		if (parts.length > 1) {
			if (parts[1].includes('/')) [out.fieldtype, out.options] = parts[1].split('/');
			else out.fieldtype = parts[1];
			if (parts.length === 3) out.width = parts[2];
		}
		out.label = parts[0];
		out.fieldname = scrub(parts[0]);
		return out;
	}
	const out: Doc = { ...(column as Doc) };
	if (!('fieldname' in out)) out.fieldname = scrub(String(out.label));
	return out;
}

const NUMERIC = new Set(['Currency', 'Int', 'Float', 'Percent', 'Duration']);

/** add_total_row: a list, "Total" in the first cell unless that column is numeric or a date */
function addTotalRow(result: unknown[], columns: Doc[]): unknown[] {
	const total: unknown[] = columns.map(() => '');
	columns.forEach((column, index) => {
		for (const row of result) {
			const cell = Array.isArray(row) ? row[index] : (row as Doc)[String(column.fieldname)];
			if (NUMERIC.has(String(column.fieldtype)) && Number(cell)) {
				total[index] = Number(total[index] || 0) + Number(cell);
			}
		}
	});
	if (!['Currency', 'Int', 'Float', 'Percent', 'Date'].includes(String(columns[0]?.fieldtype)))
		total[0] = 'Total';
	return [...result, total];
}

/** get_report_doc: 404 unknown, 403 not in the report's roles, 417 disabled */
export function reportDoc(store: Store, name: string, user: string): Doc {
	const doc = store.get('Report', name);
	if (!doc) throw frappeThrow(`Report ${name} not found`, 'DoesNotExistError');
	const roles = ((doc.roles as Doc[]) ?? []).map((row) => String(row.role));
	// frappe.get_roles: the automatic roles too
	const userRoles = new Set([
		...store.rolesOf(user),
		'All',
		'Guest',
		...(store.isSystemUser(user) ? ['Desk User'] : []),
	]);
	if (user !== 'Administrator' && roles.length > 0 && !roles.some((role) => userRoles.has(role)))
		throw frappeThrow(`You don't have access to Report: ${name}`, 'PermissionError');
	if (doc.disabled) throw frappeThrow('This report is disabled', 'ValidationError');
	return doc;
}

/** A Query Report's SQL, in the shape the seeded reports use; a missing %(param)s is Python's KeyError. */
function runSql(store: Store, query: string, filters: Record<string, unknown>): ReportOutput {
	const match =
		/^\s*select\s+([\s\S]+?)\s+from\s+`tab([^`]+)`(?:\s+where\s+([\s\S]+?))?(?:\s+order\s+by\s+([\s\S]+?))?\s*$/i.exec(
			query,
		);
	if (!match)
		throw new FrappeError('ProgrammingError', {
			message: '(1064, "You have an error in your SQL syntax")',
		});
	const [, selectList, doctype, where, orderBy] = match;
	const selected = selectList.split(/,\s*/).map((part) => {
		const alias = /^\s*(\w+)\s+as\s+"([^"]+)"\s*$/i.exec(part);
		return alias
			? { field: alias[1], label: alias[2] }
			: { field: part.trim(), label: part.trim() };
	});
	const filtersList: unknown[] = [];
	for (const condition of (where ?? '').split(/\s+and\s+/i).filter(Boolean)) {
		const equal = /^\s*(\w+)\s*=\s*%\((\w+)\)s\s*$/.exec(condition);
		if (!equal) continue;
		if (!(equal[2] in filters)) throw new FrappeError('KeyError', { message: `'${equal[2]}'` });
		filtersList.push([equal[1], '=', filters[equal[2]]]);
	}
	const order = orderBy?.trim() ?? 'name asc';
	const rows = runQuery(store, doctype, {
		fields: selected.map(({ field }) => field),
		filters: filtersList,
		order_by: /\s(asc|desc)$/i.test(order) ? order : `${order} asc`,
		user: 'Administrator',
		ignorePermissions: true,
		as_dict: 0,
	}) as unknown[][];
	return [selected.map(({ label }) => label), rows];
}

/** generate_report_result */
function generateReportResult(
	store: Store,
	report: Doc,
	filters: Record<string, unknown>,
	user: string,
): Record<string, unknown> {
	let output: ReportOutput;
	if (report.report_type === 'Query Report')
		output = runSql(store, String(report.query ?? ''), filters);
	else if (report.report_type === 'Script Report') {
		const code = scriptReports.get(String(report.name));
		if (!code)
			throw new FrappeError('ImportError', {
				message: `No module named '${scrub(String(report.name))}'`,
			});
		output = code.execute(filters, { store, user });
	} else output = [[], []];
	const [
		rawColumns,
		rawResult,
		message = null,
		chart = null,
		reportSummary = null,
		skipTotalRow = 0,
	] = output;
	const columns = (rawColumns ?? []).map(columnAsDict);
	let result: unknown[] = rawResult ?? [];
	if (result.length && Array.isArray(result[0])) {
		result = result.map((row) => {
			const out: Doc = {};
			columns.forEach(
				(column, index) => (out[String(column.fieldname)] = (row as unknown[])[index]),
			);
			return out;
		});
	}
	if (report.add_total_row && result.length && !skipTotalRow) result = addTotalRow(result, columns);
	return {
		result,
		columns,
		message,
		chart,
		report_summary: reportSummary,
		skip_total_row: skipTotalRow || 0,
		status: null,
		execution_time: 0.01,
	};
}

function parseFilters(raw: unknown): Record<string, unknown> {
	const parsed = raw === undefined || raw === null || raw === '' ? {} : loadsArg(raw);
	return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
		? { ...(parsed as Record<string, unknown>) }
		: {};
}

/** The normalised filters a Prepared Report stores and is matched on: sorted keys, no spaces. */
function normalisedFilters(filters: Record<string, unknown>): string {
	const sorted: Record<string, unknown> = {};
	for (const key of Object.keys(filters).sort()) sorted[key] = filters[key];
	return pyJsonDumps(sorted, { compact: true });
}

/** get_prepared_report_result */
function preparedReportResult(
	store: Store,
	report: Doc,
	filters: Record<string, unknown>,
	dn: string,
	user: string,
): Record<string, unknown> {
	let name = dn;
	if (!name) {
		const wanted = normalisedFilters(filters);
		const done = store
			.list('Prepared Report', {
				fields: ['name', 'filters', 'owner', 'creation'],
				filters: [
					['report_name', '=', report.name],
					['status', '=', 'Completed'],
				],
				order_by: 'creation desc',
			})
			.filter((row) => row.owner === user && row.filters === wanted);
		name = done[0] ? String(done[0].name) : '';
	}
	const doc = name ? store.get('Prepared Report', name) : undefined;
	const data = doc ? resultsOf(store).get(String(doc.name)) : undefined;
	if (!doc || !data) return { prepared_report: true, doc: null };
	const stored = { ...data };
	delete stored.execution_time;
	return {
		...stored,
		execution_time: 0,
		prepared_report: true,
		doc: { ...doc, doctype: 'Prepared Report' },
	};
}

/** query_report.run */
function run(call: MethodCall): Record<string, unknown> {
	call.require('run', 'report_name');
	const store = call.store;
	const report = reportDoc(store, String(call.args.report_name), call.user);
	if (!store.hasRolePermission(call.user, String(report.ref_doctype), 'report'))
		throw frappeThrow('Must have report permission to access this report.', 'ValidationError');
	const filters = parseFilters(call.args.filters);
	const ignorePrepared = ['1', 'true', 1, true].includes(call.args.ignore_prepared_report as never);
	let result: Record<string, unknown>;
	if (report.prepared_report && !ignorePrepared) {
		const dn = String(filters.prepared_report_name ?? '');
		delete filters.prepared_report_name;
		result = preparedReportResult(store, report, filters, dn, call.user);
	} else result = generateReportResult(store, report, filters, call.user);
	result.add_total_row = report.add_total_row && !result.skip_total_row ? report.add_total_row : 0;
	return result;
}

/** frappe.desk.query_report.get_script */
function getScript(call: MethodCall): Record<string, unknown> {
	call.require('get_script', 'report_name');
	const report = reportDoc(call.store, String(call.args.report_name), call.user);
	const code = scriptReports.get(String(report.name));
	const script =
		report.is_standard === 'Yes' && code
			? code.script
			: `frappe.query_reports['${String(report.name)}']={}`;
	return {
		script,
		html_format: null,
		execution_time: 0,
		filters: ((report.filters as Doc[]) ?? []).map((row) => ({ ...row, doctype: 'Report Filter' })),
		custom_report_name: null,
	};
}

/** werkzeug's header quoting: a value made of token characters stays bare */
function dispositionValue(fileName: string): string {
	return /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(fileName)
		? fileName
		: `"${fileName.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** frappe.desk.utils.provide_binary_file: application/octet-stream, `filename=` without attachment */
function binaryFile(title: string, extension: string, content: Buffer): RawResponse {
	return new RawResponse(
		200,
		{
			'content-type': 'application/octet-stream',
			'content-disposition': `filename=${dispositionValue(`${title}.${extension}`)}`,
		},
		content,
	);
}

/** csv.writer with QUOTE_NONNUMERIC; Python writes floats with ".0" */
function csvBytes(rows: unknown[][], floatColumns: Set<number>): Buffer {
	const cell = (value: unknown, index: number) => {
		if (typeof value === 'number')
			return floatColumns.has(index) && Number.isInteger(value) ? `${value}.0` : String(value);
		if (value === null || value === undefined) return '""';
		return `"${String(value).replace(/"/g, '""')}"`;
	};
	return Buffer.from(rows.map((row) => `${row.map(cell).join(',')}\r\n`).join(''), 'utf8');
}

const FLOAT_TYPES = new Set(['Currency', 'Float', 'Percent']);

function canExport(store: Store, user: string, doctype: string): void {
	if (!store.hasRolePermission(user, doctype, 'export'))
		throw new FrappeError('PermissionError', {
			message: `You are not allowed to export ${doctype} doctype`,
		});
}

function fileOf(format: unknown, title: string, header: Doc[], rows: unknown[][]): RawResponse {
	const floats = new Set(
		header.flatMap((column, index) => (FLOAT_TYPES.has(String(column.fieldtype)) ? [index] : [])),
	);
	const table = [header.map((column) => column.label), ...rows];
	if (format === 'Excel') return binaryFile(title, 'xlsx', buildXlsx('Query Report', table));
	return binaryFile(title, 'csv', csvBytes(table, floats));
}

/** query_report.export_query */
function exportQuery(call: MethodCall): RawResponse {
	const store = call.store;
	const name = String(call.args.report_name ?? '');
	const report = store.get('Report', name);
	canExport(store, call.user, String(report?.ref_doctype ?? ''));
	if (call.args.visible_idx === undefined)
		throw new FrappeError('TypeError', { message: "'NoneType' object is not iterable" });
	const data = run({
		...call,
		args: { report_name: name, filters: call.args.filters },
	} as MethodCall);
	const columns = (data.columns as Doc[] | undefined) ?? [];
	if (!columns.length) {
		return new RawResponse(
			200,
			{ 'content-type': 'text/html; charset=utf-8' },
			'<!DOCTYPE html><html><head><title>No data to export</title></head><body><h1>No data to export</h1><p>You can try changing the filters of your report.</p></body></html>',
		);
	}
	const rows = ((data.result as unknown[]) ?? []).map((row) =>
		Array.isArray(row)
			? row
			: columns.map((column) => (row as Doc)[String(column.fieldname)] ?? null),
	);
	return fileOf(call.args.file_format_type, name, columns, rows);
}

/** make_prepared_report: a Queued Prepared Report whose job starts and finishes on timers */
function makePreparedReport(call: MethodCall): Record<string, unknown> {
	call.require('make_prepared_report', 'report_name', 'filters');
	const store = call.store;
	const reportName = String(call.args.report_name);
	const report = reportDoc(store, reportName, call.user);
	const filters = parseFilters(call.args.filters);
	const doc = store.insertDoc(
		'Prepared Report',
		{ report_name: reportName, filters: normalisedFilters(filters), status: 'Queued' },
		{ user: call.user, ignorePermissions: true },
	).doc;
	const name = String(doc.name);
	const user = call.user;
	const later = (ms: number, step: () => void) => {
		const attempt = () => (store.inTransaction ? setTimeout(attempt, 5) : step());
		setTimeout(attempt, ms).unref?.();
	};
	later(preparedReportTiming.queuedMs, () => {
		if (!store.get('Prepared Report', name)) return;
		store.update('Prepared Report', name, { status: 'Started', job_id: `test.localhost::${name}` });
		later(preparedReportTiming.runMs, () => {
			if (!store.get('Prepared Report', name)) return;
			try {
				const result = generateReportResult(store, report, filters, user);
				resultsOf(store).set(name, result);
				store.update('Prepared Report', name, {
					status: 'Completed',
					report_end_time: store.clock.timestamp(),
				});
			} catch (error) {
				const line =
					error instanceof FrappeError ? error.exceptionLine : `Exception: ${String(error)}`;
				store.update('Prepared Report', name, {
					status: 'Error',
					report_end_time: store.clock.timestamp(),
					error_message: `Traceback with variables (most recent call last):\n  File "apps/frappe/frappe/core/doctype/prepared_report/prepared_report.py", line 113, in generate_report\n    result = generate_report_result(report=report, filters=instance.filters, user=instance.owner)\n      instance = &lt;PreparedReport: ${name}&gt;\n${line}\n`,
				});
			}
		});
	});
	return { name };
}

/** get_reports_in_queued_state: the user's Queued or Started ones with these filters */
function reportsInQueuedState(call: MethodCall): Doc[] {
	const filters = normalisedFilters(parseFilters(call.args.filters));
	return call.store
		.list('Prepared Report', {
			fields: ['name', 'filters', 'owner', 'status'],
			filters: [['report_name', '=', String(call.args.report_name ?? '')]],
			order_by: 'creation desc',
		})
		.filter(
			(row) =>
				row.owner === call.user &&
				row.filters === filters &&
				(row.status === 'Queued' || row.status === 'Started'),
		)
		.map((row) => ({ name: row.name }));
}

/** the key reportview.get gives a field: `tabX`.`f` → f */
function fieldKey(field: string): string {
	const parts = field.split('.');
	return parts[parts.length - 1].replace(/`/g, '').trim();
}

function parseList(raw: unknown): unknown[] {
	const parsed = raw === undefined || raw === null || raw === '' ? [] : loadsArg(raw);
	return Array.isArray(parsed) ? parsed : [];
}

/** frappe.desk.reportview.get (compressed: {keys, values}; no rows → []) */
function reportViewGet(call: MethodCall): unknown {
	call.require('get', 'doctype');
	const doctype = String(call.args.doctype);
	const fields = parseList(call.args.fields).map(String);
	const rows = runQuery(call.store, doctype, {
		fields,
		filters: parseList(call.args.filters),
		order_by: call.args.order_by,
		limit_start: call.args.start ?? 0,
		limit_page_length: call.args.page_length ?? 20,
		user: call.user,
		as_dict: 0,
	}) as unknown[][];
	if (!rows.length) return [];
	return { keys: fields.map(fieldKey), values: rows, user_info: {} };
}

/** frappe.desk.reportview.export_query: a leading "Sr" column */
function reportViewExport(call: MethodCall): RawResponse {
	const store = call.store;
	const doctype = String(call.args.doctype ?? '');
	canExport(store, call.user, doctype);
	const fields = parseList(call.args.fields).map(String);
	const rows = runQuery(store, doctype, {
		fields,
		filters: parseList(call.args.filters),
		order_by: call.args.order_by,
		user: call.user,
		as_dict: 0,
	}) as unknown[][];
	const meta = store.requireMeta(doctype);
	const header: Doc[] = [
		{ label: 'Sr', fieldtype: 'Int' },
		...fields.map((field) => {
			const key = fieldKey(field);
			return {
				label: key === 'name' ? 'ID' : meta.label(key),
				fieldtype: meta.fieldtype(key),
			};
		}),
	];
	return fileOf(
		call.args.file_format_type,
		String(call.args.title ?? doctype),
		header,
		rows.map((row, index) => [index + 1, ...row]),
	);
}

export function registerReportMethods(server: FrappeHttpServer): void {
	const reg = (name: string, handler: (call: MethodCall) => unknown) =>
		server.registerMethod(name, { handler });
	reg('frappe.desk.query_report.run', run);
	reg('frappe.desk.query_report.get_script', getScript);
	reg('frappe.desk.query_report.export_query', exportQuery);
	reg('frappe.desk.reportview.get', reportViewGet);
	reg('frappe.desk.reportview.export_query', reportViewExport);
	reg(
		'frappe.core.doctype.prepared_report.prepared_report.make_prepared_report',
		makePreparedReport,
	);
	reg(
		'frappe.core.doctype.prepared_report.prepared_report.get_reports_in_queued_state',
		reportsInQueuedState,
	);
}
