// What a save changed, read from the Version document Frappe wrote for it
// (frappe.core.doctype.version.version get_diff, saved by Document.save_version for doctypes with
// "Track Changes"). Pure.
import type { IDataObject } from 'n8n-workflow';

import { normalizeTimestamp } from './watermark';

export interface FieldChange extends IDataObject {
	old: IDataObject[keyof IDataObject];
	new: IDataObject[keyof IDataObject];
}

export interface RowChange extends IDataObject {
	table: string;
	/** the row's position (0-based, as Frappe records it) */
	index: number;
	name: string;
	fields: Record<string, FieldChange>;
}

export interface SaveChanges {
	/** field → { old, new }; values as Frappe recorded them (numbers formatted, e.g. "5.00") */
	changedFields: Record<string, FieldChange>;
	/** child rows: added, removed (whole rows) and changed (their fields) */
	changedRows?: { added: IDataObject[]; removed: IDataObject[]; changed: RowChange[] };
}

export interface VersionRow {
	docname?: unknown;
	creation?: unknown;
	data?: unknown;
}

type Triple = [string, IDataObject[keyof IDataObject], IDataObject[keyof IDataObject]];

function fieldChanges(list: unknown): Record<string, FieldChange> {
	const out: Record<string, FieldChange> = {};
	if (!Array.isArray(list)) return out;
	for (const entry of list) {
		if (!Array.isArray(entry) || entry.length !== 3 || typeof entry[0] !== 'string') continue;
		const [field, oldValue, newValue] = entry as Triple;
		out[field] = { old: oldValue ?? null, new: newValue ?? null };
	}
	return out;
}

function rowsOf(list: unknown): IDataObject[] {
	if (!Array.isArray(list)) return [];
	return list
		.filter((entry): entry is [string, IDataObject] => Array.isArray(entry) && entry.length === 2)
		.map(([table, row]) => ({ table, row }));
}

/**
 * A Version's `data` (a JSON string: {"changed": [[field, old, new]], "added": [[table, row]],
 * "removed": [...], "row_changed": [[table, index, row name, [[field, old, new]]]]}) as changed
 * fields and rows. Undefined when it is not such a record (e.g. the Version of a data import's
 * insert).
 */
export function parseVersionData(data: unknown): SaveChanges | undefined {
	let parsed: unknown = data;
	if (typeof data === 'string') {
		try {
			parsed = JSON.parse(data) as unknown;
		} catch {
			return undefined;
		}
	}
	if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as IDataObject).changed)) {
		return undefined;
	}
	const record = parsed as IDataObject;
	const changes: SaveChanges = { changedFields: fieldChanges(record.changed) };
	const added = rowsOf(record.added);
	const removed = rowsOf(record.removed);
	const changed: RowChange[] = [];
	for (const entry of Array.isArray(record.row_changed) ? record.row_changed : []) {
		if (!Array.isArray(entry) || entry.length !== 4) continue;
		const [table, index, name, fields] = entry as [string, number, string, unknown];
		changed.push({ table, index, name, fields: fieldChanges(fields) });
	}
	if (added.length > 0 || removed.length > 0 || changed.length > 0) {
		changes.changedRows = { added, removed, changed };
	}
	return changes;
}

/**
 * The Version of the save that gave a document the `modified` it has: Frappe inserts it in the same
 * request, right after the document, so it is the first Version of that document whose `creation`
 * is not before `modified`.
 */
export function versionOfSave(
	versions: VersionRow[],
	name: string,
	modified: unknown,
): VersionRow | undefined {
	const at = normalizeTimestamp(modified);
	if (at === undefined) return undefined;
	let found: { version: VersionRow; creation: string } | undefined;
	for (const version of versions) {
		if (version.docname !== name) continue;
		const creation = normalizeTimestamp(version.creation);
		if (creation === undefined || creation < at) continue;
		if (!found || creation < found.creation) found = { version, creation };
	}
	return found?.version;
}
