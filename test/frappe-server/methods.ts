// The built-in whitelisted methods: ping, login/logout, frappe.auth.get_logged_user, frappe.client.*, getdoctype,
// search_link, reportview.get_count, run_doc_method, upload/download, version, generate_keys; and Document.submit/cancel.
import { randomBytes } from 'node:crypto';
import { FrappeError, frappeThrow, noRolePermission, notFound } from './errors';
import { countQuery, loadsArg, runQuery, safeLoads, sbool } from './filters';
import { serializeMeta, TABLE_FIELDTYPES } from './meta';
import { hexHash } from './naming';
import { pyJsonParse } from './python';
import { makeCall, RawResponse, resolveDocMethod, scrub, type MethodCall } from './routes/rpc';
import { downloadFileMethod, uploadFile } from './routes/files';
import type { FrappeHttpServer } from './server';
import type { Store } from './store';
import type { Doc } from './types';
import { registerDeskMethods } from './desk-methods';
import { workflowDocs } from './workflow';

const POST_PUT = ['POST', 'PUT'];

function parseJsonArg(v: unknown): unknown {
	return typeof v === 'string' ? loadsArg(v) : v;
}

function tryJson(v: unknown): unknown {
	if (typeof v !== 'string') return v;
	try {
		return pyJsonParse(v);
	} catch {
		return v;
	}
}

/** frappe.client.check_parent_permission */
export function checkParentPermission(
	store: Store,
	user: string,
	parent: unknown,
	child: string,
): void {
	if (!parent) throw new FrappeError('PermissionError');
	const pm = store.getMeta(String(parent));
	if (!pm || !pm.tableFields().some((t) => t.options === child))
		throw new FrappeError('PermissionError');
	if (!store.hasRolePermission(user, String(parent), 'read'))
		throw noRolePermission(user, String(parent));
}

/** insert_doc: a child row (parenttype/parent/parentfield) is appended to its parent which is saved */
function insertDoc(
	call: MethodCall,
	doc: Doc,
): { doctype: string; doc: Doc; unsaved: Set<string> } {
	const store = call.store;
	if (doc.parenttype) {
		const parentDt = String(doc.parenttype);
		const parent = store.getDoc(parentDt, String(doc.parent), { user: call.user, ptype: 'write' });
		const field = String(doc.parentfield);
		const rows = [
			...((parent[field] as Doc[]) ?? []).map((r) => ({ ...r })),
			{ ...doc, name: undefined },
		];
		const res = store.saveDoc(
			parentDt,
			parent.name as string,
			{ [field]: rows },
			{ user: call.user },
		);
		return { doctype: parentDt, doc: res.doc, unsaved: res.unsaved };
	}
	const doctype = String(doc.doctype ?? '');
	if (!doctype) throw frappeThrow('doctype is required');
	const data = { ...doc };
	delete data.doctype;
	const res = store.insertDoc(doctype, data, { user: call.user });
	return { doctype, doc: res.doc, unsaved: res.unsaved };
}

/** frappe.get_doc(dict).save(): a full document (fields not sent become empty), modified must match */
function fullDocPatch(store: Store, doc: Doc): { doctype: string; name: string; patch: Doc } {
	const doctype = String(doc.doctype ?? '');
	const meta = store.requireMeta(doctype);
	const name = String(doc.name ?? '');
	const patch: Doc = {};
	for (const f of meta.dataFields())
		patch[f.fieldname as string] = doc[f.fieldname as string] ?? null;
	for (const tf of meta.tableFields())
		patch[tf.fieldname as string] = doc[tf.fieldname as string] ?? [];
	if (doc.modified !== undefined) patch.modified = doc.modified;
	if (doc.docstatus !== undefined) patch.docstatus = doc.docstatus;
	return { doctype, name, patch };
}

function deleteDocClient(call: MethodCall, doctype: string, name: string): void {
	const store = call.store;
	const meta = store.requireMeta(doctype);
	if (meta.istable) {
		const row = store.raw(doctype, name);
		if (!row) throw new FrappeError('DoesNotExistError', { noTraceback: true });
		store.getDoc(String(row.parenttype), String(row.parent), { user: call.user, ptype: 'write' });
	}
	store.deleteDoc(doctype, name, { user: call.user });
}

function dashboardStub(): Doc {
	return { transactions: [], non_standard_fieldnames: {}, internal_links: {} };
}

const NULL_ASSETS = [
	'__js',
	'__css',
	'__list_js',
	'__calendar_js',
	'__map_js',
	'__linked_with',
	'__messages',
	'__print_formats',
	'__workflow_docs',
	'__form_grid_templates',
	'__listview_template',
	'__tree_js',
	'__dashboard',
	'__kanban_column_fields',
	'__templates',
];

/** get_meta_bundle + load_assets: the `docs` of getdoctype */
function metaBundle(call: MethodCall, doctype: string): Doc[] {
	const store = call.store;
	const meta = store.requireMeta(doctype);
	const main: Doc = serializeMeta(meta, { forDesk: true });
	const canRead = store.hasRolePermission(call.user, doctype, 'read');
	if (Object.keys(meta.assets).length) Object.assign(main, meta.assets);
	else {
		const s = scrub(doctype);
		Object.assign(main, {
			__custom_js: `\n\n//# sourceURL=${s}__custom_js`,
			__custom_list_js: `\n\n//# sourceURL=${s}__custom_list_js`,
			__assets_loaded: true,
		});
		for (const k of NULL_ASSETS) main[k] = null;
		Object.assign(main, {
			__print_formats: [],
			__workflow_docs: workflowDocs(store, doctype),
			__dashboard: dashboardStub(),
			__kanban_column_fields: [],
		});
	}
	if (!canRead) {
		main.__kanban_column_fields = null;
		call.ctx.messages.push({
			message: `User <strong>${call.user}</strong> does not have doctype access via role permission for document <strong>Kanban Board</strong>`,
			title: 'Message',
		});
		call.ctx.errorMessage = 'No permission for Kanban Board';
	}
	const docs = [main];
	for (const tf of meta.tableFields()) {
		const child = store.getMeta(tf.options as string);
		if (!child || docs.some((d) => d.name === child.name)) continue;
		const c: Doc = serializeMeta(child, { forDesk: true });
		c.__assets_loaded = true;
		for (const k of [...NULL_ASSETS, '__custom_js', '__custom_list_js']) c[k] = null;
		docs.push(c);
	}
	return docs;
}

/**
 * frappe.contacts.address_and_contact.filter_dynamic_link_doctypes, a search query of DocType: the doctypes with a
 * field matching `filters` (DocField, then Custom Field rows) whose name contains `txt`, kept when the user's roles
 * read them (frappe.permissions.get_doctypes_with_read: DocPerm / Custom DocPerm rows at permlevel 0), sorted.
 * The catalogue's doctypes stand for core doctypes with fields and System Manager permissions.
 */
function filterDynamicLinkDoctypes(call: MethodCall, txt: string, filters: unknown): string[][] {
	const store = call.store;
	const wanted = Object.entries(
		filters && typeof filters === 'object' && !Array.isArray(filters)
			? (filters as Record<string, unknown>)
			: {},
	);
	const withField = (meta: ReturnType<Store['allMetas']>[number]) =>
		meta.catalogueOnly
			? wanted.length === 0
			: meta.fields.some((field) => wanted.every(([k, v]) => String(field[k]) === String(v)));
	const readable = (meta: ReturnType<Store['allMetas']>[number]) =>
		call.user === 'Administrator'
			? meta.catalogueOnly || meta.permissions.some((p) => !p.permlevel && p.read)
			: store.hasRolePermission(call.user, meta.name, 'read');
	return store
		.allMetas()
		.filter((meta) => meta.name.toLowerCase().includes(txt) && withField(meta) && readable(meta))
		.map((meta) => meta.name)
		.sort()
		.map((name) => [name]);
}

/** The search queries (`query` of search_link / search_widget) the server knows. */
const SEARCH_QUERIES: Record<
	string,
	(call: MethodCall, txt: string, filters: unknown) => string[][]
> = {
	'frappe.contacts.address_and_contact.filter_dynamic_link_doctypes': filterDynamicLinkDoctypes,
};

function searchLink(call: MethodCall): Doc[] {
	const store = call.store;
	const a = call.args;
	call.require('search_link', 'doctype', 'txt');
	const doctype = String(a.doctype);
	const txt = String(a.txt ?? '').toLowerCase();
	const meta = store.requireMeta(doctype);
	if (a.query) {
		// frappe.desk.search.search_widget: a whitelisted query function answers instead, and build_for_autosuggest
		// turns its rows into {value, description}
		const query = SEARCH_QUERIES[String(a.query)];
		if (!query) throw new Error(`test server: search query ${String(a.query)} is not modelled`);
		const filters = a.filters ? safeLoads(a.filters) : undefined;
		return query(call, txt.trim(), filters).map(([value, ...rest]) => ({
			value,
			description: rest.filter(Boolean).join(', '),
		}));
	}
	const pageLength = parseInt(String(a.page_length ?? 10), 10) || 10;
	// User (searched through hooks' standard query frappe.core.doctype.user.user.user_query) gives the automatic
	// role Desk User the select permission (user.json), so every desk user may pick users (assign to, share with).
	if (
		doctype !== 'DocType' &&
		!(doctype === 'User' && store.isSystemUser(call.user)) &&
		!store.hasRolePermission(call.user, doctype, 'select') &&
		!store.hasRolePermission(call.user, doctype, 'read')
	) {
		throw noRolePermission(call.user, doctype);
	}
	const filters = a.filters ? safeLoads(a.filters) : undefined;
	let rows: Doc[];
	if (doctype === 'DocType') {
		rows = store.allMetas().map((m) => m.asRow());
		// the desk's Link fields filter DocTypes by plain values, e.g. {"istable": 0}
		if (filters && typeof filters === 'object' && !Array.isArray(filters)) {
			const wanted = Object.entries(filters as Record<string, unknown>).filter(
				([, v]) => !Array.isArray(v),
			);
			rows = rows.filter((r) => wanted.every(([k, v]) => String(r[k] ?? 0) === String(v)));
		}
	} else
		rows = runQuery(store, doctype, {
			fields: ['*'],
			filters: typeof filters === 'object' ? filters : undefined,
			user: call.user,
			ignorePermissions: true,
		}) as Doc[];
	if (doctype === 'User')
		rows = rows.filter((r) => r.name !== 'Administrator' && r.name !== 'Guest' && r.enabled !== 0);
	const searchFields = meta.searchFields.length
		? meta.searchFields
		: meta.titleField
			? [meta.titleField]
			: [];
	const hit = (r: Doc) =>
		!txt ||
		String(r.name).toLowerCase().includes(txt) ||
		searchFields.some((f) =>
			String(r[f] ?? '')
				.toLowerCase()
				.includes(txt),
		);
	const matched = rows.filter(hit);
	matched.sort((x, y) => {
		const px = String(x.name).toLowerCase().indexOf(txt);
		const py = String(y.name).toLowerCase().indexOf(txt);
		const rx = px < 0 ? 1e9 : px;
		const ry = py < 0 ? 1e9 : py;
		if (rx !== ry) return rx - ry;
		return String(x.name).toLowerCase() < String(y.name).toLowerCase() ? -1 : 1;
	});
	// search_widget asks get_list for every row of a translated doctype (DocType is one), whatever page_length says
	const translated = Number(meta.props.translated_doctype) === 1;
	return (translated ? matched : matched.slice(0, pageLength)).map((r) => {
		const out: Doc = { value: r.name };
		const desc = searchFields
			.map((f) => r[f])
			.filter((v) => v !== null && v !== undefined && v !== '' && v !== r.name);
		if (
			meta.titleField &&
			r[meta.titleField] &&
			r[meta.titleField] !== r.name &&
			meta.props.show_title_field_in_link
		)
			out.label = r[meta.titleField];
		if (desc.length) out.description = desc.join(', ');
		return out;
	});
}

export function registerBuiltinMethods(server: FrappeHttpServer): void {
	const reg = (
		name: string,
		handler: (c: MethodCall) => unknown,
		opts: { allowGuest?: boolean; methods?: string[] } = {},
	) => server.registerMethod(name, { handler, ...opts });

	reg('ping', () => 'pong', { allowGuest: true });
	reg('frappe.handler.ping', () => 'pong', { allowGuest: true });
	reg('login', () => undefined, { allowGuest: true });
	const logout = (c: MethodCall) => {
		const ctx = c.ctx;
		if (ctx.session) c.server.sessions.delete(ctx.session.sid);
		ctx.session = null;
		ctx.clearCookies = true;
		ctx.extra.home_page = '/login';
		ctx.extra.full_name = 'Guest';
		return 'No App';
	};
	reg('logout', logout, { allowGuest: true });
	reg('frappe.handler.logout', logout, { allowGuest: true });
	reg('frappe.auth.get_logged_user', (c) => c.user);
	reg('frappe.handler.version', () => '15.44.2', { allowGuest: true });
	reg('frappe.utils.change_log.get_versions', (c) => ({
		frappe: {
			title: 'Frappe Framework',
			description: 'Full stack web framework with Python, Javascript, MariaDB, Redis, Node',
			branch: `version-${c.server.version}`,
			version: c.server.version === 15 ? '15.44.2' : c.server.version === 14 ? '14.93.2' : '16.0.0',
		},
	}));

	// frappe.client
	reg('frappe.client.get_list', (c) => {
		const a = c.args;
		c.require('get_list', 'doctype');
		const doctype = String(a.doctype);
		const meta = c.store.requireMeta(doctype);
		if (meta.istable) checkParentPermission(c.store, c.user, a.parent, doctype);
		return runQuery(c.store, doctype, {
			fields: a.fields,
			filters: a.filters,
			or_filters: a.or_filters,
			order_by: a.order_by,
			group_by: a.group_by,
			limit_start: a.limit_start,
			limit_page_length: a.limit_page_length ?? 20,
			as_dict: a.as_dict,
			parent: a.parent,
			user: c.user,
			defaultSort: c.server.version >= 16,
		});
	});
	reg('frappe.client.get_count', (c) => {
		c.require('get_count', 'doctype');
		let filters = safeLoads(c.args.filters);
		if (typeof filters === 'string' && filters) filters = { name: filters };
		return countQuery(c.store, String(c.args.doctype), {
			filters,
			user: c.user,
			ignorePermissions: true,
		});
	});
	reg('frappe.client.get_value', (c) => {
		c.require('get_value', 'doctype', 'fieldname');
		const a = c.args;
		const doctype = String(a.doctype);
		const meta = c.store.requireMeta(doctype);
		if (meta.istable) checkParentPermission(c.store, c.user, a.parent, doctype);
		if (!c.store.hasRolePermission(c.user, meta.istable ? String(a.parent) : doctype, 'read'))
			throw frappeThrow(`No permission for ${doctype}`, 'PermissionError');
		let filters = safeLoads(a.filters);
		if (typeof filters === 'string') filters = { name: filters };
		let fields = tryJson(a.fieldname);
		if (!Array.isArray(fields)) fields = [String(a.fieldname)];
		const asDict = a.as_dict === undefined ? true : sbool(a.as_dict);
		if (meta.issingle) {
			const single = c.store.getSingle(doctype) ?? {};
			const vals = (fields as string[]).map((f) => single[f] ?? null);
			if (asDict) return Object.fromEntries((fields as string[]).map((f, i) => [f, vals[i]]));
			return (fields as string[]).length > 1 ? vals : vals[0];
		}
		const rows = runQuery(c.store, doctype, {
			fields,
			filters:
				filters && (typeof filters !== 'object' || Object.keys(filters as object).length)
					? filters
					: undefined,
			limit_page_length: 1,
			parent: a.parent,
			as_dict: asDict,
			user: c.user,
		});
		if (asDict) return rows[0] ?? {};
		if (!rows.length) return undefined;
		return (fields as string[]).length > 1 ? rows[0] : (rows[0] as unknown[])[0];
	});
	reg('frappe.client.get_single_value', (c) => {
		c.require('get_single_value', 'doctype', 'field');
		const doctype = String(c.args.doctype);
		const meta = c.store.requireMeta(doctype);
		if (!meta.issingle) throw frappeThrow(`${doctype} is not a Single DocType`);
		return c.store.getSingle(doctype)?.[String(c.args.field)] ?? null;
	});
	reg(
		'frappe.client.set_value',
		(c) => {
			c.require('set_value', 'doctype', 'name', 'fieldname');
			const a = c.args;
			const doctype = String(a.doctype);
			let values: Doc;
			if (a.value === undefined || a.value === null || a.value === '') {
				const parsed = typeof a.fieldname === 'string' ? tryJson(a.fieldname) : a.fieldname;
				values =
					parsed && typeof parsed === 'object' ? (parsed as Doc) : { [String(a.fieldname)]: '' };
			} else values = { [String(a.fieldname)]: a.value };
			for (const k of Object.keys(values)) {
				if (['name', 'owner', 'creation', 'modified', 'modified_by', 'docstatus'].includes(k))
					throw frappeThrow('Cannot edit standard fields');
			}
			const res = c.store.saveDoc(doctype, String(a.name), values, { user: c.user });
			const meta = c.store.requireMeta(doctype);
			if (meta.istable) {
				const parent = c.store.raw(String(res.doc.parenttype), String(res.doc.parent))!;
				return c.store.asDict(String(res.doc.parenttype), parent, { nulls: true });
			}
			return c.store.asDict(doctype, res.doc, { nulls: true });
		},
		{ methods: POST_PUT },
	);
	reg('frappe.client.get', (c) => {
		c.require('get', 'doctype');
		const a = c.args;
		const doctype = String(a.doctype);
		const meta = c.store.requireMeta(doctype);
		if (meta.istable) checkParentPermission(c.store, c.user, a.parent, doctype);
		let doc: Doc;
		if (a.name) doc = c.store.getDoc(doctype, String(a.name), { user: c.user });
		else if (a.filters !== undefined && !meta.issingle) {
			const rows = runQuery(c.store, doctype, {
				filters: safeLoads(a.filters),
				fields: ['name'],
				limit_page_length: 1,
				user: c.user,
				ignorePermissions: true,
			}) as Doc[];
			if (!rows.length) throw frappeThrow(`${doctype} not found`, 'DoesNotExistError');
			doc = c.store.getDoc(doctype, String(rows[0].name), { user: c.user });
		} else doc = c.store.getDoc(doctype, doctype, { user: c.user });
		return c.store.asDict(doctype, doc, { nulls: true });
	});
	reg(
		'frappe.client.insert',
		(c) => {
			c.require('insert', 'doc');
			const doc = parseJsonArg(c.args.doc) as Doc;
			const res = insertDoc(c, doc);
			return c.store.asDict(res.doctype, res.doc, { nulls: true, unsaved: res.unsaved });
		},
		{ methods: POST_PUT },
	);
	reg(
		'frappe.client.insert_many',
		(c) => {
			c.require('insert_many', 'docs');
			const docs = parseJsonArg(c.args.docs) as Doc[];
			if (docs.length > 200) throw frappeThrow('Only 200 inserts allowed in one request');
			const out: string[] = [];
			for (const d of docs) {
				const name = String(insertDoc(c, d).doc.name);
				if (!out.includes(name)) out.push(name);
			}
			return out;
		},
		{ methods: POST_PUT },
	);
	const saveLike = (c: MethodCall, docstatus?: number) => {
		c.require(docstatus === 1 ? 'submit' : 'save', 'doc');
		const doc = parseJsonArg(c.args.doc) as Doc;
		const meta = c.store.requireMeta(String(doc.doctype ?? ''));
		if (!doc.name || !c.store.raw(meta.name, String(doc.name))) {
			const res = insertDoc(c, { ...doc, ...(docstatus !== undefined ? { docstatus } : {}) });
			return c.store.asDict(res.doctype, res.doc, { nulls: true, unsaved: res.unsaved });
		}
		const { doctype, name, patch } = fullDocPatch(c.store, doc);
		if (docstatus !== undefined) patch.docstatus = docstatus;
		const res = c.store.saveDoc(doctype, name, patch, { user: c.user });
		return c.store.asDict(doctype, res.doc, { nulls: true, unsaved: res.unsaved });
	};
	reg('frappe.client.save', (c) => saveLike(c), { methods: POST_PUT });
	reg('frappe.client.submit', (c) => saveLike(c, 1), { methods: POST_PUT });
	reg(
		'frappe.client.cancel',
		(c) => {
			c.require('cancel', 'doctype', 'name');
			const res = c.store.cancelDoc(String(c.args.doctype), String(c.args.name), { user: c.user });
			return c.store.asDict(String(c.args.doctype), res.doc, { nulls: true });
		},
		{ methods: POST_PUT },
	);
	reg(
		'frappe.client.delete',
		(c) => {
			c.require('delete', 'doctype', 'name');
			deleteDocClient(c, String(c.args.doctype), String(c.args.name));
			return undefined;
		},
		{ methods: ['DELETE', 'POST'] },
	);
	reg('frappe.client.has_permission', (c) => {
		c.require('has_permission', 'doctype', 'docname');
		const doctype = String(c.args.doctype);
		const doc = c.store.raw(doctype, String(c.args.docname));
		const ptype = String(c.args.perm_type ?? 'read');
		return {
			has_permission: doc
				? c.store.canAccess(c.user, doctype, doc, ptype)
				: c.store.hasRolePermission(c.user, doctype, ptype),
		};
	});
	reg('frappe.client.validate_link', (c) => {
		c.require('validate_link', 'doctype', 'docname');
		const doctype = String(c.args.doctype);
		const name = String(c.args.docname);
		if (!c.store.exists(doctype, name)) return {};
		const out: Doc = { name };
		const fields = tryJson(c.args.fields);
		if (Array.isArray(fields)) {
			const doc = c.store.raw(doctype, name)!;
			for (const f of fields) out[String(f)] = doc[String(f)] ?? null;
		}
		return out;
	});
	reg(
		'frappe.client.bulk_update',
		(c) => {
			c.require('bulk_update', 'docs');
			if (typeof c.args.docs !== 'string') {
				throw new FrappeError('TypeError', {
					message: `the JSON object must be str, bytes or bytearray, not ${Array.isArray(c.args.docs) ? 'list' : 'dict'}`,
				});
			}
			const docs = loadsArg(c.args.docs) as Doc[];
			const failed: Doc[] = [];
			for (const d of docs) {
				const doc = { ...d };
				const doctype = String(doc.doctype);
				const name = String(doc.docname);
				delete doc.doctype;
				delete doc.docname;
				try {
					c.store.saveDoc(doctype, name, doc, { user: c.user });
				} catch (e) {
					failed.push({ doc: d, exc: e instanceof FrappeError ? e.traceback : String(e) });
				}
			}
			return { failed_docs: failed };
		},
		{ methods: POST_PUT },
	);

	// desk
	reg('frappe.desk.form.load.getdoctype', (c) => {
		c.require('getdoctype', 'doctype');
		const docs = metaBundle(c, String(c.args.doctype));
		c.ctx.docs.push(...docs);
		c.ctx.extra.user_settings = '{}';
		return undefined;
	});
	reg('frappe.desk.search.search_link', (c) => searchLink(c));
	reg('frappe.desk.reportview.get_count', (c) => {
		c.require('get_count', 'doctype');
		return countQuery(c.store, String(c.args.doctype), {
			filters: c.args.filters,
			or_filters: c.args.or_filters,
			distinct: c.args.distinct ? sbool(c.args.distinct) : false,
			user: c.user,
		});
	});

	// documents
	const runDocMethod = async (c: MethodCall) => {
		c.require('run_doc_method', 'method');
		const a = c.args;
		let doctype: string;
		let doc: Doc;
		if (a.dt) {
			doctype = String(a.dt);
			doc = c.store.getDoc(doctype, String(a.dn ?? a.dt), { user: c.user, ptype: 'read' });
		} else {
			const sent = (a.docs !== undefined ? parseJsonArg(a.docs) : parseJsonArg(a.document)) as Doc;
			doctype = String(sent?.doctype ?? '');
			doc = c.store.getDoc(doctype, String(sent?.name), { user: c.user, ptype: 'read' });
			if (sent.modified !== undefined && String(sent.modified) !== String(doc.modified)) {
				c.store.saveDoc(doctype, String(doc.name), { modified: sent.modified }, { user: c.user });
			}
		}
		const method = String(a.method);
		const def = resolveDocMethod(c.server, doctype, method);
		if (!(def.methods ?? ['GET', 'POST', 'PUT', 'DELETE']).includes(c.ctx.method))
			throw frappeThrow('Not permitted', 'PermissionError');
		let args =
			a.args !== undefined ? tryJson(a.args) : a.kwargs !== undefined ? tryJson(a.kwargs) : {};
		if (!args || typeof args !== 'object') args = { args };
		const result = await def.handler(doc, args as Record<string, unknown>, c, doctype);
		const fresh = c.store.raw(doctype, String(doc.name)) ?? doc;
		c.ctx.docs.push(c.store.asDict(doctype, fresh, { nulls: false }));
		return result ?? undefined;
	};
	reg('run_doc_method', runDocMethod);
	reg('frappe.handler.run_doc_method', runDocMethod);

	server.registerDocMethod('*', 'submit', {
		handler: (doc, _args, c, doctype) => {
			const res = c.store.submitDoc(doctype, String(doc.name), { user: c.user });
			return c.store.asDict(doctype, res.doc, { nulls: false, unsaved: res.unsaved });
		},
	});
	server.registerDocMethod('*', 'cancel', {
		handler: (doc, _args, c, doctype) => {
			const res = c.store.cancelDoc(doctype, String(doc.name), { user: c.user });
			return c.store.asDict(doctype, res.doc, { nulls: false });
		},
	});

	// files
	reg('upload_file', (c) => uploadFile(c), { allowGuest: true });
	reg('frappe.handler.upload_file', (c) => uploadFile(c), { allowGuest: true });
	reg('frappe.utils.file_manager.download_file', (c) => downloadFileMethod(c));
	reg('frappe.handler.download_file', (c) => downloadFileMethod(c));

	// users
	reg(
		'frappe.core.doctype.user.user.generate_keys',
		(c) => {
			c.require('generate_keys', 'user');
			if (!c.store.hasRolePermission(c.user, 'User', 'write'))
				throw new FrappeError('PermissionError');
			const user = String(c.args.user);
			const doc = c.store.raw('User', user);
			if (!doc) throw notFound('User', user);
			const secret = hexHash(15);
			const patch: Doc = { api_secret: secret };
			if (!doc.api_key) patch.api_key = hexHash(15);
			c.store.saveDoc('User', user, patch, { user: c.user, ignorePermissions: true });
			return { api_secret: secret };
		},
		{ methods: POST_PUT },
	);
	reg('frappe.sessions.get_csrf_token', () => undefined);
	reg('frappe.core.api.file.get_max_file_size', (c) => {
		const mb = Number(c.store.getSingle('System Settings')?.max_file_size ?? 0);
		return mb > 0 ? mb * 1024 * 1024 : c.server.config.maxFileSize;
	});

	// workflow, comments, assignments, shares, tags, getdoc, rename_doc
	registerDeskMethods(server);

	void makeCall;
	void RawResponse;
	void TABLE_FIELDTYPES;
	void randomBytes;
}
