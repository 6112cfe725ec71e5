// The document events a Frappe Webhook can fire on (`webhook_docevent`), as the trigger offers
// them.
import type { INodePropertyOptions } from 'n8n-workflow';

export type FrappeEvent =
	| 'after_insert'
	| 'on_update'
	| 'on_submit'
	| 'on_cancel'
	| 'on_trash'
	| 'on_change'
	| 'on_update_after_submit';

/** Options sorted by name, as n8n's lint wants them; the value is Frappe's event name. */
export const EVENT_OPTIONS: Array<INodePropertyOptions & { value: FrappeEvent }> = [
	{
		name: 'Cancelled',
		value: 'on_cancel',
		description: 'A submitted document was cancelled (on_cancel; submittable doctypes only)',
	},
	{
		name: 'Changed',
		value: 'on_change',
		description:
			'Any later change to an existing document: save, submit or cancel (on_change; not on creation)',
	},
	{
		name: 'Created',
		value: 'after_insert',
		description: 'A new document was inserted (after_insert)',
	},
	{
		name: 'Deleted',
		value: 'on_trash',
		description: 'A document is being deleted (on_trash); the item holds the document as it was',
	},
	{
		name: 'Saved',
		value: 'on_update',
		description:
			'Every save (on_update). Frappe also fires it when a document is created and when it is submitted, so a new document arrives here too.',
	},
	{
		name: 'Submitted',
		value: 'on_submit',
		description: 'A document was submitted (on_submit; submittable doctypes only)',
	},
	{
		name: 'Updated After Submit',
		value: 'on_update_after_submit',
		description:
			'Meant for changes to "allow on submit" fields of a submitted document (on_update_after_submit). Frappe 14 and 15 never fire this event, so a Webhook for it stays silent there.',
	},
];

export const EVENT_VALUES = EVENT_OPTIONS.map((option) => option.value);

export function isFrappeEvent(value: unknown): value is FrappeEvent {
	return typeof value === 'string' && (EVENT_VALUES as string[]).includes(value);
}
