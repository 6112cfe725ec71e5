// Letter Head (frappe/printing/doctype/letter_head): the heading of printed pages. Desk Users may read them.
import type { DocTypeSpec } from '../meta';
import { ALL_DESK_PROPS, f } from './common';
import type { CoreDocType } from './controller';

export const LETTER_HEAD_SPEC: DocTypeSpec = {
	name: 'Letter Head',
	module: 'Printing',
	autoname: 'field:letter_head_name',
	...ALL_DESK_PROPS,
	fields: [
		f('letter_head_name', 'Data', 'Letter Head Name', { reqd: 1, unique: 1 }),
		f('disabled', 'Check', 'Disabled', { default: '0' }),
		f('is_default', 'Check', 'Default Letter Head', { default: '0' }),
		f('source', 'Select', 'Letter Head Based On', { options: 'Image\nHTML', default: 'HTML' }),
		f('content', 'HTML Editor', 'Header HTML'),
	],
	permissions: [
		{
			role: 'System Manager',
			read: 1,
			write: 1,
			create: 1,
			delete: 1,
			report: 1,
			print: 1,
			email: 1,
			share: 1,
		},
		{ role: 'Desk User', read: 1 },
	],
};

export const LETTER_HEAD: CoreDocType = { spec: LETTER_HEAD_SPEC };
