export type Doc = Record<string, unknown>;

export type DocEventName =
	'after_insert' | 'on_update' | 'on_submit' | 'on_cancel' | 'on_trash' | 'on_change';

export interface DocEvent {
	doctype: string;
	name: string;
	event: DocEventName;
	doc: Doc;
}

export type DocEventListener = (event: DocEvent) => void;

export type FrappeVersion = 14 | 15 | 16;
