// DocShare (frappe/core/doctype/docshare): a document shared with a user (or everyone), with the rights given. A
// share lets the user do what it grants on that document even without a role permission (frappe.permissions
// has_permission → frappe.share.get_shared).
import type { DocTypeSpec } from '../meta';
import type { Store } from '../store';
import type { Doc } from '../types';
import { f } from './common';
import type { CoreDocType } from './controller';

export const SHARE_RIGHTS = ['read', 'write', 'submit', 'share'] as const;

export const DOCSHARE_SPEC: DocTypeSpec = {
	name: 'DocShare',
	module: 'Core',
	autoname: 'hash',
	fields: [
		f('user', 'Link', 'User', { options: 'User' }),
		f('share_doctype', 'Link', 'Document Type', { options: 'DocType', reqd: 1 }),
		f('share_name', 'Dynamic Link', 'Document Name', { options: 'share_doctype', reqd: 1 }),
		f('read', 'Check', 'Read'),
		f('write', 'Check', 'Write'),
		f('share', 'Check', 'Share'),
		f('submit', 'Check', 'Submit'),
		f('everyone', 'Check', 'Everyone'),
		f('notify_by_email', 'Check', 'Notify by email', { default: '1' }),
	],
	permissions: [
		{
			role: 'System Manager',
			read: 1,
			write: 1,
			create: 1,
			delete: 1,
			report: 1,
			export: 1,
			share: 1,
		},
	],
};

/** The shares of a document. */
export function sharesOf(store: Store, doctype: string, name: string): Doc[] {
	return store
		.rowsOf('DocShare')
		.filter((share) => share.share_doctype === doctype && share.share_name === name);
}

/** Whether a share gives `user` the right `ptype` on the document. */
export function sharedWith(
	store: Store,
	user: string,
	doctype: string,
	name: unknown,
	ptype: string,
): boolean {
	if (!(SHARE_RIGHTS as readonly string[]).includes(ptype) || typeof name !== 'string')
		return false;
	if (!store.getMeta('DocShare')) return false;
	return sharesOf(store, doctype, name).some(
		(share) => (share.user === user || share.everyone) && Number(share[ptype]) === 1,
	);
}

export const DOCSHARE: CoreDocType = { spec: DOCSHARE_SPEC };
