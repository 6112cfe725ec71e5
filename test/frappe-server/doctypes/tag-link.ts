// Tag Link (frappe/desk/doctype/tag_link): which document carries which tag, kept beside the `_user_tags` column.
import type { DocTypeSpec } from '../meta';
import { f, FULL } from './common';
import type { CoreDocType } from './controller';

export const TAG_LINK_SPEC: DocTypeSpec = {
	name: 'Tag Link',
	module: 'Desk',
	autoname: 'hash',
	fields: [
		f('document_type', 'Link', 'Document Type', { options: 'DocType' }),
		f('document_name', 'Dynamic Link', 'Document Name', { options: 'document_type' }),
		f('tag', 'Link', 'Tag', { options: 'Tag' }),
		f('title', 'Data', 'Document Title'),
	],
	permissions: [
		{ role: 'System Manager', ...FULL },
		{ role: 'All', read: 1 },
	],
};

export const TAG_LINK: CoreDocType = { spec: TAG_LINK_SPEC };
