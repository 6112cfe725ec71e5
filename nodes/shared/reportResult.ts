// A report's answer as n8n items. Frappe gives columns as dicts or as
// "Label:Fieldtype/Options:Width" strings, and rows as dicts or as lists in column order; its total
// row is always a list appended last (frappe/desk/query_report.py add_total_row). Pure.
import type { IDataObject } from 'n8n-workflow';

export interface ReportColumn {
	fieldname: string;
	label: string;
	fieldtype: string;
	options?: string;
	width?: string | number;
}

/**
 * frappe.scrub: spaces and hyphens become underscores, lower case ("Assigned To/Owner" →
 * "assigned_to/owner").
 */
export function scrub(text: string): string {
	return text.replace(/ /g, '_').replace(/-/g, '_').toLowerCase();
}

/** One column as Frappe's get_column_as_dict reads it, from a string or a dict. */
export function parseColumn(column: unknown): ReportColumn {
	if (typeof column === 'string') {
		const parts = column.split(':');
		const label = parts[0];
		const parsed: ReportColumn = { fieldname: scrub(label), label, fieldtype: 'Data' };
		if (parts.length > 1) {
			const [fieldtype, options] = parts[1].split('/');
			parsed.fieldtype = fieldtype;
			if (options !== undefined) parsed.options = options;
		}
		if (parts.length === 3) parsed.width = parts[2];
		return parsed;
	}
	const record = (column && typeof column === 'object' ? column : {}) as IDataObject;
	const label = String(record.label ?? record.fieldname ?? '');
	const parsed: ReportColumn = {
		fieldname: String(record.fieldname ?? scrub(label)),
		label,
		fieldtype: String(record.fieldtype ?? 'Data'),
	};
	if (record.options !== undefined && record.options !== null)
		parsed.options = String(record.options);
	if (record.width !== undefined && record.width !== null)
		parsed.width = record.width as string | number;
	return parsed;
}

export function parseColumns(columns: unknown): ReportColumn[] {
	return Array.isArray(columns) ? columns.map(parseColumn) : [];
}

/** A row keyed by fieldname, whichever form Frappe sent it in. */
export function rowAsObject(row: unknown, columns: ReportColumn[]): IDataObject {
	if (Array.isArray(row)) {
		const object: IDataObject = {};
		columns.forEach((column, index) => {
			object[column.fieldname] = (row[index] ?? null) as IDataObject[string];
		});
		return object;
	}
	return row && typeof row === 'object' ? { ...(row as IDataObject) } : { value: row as string };
}

export interface RowShaping {
	/** key each value by the column's label instead of its fieldname */
	useLabels?: boolean;
	/** the report appended a total row (run's `add_total_row`): drop it */
	dropTotalRow?: boolean;
	/**
	 * drop rows that head a group in a tree report (a following row is indented deeper), and
	 * `is_group` rows
	 */
	dropGroupRows?: boolean;
}

function indentOf(row: unknown): number | undefined {
	if (!row || typeof row !== 'object' || Array.isArray(row)) return undefined;
	const indent = Number((row as IDataObject).indent);
	return Number.isFinite(indent) ? indent : undefined;
}

function isGroupRow(rows: unknown[], index: number): boolean {
	const row = rows[index];
	if (row && typeof row === 'object' && !Array.isArray(row) && (row as IDataObject).is_group)
		return true;
	const indent = indentOf(row);
	const next = indentOf(rows[index + 1]);
	return indent !== undefined && next !== undefined && next > indent;
}

/**
 * Whether Frappe appended a total row to `rows` (its run answer's `add_total_row`, the last row
 * being a list).
 */
export function hasTotalRow(rows: unknown[], addTotalRow: unknown): boolean {
	return Boolean(addTotalRow) && rows.length > 0 && Array.isArray(rows[rows.length - 1]);
}

/** The rows as objects keyed by fieldname (or label), shaped as asked. */
export function shapeRows(
	rows: unknown,
	columns: ReportColumn[],
	addTotalRow: unknown,
	shaping: RowShaping = {},
): IDataObject[] {
	let list = Array.isArray(rows) ? [...(rows as unknown[])] : [];
	if (shaping.dropTotalRow && hasTotalRow(list, addTotalRow)) list = list.slice(0, -1);
	if (shaping.dropGroupRows) list = list.filter((_, index, all) => !isGroupRow(all, index));
	const objects = list.map((row) => rowAsObject(row, columns));
	if (!shaping.useLabels) return objects;
	const labels = new Map(
		columns.map((column) => [column.fieldname, column.label || column.fieldname]),
	);
	return objects.map((row) => {
		const labelled: IDataObject = {};
		for (const [key, value] of Object.entries(row)) labelled[labels.get(key) ?? key] = value;
		return labelled;
	});
}

/**
 * Report Builder rows (`frappe.desk.reportview.get`: `{keys, values}`) as objects keyed by the
 * keys.
 */
export function reportViewRows(answer: unknown): IDataObject[] {
	const record = (answer && typeof answer === 'object' ? answer : {}) as IDataObject;
	const keys = Array.isArray(record.keys) ? (record.keys as string[]) : [];
	const values = Array.isArray(record.values) ? (record.values as unknown[][]) : [];
	return values.map((row) => {
		const object: IDataObject = {};
		keys.forEach((key, index) => {
			object[key] = (row[index] ?? null) as IDataObject[string];
		});
		return object;
	});
}

export interface ReportBuilderSettings {
	fields: Array<[string, string]>;
	filters: unknown[][];
	orderBy?: string;
	addTotalsRow: boolean;
}

/**
 * A Report Builder report's saved settings (`Report.json`, as `frappe.desk.reportview.save_report`
 * stores it).
 */
export function reportBuilderSettings(json: unknown, doctype: string): ReportBuilderSettings {
	let settings: IDataObject = {};
	if (typeof json === 'string' && json.trim() !== '') {
		try {
			settings = JSON.parse(json) as IDataObject;
		} catch {
			settings = {};
		}
	} else if (json && typeof json === 'object') settings = json as IDataObject;
	const fields = (Array.isArray(settings.fields) ? settings.fields : [])
		.map((field) =>
			Array.isArray(field)
				? ([String(field[0]), String(field[1] ?? doctype)] as [string, string])
				: ([String(field), doctype] as [string, string]),
		)
		.filter(([field]) => field !== '');
	const filters = (Array.isArray(settings.filters) ? settings.filters : [])
		.filter((filter): filter is unknown[] => Array.isArray(filter))
		// [doctype, field, operator, value, hidden]: the desk sends the first four
		.map((filter) => filter.slice(0, 4));
	return {
		fields: fields.length > 0 ? fields : [['name', doctype]],
		filters,
		orderBy:
			typeof settings.order_by === 'string' && settings.order_by ? settings.order_by : undefined,
		addTotalsRow: Boolean(settings.add_totals_row),
	};
}

/**
 * The `fields` of reportview.get for saved Report Builder fields: `` `tab<doctype>`.`<field>` ``.
 */
export function reportViewFields(fields: Array<[string, string]>): string[] {
	return fields.map(([field, doctype]) => `\`tab${doctype}\`.\`${field}\``);
}
