// Comment (frappe/core/doctype/comment): the desk's timeline entries. A Comment of type "Comment" is also kept in the
// document's `_comments` cache (Comment.on_update → update_comment_in_doc), without touching its `modified`.
import type { DocTypeSpec } from '../meta';
import type { Store } from '../store';
import type { Doc } from '../types';
import { f, FULL } from './common';
import type { CoreDocType } from './controller';

export const COMMENT_TYPES = [
	'Comment',
	'Like',
	'Info',
	'Label',
	'Workflow',
	'Created',
	'Submitted',
	'Cancelled',
	'Updated',
	'Deleted',
	'Assigned',
	'Assignment Completed',
	'Attachment',
	'Attachment Removed',
	'Shared',
	'Unshared',
	'Bot',
	'Relinked',
	'Edit',
];

export const COMMENT_SPEC: DocTypeSpec = {
	name: 'Comment',
	module: 'Core',
	autoname: 'hash',
	title_field: 'comment_type',
	fields: [
		f('comment_type', 'Select', 'Comment Type', {
			options: COMMENT_TYPES.join('\n'),
			default: 'Comment',
			reqd: 1,
		}),
		f('comment_email', 'Data', 'Comment Email'),
		f('subject', 'Text', 'Subject'),
		f('comment_by', 'Data', 'Comment By'),
		f('published', 'Check', 'Published'),
		f('seen', 'Check', 'Seen'),
		f('reference_doctype', 'Link', 'Reference Document Type', { options: 'DocType' }),
		f('reference_name', 'Dynamic Link', 'Reference Name', { options: 'reference_doctype' }),
		f('reference_owner', 'Data', 'Reference Owner', { read_only: 1 }),
		f('content', 'HTML Editor', 'Content'),
		f('ip_address', 'Data', 'IP Address', { hidden: 1 }),
	],
	permissions: [
		{ role: 'System Manager', ...FULL },
		{ role: 'Website Manager', ...FULL },
	],
};

function referenced(comment: Doc, store: Store): Doc | undefined {
	if (!comment.reference_doctype || !comment.reference_name) return undefined;
	return store.raw(String(comment.reference_doctype), String(comment.reference_name));
}

/** update_comment_in_doc: the latest comments, as the desk's list view shows their count. */
function cacheComment(comment: Doc, store: Store): void {
	if (comment.comment_type !== 'Comment') return;
	const doc = referenced(comment, store);
	if (!doc) return;
	const cached = JSON.parse(String(doc._comments ?? '[]')) as Doc[];
	cached.push({ comment: comment.content, by: comment.owner, name: comment.name });
	doc._comments = JSON.stringify(cached.slice(-100));
}

function uncacheComment(comment: Doc, store: Store): void {
	const doc = referenced(comment, store);
	if (!doc?._comments) return;
	const cached = JSON.parse(String(doc._comments)) as Doc[];
	doc._comments = JSON.stringify(cached.filter((entry) => entry.name !== comment.name));
}

export const COMMENT: CoreDocType = {
	spec: COMMENT_SPEC,
	controller: { afterInsert: cacheComment, onTrash: uncacheComment },
};
