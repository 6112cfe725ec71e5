// In-memory documents with Frappe's Document semantics: naming, defaults, validation, docstatus, child tables,
// permissions, transactions (a request commits or rolls back) and document events. What a doctype does beyond that
// is its controller's (doctypes/), which the store calls where Frappe's Document does. DocType, DocField and DocPerm
// documents are the store's metadata rather than rows, so the store handles those three itself.
import { createHash } from 'node:crypto';
import {
	FrappeError,
	frappeThrow,
	notAllowedByController,
	noRolePermission,
	notFound,
	plainMsg,
	type MessageLog,
} from './errors';
import {
	buildDocType,
	CHILD_STD_FIELDS,
	DocTypeDef,
	docFieldRow,
	FLOAT_FIELDTYPES,
	INT_FIELDTYPES,
	DESK_COLUMNS,
	LAYOUT_FIELDTYPES,
	STD_FIELDS,
	TABLE_FIELDTYPES,
	type DocTypeSpec,
} from './meta';
import { Clock, hashName } from './naming';
import { controllerOf, coreDocTypes, EVENT_HOOKS, type PermissionContext } from './doctypes';
import type { Doc, DocEvent, DocEventListener, DocEventName, FrappeVersion } from './types';
import { runQuery, countQuery, type ListParams } from './filters';
import { recordDeletion, recordVersion } from './changes';
import { sharedWith } from './doctypes/docshare';
import { validateWorkflow } from './workflow';

export interface OpOptions {
	/** the acting user (default Administrator) */
	user?: string;
	/** skip role and row permission checks (test setup, upload_file ...) */
	ignorePermissions?: boolean;
	/** keep a `name` given for a hash-named doctype (like frappe.flags.in_import) */
	keepName?: boolean;
	/** skip mandatory checks */
	ignoreMandatory?: boolean;
	/** keep owner/creation/modified given in the data (seeding) */
	keepTimestamps?: boolean;
	/** the save is apply_workflow's: its state change and submit are the transition's */
	workflowAction?: boolean;
	/** like Document.db_insert: the row is written without document events */
	withoutEvents?: boolean;
}

export interface SaveResult {
	doc: Doc;
	/** names of child rows added by this operation (serialised with __unsaved: 1) */
	unsaved: Set<string>;
}

const AUTOMATIC_ROLES = new Set(['Administrator', 'Guest', 'All', 'Desk User']);
const PTYPES = [
	'read',
	'write',
	'create',
	'delete',
	'submit',
	'cancel',
	'amend',
	'report',
	'export',
	'import',
	'share',
	'print',
	'email',
	'select',
];

const clone = <T>(v: T): T => structuredClone(v);

function isEmpty(v: unknown): boolean {
	if (v === null || v === undefined) return true;
	if (Array.isArray(v)) return v.length === 0;
	if (typeof v === 'string') return v.replace(/<[^>]*>/g, '').trim() === '';
	return false;
}

interface Journal {
	docs: Map<string, Doc | undefined>;
	metas: Map<string, DocTypeDef | undefined>;
	files: Map<string, Buffer | undefined>;
	passwords: Map<string, string | undefined>;
	singles: Map<string, Doc | undefined>;
	events: DocEvent[];
}

export class Store {
	readonly clock: Clock;
	private readonly metas = new Map<string, DocTypeDef>();
	private readonly tables = new Map<string, Map<string, Doc>>();
	private readonly singles = new Map<string, Doc>();
	private readonly passwords = new Map<string, string>();
	/** file contents by file_url path (/files/x, /private/files/x) */
	readonly files = new Map<string, Buffer>();
	/** extra role permissions that are not part of any DocType's permissions (the clerk's role) */
	private readonly grants = new Map<string, Map<string, Set<string>>>();
	private readonly listeners = new Set<DocEventListener>();
	private journal: Journal | null = null;
	private seriesCounters = new Map<string, number>();

	constructor(
		readonly version: FrappeVersion,
		clock?: Clock,
	) {
		this.clock = clock ?? new Clock();
		const install = this.clock.timestamp();
		for (const dt of coreDocTypes(install, () => hashName())) this.metas.set(dt.name, dt);
	}

	// ---- events ---------------------------------------------------------------------------------------------

	onDocEvent(listener: DocEventListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** Runs the controller's hook for each event (after_insert → afterInsert, ...), then records the event. */
	private emit(doctype: string, doc: Doc, events: DocEventName[]): void {
		const controller = controllerOf(doctype);
		for (const event of events) {
			controller?.[EVENT_HOOKS[event]]?.(doc, this);
			const e: DocEvent = {
				doctype,
				name: doc.name as string,
				event,
				doc: this.asDict(doctype, doc, { nulls: true }),
			};
			if (this.journal) this.journal.events.push(e);
			else this.dispatch([e]);
		}
	}

	private dispatch(events: DocEvent[]): void {
		for (const e of events)
			for (const l of this.listeners) {
				try {
					l(clone(e));
				} catch {
					// a listener's failure must not break the request
				}
			}
	}

	// ---- transactions ---------------------------------------------------------------------------------------

	begin(): void {
		this.journal = {
			docs: new Map(),
			metas: new Map(),
			files: new Map(),
			passwords: new Map(),
			singles: new Map(),
			events: [],
		};
	}

	commit(): void {
		const j = this.journal;
		this.journal = null;
		if (j) this.dispatch(j.events);
	}

	rollback(): void {
		const j = this.journal;
		this.journal = null;
		if (!j) return;
		for (const [key, prev] of j.docs) {
			const [dt, name] = key.split('\u0000');
			const t = this.table(dt);
			if (prev === undefined) t.delete(name);
			else t.set(name, prev);
		}
		for (const [name, prev] of j.metas) {
			if (prev === undefined) this.metas.delete(name);
			else this.metas.set(name, prev);
		}
		for (const [url, prev] of j.files) {
			if (prev === undefined) this.files.delete(url);
			else this.files.set(url, prev);
		}
		for (const [k, prev] of j.passwords) {
			if (prev === undefined) this.passwords.delete(k);
			else this.passwords.set(k, prev);
		}
		for (const [k, prev] of j.singles) {
			if (prev === undefined) this.singles.delete(k);
			else this.singles.set(k, prev);
		}
	}

	get inTransaction(): boolean {
		return this.journal !== null;
	}

	// ---- raw storage ----------------------------------------------------------------------------------------

	private table(doctype: string): Map<string, Doc> {
		let t = this.tables.get(doctype);
		if (!t) this.tables.set(doctype, (t = new Map()));
		return t;
	}

	private writeDoc(doctype: string, name: string, doc: Doc | undefined): void {
		const t = this.table(doctype);
		const key = `${doctype}\u0000${name}`;
		if (this.journal && !this.journal.docs.has(key)) {
			const prev = t.get(name);
			this.journal.docs.set(key, prev === undefined ? undefined : clone(prev));
		}
		if (doc === undefined) t.delete(name);
		else t.set(name, doc);
	}

	private writeMeta(name: string, dt: DocTypeDef | undefined): void {
		if (this.journal && !this.journal.metas.has(name))
			this.journal.metas.set(name, this.metas.get(name));
		if (dt) this.metas.set(name, dt);
		else this.metas.delete(name);
	}

	putFile(url: string, content: Buffer | undefined): void {
		if (this.journal && !this.journal.files.has(url))
			this.journal.files.set(url, this.files.get(url));
		if (content === undefined) this.files.delete(url);
		else this.files.set(url, content);
	}

	setPassword(doctype: string, name: string, field: string, value: string | undefined): void {
		const key = `${doctype}\u0000${name}\u0000${field}`;
		if (this.journal && !this.journal.passwords.has(key))
			this.journal.passwords.set(key, this.passwords.get(key));
		if (value === undefined) this.passwords.delete(key);
		else this.passwords.set(key, value);
	}

	/** The clear-text value of a Password field (e.g. a Webhook's webhook_secret). */
	getPassword(doctype: string, name: string, field: string): string | undefined {
		return this.passwords.get(`${doctype}\u0000${name}\u0000${field}`);
	}

	setSingle(doctype: string, doc: Doc): void {
		if (this.journal && !this.journal.singles.has(doctype))
			this.journal.singles.set(doctype, this.singles.get(doctype));
		this.singles.set(doctype, doc);
	}

	getSingle(doctype: string): Doc | undefined {
		return this.singles.get(doctype);
	}

	// ---- meta ----------------------------------------------------------------------------------------------

	getMeta(doctype: string): DocTypeDef | undefined {
		return this.metas.get(doctype);
	}

	/** DoesNotExistError "DocType X not found" when unknown */
	requireMeta(doctype: string): DocTypeDef {
		const m = this.metas.get(doctype);
		if (!m) throw frappeThrow(`DocType ${doctype} not found`, 'DoesNotExistError');
		return m;
	}

	allMetas(): DocTypeDef[] {
		return [...this.metas.values()];
	}

	/** Register a doctype (a spec or a ready DocTypeDef). Replaces an existing definition. */
	defineDocType(
		spec: DocTypeSpec | DocTypeDef,
		opts: { custom?: boolean; viaApi?: boolean } = {},
	): DocTypeDef {
		const stamp = this.clock.timestamp();
		const dt =
			spec instanceof DocTypeDef
				? spec
				: buildDocType(spec, { creation: stamp, modified: stamp }, () => hashName(), {
						custom: opts.custom,
					});
		dt.createdViaApi = !!opts.viaApi;
		this.writeMeta(dt.name, dt);
		return dt;
	}

	/** Grant a role permissions on a doctype without touching its DocType document (see users.ts CLERK_ROLE). */
	grant(doctype: string, role: string, ptypes: string[]): void {
		let m = this.grants.get(doctype);
		if (!m) this.grants.set(doctype, (m = new Map()));
		let s = m.get(role);
		if (!s) m.set(role, (s = new Set()));
		for (const p of ptypes) s.add(p);
	}

	// ---- users and permissions ----------------------------------------------------------------------------

	userDoc(user: string): Doc | undefined {
		return this.table('User').get(user);
	}

	rolesOf(user: string): string[] {
		if (user === 'Guest') return ['Guest'];
		const doc = this.userDoc(user);
		const roles = new Set<string>(['All', 'Guest']);
		if (user === 'Administrator') {
			for (const r of this.table('Role').keys()) roles.add(r);
			roles.add('Administrator');
			roles.add('System Manager');
		}
		for (const r of (doc?.roles as Doc[] | undefined) ?? []) roles.add(r.role as string);
		// Frappe 15 gives every System User the automatic role Desk User (frappe.permissions.get_roles)
		if (doc?.user_type === 'System User') roles.add('Desk User');
		return [...roles];
	}

	isSystemUser(user: string): boolean {
		if (user === 'Administrator') return true;
		const doc = this.userDoc(user);
		return doc?.user_type === 'System User';
	}

	/** roles that have `ptype` on the doctype (DocPerm rows at permlevel 0 plus grants) */
	doctypeRoles(doctype: string, ptype = 'read'): string[] {
		const meta = this.metas.get(doctype);
		const roles = new Set<string>();
		for (const p of meta?.permissions ?? [])
			if (!p.permlevel && p[ptype]) roles.add(p.role as string);
		for (const [role, set] of this.grants.get(doctype) ?? []) if (set.has(ptype)) roles.add(role);
		return [...roles];
	}

	/** role-level permission (frappe.has_permission without a document) */
	hasRolePermission(user: string, doctype: string, ptype = 'read'): boolean {
		if (user === 'Administrator') return true;
		const meta = this.metas.get(doctype);
		if (meta?.istable) return false;
		const roles = new Set(this.rolesOf(user));
		const has = (p: string) => this.doctypeRoles(doctype, p).some((r) => roles.has(r));
		if (has(ptype)) return true;
		if (ptype === 'select') return has('read');
		return false;
	}

	private permissionContext(user: string, doctype: string): PermissionContext {
		const roles = new Set(this.rolesOf(user));
		return {
			store: this,
			user,
			roles,
			hasRoleFor: (ptype) =>
				this.doctypeRoles(doctype, ptype).some((r) => !AUTOMATIC_ROLES.has(r) && roles.has(r)),
		};
	}

	/** the row-level rule of the doctype's controller (has_permission), for anyone but Administrator */
	private controllerAllows(user: string, doctype: string, doc: Doc, ptype: string): boolean {
		const hasPermission = controllerOf(doctype)?.hasPermission;
		if (user === 'Administrator' || !hasPermission) return true;
		return hasPermission(doc, ptype, this.permissionContext(user, doctype));
	}

	/** the list filter matching controllerAllows (the controller's permission_query_conditions) */
	rowFilter(user: string, doctype: string): ((row: Doc) => boolean) | null {
		const permissionQuery = controllerOf(doctype)?.permissionQuery;
		if (user === 'Administrator' || !permissionQuery) return null;
		return permissionQuery(this.permissionContext(user, doctype));
	}

	/** raise the PermissionError Frappe raises for `ptype` on a document */
	checkDocPermission(user: string, doctype: string, doc: Doc, ptype: string): void {
		const meta = this.requireMeta(doctype);
		const permDoctype = meta.istable ? ((doc.parenttype as string) ?? doctype) : doctype;
		if (!meta.istable && sharedWith(this, user, doctype, doc.name, ptype)) return;
		if (!this.hasRolePermission(user, permDoctype, ptype)) {
			const err = noRolePermission(user, permDoctype);
			throw new FrappeError('PermissionError', {
				msgs: err.msgs,
				errorMessage:
					ptype === 'read'
						? undefined
						: `Insufficient Permission for ${doctype} (<strong>${ptype}</strong>)`,
			});
		}
		const target =
			meta.istable && doc.parent ? (this.table(permDoctype).get(doc.parent as string) ?? doc) : doc;
		if (!this.controllerAllows(user, permDoctype, target, ptype)) {
			throw notAllowedByController(user, permDoctype, (target.name as string) ?? null, ptype);
		}
	}

	/** true when the row rule lets the user see/modify the doc (no error) */
	canAccess(user: string, doctype: string, doc: Doc, ptype = 'read'): boolean {
		try {
			this.checkDocPermission(user, doctype, doc, ptype);
			return true;
		} catch {
			return false;
		}
	}

	// ---- reading -------------------------------------------------------------------------------------------

	/** the stored document (not a copy: do not mutate) */
	raw(doctype: string, name: string): Doc | undefined {
		const meta = this.metas.get(doctype);
		if (meta?.istable) return this.findChild(doctype, name);
		if (meta?.issingle) return this.singles.get(doctype);
		return this.table(doctype).get(name);
	}

	exists(doctype: string, name: string): boolean {
		if (doctype === 'DocType') return this.metas.has(name);
		return this.raw(doctype, name) !== undefined;
	}

	private findChild(doctype: string, name: string): Doc | undefined {
		for (const meta of this.metas.values()) {
			for (const tf of meta.tableFields()) {
				if (tf.options !== doctype) continue;
				for (const parent of this.table(meta.name).values()) {
					const row = ((parent[tf.fieldname as string] as Doc[]) ?? []).find(
						(r) => r.name === name,
					);
					if (row) return row;
				}
			}
		}
		return undefined;
	}

	/** all rows of a doctype's table, for queries (child rows of every parent, or of parents of `parentDoctype`) */
	rowsOf(doctype: string, parentDoctype?: string): Doc[] {
		if (doctype === 'DocType') return [...this.metas.values()].map((m) => ({ ...m.asRow() }));
		if (doctype === 'DocField' || doctype === 'DocPerm') {
			const out: Doc[] = [];
			for (const m of this.metas.values()) {
				if (m.catalogueOnly) continue;
				const rows =
					doctype === 'DocField' ? m.fields.map(docFieldRow) : m.permissions.map((p) => ({ ...p }));
				out.push(...rows);
			}
			return out;
		}
		const meta = this.metas.get(doctype);
		if (meta?.istable) {
			const out: Doc[] = [];
			for (const pm of this.metas.values()) {
				if (parentDoctype && pm.name !== parentDoctype) continue;
				for (const tf of pm.tableFields()) {
					if (tf.options !== doctype) continue;
					for (const parent of this.table(pm.name).values())
						out.push(...((parent[tf.fieldname as string] as Doc[]) ?? []));
				}
			}
			return out;
		}
		return [...this.table(doctype).values()];
	}

	// ---- serialisation -------------------------------------------------------------------------------------

	/**
	 * Document → dict. `nulls: false` is v15's Document serialisation (as_dict(no_nulls=True)), `nulls: true` is as_dict().
	 * Child rows named in `unsaved` get "__unsaved": 1.
	 */
	asDict(
		doctype: string,
		doc: Doc,
		opts: { nulls: boolean; unsaved?: Set<string>; forUser?: string } = { nulls: false },
	): Doc {
		const meta = this.metas.get(doctype);
		if (!meta || meta.issingle) {
			const out: Doc = { ...doc, doctype };
			return opts.nulls ? out : dropNulls(out);
		}
		const out: Doc = {};
		for (const k of STD_FIELDS) out[k] = doc[k] ?? null;
		// the desk's cache columns (tags, comments, assignments, likes) appear once something set them
		for (const k of DESK_COLUMNS) if (doc[k] !== undefined && doc[k] !== null) out[k] = doc[k];
		for (const f of meta.dataFields()) {
			const fn = f.fieldname as string;
			out[fn] = doc[fn] ?? null;
		}
		const virtualFields = controllerOf(doctype)?.virtualFields ?? {};
		for (const f of meta.virtualFields()) {
			const fieldname = f.fieldname as string;
			if (Object.hasOwn(virtualFields, fieldname)) out[fieldname] = virtualFields[fieldname](doc);
		}
		if (meta.istable) for (const k of CHILD_STD_FIELDS) out[k] = doc[k] ?? null;
		out.doctype = doctype;
		const result = opts.nulls ? out : dropNulls(out);
		for (const tf of meta.tableFields()) {
			const childDt = tf.options as string;
			result[tf.fieldname as string] = ((doc[tf.fieldname as string] as Doc[]) ?? []).map((row) => {
				const r = this.asDict(childDt, row, { nulls: opts.nulls });
				if (opts.unsaved?.has(row.name as string)) r.__unsaved = 1;
				return r;
			});
		}
		return result;
	}

	// ---- naming ---------------------------------------------------------------------------------------------

	private newName(meta: DocTypeDef, doc: Doc, opts: OpOptions): string {
		const given = typeof doc.name === 'string' && doc.name.trim() ? doc.name.trim() : undefined;
		if (meta.issingle) return meta.name;
		if (doc.amended_from && meta.isSubmittable)
			return this.amendedName(meta, doc.amended_from as string);
		const autoname = (meta.autoname ?? '').trim();
		const lower = autoname.toLowerCase();
		if (lower === 'prompt' || (!autoname && !meta.istable && given) || (opts.keepName && given)) {
			if (!given) throw frappeThrow('Please set the document name');
			return given;
		}
		// set_new_name: the controller's autoname comes before the naming rule's options
		const autonameHook = controllerOf(meta.name)?.autoname;
		if (autonameHook) return autonameHook(doc, this);
		if (lower.startsWith('field:')) {
			const fn = autoname.slice(6).trim();
			const v = doc[fn];
			if (isEmpty(v)) throw frappeThrow(`${meta.label(fn)} is required`);
			return String(v).trim();
		}
		if (
			autoname.includes('.#') ||
			lower.startsWith('format:') ||
			lower.startsWith('naming_series:')
		)
			return this.seriesName(meta, doc, autoname);
		// Frappe retries the insert with a fresh hash when a generated name collides (base_document.db_insert).
		let name = hashName(this.clock.now());
		while (this.table(meta.name).has(name)) name = hashName(this.clock.now());
		return name;
	}

	private seriesName(meta: DocTypeDef, doc: Doc, autoname: string): string {
		let pattern = autoname;
		if (autoname.toLowerCase().startsWith('naming_series:'))
			pattern = String(doc.naming_series ?? `${meta.name.toUpperCase().slice(0, 3)}-.####`);
		if (pattern.toLowerCase().startsWith('format:'))
			pattern = pattern
				.slice(7)
				.replace(/\{(#+)\}/, '.$1')
				.replace(/\{([^}]+)\}/g, (_m, k: string) => String(doc[k] ?? ''));
		const m = /^(.*)\.(#+)(.*)$/.exec(pattern);
		if (!m) return pattern;
		const key = m[1];
		const n = (this.seriesCounters.get(key) ?? 0) + 1;
		this.seriesCounters.set(key, n);
		return `${m[1]}${String(n).padStart(m[2].length, '0')}${m[3]}`;
	}

	private amendedName(meta: DocTypeDef, amendedFrom: string): string {
		const original = this.table(meta.name).get(amendedFrom);
		let id = 1;
		let prefix = amendedFrom;
		if (original?.amended_from) {
			const parts = amendedFrom.split('-');
			id = parseInt(parts[parts.length - 1], 10) + 1;
			prefix = parts.slice(0, -1).join('-');
		}
		return `${prefix}-${id}`;
	}

	// ---- building documents ---------------------------------------------------------------------------------

	private coerce(meta: DocTypeDef, fieldname: string, value: unknown): unknown {
		const f = meta.field(fieldname);
		if (!f || value === undefined || value === null) return value ?? null;
		const ft = f.fieldtype as string;
		if (INT_FIELDTYPES.has(ft)) {
			if (typeof value === 'boolean') return value ? 1 : 0;
			if (value === '') return 0;
			const n = parseInt(String(value), 10);
			return Number.isNaN(n) ? value : n;
		}
		if (FLOAT_FIELDTYPES.has(ft)) {
			if (value === '') return 0;
			const n = typeof value === 'number' ? value : parseFloat(String(value));
			return Number.isNaN(n) ? value : n;
		}
		if (
			ft === 'Date' &&
			typeof value === 'string' &&
			value.length > 10 &&
			/^\d{4}-\d{2}-\d{2}[ T]/.test(value)
		)
			return value.slice(0, 10);
		if (ft === 'Datetime' && typeof value === 'string') {
			const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?/.exec(value);
			if (m)
				return `${m[1]} ${m[2].length === 5 ? m[2] + ':00' : m[2]}${m[3] ? (m[3] + '000000').slice(0, 7) : ''}`;
		}
		if (typeof value === 'object' && !Array.isArray(value) && !TABLE_FIELDTYPES.has(ft))
			return JSON.stringify(value);
		return value;
	}

	private defaultValue(f: Record<string, unknown>): unknown {
		const ft = f.fieldtype as string;
		const def = f.default as string | undefined;
		if (def !== undefined && def !== null && def !== '') {
			if (ft === 'Date' && def.toLowerCase() === 'today') return this.clock.today();
			if (ft === 'Datetime' && def.toLowerCase() === 'now') return this.clock.timestamp();
			if (INT_FIELDTYPES.has(ft)) return parseInt(def, 10) || 0;
			if (FLOAT_FIELDTYPES.has(ft)) return parseFloat(def) || 0;
			return def;
		}
		if (INT_FIELDTYPES.has(ft) || FLOAT_FIELDTYPES.has(ft)) return 0;
		return null;
	}

	/** a row of a child table from the data sent (not merged with any existing row) */
	private buildChild(
		childDt: DocTypeDef,
		data: Doc,
		parent: Doc,
		parentfield: string,
		idx: number,
		isNew: boolean,
	): Doc {
		const row: Doc = {};
		row.name =
			typeof data.name === 'string' && data.name && !isNew ? data.name : hashName(this.clock.now());
		row.owner = parent.owner;
		row.creation = parent.creation;
		row.modified = parent.modified;
		row.modified_by = parent.modified_by;
		row.docstatus = parent.docstatus;
		row.idx = idx;
		for (const f of childDt.dataFields()) {
			const fn = f.fieldname as string;
			row[fn] =
				fn in data ? this.coerce(childDt, fn, data[fn]) : isNew ? this.defaultValue(f) : null;
			if (
				!isNew &&
				!(fn in data) &&
				(INT_FIELDTYPES.has(f.fieldtype as string) || FLOAT_FIELDTYPES.has(f.fieldtype as string))
			)
				row[fn] = 0;
		}
		row.parent = parent.name;
		row.parentfield = parentfield;
		row.parenttype = parent.__doctype ?? null;
		return row;
	}

	private setChildren(
		meta: DocTypeDef,
		doc: Doc,
		tableField: string,
		rows: unknown,
		existing: Doc[] | undefined,
		unsaved: Set<string>,
	): void {
		const tf = meta.field(tableField)!;
		const childDt = this.requireMeta(tf.options as string);
		const list = Array.isArray(rows) ? rows : [];
		const existingNames = new Set((existing ?? []).map((r) => r.name as string));
		doc[tableField] = list.map((raw, i) => {
			const data = (raw && typeof raw === 'object' ? raw : {}) as Doc;
			const keep = typeof data.name === 'string' && existingNames.has(data.name);
			const row = this.buildChild(childDt, data, doc, tableField, i + 1, !keep);
			if (!keep) unsaved.add(row.name as string);
			return row;
		});
	}

	// ---- validation -----------------------------------------------------------------------------------------

	private validateMandatory(meta: DocTypeDef, doc: Doc): void {
		const missing: string[] = [];
		const msgs: MessageLog[] = [];
		for (const f of meta.fields) {
			if (!f.reqd || LAYOUT_FIELDTYPES.has(f.fieldtype as string)) continue;
			if (isEmpty(doc[f.fieldname as string])) {
				missing.push(f.fieldname as string);
				msgs.push(
					plainMsg(`Error: Value missing for ${meta.name}: ${meta.label(f.fieldname as string)}`),
				);
			}
		}
		for (const tf of meta.tableFields()) {
			const childDt = this.metas.get(tf.options as string);
			if (!childDt) continue;
			for (const row of (doc[tf.fieldname as string] as Doc[]) ?? []) {
				for (const f of childDt.fields) {
					if (!f.reqd || LAYOUT_FIELDTYPES.has(f.fieldtype as string)) continue;
					if (isEmpty(row[f.fieldname as string])) {
						missing.push(f.fieldname as string);
						msgs.push(
							plainMsg(
								`Error: <strong>${childDt.name}</strong> Row #${row.idx}: Value missing for: ${childDt.label(f.fieldname as string)}`,
							),
						);
					}
				}
			}
		}
		if (missing.length) {
			throw new FrappeError('MandatoryError', {
				message: `[${meta.name}, ${doc.name}]: ${missing.join(', ')}`,
				msgs,
			});
		}
	}

	private validateSelects(meta: DocTypeDef, doc: Doc, prefix = ''): void {
		for (const f of meta.dataFields()) {
			if (f.fieldtype !== 'Select' || !f.options) continue;
			const v = doc[f.fieldname as string];
			if (v === null || v === undefined || v === '') continue;
			const options = String(f.options).split('\n');
			if (options.includes(String(v))) continue;
			const list = options
				.filter((o) => o !== '')
				.map((o) => `"${o}"`)
				.join(', ');
			throw frappeThrow(
				`${prefix} ${meta.label(f.fieldname as string)} cannot be "${String(v)}". It should be one of ${list}`,
			);
		}
		for (const tf of meta.tableFields()) {
			const childDt = this.metas.get(tf.options as string);
			if (childDt)
				for (const row of (doc[tf.fieldname as string] as Doc[]) ?? [])
					this.validateSelects(childDt, row, `Row #${row.idx}:`);
		}
	}

	private linkExists(target: string, value: string): boolean {
		if (target === 'DocType') return this.metas.has(value);
		const m = this.metas.get(target);
		if (!m) return false;
		if (m.catalogueOnly) return true;
		if (m.issingle) return value === target;
		return this.table(target).has(value);
	}

	private validateLinks(meta: DocTypeDef, doc: Doc): void {
		const invalid: string[] = [];
		const check = (dt: DocTypeDef, d: Doc, prefix: string) => {
			for (const f of dt.dataFields()) {
				const v = d[f.fieldname as string];
				if (v === null || v === undefined || v === '') continue;
				let target: string | undefined;
				if (f.fieldtype === 'Link') target = f.options as string;
				else if (f.fieldtype === 'Dynamic Link')
					target = d[f.options as string] as string | undefined;
				if (!target) continue;
				if (f.fieldname === 'amended_from') continue;
				if (!this.linkExists(target, String(v)))
					invalid.push(`${prefix}${dt.label(f.fieldname as string)}: ${String(v)}`);
			}
		};
		check(meta, doc, '');
		for (const tf of meta.tableFields()) {
			const childDt = this.metas.get(tf.options as string);
			if (childDt)
				for (const row of (doc[tf.fieldname as string] as Doc[]) ?? [])
					check(childDt, row, `Row #${row.idx}: `);
		}
		if (invalid.length)
			throw frappeThrow(`Could not find ${invalid.join(', ')}`, 'LinkValidationError');
	}

	private handlePasswords(meta: DocTypeDef, doc: Doc, patch: Doc | null): void {
		for (const f of meta.dataFields()) {
			if (f.fieldtype !== 'Password') continue;
			const fn = f.fieldname as string;
			const v = patch ? patch[fn] : doc[fn];
			if (patch && !(fn in patch)) continue;
			if (typeof v === 'string' && v !== '' && !/^\*+$/.test(v)) {
				this.setPassword(meta.name, doc.name as string, fn, v);
				doc[fn] = '*'.repeat(v.length);
			} else if (v === null || v === '') {
				this.setPassword(meta.name, doc.name as string, fn, undefined);
				doc[fn] = null;
			}
		}
	}

	private checkDuplicate(meta: DocTypeDef, name: string): void {
		if (!this.table(meta.name).has(name) && !(meta.name === 'DocType' && this.metas.has(name)))
			return;
		const autoname = (meta.autoname ?? '').toLowerCase();
		if (autoname === 'hash') {
			throw new FrappeError('IntegrityError', {
				message: `(1062, "Duplicate entry '${name}' for key 'PRIMARY'")`,
				tb: 'dbinsert',
			});
		}
		throw new FrappeError('DuplicateEntryError', {
			message: `('${meta.name}', '${name}', IntegrityError(1062, "Duplicate entry '${name}' for key 'PRIMARY'"))`,
			tb: 'dbinsert',
			msgs: [
				{
					message: `${meta.name} <strong>${name}</strong> already exists`,
					title: 'Duplicate Name',
					indicator: 'red',
				},
			],
		});
	}

	// ---- lifecycle ------------------------------------------------------------------------------------------

	/** frappe.new_doc(doctype, **data) without saving */
	newDoc(doctype: string, data: Doc, opts: OpOptions = {}): { doc: Doc; unsaved: Set<string> } {
		const meta = this.requireMeta(doctype);
		const user = opts.user ?? 'Administrator';
		const doc: Doc = { __doctype: doctype };
		const now = this.clock.timestamp();
		doc.name = data.name ?? null;
		doc.owner = opts.keepTimestamps && data.owner ? data.owner : user;
		doc.creation = opts.keepTimestamps && data.creation ? data.creation : now;
		doc.modified = opts.keepTimestamps && data.modified ? data.modified : doc.creation;
		doc.modified_by = opts.keepTimestamps && data.modified_by ? data.modified_by : user;
		const ds = data.docstatus === undefined || data.docstatus === null ? 0 : Number(data.docstatus);
		doc.docstatus = ds;
		doc.idx = typeof data.idx === 'number' ? data.idx : 0;
		for (const f of meta.dataFields()) {
			const fn = f.fieldname as string;
			doc[fn] =
				fn in data && data[fn] !== undefined
					? this.coerce(meta, fn, data[fn])
					: this.defaultValue(f);
		}
		if (meta.istable) for (const k of CHILD_STD_FIELDS) doc[k] = data[k] ?? null;
		const unsaved = new Set<string>();
		for (const tf of meta.tableFields())
			this.setChildren(
				meta,
				doc,
				tf.fieldname as string,
				data[tf.fieldname as string],
				undefined,
				unsaved,
			);
		return { doc, unsaved };
	}

	/** Document.insert() */
	insertDoc(doctype: string, data: Doc, opts: OpOptions = {}): SaveResult {
		const meta = this.requireMeta(doctype);
		const user = opts.user ?? 'Administrator';
		if (meta.issingle) return this.saveSingle(doctype, data, opts);
		if (meta.catalogueOnly)
			throw frappeThrow(`Cannot create ${doctype} documents on this test server`);
		if (meta.name === 'DocType') return this.insertDocType(data, opts);
		if (meta.istable && data.parent && data.parenttype)
			return this.insertChildViaParent(meta, data, opts);
		const controller = controllerOf(doctype);
		const { doc, unsaved } = this.newDoc(doctype, data, opts);
		if (!opts.ignorePermissions) {
			if (!this.hasRolePermission(user, doctype, 'create')) {
				throw new FrappeError('PermissionError', {
					msgs: noRolePermission(user, doctype).msgs,
					errorMessage: `Insufficient Permission for ${doctype} (<strong>create</strong>)`,
				});
			}
			if (!this.controllerAllows(user, doctype, doc, 'create'))
				throw notAllowedByController(user, doctype, null, 'create');
		}
		this.validateLinks(meta, doc);
		controller?.beforeInsert?.(doc, this);
		doc.name = this.newName(meta, { ...doc, name: data.name }, opts);
		for (const tf of meta.tableFields())
			for (const row of (doc[tf.fieldname as string] as Doc[]) ?? []) row.parent = doc.name;
		controller?.validate?.(doc, this);
		validateWorkflow(this, doctype, doc, undefined, user, 'insert', opts.workflowAction);
		if (!opts.ignoreMandatory && doc.docstatus !== 2) this.validateMandatory(meta, doc);
		this.validateSelects(meta, doc);
		this.checkDuplicate(meta, doc.name as string);
		if (doc.docstatus === 1 && !meta.isSubmittable) doc.docstatus = 0;
		this.handlePasswords(meta, doc, null);
		for (const tf of meta.tableFields())
			for (const row of (doc[tf.fieldname as string] as Doc[]) ?? []) row.docstatus = doc.docstatus;
		delete doc.__doctype;
		this.writeDoc(doctype, doc.name as string, doc);
		const events: DocEventName[] = ['after_insert', 'on_update'];
		if (doc.docstatus === 1) events.push('on_submit');
		if (!opts.withoutEvents) this.emit(doctype, doc, events);
		return { doc, unsaved };
	}

	private insertChildViaParent(meta: DocTypeDef, data: Doc, opts: OpOptions): SaveResult {
		const parentDt = data.parenttype as string;
		const parent = this.table(parentDt).get(data.parent as string);
		if (!parent) throw notFound(parentDt, data.parent as string);
		const field =
			(data.parentfield as string) ??
			this.requireMeta(parentDt)
				.tableFields()
				.find((t) => t.options === meta.name)?.fieldname;
		const rows = [
			...((parent[field as string] as Doc[]) ?? []).map((r) => ({ ...r })),
			{ ...data, name: undefined },
		];
		return this.saveDoc(parentDt, parent.name as string, { [field as string]: rows }, opts);
	}

	private insertDocType(data: Doc, opts: OpOptions): SaveResult {
		const user = opts.user ?? 'Administrator';
		if (!opts.ignorePermissions && !this.hasRolePermission(user, 'DocType', 'create')) {
			throw new FrappeError('PermissionError', {
				msgs: noRolePermission(user, 'DocType').msgs,
				errorMessage: 'Insufficient Permission for DocType (<strong>create</strong>)',
			});
		}
		const name = typeof data.name === 'string' ? data.name.trim() : '';
		if (!name) throw frappeThrow('Please set the document name');
		if (this.metas.has(name)) {
			throw new FrappeError('DuplicateEntryError', {
				message: `('DocType', '${name}', IntegrityError(1062, "Duplicate entry '${name}' for key 'PRIMARY'"))`,
				tb: 'dbinsert',
				msgs: [
					{
						message: `DocType <strong>${name}</strong> already exists`,
						title: 'Duplicate Name',
						indicator: 'red',
					},
				],
			});
		}
		for (const f of (data.fields as Doc[]) ?? []) {
			if (
				TABLE_FIELDTYPES.has(f.fieldtype as string) &&
				!this.metas.get(f.options as string)?.istable
			) {
				throw frappeThrow(
					`Options for ${f.fieldtype} field ${f.fieldname} must be a child table (istable) DocType`,
				);
			}
		}
		const spec = { ...data, name, custom: data.custom ?? 1 } as DocTypeSpec;
		const dt = this.defineDocType(spec, { custom: true, viaApi: true });
		const owner = user;
		dt.props.owner = owner;
		dt.props.modified_by = owner;
		return { doc: { name: dt.name }, unsaved: new Set() };
	}

	private saveSingle(doctype: string, data: Doc, opts: OpOptions): SaveResult {
		const current = this.singles.get(doctype) ?? {
			name: doctype,
			owner: 'Administrator',
			docstatus: 0,
			idx: '0',
		};
		const next = { ...current };
		for (const [k, v] of Object.entries(data))
			if (
				![
					'name',
					'doctype',
					'owner',
					'creation',
					'modified',
					'modified_by',
					'docstatus',
					'idx',
				].includes(k)
			)
				next[k] = v;
		next.modified = this.clock.timestamp();
		next.modified_by = opts.user ?? 'Administrator';
		this.setSingle(doctype, next);
		return { doc: next, unsaved: new Set() };
	}

	/** the document a user may read (DoesNotExistError / PermissionError) */
	getDoc(doctype: string, name: string, opts: OpOptions & { ptype?: string } = {}): Doc {
		const meta = this.requireMeta(doctype);
		const doc = meta.issingle ? (this.singles.get(doctype) ?? null) : this.raw(doctype, name);
		if (!doc) throw notFound(doctype, name);
		if (!opts.ignorePermissions)
			this.checkDocPermission(opts.user ?? 'Administrator', doctype, doc, opts.ptype ?? 'read');
		return doc;
	}

	/**
	 * Document.update(patch) + save(): partial update, child tables replaced by the rows sent, docstatus transitions
	 * (0→1 submit, 1→2 cancel), TimestampMismatchError on a stale `modified`, UpdateAfterSubmitError.
	 */
	saveDoc(doctype: string, name: string, patch: Doc, opts: OpOptions = {}): SaveResult {
		const meta = this.requireMeta(doctype);
		const user = opts.user ?? 'Administrator';
		if (meta.issingle) return this.saveSingle(doctype, patch, opts);
		if (meta.istable) {
			const row = this.findChild(doctype, name);
			if (!row) throw notFound(doctype, name);
			const parentDt = row.parenttype as string;
			const parent = this.table(parentDt).get(row.parent as string)!;
			const field = row.parentfield as string;
			const rows = ((parent[field] as Doc[]) ?? []).map((r) =>
				r.name === name
					? { ...this.asDict(doctype, r, { nulls: true }), ...patch, name }
					: { ...r },
			);
			const res = this.saveDoc(parentDt, parent.name as string, { [field]: rows }, opts);
			return {
				doc: ((res.doc[field] as Doc[]) ?? []).find((r) => r.name === name) ?? res.doc,
				unsaved: res.unsaved,
			};
		}
		const existing = this.table(doctype).get(name);
		if (!existing) throw notFound(doctype, name);
		if (!opts.ignorePermissions) this.checkDocPermission(user, doctype, existing, 'write');
		const oldStatus = Number(existing.docstatus ?? 0);
		const doc: Doc = clone(existing);
		doc.__doctype = doctype;
		const unsaved = new Set<string>();
		const skip = new Set([
			'name',
			'doctype',
			'owner',
			'creation',
			'modified',
			'modified_by',
			'flags',
			'docstatus',
			'__islocal',
			'__unsaved',
			'__last_sync_on',
			'__onload',
		]);
		for (const [k, v] of Object.entries(patch)) {
			if (skip.has(k)) continue;
			const f = meta.field(k);
			if (f && TABLE_FIELDTYPES.has(f.fieldtype as string)) {
				this.setChildren(meta, doc, k, v, existing[k] as Doc[] | undefined, unsaved);
			} else if (f && !LAYOUT_FIELDTYPES.has(f.fieldtype as string)) {
				doc[k] = this.coerce(meta, k, v);
			}
		}
		// check_if_latest
		if (
			patch.modified !== undefined &&
			patch.modified !== null &&
			String(patch.modified) !== String(existing.modified)
		) {
			const excId = (Math.random().toString(16) + '0'.repeat(56)).slice(2, 58);
			const message = `Error: Document has been modified after you have opened it (${existing.modified}, ${patch.modified}). Please refresh to get the latest document.`;
			throw new FrappeError('TimestampMismatchError', {
				message,
				excId,
				msgs: [
					{
						message,
						title: 'Message',
						indicator: 'red',
						raise_exception: 1,
						__frappe_exc_id: excId,
					},
				],
			});
		}
		let newStatus = oldStatus;
		if (patch.docstatus !== undefined && patch.docstatus !== null)
			newStatus = Number(patch.docstatus);
		let action: 'save' | 'submit' | 'cancel' | 'update_after_submit';
		if (oldStatus === 0) {
			if (newStatus === 2)
				throw new FrappeError('DocstatusTransitionError', {
					message: 'Cannot change docstatus from 0 (Draft) to 2 (Cancelled)',
				});
			action = newStatus === 1 ? 'submit' : 'save';
		} else if (oldStatus === 1) {
			if (newStatus === 0)
				throw new FrappeError('DocstatusTransitionError', {
					message: 'Cannot change docstatus from 1 (Submitted) to 0 (Draft)',
				});
			action = newStatus === 2 ? 'cancel' : 'update_after_submit';
		} else {
			throw frappeThrow('Cannot edit cancelled document');
		}
		if (action !== 'save' && !meta.isSubmittable)
			throw frappeThrow(
				`Cannot change docstatus of ${doctype}: it is not submittable`,
				'DocstatusTransitionError',
			);
		if (!opts.ignorePermissions && (action === 'submit' || action === 'cancel'))
			this.checkDocPermission(user, doctype, existing, action);
		doc.docstatus = newStatus;
		doc.modified = this.clock.timestamp();
		doc.modified_by = user;
		for (const tf of meta.tableFields()) {
			((doc[tf.fieldname as string] as Doc[]) ?? []).forEach((row, i) => {
				row.idx = i + 1;
				row.modified = doc.modified;
				row.modified_by = user;
				row.docstatus = doc.docstatus;
				row.parent = doc.name;
			});
		}
		this.validateLinks(meta, doc);
		// run_before_save_methods: validate on save and submit
		if (action === 'save' || action === 'submit') controllerOf(doctype)?.validate?.(doc, this);
		if (action !== 'cancel')
			validateWorkflow(this, doctype, doc, existing, user, action, opts.workflowAction);
		if (action !== 'cancel') {
			if (!opts.ignoreMandatory) this.validateMandatory(meta, doc);
			this.validateSelects(meta, doc);
		}
		if (action === 'update_after_submit') this.validateUpdateAfterSubmit(meta, existing, doc);
		this.handlePasswords(meta, doc, patch);
		delete doc.__doctype;
		this.writeDoc(doctype, name, doc);
		recordVersion(this, doctype, existing, doc, user);
		const events: DocEventName[] =
			action === 'save'
				? ['on_update', 'on_change']
				: action === 'submit'
					? ['on_update', 'on_submit', 'on_change']
					: action === 'cancel'
						? ['on_cancel', 'on_change']
						: ['on_change'];
		this.emit(doctype, doc, events);
		return { doc, unsaved };
	}

	private validateUpdateAfterSubmit(meta: DocTypeDef, before: Doc, after: Doc): void {
		const cmp = (dt: DocTypeDef, a: Doc, b: Doc, prefix: string) => {
			for (const f of dt.dataFields()) {
				const fn = f.fieldname as string;
				if (f.allow_on_submit) continue;
				const x = a[fn] ?? null;
				const y = b[fn] ?? null;
				if (JSON.stringify(x) === JSON.stringify(y)) continue;
				throw frappeThrow(
					`${prefix} Not allowed to change <strong>${dt.label(fn)}</strong> after submission from <strong>${x ?? ''}</strong> to <strong>${y ?? ''}</strong>`,
					'UpdateAfterSubmitError',
					{
						title: 'Cannot Update After Submit',
					},
				);
			}
		};
		cmp(meta, before, after, '');
		for (const tf of meta.tableFields()) {
			const fn = tf.fieldname as string;
			const childDt = this.metas.get(tf.options as string);
			const a = (before[fn] as Doc[]) ?? [];
			const b = (after[fn] as Doc[]) ?? [];
			if (tf.allow_on_submit || !childDt) continue;
			if (a.length !== b.length || a.some((r, i) => r.name !== b[i].name)) {
				throw frappeThrow(
					` Not allowed to change <strong>${meta.label(fn)}</strong> after submission`,
					'UpdateAfterSubmitError',
					{ title: 'Cannot Update After Submit' },
				);
			}
			a.forEach((r, i) => cmp(childDt, r, b[i], `Row #${i + 1}:`));
		}
	}

	submitDoc(doctype: string, name: string, opts: OpOptions = {}, patch: Doc = {}): SaveResult {
		return this.saveDoc(doctype, name, { ...patch, docstatus: 1 }, opts);
	}

	cancelDoc(doctype: string, name: string, opts: OpOptions = {}): SaveResult {
		return this.saveDoc(doctype, name, { docstatus: 2 }, opts);
	}

	/** frappe.delete_doc(doctype, name, ignore_missing=False) */
	deleteDoc(doctype: string, name: string, opts: OpOptions = {}): void {
		const meta = this.requireMeta(doctype);
		const user = opts.user ?? 'Administrator';
		if (doctype === 'DocType') {
			const dt = this.metas.get(name);
			if (!dt) throw new FrappeError('DoesNotExistError', { noTraceback: true });
			if (!opts.ignorePermissions && !this.hasRolePermission(user, 'DocType', 'delete'))
				throw noRolePermission(user, 'DocType');
			if (!dt.props.custom)
				throw frappeThrow('Standard DocType can not be deleted in production mode');
			this.writeMeta(name, undefined);
			for (const n of [...this.table(name).keys()]) this.writeDoc(name, n, undefined);
			return;
		}
		if (meta.istable) {
			const row = this.findChild(doctype, name);
			if (!row) throw new FrappeError('DoesNotExistError', { noTraceback: true });
			const parent = this.table(row.parenttype as string).get(row.parent as string)!;
			const field = row.parentfield as string;
			this.saveDoc(
				row.parenttype as string,
				parent.name as string,
				{
					[field]: ((parent[field] as Doc[]) ?? [])
						.filter((r) => r.name !== name)
						.map((r) => ({ ...r })),
				},
				opts,
			);
			return;
		}
		const doc = this.table(doctype).get(name);
		if (!doc) throw new FrappeError('DoesNotExistError', { noTraceback: true });
		if (!opts.ignorePermissions) this.checkDocPermission(user, doctype, doc, 'delete');
		if (Number(doc.docstatus) === 1) {
			throw frappeThrow(
				`${doctype} ${name}: Submitted Record cannot be deleted. You must <a href='https://docs.erpnext.com//docs/user/manual/en/setting-up/articles/delete-submitted-document' target='_blank'> Cancel </a> it first.`,
			);
		}
		this.emit(doctype, doc, ['on_trash']);
		this.writeDoc(doctype, name, undefined);
		recordDeletion(this, doctype, doc, user);
		controllerOf(doctype)?.afterDelete?.(doc, this);
		// remove_all: the Files attached to the document go with it
		for (const f of this.rowsOf('File').filter(
			(f) => f.attached_to_doctype === doctype && f.attached_to_name === name,
		))
			this.deleteDoc('File', f.name as string, { ...opts, ignorePermissions: true });
		for (const k of ['webhook_secret', 'api_secret', 'password'])
			this.setPassword(doctype, name, k, undefined);
	}

	// ---- files ----------------------------------------------------------------------------------------------

	/** md5 of the content, as File.content_hash */
	static contentHash(content: Buffer): string {
		return createHash('md5').update(content).digest('hex');
	}

	// ---- public API for tests -------------------------------------------------------------------------------

	/** Insert a document (no permission checks unless opts.user is given with ignorePermissions: false). */
	insert(doctype: string, data: Doc, opts: OpOptions = {}): Doc {
		const res = this.insertDoc(doctype, data, { ignorePermissions: true, keepName: true, ...opts });
		if (doctype === 'DocType')
			return this.asDict('DocType', this.metas.get(res.doc.name as string)!.asRow(), {
				nulls: true,
			});
		return this.asDict(doctype, res.doc, { nulls: true });
	}

	/** A copy of a document (all fields, nulls included, with `doctype`), or undefined. */
	get(doctype: string, name: string): Doc | undefined {
		const doc = this.raw(doctype, name);
		return doc ? this.asDict(doctype, doc, { nulls: true }) : undefined;
	}

	/** Partial update (child tables replaced when given); `docstatus: 1` submits, `2` cancels. */
	update(doctype: string, name: string, patch: Doc, opts: OpOptions = {}): Doc {
		const res = this.saveDoc(doctype, name, patch, { ignorePermissions: true, ...opts });
		return this.asDict(doctype, res.doc, { nulls: true });
	}

	delete(doctype: string, name: string, opts: OpOptions = {}): void {
		this.deleteDoc(doctype, name, { ignorePermissions: true, ...opts });
	}

	/** frappe.get_all-like query: `{ fields, filters, or_filters, order_by, limit_start, limit_page_length }` */
	list(doctype: string, params: ListParams = {}): Doc[] {
		return runQuery(this, doctype, {
			...params,
			user: 'Administrator',
			ignorePermissions: true,
		}) as Doc[];
	}

	count(doctype: string, filters?: unknown): number {
		return countQuery(this, doctype, { filters, user: 'Administrator', ignorePermissions: true });
	}

	submit(doctype: string, name: string): Doc {
		return this.update(doctype, name, { docstatus: 1 });
	}

	cancel(doctype: string, name: string): Doc {
		return this.update(doctype, name, { docstatus: 2 });
	}

	static PTYPES = PTYPES;
}

function dropNulls(d: Doc): Doc {
	const out: Doc = {};
	for (const [k, v] of Object.entries(d)) if (v !== null && v !== undefined) out[k] = v;
	return out;
}
