// Note (frappe/desk/doctype/note).
import type { DocTypeSpec } from '../meta';
import { ALL_DESK_PROPS, f, FULL } from './common';
import type { CoreDocType } from './controller';

export const NOTE_SPEC: DocTypeSpec = {
	name: 'Note',
	module: 'Desk',
	autoname: 'hash',
	title_field: 'title',
	...ALL_DESK_PROPS,
	fields: [
		f('title', 'Data', 'Title', { reqd: 1, in_list_view: 1, in_global_search: 1 }),
		f('public', 'Check', 'Public', { default: '0', in_list_view: 1 }),
		f('notify_on_login', 'Check', 'Notify users with a popup when they log in', { default: '0' }),
		f('notify_on_every_login', 'Check', 'Notify Users On Every Login', { default: '0' }),
		f('expire_notification_on', 'Date', 'Expire Notification On'),
		f('content', 'Text Editor', 'Content', { in_global_search: 1 }),
	],
	permissions: [
		{ role: 'System Manager', ...FULL },
		{
			role: 'All',
			read: 1,
			create: 1,
			write: 1,
			delete: 1,
			report: 1,
			print: 1,
			email: 1,
			share: 1,
		},
	],
};

export const NOTE: CoreDocType = { spec: NOTE_SPEC };
