// DocType metadata: the DocType documents (with their DocField / DocPerm rows) as Frappe 15 stores them, and the three
// shapes Frappe serialises them in (GET /api/resource/DocType/X, /api/v2/doctype/X/meta, getdoctype's `docs`).
import type { Doc } from './types';

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
export const INT_FIELDTYPES = new Set(['Int', 'Check']);
export const FLOAT_FIELDTYPES = new Set(['Float', 'Currency', 'Percent']);
export const NUMERIC_FIELDTYPES = new Set([
	...INT_FIELDTYPES,
	...FLOAT_FIELDTYPES,
	'Rating',
	'Duration',
]);

/** Columns every (non-single) table has, in Frappe's order. */
export const STD_FIELDS = [
	'name',
	'owner',
	'creation',
	'modified',
	'modified_by',
	'docstatus',
	'idx',
] as const;
export const CHILD_STD_FIELDS = ['parent', 'parentfield', 'parenttype'] as const;
/** Columns every (non-child) table has besides its fields, which `*` does not list: the desk's caches. */
export const DESK_COLUMNS = ['_user_tags', '_comments', '_assign', '_liked_by'] as const;

/** A field as tests define it (any DocField property may be given). */
export interface FieldSpec {
	fieldname: string;
	fieldtype: string;
	label?: string;
	options?: string;
	reqd?: number;
	default?: string;
	[key: string]: unknown;
}

export interface PermSpec {
	role: string;
	read?: number;
	write?: number;
	create?: number;
	delete?: number;
	submit?: number;
	cancel?: number;
	amend?: number;
	report?: number;
	export?: number;
	import?: number;
	share?: number;
	print?: number;
	email?: number;
	select?: number;
	if_owner?: number;
	permlevel?: number;
}

/** What defineDocType accepts: DocType properties plus fields and permissions. */
export interface DocTypeSpec {
	name: string;
	module?: string;
	custom?: number;
	istable?: number;
	issingle?: number;
	is_submittable?: number;
	autoname?: string;
	title_field?: string;
	search_fields?: string;
	sort_field?: string;
	sort_order?: string;
	fields?: FieldSpec[];
	permissions?: PermSpec[];
	[key: string]: unknown;
}

const DOCTYPE_PROP_ORDER = [
	'name',
	'creation',
	'modified',
	'modified_by',
	'owner',
	'docstatus',
	'idx',
	'search_fields',
	'issingle',
	'is_virtual',
	'is_tree',
	'istable',
	'editable_grid',
	'track_changes',
	'module',
	'autoname',
	'title_field',
	'naming_rule',
	'sort_field',
	'sort_order',
	'read_only',
	'in_create',
	'allow_copy',
	'allow_rename',
	'allow_import',
	'hide_toolbar',
	'track_seen',
	'max_attachments',
	'document_type',
	'icon',
	'engine',
	'is_submittable',
	'show_name_in_global_search',
	'custom',
	'beta',
	'has_web_view',
	'allow_guest_to_view',
	'email_append_to',
	'subject_field',
	'sender_field',
	'show_title_field_in_link',
	'migration_hash',
	'translated_doctype',
	'is_calendar_and_gantt',
	'quick_entry',
	'track_views',
	'queue_in_background',
	'allow_events_in_timeline',
	'allow_auto_repeat',
	'make_attachments_public',
	'force_re_route_to_default_view',
	'show_preview_popup',
	'index_web_pages_for_search',
];

const DOCTYPE_PROP_DEFAULTS: Record<string, unknown> = {
	docstatus: 0,
	idx: 0,
	issingle: 0,
	is_virtual: 0,
	is_tree: 0,
	istable: 0,
	editable_grid: 1,
	track_changes: 0,
	naming_rule: '',
	sort_field: 'modified',
	sort_order: 'DESC',
	read_only: 0,
	in_create: 0,
	allow_copy: 0,
	allow_rename: 1,
	allow_import: 0,
	hide_toolbar: 0,
	track_seen: 0,
	max_attachments: 0,
	document_type: '',
	engine: 'InnoDB',
	is_submittable: 0,
	show_name_in_global_search: 0,
	custom: 0,
	beta: 0,
	has_web_view: 0,
	allow_guest_to_view: 0,
	email_append_to: 0,
	show_title_field_in_link: 0,
	translated_doctype: 0,
	is_calendar_and_gantt: 0,
	quick_entry: 0,
	track_views: 0,
	queue_in_background: 0,
	allow_events_in_timeline: 0,
	allow_auto_repeat: 0,
	make_attachments_public: 0,
	force_re_route_to_default_view: 0,
	show_preview_popup: 0,
	index_web_pages_for_search: 1,
};

const CHILD_ROW_HEAD = [
	'name',
	'creation',
	'modified',
	'modified_by',
	'owner',
	'docstatus',
	'parent',
	'parentfield',
	'parenttype',
	'idx',
];

const DOCFIELD_ORDER = [
	...CHILD_ROW_HEAD,
	'fieldname',
	'label',
	'oldfieldname',
	'fieldtype',
	'oldfieldtype',
	'options',
	'search_index',
	'show_dashboard',
	'hidden',
	'set_only_once',
	'allow_in_quick_entry',
	'print_hide',
	'report_hide',
	'reqd',
	'bold',
	'in_global_search',
	'collapsible',
	'unique',
	'no_copy',
	'allow_on_submit',
	'show_preview_popup',
	'permlevel',
	'ignore_user_permissions',
	'columns',
	'default',
	'in_list_view',
	'fetch_if_empty',
	'in_filter',
	'remember_last_selected_value',
	'ignore_xss_filter',
	'print_hide_if_no_value',
	'allow_bulk_edit',
	'in_standard_filter',
	'in_preview',
	'read_only',
	'precision',
	'length',
	'translatable',
	'hide_border',
	'hide_days',
	'hide_seconds',
	'non_negative',
	'is_virtual',
	'sort_options',
	'show_on_timeline',
	'make_attachment_public',
];
const DOCFIELD_STRINGS = new Set([
	'label',
	'oldfieldname',
	'oldfieldtype',
	'options',
	'default',
	'precision',
]);

const DOCPERM_ORDER = [
	...CHILD_ROW_HEAD,
	'permlevel',
	'role',
	'read',
	'write',
	'create',
	'submit',
	'cancel',
	'delete',
	'amend',
	'report',
	'export',
	'import',
	'share',
	'print',
	'email',
	'if_owner',
	'select',
];

export interface Stamp {
	creation: string;
	modified: string;
	owner?: string;
}

export type NameGen = () => string;

/** A DocType document with its child rows (fields, permissions). */
export class DocTypeDef {
	props: Record<string, unknown>;
	fields: Record<string, unknown>[];
	permissions: Record<string, unknown>[];
	/** extra keys getdoctype adds to this doctype's bundle (__js, __list_js ...) */
	assets: Record<string, unknown> = {};
	/** fields created through the REST API lack show_preview_popup in the insert response */
	createdViaApi = false;
	/** catalogue entries: known to exist (DocType list, links) but without documents worth modelling */
	catalogueOnly = false;

	constructor(
		props: Record<string, unknown>,
		fields: Record<string, unknown>[],
		permissions: Record<string, unknown>[],
	) {
		this.props = props;
		this.fields = fields;
		this.permissions = permissions;
	}

	get name(): string {
		return this.props.name as string;
	}
	get module(): string {
		return (this.props.module as string) ?? 'Custom';
	}
	get istable(): boolean {
		return !!this.props.istable;
	}
	get issingle(): boolean {
		return !!this.props.issingle;
	}
	get isSubmittable(): boolean {
		return !!this.props.is_submittable;
	}
	get autoname(): string | undefined {
		return (this.props.autoname as string | undefined) ?? undefined;
	}
	get titleField(): string | undefined {
		return (this.props.title_field as string | undefined) || undefined;
	}
	get searchFields(): string[] {
		const s = this.props.search_fields as string | undefined;
		return s
			? s
					.split(',')
					.map((x) => x.trim())
					.filter(Boolean)
			: [];
	}

	field(fieldname: string): Record<string, unknown> | undefined {
		return this.fields.find((f) => f.fieldname === fieldname);
	}
	/** fields that are columns of the table, in order */
	dataFields(): Record<string, unknown>[] {
		return this.fields.filter(
			(f) =>
				!LAYOUT_FIELDTYPES.has(f.fieldtype as string) &&
				!TABLE_FIELDTYPES.has(f.fieldtype as string) &&
				!f.is_virtual,
		);
	}
	tableFields(): Record<string, unknown>[] {
		return this.fields.filter((f) => TABLE_FIELDTYPES.has(f.fieldtype as string));
	}
	virtualFields(): Record<string, unknown>[] {
		return this.fields.filter(
			(f) => !!f.is_virtual && !LAYOUT_FIELDTYPES.has(f.fieldtype as string),
		);
	}
	/** every queryable column name */
	columns(): string[] {
		const cols: string[] = [...STD_FIELDS];
		if (this.istable) cols.push(...CHILD_STD_FIELDS);
		for (const f of this.dataFields()) cols.push(f.fieldname as string);
		if (this.isSubmittable && !cols.includes('amended_from')) cols.push('amended_from');
		return cols;
	}
	hasColumn(col: string): boolean {
		if (!this.istable && (DESK_COLUMNS as readonly string[]).includes(col)) return true;
		return this.columns().includes(col);
	}
	fieldtype(col: string): string {
		if (col === 'docstatus' || col === 'idx') return 'Int';
		if (col === 'creation' || col === 'modified') return 'Datetime';
		if ((DESK_COLUMNS as readonly string[]).includes(col)) return 'Text';
		const f = this.field(col);
		return (f?.fieldtype as string) ?? 'Data';
	}
	label(fieldname: string): string {
		const f = this.field(fieldname);
		return (f?.label as string) || fieldname;
	}

	/** DocType record as a row of `tabDocType` (for lists and filters) */
	asRow(): Doc {
		const row: Doc = {};
		for (const [k, v] of Object.entries(this.props)) row[k] = v;
		return row;
	}
}

function fmt(
	props: Record<string, unknown>,
	order: string[],
	skipNull = true,
): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const k of order)
		if (k in props && !(skipNull && (props[k] === null || props[k] === undefined)))
			out[k] = props[k];
	for (const [k, v] of Object.entries(props))
		if (!(k in out) && !order.includes(k) && !(skipNull && (v === null || v === undefined)))
			out[k] = v;
	return out;
}

export function makeDocField(
	parent: string,
	idx: number,
	spec: FieldSpec,
	stamp: Stamp,
	genName: NameGen,
	custom: boolean,
): Record<string, unknown> {
	const rec: Record<string, unknown> = {
		name: genName(),
		creation: stamp.creation,
		modified: stamp.modified,
		modified_by: 'Administrator',
		owner: stamp.owner ?? 'Administrator',
		docstatus: 0,
		parent,
		parentfield: 'fields',
		parenttype: 'DocType',
		idx,
	};
	for (const k of DOCFIELD_ORDER.slice(CHILD_ROW_HEAD.length)) {
		if (k in spec && spec[k] !== undefined && spec[k] !== null) rec[k] = spec[k];
		else if (k === 'precision') {
			if (custom) rec[k] = '';
		} else if (!DOCFIELD_STRINGS.has(k) && k !== 'fieldname' && k !== 'fieldtype') rec[k] = 0;
	}
	for (const [k, v] of Object.entries(spec)) if (!(k in rec) && v !== undefined) rec[k] = v;
	return fmt(rec, DOCFIELD_ORDER);
}

export function makeDocPerm(
	parent: string,
	idx: number,
	spec: PermSpec,
	stamp: Stamp,
	genName: NameGen,
): Record<string, unknown> {
	const rec: Record<string, unknown> = {
		name: genName(),
		creation: stamp.creation,
		modified: stamp.modified,
		modified_by: 'Administrator',
		owner: stamp.owner ?? 'Administrator',
		docstatus: 0,
		parent,
		parentfield: 'permissions',
		parenttype: 'DocType',
		idx,
	};
	for (const k of DOCPERM_ORDER.slice(CHILD_ROW_HEAD.length)) {
		const v = (spec as unknown as Record<string, unknown>)[k];
		rec[k] = k === 'role' ? spec.role : typeof v === 'number' ? v : 0;
	}
	return rec;
}

/** Build a DocTypeDef from a spec, filling Frappe's defaults. `custom` fields get precision "". */
export function buildDocType(
	spec: DocTypeSpec,
	stamp: Stamp,
	genName: NameGen,
	opts: { custom?: boolean } = {},
): DocTypeDef {
	const custom = opts.custom ?? !!spec.custom;
	const props: Record<string, unknown> = {
		name: spec.name,
		creation: stamp.creation,
		modified: stamp.modified,
		modified_by: 'Administrator',
		owner: stamp.owner ?? 'Administrator',
	};
	for (const k of DOCTYPE_PROP_ORDER) {
		if (k in props) continue;
		if (k in spec && spec[k] !== undefined) props[k] = spec[k];
		else if (k in DOCTYPE_PROP_DEFAULTS) props[k] = DOCTYPE_PROP_DEFAULTS[k];
	}
	if (!props.module) props.module = 'Custom';
	for (const [k, v] of Object.entries(spec))
		if (
			!(k in props) &&
			k !== 'fields' &&
			k !== 'permissions' &&
			k !== 'doctype' &&
			v !== undefined
		)
			props[k] = v;
	const fieldSpecs = [...(spec.fields ?? [])];
	const fields = fieldSpecs.map((f, i) =>
		makeDocField(spec.name, i + 1, f, stamp, genName, custom),
	);
	if (props.is_submittable && !fieldSpecs.some((f) => f.fieldname === 'amended_from')) {
		fields.push(
			makeDocField(
				spec.name,
				fields.length + 1,
				{
					fieldname: 'amended_from',
					label: 'Amended From',
					fieldtype: 'Link',
					options: spec.name,
					search_index: 1,
					print_hide: 1,
					no_copy: 1,
					read_only: 1,
				},
				stamp,
				genName,
				false,
			),
		);
	}
	const permissions = (spec.permissions ?? []).map((p, i) =>
		makeDocPerm(spec.name, i + 1, p, stamp, genName),
	);
	return new DocTypeDef(fmt(props, DOCTYPE_PROP_ORDER), fields, permissions);
}

// ---- serialisations -------------------------------------------------------------------------------------------

/** GET /api/resource/DocType/X (and the insert response when `inserted`) */
export function serializeDocTypeResource(dt: DocTypeDef, opts: { inserted?: boolean } = {}): Doc {
	const out: Doc = fmt(dt.props, DOCTYPE_PROP_ORDER);
	out.doctype = 'DocType';
	out.fields = dt.fields.map((f) => {
		const row = fmt(f, DOCFIELD_ORDER);
		if (opts.inserted && dt.createdViaApi) delete row.show_preview_popup;
		row.doctype = 'DocField';
		if (opts.inserted) row.__unsaved = 1;
		return row;
	});
	out.actions = [];
	out.permissions = dt.permissions.map((p) => ({
		...fmt(p, DOCPERM_ORDER),
		doctype: 'DocPerm',
		...(opts.inserted ? { __unsaved: 1 } : {}),
	}));
	out.states = [];
	out.links = [];
	return out;
}

const EMPTY_NESTED = () => ({ fields: [], permissions: [], actions: [], links: [], states: [] });

function metaFieldRow(f: Record<string, unknown>, withLinkExtras: boolean): Doc {
	const row: Doc = { doctype: 'DocField', ...fmt(f, DOCFIELD_ORDER), ...EMPTY_NESTED() };
	if (withLinkExtras)
		Object.assign(row, { search_fields: null, is_custom_field: null, linked_document_type: null });
	return row;
}

/** frappe.get_meta(X).as_dict() — /api/v2/doctype/X/meta; with `forDesk` the variant getdoctype sends. */
export function serializeMeta(dt: DocTypeDef, opts: { forDesk?: boolean } = {}): Doc {
	const out: Doc = { doctype: 'DocType', ...fmt(dt.props, DOCTYPE_PROP_ORDER) };
	out.fields = dt.fields.map((f) => metaFieldRow(f, !!opts.forDesk));
	out.permissions = dt.permissions.map((p) => ({
		doctype: 'DocPerm',
		...fmt(p, DOCPERM_ORDER),
		...EMPTY_NESTED(),
	}));
	const tables = dt.tableFields();
	if (tables.length) out._table_fields = tables.map((f) => metaFieldRow(f, false));
	out.actions = [];
	out.links = [];
	out.states = [];
	return out;
}

/** The meta row of a DocField for `tabDocField` queries (options null when unset). */
export function docFieldRow(f: Record<string, unknown>): Doc {
	const row: Doc = {};
	for (const k of DOCFIELD_ORDER) row[k] = f[k] ?? (DOCFIELD_STRINGS.has(k) ? null : (f[k] ?? 0));
	for (const [k, v] of Object.entries(f)) if (!(k in row)) row[k] = v;
	return row;
}
export function docPermRow(p: Record<string, unknown>): Doc {
	return { ...p };
}

export const DOCFIELD_COLUMNS = DOCFIELD_ORDER.filter((k) => !CHILD_ROW_HEAD.includes(k));
export const DOCPERM_COLUMNS = DOCPERM_ORDER.filter((k) => !CHILD_ROW_HEAD.includes(k));
export const DOCTYPE_COLUMNS = DOCTYPE_PROP_ORDER.filter(
	(k) => !['name', 'creation', 'modified', 'modified_by', 'owner', 'docstatus', 'idx'].includes(k),
);
