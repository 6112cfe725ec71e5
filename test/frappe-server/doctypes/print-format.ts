// Print Format (frappe/printing/doctype/print_format): a Jinja layout for a doctype. Desk Users may only select
// (link search) Print Formats, not read them.
import type { DocTypeSpec } from '../meta';
import { ALL_DESK_PROPS, f } from './common';
import type { CoreDocType } from './controller';

export const PRINT_FORMAT_SPEC: DocTypeSpec = {
	name: 'Print Format',
	module: 'Printing',
	autoname: 'Prompt',
	search_fields: 'doc_type',
	...ALL_DESK_PROPS,
	fields: [
		f('doc_type', 'Link', 'DocType', { options: 'DocType', reqd: 1, in_standard_filter: 1 }),
		f('module', 'Link', 'Module', { options: 'Module Def' }),
		f('standard', 'Select', 'Standard', { options: 'No\nYes', default: 'No' }),
		f('custom_format', 'Check', 'Custom Format', { default: '0' }),
		f('disabled', 'Check', 'Disabled', { default: '0' }),
		f('print_format_type', 'Select', 'Print Format Type', {
			options: 'Jinja\nJS',
			default: 'Jinja',
		}),
		f('html', 'Code', 'HTML'),
		f('default_print_language', 'Link', 'Default Print Language', { options: 'Language' }),
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
		{ role: 'Desk User', select: 1 },
	],
};

export const PRINT_FORMAT: CoreDocType = { spec: PRINT_FORMAT_SPEC };
