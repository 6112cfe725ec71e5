// What Frappe writes beside a change, for pollers to find: a Version per save of a doctype that tracks changes, a
// Deleted Document per delete; and the two ways a poller meets timestamps that are not "one fresh now() per row,
// committed in order": many rows stamped with one `modified` (frappe.db.set_value on a filter) and a transaction that
// commits after a later one (its `modified` is older than rows already visible).
import type { DocTypeDef } from './meta';
import { FLOAT_FIELDTYPES, INT_FIELDTYPES, LAYOUT_FIELDTYPES, TABLE_FIELDTYPES } from './meta';
import { pyJsonDumps } from './python';
import type { Store } from './store';
import type { Doc } from './types';

/** get_diff leaves these values unformatted */
const UNFORMATTED = new Set(['Markdown Editor', 'Text Editor', 'Code', 'HTML Editor']);

const grouped = (value: number, fraction: { min: number; max: number }) =>
	value.toLocaleString('en-US', {
		minimumFractionDigits: fraction.min,
		maximumFractionDigits: fraction.max,
	});

/**
 * Document.get_formatted as frappe.format renders a value with the default System Settings (number format
 * "#,###.##", date format "dd-mm-yyyy"): the form get_diff records old and new values in ("5.00" for a Currency 5).
 */
function formatted(fieldtype: string, value: unknown): unknown {
	if (typeof value === 'number') {
		if (fieldtype === 'Currency') return grouped(value, { min: 2, max: 2 });
		if (FLOAT_FIELDTYPES.has(fieldtype)) return grouped(value, { min: 0, max: 9 });
		if (fieldtype === 'Int') return grouped(value, { min: 0, max: 0 });
		if (INT_FIELDTYPES.has(fieldtype)) return value;
		return String(value);
	}
	if (typeof value === 'string' && (fieldtype === 'Date' || fieldtype === 'Datetime')) {
		const match = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(value);
		if (match) return `${match[3]}-${match[2]}-${match[1]}${match[4].replace(/\.\d+$/, '')}`;
	}
	return value;
}

type Change = [string, unknown, unknown];

function changedValues(meta: DocTypeDef, before: Doc, after: Doc): Change[] {
	const changed: Change[] = [];
	for (const field of meta.fields) {
		const fieldtype = field.fieldtype as string;
		if (LAYOUT_FIELDTYPES.has(fieldtype) || TABLE_FIELDTYPES.has(fieldtype)) continue;
		const fieldname = field.fieldname as string;
		let oldValue: unknown = before[fieldname] ?? null;
		let newValue: unknown = after[fieldname] ?? null;
		if (oldValue === newValue) continue;
		if (!UNFORMATTED.has(fieldtype)) {
			oldValue = oldValue ? formatted(fieldtype, oldValue) : oldValue;
			newValue = newValue ? formatted(fieldtype, newValue) : newValue;
		}
		if (oldValue !== newValue) changed.push([fieldname, oldValue, newValue]);
	}
	return changed;
}

/** frappe.core.doctype.version.version.get_diff: the diff of two states of a document, or null when none. */
export function versionDiff(store: Store, meta: DocTypeDef, before: Doc, after: Doc): Doc | null {
	const changed: unknown[] = changedValues(meta, before, after);
	const added: unknown[] = [];
	const removed: unknown[] = [];
	const rowChanged: unknown[] = [];
	for (const table of meta.tableFields()) {
		const fieldname = table.fieldname as string;
		const childMeta = store.getMeta(table.options as string);
		if (!childMeta) continue;
		const oldRows = new Map(((before[fieldname] as Doc[]) ?? []).map((row) => [row.name, row]));
		const found = new Set<unknown>();
		((after[fieldname] as Doc[]) ?? []).forEach((row, index) => {
			const old = oldRows.get(row.name);
			if (old) {
				found.add(row.name);
				const rowChanges = changedValues(childMeta, old, row);
				if (rowChanges.length > 0) rowChanged.push([fieldname, index, row.name, rowChanges]);
			} else {
				added.push([fieldname, store.asDict(childMeta.name, row, { nulls: true })]);
			}
		});
		for (const row of (before[fieldname] as Doc[]) ?? []) {
			if (!found.has(row.name))
				removed.push([fieldname, store.asDict(childMeta.name, row, { nulls: true })]);
		}
	}
	for (const key of ['name', 'docstatus']) {
		if (before[key] !== after[key]) changed.push([key, before[key], after[key]]);
	}
	if (changed.length + added.length + removed.length + rowChanged.length === 0) return null;
	return {
		changed,
		added,
		removed,
		row_changed: rowChanged,
		data_import: null,
		updater_reference: null,
	};
}

/**
 * Document.save_version: after a save of a doctype with track_changes, a Version holding what changed (none on insert,
 * none when nothing changed), inserted right after the document, so its `creation` follows the document's `modified`.
 */
export function recordVersion(
	store: Store,
	doctype: string,
	before: Doc,
	after: Doc,
	user: string,
): void {
	const meta = store.getMeta(doctype);
	if (!meta?.props.track_changes || doctype === 'Version') return;
	const diff = versionDiff(store, meta, before, after);
	if (!diff) return;
	store.insertDoc(
		'Version',
		{
			ref_doctype: doctype,
			docname: after.name,
			data: pyJsonDumps(diff, { compact: true, sortKeys: true }),
		},
		{ ignorePermissions: true, user },
	);
}

/**
 * frappe.model.delete_doc.add_to_deleted_document: every delete but of a Deleted Document keeps the document
 * (`doc.as_json()`: nulls included, sorted keys, indent 1, child rows inside) with the deleting user as owner.
 */
export function recordDeletion(store: Store, doctype: string, doc: Doc, user: string): void {
	if (doctype === 'Deleted Document') return;
	const data = pyJsonDumps(store.asDict(doctype, doc, { nulls: true }), {
		indent: 1,
		sortKeys: true,
	});
	store.insertDoc(
		'Deleted Document',
		{ deleted_doctype: doctype, deleted_name: doc.name, data, restored: 0 },
		// add_to_deleted_document writes the row with db_insert: no document events
		{ ignorePermissions: true, user, withoutEvents: true },
	);
}

/**
 * frappe.db.set_value(doctype, {"name": ["in", names]}, values): one UPDATE, so every row gets the same `modified`
 * (one now()); no Version, no document events. Returns that `modified`.
 */
export function setValuesWithOneModified(
	store: Store,
	doctype: string,
	names: string[],
	values: Doc,
	user = 'Administrator',
): string {
	const modified = store.clock.timestamp();
	for (const name of names) {
		const row = store.raw(doctype, name);
		if (!row) throw new Error(`${doctype} ${name} not found`);
		Object.assign(row, values, { modified, modified_by: user });
	}
	return modified;
}

/**
 * A transaction that starts now and commits later: its `modified` is taken now (frappe.utils.now() at save time), but
 * readers see its rows only when a `commit…` runs, possibly after later transactions were committed and read.
 */
export function beginLateTransaction(store: Store) {
	const modified = store.clock.timestamp();
	return {
		modified,
		/** commits an insert made in the transaction */
		commitInsert(doctype: string, data: Doc): Doc {
			return store.insert(
				doctype,
				{ ...data, creation: modified, modified },
				{ keepTimestamps: true },
			);
		},
		/** commits a save made in the transaction */
		commitUpdate(doctype: string, name: string, patch: Doc): Doc {
			store.update(doctype, name, patch);
			const row = store.raw(doctype, name)!;
			row.modified = modified;
			return store.get(doctype, name)!;
		},
	};
}
