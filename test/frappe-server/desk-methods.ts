// The desk's whitelisted methods around a document's life: workflow transitions and actions
// (frappe.model.workflow), comments (frappe.desk.form.utils), assignments (frappe.desk.form.assign_to), shares
// (frappe.share), tags (frappe.desk.doctype.tag.tag), the form's getdoc/get_docinfo (frappe.desk.form.load) and
// frappe.client.rename_doc, answering as the recordings in test/fixtures/frappe-15.44.2/{workflow,desk,lifecycle} do.
import { FrappeError, frappeThrow, notFound } from './errors';
import { loadsArg, sbool } from './filters';
import type { MethodCall } from './routes/rpc';
import type { FrappeHttpServer } from './server';
import type { Store } from './store';
import type { Doc } from './types';
import { SHARE_RIGHTS, sharesOf } from './doctypes/docshare';
import { applyWorkflow, getTransitions } from './workflow';

const POST_PUT = ['POST', 'PUT'];

function jsonArg(value: unknown): unknown {
	return typeof value === 'string' ? loadsArg(value) : value;
}

/** get_transitions/apply_workflow take the doc as JSON (a string or an object); only doctype and name are read. */
function docArg(call: MethodCall): { doctype: string; name: unknown } {
	const doc = (jsonArg(call.args.doc) ?? {}) as Doc;
	return { doctype: String(doc.doctype ?? ''), name: doc.name };
}

function fullName(store: Store, user: string): string {
	const doc = store.userDoc(user);
	return String(doc?.full_name || doc?.first_name || user);
}

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

function addInfoComment(
	store: Store,
	doctype: string,
	name: string,
	type: string,
	content: string,
	user: string,
): void {
	store.insertDoc(
		'Comment',
		{
			comment_type: type,
			reference_doctype: doctype,
			reference_name: name,
			content,
			comment_email: user,
		},
		{ user, ignorePermissions: true },
	);
}

// ---- assignments ----------------------------------------------------------------------------------------------

function openAssignments(store: Store, doctype: string, name: string): Doc[] {
	return store
		.rowsOf('ToDo')
		.filter((t) => t.reference_type === doctype && t.reference_name === name && t.status === 'Open')
		.sort((a, b) => String(a.creation).localeCompare(String(b.creation)));
}

/** frappe.desk.form.assign_to.get: `[{owner: allocated_to, name}]` of the open assignments */
function assignmentList(store: Store, doctype: string, name: string): Doc[] {
	return openAssignments(store, doctype, name).map((t) => ({
		owner: t.allocated_to,
		name: t.name,
	}));
}

function syncAssign(store: Store, doctype: string, name: string): void {
	const doc = store.raw(doctype, name);
	if (doc)
		doc._assign = JSON.stringify(openAssignments(store, doctype, name).map((t) => t.allocated_to));
}

/** frappe.desk.form.assign_to.add */
function assignAdd(call: MethodCall): Doc[] {
	const { store, user, args } = call;
	const doctype = String(args.doctype);
	const name = String(args.name);
	const description = escapeHtml(String(args.description ?? `Assignment for ${doctype} ${name}`));
	const shared: string[] = [];
	const duplicates: string[] = [];
	for (const assignee of (jsonArg(args.assign_to) as unknown[]) ?? []) {
		const allocatedTo = String(assignee);
		const doc = store.getDoc(doctype, name, { user });
		if (openAssignments(store, doctype, name).some((t) => t.allocated_to === allocatedTo)) {
			duplicates.push(allocatedTo);
			continue;
		}
		store.insertDoc(
			'ToDo',
			{
				allocated_to: allocatedTo,
				reference_type: doctype,
				reference_name: name,
				description,
				priority: args.priority ?? 'Medium',
				status: 'Open',
				date: args.date ?? store.clock.today(),
				assigned_by: args.assigned_by ?? user,
			},
			{ user, ignorePermissions: true },
		);
		syncAssign(store, doctype, name);
		addInfoComment(
			store,
			doctype,
			name,
			'Assigned',
			`${fullName(store, user)} assigned ${fullName(store, allocatedTo)}: ${description}`,
			user,
		);
		if (!store.canAccess(allocatedTo, doctype, doc, 'read')) {
			shareAdd(store, doctype, name, allocatedTo, { read: 1 }, user);
			shared.push(allocatedTo);
		}
	}
	if (shared.length)
		call.msgprint(
			`Shared with the following Users with Read access:<br><br>${shared.join('<br>')}`,
		);
	if (duplicates.length)
		call.msgprint(`Already in the following Users ToDo list:<br><br>${duplicates.join('<br>')}`);
	return assignmentList(store, doctype, name);
}

/** frappe.desk.form.assign_to.remove: the ToDo is cancelled; nothing to remove is no error. */
function assignRemove(call: MethodCall): Doc[] {
	const { store, user, args } = call;
	const doctype = String(args.doctype);
	const name = String(args.name);
	const assignee = String(args.assign_to);
	for (const todo of openAssignments(store, doctype, name).filter(
		(t) => t.allocated_to === assignee,
	)) {
		store.saveDoc(
			'ToDo',
			String(todo.name),
			{ status: 'Cancelled' },
			{ user, ignorePermissions: true },
		);
		addInfoComment(
			store,
			doctype,
			name,
			'Assignment Completed',
			`Assignment of ${fullName(store, assignee)} removed by ${fullName(store, user)}`,
			user,
		);
	}
	syncAssign(store, doctype, name);
	return assignmentList(store, doctype, name);
}

// ---- shares ---------------------------------------------------------------------------------------------------

function shareAdd(
	store: Store,
	doctype: string,
	name: string,
	user: string | null,
	rights: Record<string, unknown>,
	by: string,
	everyone = false,
): Doc {
	const existing = sharesOf(store, doctype, name).find((s) =>
		everyone ? Number(s.everyone) === 1 : s.user === user,
	);
	const values: Doc = { read: 1 };
	for (const right of SHARE_RIGHTS.slice(1))
		if (rights[right] !== undefined) values[right] = Number(sbool(rights[right]));
	if (existing) {
		return store.saveDoc('DocShare', String(existing.name), values, {
			user: by,
			ignorePermissions: true,
		}).doc;
	}
	return store.insertDoc(
		'DocShare',
		{
			user: everyone ? null : user,
			share_doctype: doctype,
			share_name: name,
			everyone: everyone ? 1 : 0,
			notify_by_email: rights.notify === undefined ? 1 : Number(sbool(rights.notify)),
			...values,
		},
		{ user: by, ignorePermissions: true },
	).doc;
}

/** frappe.share.check_share_permission */
function checkSharePermission(store: Store, user: string, doctype: string, name: string): void {
	const doc = store.getDoc(doctype, name, { user, ignorePermissions: true });
	if (!store.canAccess(user, doctype, doc, 'share')) {
		throw frappeThrow(`No permission to share ${doctype} ${name}`, 'PermissionError');
	}
}

function shareUsers(store: Store, doctype: string, name: string): Doc[] {
	return sharesOf(store, doctype, name).map((s) => ({
		name: s.name,
		user: s.user,
		read: s.read,
		write: s.write,
		submit: s.submit,
		share: s.share,
		everyone: s.everyone,
		owner: s.owner,
		creation: s.creation,
	}));
}

// ---- tags -----------------------------------------------------------------------------------------------------

function tagsOf(doc: Doc): string[] {
	return String(doc._user_tags ?? '')
		.split(',')
		.map((t) => t.trim())
		.filter(Boolean);
}

/** DocTags.add: `_user_tags` rewritten (v14/v15 keep a leading comma), a Tag Link row, the Tag master if new. */
function addTag(call: MethodCall, tag: string, doctype: string, name: string): string {
	const { store, user } = call;
	const doc = store.raw(doctype, name);
	if (!doc) throw notFound(doctype, name);
	if (!store.exists('Tag', tag))
		store.insertDoc('Tag', { name: tag }, { user, ignorePermissions: true, keepName: true });
	const tags = tagsOf(doc);
	if (!tags.includes(tag)) {
		tags.push(tag);
		doc._user_tags = call.server.version >= 16 ? tags.join(',') : `,${tags.join(',')}`;
	}
	store.checkDocPermission(user, doctype, doc, 'write');
	const linked = store
		.rowsOf('Tag Link')
		.some((l) => l.document_type === doctype && l.document_name === name && l.tag === tag);
	if (!linked) {
		store.insertDoc(
			'Tag Link',
			{
				document_type: doctype,
				document_name: name,
				tag,
				title: doc[store.requireMeta(doctype).titleField ?? 'name'] ?? name,
			},
			{ user, ignorePermissions: true },
		);
	}
	return tag;
}

function removeTag(call: MethodCall, tag: string, doctype: string, name: string): void {
	const { store, user } = call;
	const doc = store.raw(doctype, name);
	if (!doc) throw notFound(doctype, name);
	const tags = tagsOf(doc).filter((t) => t !== tag);
	doc._user_tags = tags.length
		? call.server.version >= 16
			? tags.join(',')
			: `,${tags.join(',')}`
		: null;
	for (const link of store.rowsOf('Tag Link')) {
		if (link.document_type === doctype && link.document_name === name && link.tag === tag)
			store.deleteDoc('Tag Link', String(link.name), { user, ignorePermissions: true });
	}
}

// ---- getdoc ---------------------------------------------------------------------------------------------------

function comments(store: Store, doctype: string, name: string, types: string[]): Doc[] {
	return store
		.rowsOf('Comment')
		.filter(
			(c) =>
				c.reference_doctype === doctype &&
				c.reference_name === name &&
				types.includes(String(c.comment_type)),
		)
		.sort((a, b) => String(b.creation).localeCompare(String(a.creation)))
		.map((c) => ({
			name: c.name,
			creation: c.creation,
			content: c.content,
			owner: c.owner,
			comment_type: c.comment_type,
		}));
}

function userInfo(store: Store, users: Set<string>): Doc {
	const out: Doc = {};
	for (const user of users) {
		const doc = store.userDoc(user);
		if (!doc) continue;
		out[user] = {
			fullname: fullName(store, user),
			image: doc.user_image ?? null,
			name: user,
			email: doc.email ?? user,
			time_zone: doc.time_zone ?? 'Asia/Kolkata',
		};
	}
	return out;
}

/** frappe.desk.form.load.get_docinfo's dict */
function docinfo(store: Store, user: string, doctype: string, doc: Doc): Doc {
	const name = String(doc.name);
	const info: Doc = {
		doctype,
		name,
		attachments: store
			.rowsOf('File')
			.filter((f) => f.attached_to_doctype === doctype && f.attached_to_name === name)
			.map((f) => ({
				name: f.name,
				file_name: f.file_name,
				file_url: f.file_url,
				is_private: f.is_private,
			})),
		communications: [],
		automated_messages: [],
		comments: comments(store, doctype, name, ['Comment']),
		total_comments: comments(store, doctype, name, ['Comment']).length,
		versions: [],
		assignments: openAssignments(store, doctype, name).map((t) => ({
			name: t.name,
			owner: t.allocated_to,
			description: t.description,
			status: t.status,
		})),
		assignment_logs: comments(store, doctype, name, ['Assigned', 'Assignment Completed']),
		attachment_logs: comments(store, doctype, name, ['Attachment', 'Attachment Removed']),
		info_logs: comments(store, doctype, name, ['Info', 'Edit', 'Label']),
		like_logs: comments(store, doctype, name, ['Like']),
		workflow_logs: comments(store, doctype, name, ['Workflow']),
		views: [],
		energy_point_logs: [],
		additional_timeline_content: [],
		milestones: [],
		is_document_followed: null,
		tags: store
			.rowsOf('Tag Link')
			.filter((l) => l.document_type === doctype && l.document_name === name)
			.map((l) => String(l.tag))
			.reverse()
			.join(','),
		document_email: null,
		shared: shareUsers(store, doctype, name),
		permissions: Object.fromEntries(
			[
				'select',
				'read',
				'write',
				'create',
				'delete',
				'submit',
				'cancel',
				'amend',
				'print',
				'email',
				'report',
				'import',
				'export',
				'share',
			].map((p) => [p, store.canAccess(user, doctype, doc, p) ? 1 : 0]),
		),
	};
	const users = new Set<string>([user, String(doc.owner)]);
	for (const key of ['comments', 'assignment_logs', 'shared', 'assignments'])
		for (const row of info[key] as Doc[]) users.add(String(row.owner ?? row.user));
	return { user_info: userInfo(store, users), ...info };
}

function readableDoc(call: MethodCall, doctype: string, name: string): Doc {
	const { store, user } = call;
	const doc = store.raw(doctype, name);
	if (!doc) throw notFound(doctype, name);
	if (!store.canAccess(user, doctype, doc, 'read')) {
		throw new FrappeError('PermissionError', {
			errorMessage: `Insufficient Permission for ${doctype} ${name}`,
			msgs: [
				{
					message: `Insufficient Permission for ${doctype} ${name}`,
					title: 'Not Permitted',
					indicator: 'red',
				},
			],
		});
	}
	return doc;
}

// ---- rename ---------------------------------------------------------------------------------------------------

/** frappe.model.rename_doc.rename_doc via frappe.client.rename_doc (validate_rename's checks, then the move) */
function renameDoc(call: MethodCall): string {
	const { store, user, args } = call;
	const doctype = String(args.doctype);
	const oldName = String(args.old_name);
	const newName = String(args.new_name).trim();
	const merge = sbool(args.merge ?? false);
	const meta = store.requireMeta(doctype);
	const doc = store.raw(doctype, oldName);
	if (!doc) throw notFound(doctype, oldName);
	if (!meta.props.allow_rename) throw frappeThrow(`${doctype} not allowed to be renamed`);
	const target = store.raw(doctype, newName);
	if (merge && !target)
		throw frappeThrow(`${doctype} ${newName} does not exist, select a new target to merge`);
	if (!merge && target && newName.toLowerCase() !== oldName.toLowerCase())
		throw frappeThrow(`Another ${doctype} with name ${newName} exists, select another name`);
	if (newName === oldName)
		throw frappeThrow('No changes made because old and new name are the same.');
	if (!store.canAccess(user, doctype, doc, 'write'))
		throw frappeThrow('You need write permission to rename');
	if (merge) {
		store.deleteDoc(doctype, oldName, { user, ignorePermissions: true });
	} else {
		const data = store.asDict(doctype, doc, { nulls: true });
		for (const key of ['_user_tags', '_comments', '_assign', '_liked_by'])
			data[key] = doc[key] ?? null;
		store.deleteDoc(doctype, oldName, { user, ignorePermissions: true });
		const moved = store.insertDoc(
			doctype,
			{ ...data, name: newName },
			{ user, ignorePermissions: true, keepName: true, keepTimestamps: true, workflowAction: true },
		).doc;
		for (const key of ['_user_tags', '_comments', '_assign', '_liked_by'])
			if (data[key]) moved[key] = data[key];
	}
	// rename_dynamic_links: what points to the old name now points to the new one
	const relink: [string, string, string][] = [
		['Comment', 'reference_doctype', 'reference_name'],
		['ToDo', 'reference_type', 'reference_name'],
		['DocShare', 'share_doctype', 'share_name'],
		['Tag Link', 'document_type', 'document_name'],
	];
	for (const [linkDoctype, typeField, nameField] of relink)
		for (const row of store.rowsOf(linkDoctype))
			if (row[typeField] === doctype && row[nameField] === oldName) row[nameField] = newName;
	call.ctx.messages.push({
		message: `Document renamed from <strong>${oldName}</strong> to <strong>${newName}</strong>`,
		title: 'Message',
		indicator: 'green',
		alert: 1,
	});
	return newName;
}

export function registerDeskMethods(server: FrappeHttpServer): void {
	const reg = (name: string, handler: (c: MethodCall) => unknown, methods?: string[]) =>
		server.registerMethod(name, { handler, ...(methods ? { methods } : {}) });

	reg('frappe.model.workflow.get_transitions', (c) => {
		c.require('get_transitions', 'doc');
		const { doctype, name } = docArg(c);
		return getTransitions(c.store, doctype, name, c.user);
	});
	reg('frappe.model.workflow.apply_workflow', (c) => {
		c.require('apply_workflow', 'doc', 'action');
		const { doctype, name } = docArg(c);
		return applyWorkflow(c.store, doctype, name, String(c.args.action), c.user);
	});

	reg(
		'frappe.desk.form.utils.add_comment',
		(c) => {
			c.require(
				'add_comment',
				'reference_doctype',
				'reference_name',
				'content',
				'comment_email',
				'comment_by',
			);
			const doctype = String(c.args.reference_doctype);
			const name = String(c.args.reference_name);
			const doc = c.store.getDoc(doctype, name, { user: c.user });
			const comment = c.store.insertDoc(
				'Comment',
				{
					comment_type: 'Comment',
					comment_email: c.args.comment_email,
					comment_by: c.args.comment_by,
					reference_doctype: doctype,
					reference_name: name,
					reference_owner: doc.owner,
					content: c.args.content,
				},
				{ user: c.user, ignorePermissions: true },
			);
			return c.store.asDict('Comment', comment.doc, { nulls: false });
		},
		POST_PUT,
	);

	reg('frappe.desk.form.assign_to.add', (c) => assignAdd(c));
	reg('frappe.desk.form.assign_to.remove', (c) => {
		c.require('remove', 'doctype', 'name', 'assign_to');
		return assignRemove(c);
	});
	reg('frappe.desk.form.assign_to.get', (c) =>
		assignmentList(c.store, String(c.args.doctype), String(c.args.name)),
	);

	reg('frappe.share.add', (c) => {
		c.require('add', 'doctype', 'name');
		const doctype = String(c.args.doctype);
		const name = String(c.args.name);
		const everyone = sbool(c.args.everyone ?? 0);
		const user = everyone ? null : String(c.args.user ?? '');
		checkSharePermission(c.store, c.user, doctype, name);
		if (!everyone && !c.store.userDoc(String(user)))
			throw frappeThrow(`Could not find User: ${user}`, 'LinkValidationError');
		const share = shareAdd(c.store, doctype, name, user, c.args, c.user, everyone);
		return c.store.asDict('DocShare', share, { nulls: false });
	});
	reg('frappe.share.get_users', (c) => {
		c.require('get_users', 'doctype', 'name');
		readableDoc(c, String(c.args.doctype), String(c.args.name));
		return shareUsers(c.store, String(c.args.doctype), String(c.args.name));
	});
	reg('frappe.share.set_permission', (c) => {
		c.require('set_permission', 'doctype', 'name', 'user', 'permission_to');
		const doctype = String(c.args.doctype);
		const name = String(c.args.name);
		checkSharePermission(c.store, c.user, doctype, name);
		const everyone = sbool(c.args.everyone ?? 0);
		const share = sharesOf(c.store, doctype, name).find((s) =>
			everyone ? Number(s.everyone) === 1 : s.user === String(c.args.user),
		);
		const right = String(c.args.permission_to);
		const value = Number(sbool(c.args.value ?? 1));
		if (!share) {
			if (!value) return undefined;
			return c.store.asDict(
				'DocShare',
				shareAdd(c.store, doctype, name, String(c.args.user), { [right]: 1 }, c.user, everyone),
				{ nulls: false },
			);
		}
		if (!value && right === 'read') {
			c.store.deleteDoc('DocShare', String(share.name), { ignorePermissions: true });
			return undefined;
		}
		const saved = c.store.saveDoc(
			'DocShare',
			String(share.name),
			{ [right]: value },
			{ ignorePermissions: true },
		);
		return c.store.asDict('DocShare', saved.doc, { nulls: false });
	});
	reg('frappe.share.remove', () => {
		throw frappeThrow('Function frappe.share.remove is not whitelisted.', 'PermissionError');
	});

	reg('frappe.desk.doctype.tag.tag.add_tag', (c) => {
		c.require('add_tag', 'tag', 'dt', 'dn');
		return addTag(c, String(c.args.tag), String(c.args.dt), String(c.args.dn));
	});
	reg('frappe.desk.doctype.tag.tag.add_tags', (c) => {
		c.require('add_tags', 'tags', 'dt', 'docs');
		for (const dn of jsonArg(c.args.docs) as unknown[])
			for (const tag of jsonArg(c.args.tags) as unknown[])
				addTag(c, String(tag), String(c.args.dt), String(dn));
		return undefined;
	});
	reg('frappe.desk.doctype.tag.tag.remove_tag', (c) => {
		c.require('remove_tag', 'tag', 'dt', 'dn');
		removeTag(c, String(c.args.tag), String(c.args.dt), String(c.args.dn));
		return undefined;
	});
	reg('frappe.desk.doctype.tag.tag.get_tags', (c) => {
		c.require('get_tags', 'doctype', 'txt');
		const txt = String(c.args.txt ?? '').toLowerCase();
		const tags = new Set<string>();
		for (const l of c.store.rowsOf('Tag Link'))
			if (l.document_type === String(c.args.doctype) && String(l.tag).toLowerCase().includes(txt))
				tags.add(String(l.tag));
		return [...tags].sort();
	});

	reg('frappe.desk.form.load.getdoc', (c) => {
		c.require('getdoc', 'doctype', 'name');
		const doctype = String(c.args.doctype);
		const name = String(c.args.name);
		if (!c.store.raw(doctype, name)) return [];
		const doc = readableDoc(c, doctype, name);
		c.ctx.docs.push(c.store.asDict(doctype, doc, { nulls: false }));
		c.ctx.extra.docinfo = docinfo(c.store, c.user, doctype, doc);
		c.ctx.extra._link_titles = {};
		return undefined;
	});
	reg('frappe.desk.form.load.get_docinfo', (c) => {
		c.require('get_docinfo', 'doctype', 'name');
		const doctype = String(c.args.doctype);
		const doc = readableDoc(c, doctype, String(c.args.name));
		c.ctx.extra.docinfo = docinfo(c.store, c.user, doctype, doc);
		return undefined;
	});

	reg(
		'frappe.client.rename_doc',
		(c) => {
			c.require('rename_doc', 'doctype', 'old_name', 'new_name');
			return renameDoc(c);
		},
		POST_PUT,
	);
}
