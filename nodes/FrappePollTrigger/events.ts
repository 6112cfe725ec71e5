// The events the poll trigger watches, what each one reads in Frappe, and how a row read becomes an
// item. Pure.
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { FrappeFilter } from '../shared/filters';
import { normalizeTimestamp, type ChangeKey } from './watermark';

export type PollEvent =
	'created' | 'updated' | 'createdOrUpdated' | 'deleted' | 'submitted' | 'cancelled';

/** What an item's `event` says. */
export type EmittedEvent = 'created' | 'updated' | 'deleted' | 'submitted' | 'cancelled';

export const DELETED_DOCUMENT = 'Deleted Document';

export const POLL_EVENT_OPTIONS: Array<INodePropertyOptions & { value: PollEvent }> = [
	{
		name: 'Cancelled',
		value: 'cancelled',
		description: 'A submitted document was cancelled (submittable doctypes only)',
	},
	{
		name: 'Created',
		value: 'created',
		description: 'A new document was inserted',
	},
	{
		name: 'Created or Updated',
		value: 'createdOrUpdated',
		description:
			'A document was inserted or saved; each item says which ("created" when it was inserted since the last poll)',
	},
	{
		name: 'Deleted',
		value: 'deleted',
		description:
			'A document was deleted: its data as Frappe kept it in Deleted Document (System Managers only)',
	},
	{
		name: 'Submitted',
		value: 'submitted',
		description: 'A document was submitted (submittable doctypes only)',
	},
	{
		name: 'Updated',
		value: 'updated',
		description: 'An existing document was saved again (not its creation)',
	},
];

/**
 * Where an event is read: which doctype's list, ordered and watermarked by which timestamp, with
 * which filters.
 */
export interface EventSource {
	listDoctype: string;
	column: 'creation' | 'modified';
	filters: FrappeFilter[];
	/** the user's filters apply (not to Deleted Document, whose fields are not the doctype's) */
	userFilters: boolean;
	/** an event a document has only once: remember the names emitted */
	oncePerName: boolean;
}

export function sourceOf(event: PollEvent, doctype: string): EventSource {
	switch (event) {
		case 'created':
			return {
				listDoctype: doctype,
				column: 'creation',
				filters: [],
				userFilters: true,
				oncePerName: false,
			};
		case 'deleted':
			// frappe.model.delete_doc.add_to_deleted_document: one row per delete, `creation` = when it
			// was deleted
			return {
				listDoctype: DELETED_DOCUMENT,
				column: 'creation',
				filters: [['deleted_doctype', '=', doctype]],
				userFilters: false,
				oncePerName: false,
			};
		case 'submitted':
			return {
				listDoctype: doctype,
				column: 'modified',
				filters: [['docstatus', '=', 1]],
				userFilters: true,
				oncePerName: true,
			};
		case 'cancelled':
			return {
				listDoctype: doctype,
				column: 'modified',
				filters: [['docstatus', '=', 2]],
				userFilters: true,
				oncePerName: true,
			};
		default:
			return {
				listDoctype: doctype,
				column: 'modified',
				filters: [],
				userFilters: true,
				oncePerName: false,
			};
	}
}

/**
 * Whether a document row was created at the save that gave it this `modified` (Frappe sets both to
 * one now()).
 */
function isFreshInsert(row: IDataObject): boolean {
	const creation = normalizeTimestamp(row.creation);
	return creation !== undefined && creation === normalizeTimestamp(row.modified);
}

/**
 * The event a row stands for, or undefined when the trigger's event does not want it. `since` is
 * the watermark before this poll: a document created after it is new to the workflow even when it
 * was saved again since.
 */
export function classifyRow(
	event: PollEvent,
	row: IDataObject,
	since: ChangeKey | null,
): EmittedEvent | undefined {
	switch (event) {
		case 'updated':
			return isFreshInsert(row) ? undefined : 'updated';
		case 'createdOrUpdated': {
			if (isFreshInsert(row)) return 'created';
			const creation = normalizeTimestamp(row.creation);
			return since !== null && creation !== undefined && creation > since.at
				? 'created'
				: 'updated';
		}
		default:
			return event;
	}
}

/** "status, customer" → its fieldnames. */
export function fieldListOf(text: string): string[] {
	return [
		...new Set(
			text
				.split(/[\s,]+/)
				.map((part) => part.trim())
				.filter((part) => part !== ''),
		),
	];
}

/** Only the fields asked for (all when none are), keeping the name. */
export function pickFields(document: IDataObject, fields: string[]): IDataObject {
	if (fields.length === 0 || fields.includes('*')) return document;
	const picked: IDataObject = { name: document.name };
	for (const field of fields) if (field in document) picked[field] = document[field];
	return picked;
}

/**
 * The document a Deleted Document row holds: `data` is the deleted document as JSON (child rows
 * included), as Frappe kept it. Undefined when it is not readable JSON.
 */
export function deletedDocumentOf(row: IDataObject): IDataObject | undefined {
	if (typeof row.data !== 'string') return undefined;
	try {
		const parsed = JSON.parse(row.data) as unknown;
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as IDataObject)
			: undefined;
	} catch {
		return undefined;
	}
}

/**
 * One item: the document's fields, then `event` and `doctype`, which win over document fields of
 * the same name (as in the Frappe Trigger's items), then what the event adds (who deleted it and
 * when; changed fields).
 */
export function changeItem(
	event: EmittedEvent,
	doctype: string,
	document: IDataObject,
	extra: IDataObject = {},
): IDataObject {
	return { ...document, event, doctype, ...extra };
}
