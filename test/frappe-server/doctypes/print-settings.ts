// Print Settings (frappe/printing/doctype/print_settings), a single doctype: which documents may be printed.
import type { DocTypeSpec } from '../meta';
import { ALL_DESK_PROPS, f } from './common';
import type { CoreDocType } from './controller';

export const PRINT_SETTINGS_SPEC: DocTypeSpec = {
	name: 'Print Settings',
	module: 'Printing',
	issingle: 1,
	...ALL_DESK_PROPS,
	fields: [
		f('allow_print_for_draft', 'Check', 'Allow Print for Draft', { default: '1' }),
		f('allow_print_for_cancelled', 'Check', 'Allow Print for Cancelled', { default: '0' }),
		f('pdf_page_size', 'Select', 'PDF Page Size', { options: 'A4\nLetter', default: 'A4' }),
	],
	permissions: [{ role: 'System Manager', read: 1, write: 1, create: 1 }],
};

export const PRINT_SETTINGS: CoreDocType = { spec: PRINT_SETTINGS_SPEC };
