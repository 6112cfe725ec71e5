// A new draft from an existing document, as the desk's Duplicate and Amend make it
// (frappe.model.copy_doc in the desk's JavaScript): without its name, owner, timestamps, docstatus
// and the fields marked "No Copy", its child rows without their names and parent links. Amend adds
// `amended_from`. Pure.
import type { IDataObject } from 'n8n-workflow';

/** Keys Frappe sets on every saved document or row, never copied. */
const SAVED_KEYS = new Set([
	'name',
	'owner',
	'creation',
	'modified',
	'modified_by',
	'docstatus',
	'idx',
	'parent',
	'parentfield',
	'parenttype',
	'doctype',
	'amended_from',
	'_user_tags',
	'_comments',
	'_assign',
	'_liked_by',
	'_seen',
	'__onload',
	'__last_sync_on',
	'__unsaved',
]);

/** Fieldnames marked No Copy, per doctype (the doctype's own and its child tables'). */
export type NoCopyFields = Record<string, Set<string>>;

/** The No Copy fields from getdoctype's docs (the doctype and its child doctypes). */
export function noCopyFieldsFromMeta(body: unknown): NoCopyFields {
	const docs = (body as IDataObject | undefined)?.docs;
	const out: NoCopyFields = {};
	for (const doc of Array.isArray(docs) ? (docs as IDataObject[]) : []) {
		const fields = Array.isArray(doc?.fields) ? (doc.fields as IDataObject[]) : [];
		out[String(doc.name)] = new Set(
			fields.filter((field) => Number(field.no_copy) === 1).map((field) => String(field.fieldname)),
		);
	}
	return out;
}

function copyRow(row: IDataObject, skip: Set<string> | undefined): IDataObject {
	const copy: IDataObject = {};
	for (const [key, value] of Object.entries(row)) {
		if (SAVED_KEYS.has(key) || skip?.has(key)) continue;
		copy[key] = value;
	}
	return copy;
}

/**
 * The draft: the document's values without what Frappe sets and the No Copy fields; child tables
 * (lists of rows with a `doctype`) copied row by row the same way.
 */
export function draftCopy(doc: IDataObject, noCopy: NoCopyFields = {}): IDataObject {
	const doctype = String(doc.doctype ?? '');
	const draft = copyRow(doc, noCopy[doctype]);
	for (const [key, value] of Object.entries(draft)) {
		if (!Array.isArray(value)) continue;
		const tableRows = value as IDataObject[];
		if (!tableRows.every((row) => row && typeof row === 'object' && 'doctype' in row)) continue;
		draft[key] = tableRows.map((row) => copyRow(row, noCopy[String(row.doctype)]));
	}
	return draft;
}
