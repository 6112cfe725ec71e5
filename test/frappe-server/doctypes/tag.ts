// Tag (frappe/desk/doctype/tag).
import type { DocTypeSpec } from '../meta';
import { ALL_DESK_PROPS, f, FULL } from './common';
import type { CoreDocType } from './controller';

export const TAG_SPEC: DocTypeSpec = {
	name: 'Tag',
	module: 'Desk',
	autoname: 'Prompt',
	naming_rule: 'Set by user',
	...ALL_DESK_PROPS,
	allow_rename: 1,
	fields: [f('description', 'Small Text', 'Description')],
	permissions: [
		{ role: 'System Manager', ...FULL },
		{ role: 'All', read: 1, create: 1, report: 1, print: 1, email: 1, share: 1 },
	],
};

export const TAG: CoreDocType = { spec: TAG_SPEC };
