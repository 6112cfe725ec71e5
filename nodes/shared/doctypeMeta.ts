// A doctype's fields as Frappe describes them (`frappe.desk.form.load.getdoctype` on v1,
// `/api/v2/doctype/{dt}/meta` on v2), and the typing of values typed into the node: Frappe casts a
// string by the field's type, except that a Check given "true" becomes 0 and a child table given as
// text fails, so the node sends real types. Pure.

export interface DocField {
	fieldname: string;
	label: string;
	fieldtype: string;
	/** For Link and Table fields, the doctype they point to; for Select, the choices. */
	options?: string;
	reqd: boolean;
}

export interface DoctypeMeta {
	name: string;
	isSubmittable: boolean;
	isTable: boolean;
	isSingle: boolean;
	fields: DocField[];
}

/** Field types that hold no value (layout only). */
export const LAYOUT_FIELDTYPES = new Set([
	'Section Break',
	'Column Break',
	'Tab Break',
	'HTML',
	'Button',
	'Image',
	'Fold',
	'Heading',
]);

export const TABLE_FIELDTYPES = new Set(['Table', 'Table MultiSelect']);

const INT_FIELDTYPES = new Set(['Int', 'Check']);
const FLOAT_FIELDTYPES = new Set(['Float', 'Currency', 'Percent', 'Rating', 'Duration']);

/** Fields every document has, which the meta does not list. */
export const STANDARD_FIELDS: DocField[] = [
	{ fieldname: 'name', label: 'ID', fieldtype: 'Data', reqd: false },
	{
		fieldname: 'owner',
		label: 'Created By',
		fieldtype: 'Link',
		options: 'User',
		reqd: false,
	},
	{ fieldname: 'creation', label: 'Created On', fieldtype: 'Datetime', reqd: false },
	{
		fieldname: 'modified',
		label: 'Last Updated On',
		fieldtype: 'Datetime',
		reqd: false,
	},
	{
		fieldname: 'modified_by',
		label: 'Last Updated By',
		fieldtype: 'Link',
		options: 'User',
		reqd: false,
	},
	{ fieldname: 'docstatus', label: 'Document Status', fieldtype: 'Int', reqd: false },
	{ fieldname: 'idx', label: 'Index', fieldtype: 'Int', reqd: false },
];

function record(value: unknown): Record<string, unknown> {
	return value && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}

function toMeta(raw: Record<string, unknown>): DoctypeMeta {
	const fields = Array.isArray(raw.fields) ? (raw.fields as unknown[]) : [];
	return {
		name: String(raw.name ?? ''),
		isSubmittable: Boolean(Number(raw.is_submittable ?? 0)),
		isTable: Boolean(Number(raw.istable ?? 0)),
		isSingle: Boolean(Number(raw.issingle ?? 0)),
		fields: fields
			.map(record)
			.filter((field) => typeof field.fieldname === 'string' && field.fieldname !== '')
			.filter((field) => !LAYOUT_FIELDTYPES.has(String(field.fieldtype)))
			.map((field) => ({
				fieldname: String(field.fieldname),
				label:
					typeof field.label === 'string' && field.label !== ''
						? field.label
						: String(field.fieldname),
				fieldtype: String(field.fieldtype ?? 'Data'),
				options:
					typeof field.options === 'string' && field.options !== '' ? field.options : undefined,
				reqd: Boolean(Number(field.reqd ?? 0)),
			})),
	};
}

/**
 * The meta of `doctype` from either answer: getdoctype's `{docs: [DocType, …child DocTypes]}` or
 * v2's `{data: meta}`. Returns undefined when the answer holds no such doctype.
 */
export function metaFromResponse(body: unknown, doctype: string): DoctypeMeta | undefined {
	const response = record(body);
	const candidates: unknown[] = Array.isArray(response.docs)
		? response.docs
		: response.data !== undefined
			? [response.data]
			: [response.message];
	const raw =
		candidates.map(record).find((entry) => entry.name === doctype) ?? record(candidates[0]);
	if (!Array.isArray(raw.fields)) return undefined;
	return toMeta(raw);
}

const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0', '']);

export class FieldValueError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'FieldValueError';
	}
}

function parseJsonValue(text: string, fieldname: string, fieldtype: string): unknown {
	let problem: string;
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		problem = (error as Error).message;
	}
	throw new FieldValueError(
		`"${fieldname}" is a ${fieldtype} field: give its rows as a JSON array, e.g. [{"item": "Widget", "qty": 2}] (${problem})`,
	);
}

/**
 * The value to send for a field of `fieldtype`. Only text is converted (a value from an expression
 * keeps its type): Check → 0/1, Int → integer, Float/Currency/Percent → number, Table →
 * array of rows, JSON → parsed. Text that does not fit the type is sent as it is, for Frappe to
 * judge.
 */
export function coerceFieldValue(
	value: unknown,
	fieldtype: string | undefined,
	fieldname: string,
): unknown {
	if (typeof value !== 'string' || fieldtype === undefined) return value;
	const text = value.trim();
	if (fieldtype === 'Check') {
		const word = text.toLowerCase();
		if (TRUE_WORDS.has(word)) return 1;
		if (FALSE_WORDS.has(word)) return 0;
		return value;
	}
	if (INT_FIELDTYPES.has(fieldtype)) return INTEGER.test(text) ? Number.parseInt(text, 10) : value;
	if (FLOAT_FIELDTYPES.has(fieldtype)) return DECIMAL.test(text) ? Number(text) : value;
	if (TABLE_FIELDTYPES.has(fieldtype)) {
		if (text === '') return [];
		const rows = parseJsonValue(text, fieldname, fieldtype);
		if (Array.isArray(rows)) return rows;
		if (rows && typeof rows === 'object') return [rows];
		throw new FieldValueError(
			`"${fieldname}" is a ${fieldtype} field: give its rows as a JSON array`,
		);
	}
	if (fieldtype === 'JSON') return parsedJsonText(value);
	return value;
}

/**
 * Text of a JSON object or list parsed; anything else, and text that is not valid JSON, as it is.
 */
export function parsedJsonText(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const text = value.trim();
	if (!text.startsWith('{') && !text.startsWith('[')) return value;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return value;
	}
}

/**
 * Types every value of `values` by its field in `meta`. Without a meta (it could not be read), only
 * text that is plainly a JSON array of row objects is parsed, so a child table still arrives as
 * rows.
 */
export function coerceFieldValues(
	values: Record<string, unknown>,
	meta: DoctypeMeta | undefined,
): Record<string, unknown> {
	const types = new Map((meta?.fields ?? []).map((field) => [field.fieldname, field.fieldtype]));
	const typed: Record<string, unknown> = {};
	for (const [fieldname, value] of Object.entries(values)) {
		if (meta) {
			typed[fieldname] = coerceFieldValue(value, types.get(fieldname), fieldname);
		} else if (typeof value === 'string' && /^\s*\[\s*\{/.test(value)) {
			typed[fieldname] = coerceFieldValue(value, 'Table', fieldname);
		} else {
			typed[fieldname] = value;
		}
	}
	return typed;
}
