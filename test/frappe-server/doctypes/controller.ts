// What a doctype is to the server: its DocType document (a spec, Frappe's <doctype>.json) and, when it has behaviour,
// a controller (Frappe's <doctype>.py Document subclass, plus its hooks.py permission hooks). The store calls the
// controller at the points Frappe's Document calls the methods named below.
import type { DocTypeSpec } from '../meta';
import type { Store } from '../store';
import type { Doc, DocEventName } from '../types';

/** Who is asking, for the permission hooks. */
export interface PermissionContext {
	store: Store;
	user: string;
	/** the user's roles (with All and Guest) */
	roles: ReadonlySet<string>;
	/** whether one of the user's roles, other than the automatic ones, has `ptype` on the doctype */
	hasRoleFor(ptype: string): boolean;
}

/** A hook that runs with the document as it is being saved (changes to `doc` are saved). */
export type DocHook = (doc: Doc, store: Store) => void;

export interface DocTypeController {
	/** Document.autoname: the name of a new document (a given name kept by the naming rule wins) */
	autoname?(doc: Doc, store: Store): string;
	/** Document.before_insert: after the permission check, before naming */
	beforeInsert?: DocHook;
	/** Document.validate: on insert and on every save or submit (not on cancel), before mandatory checks; may throw */
	validate?: DocHook;
	/** Document.after_insert, on_update, on_submit, on_cancel, on_change, on_trash: after the change, as it is
	 *  journaled (before the request commits), in the order of the document events */
	afterInsert?: DocHook;
	onUpdate?: DocHook;
	onSubmit?: DocHook;
	onCancel?: DocHook;
	onChange?: DocHook;
	onTrash?: DocHook;
	/** Document.after_delete: frappe.delete_doc has removed the row */
	afterDelete?: DocHook;
	/** hooks.py has_permission: may the user do `ptype` on this document (asked once the role allows it) */
	hasPermission?(doc: Doc, ptype: string, ctx: PermissionContext): boolean;
	/** hooks.py permission_query_conditions: the rows a list shows the user (null: all of them) */
	permissionQuery?(ctx: PermissionContext): ((row: Doc) => boolean) | null;
	/** the values of the doctype's virtual fields (properties of Frappe's controller class) */
	virtualFields?: Record<string, (doc: Doc) => unknown>;
}

/** The controller method each document event runs. */
export const EVENT_HOOKS: Record<
	DocEventName,
	'afterInsert' | 'onUpdate' | 'onSubmit' | 'onCancel' | 'onChange' | 'onTrash'
> = {
	after_insert: 'afterInsert',
	on_update: 'onUpdate',
	on_submit: 'onSubmit',
	on_cancel: 'onCancel',
	on_change: 'onChange',
	on_trash: 'onTrash',
};

/** A core doctype: its spec, its controller, and the timestamps and desk assets its DocType document has. */
export interface CoreDocType {
	spec: DocTypeSpec;
	controller?: DocTypeController;
	/** default 2013-02-18 13:36:19 */
	creation?: string;
	/** default 2024-01-10 12:00:00.000000 */
	modified?: string;
	/** what getdoctype sends besides the docs (__js, __list_js ...) */
	assets?: Record<string, unknown>;
}
