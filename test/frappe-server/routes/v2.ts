// /api/v2/document|method|doctype (Frappe 15 frappe/api/v2.py; v16 differences where cheap)
import type { RequestContext } from '../context';
import { FrappeError, routeNotFound } from '../errors';
import { countQuery, loadsArg, runQuery, sbool } from '../filters';
import { serializeMeta } from '../meta';
import { pyJsonParse } from '../python';
import type { Doc } from '../types';
import { handleRpc, scrub } from './rpc';
import { decodeSegments, executeDocMethod, importError, serializeFor } from './v1';

function controllerModule(ctx: RequestContext, doctype: string): string {
	const meta = ctx.store.getMeta(doctype);
	if (!meta) throw importError(doctype);
	return `frappe.${scrub(meta.module)}.doctype.${scrub(doctype)}.${scrub(doctype)}`;
}

export async function handleV2(ctx: RequestContext, rest: string): Promise<void> {
	const segs = decodeSegments(rest);
	const server = ctx.server;
	const store = ctx.store;
	const v16 = server.version >= 16;
	const [kind] = segs;

	if (kind === 'method') {
		if (segs.length === 2 && segs[1] === 'login') return server.respond(ctx, 'data', undefined);
		if (segs.length === 2 && segs[1] === 'ping') return server.respond(ctx, 'data', 'pong');
		if (segs.length === 2 && segs[1] === 'upload_file')
			return handleRpc(ctx, 'upload_file', { v2: true });
		if (segs.length === 2 && segs[1] === 'logout') return handleRpc(ctx, 'logout', { v2: true });
		if (segs.length === 2 && segs[1] === 'run_doc_method') {
			if (!['GET', 'POST'].includes(ctx.method)) throw routeNotFound();
			const f = ctx.form;
			let document = f.document;
			if (typeof document === 'string') document = pyJsonParse(document);
			if (!document || typeof document !== 'object')
				throw new FrappeError(v16 ? 'FrappeValueError' : 'AttributeError', {
					message: 'document must be a dict',
				});
			const d = document as Doc;
			let kwargs = f.kwargs;
			if (typeof kwargs === 'string') kwargs = pyJsonParse(kwargs);
			const result = await executeDocMethod(
				ctx,
				String(d.doctype),
				String(d.name),
				String(f.method),
				(kwargs as Record<string, unknown>) ?? {},
			);
			const fresh = store.raw(String(d.doctype), String(d.name));
			if (fresh) ctx.docs.push(store.asDict(String(d.doctype), fresh, { nulls: false }));
			return server.respond(ctx, 'data', result);
		}
		if (segs.length === 2 && segs[1]) return handleRpc(ctx, segs[1], { v2: true });
		if (segs.length === 3 && segs[1] && segs[2])
			return handleRpc(ctx, `${controllerModule(ctx, segs[1])}.${segs[2]}`, { v2: true });
		throw routeNotFound();
	}

	if (kind === 'document' && segs.length >= 2 && segs[1]) {
		const doctype = segs[1];
		if (segs.length === 2) {
			if (ctx.method === 'GET') {
				const f = ctx.form;
				const fields = f.fields ? loadsArg(f.fields) : undefined;
				if (v16) {
					const limit = f.limit === undefined ? 20 : parseInt(String(f.limit), 10) || 0;
					const start = parseInt(String(f.start ?? 0), 10) || 0;
					const rows =
						limit <= 0
							? []
							: (runQuery(store, doctype, {
									fields,
									filters: f.filters,
									or_filters: f.or_filters,
									order_by: f.order_by,
									group_by: f.group_by,
									limit_start: start,
									limit_page_length: limit + 1,
									as_dict: f.as_dict === undefined ? true : !!f.as_dict,
									user: ctx.user,
									defaultSort: true,
								}) as Doc[]);
					const body: Doc = { data: rows.slice(0, limit), has_next_page: rows.length > limit };
					ctx.sendJson(200, body);
					return;
				}
				const rows = runQuery(store, doctype, {
					fields,
					filters: f.filters,
					or_filters: f.or_filters,
					order_by: f.order_by,
					group_by: f.group_by,
					limit_start: f.limit_start,
					limit_page_length: f.limit || 20,
					as_dict: f.as_dict === undefined ? undefined : sbool(f.as_dict),
					user: ctx.user,
				});
				return server.respond(ctx, 'data', rows);
			}
			if (ctx.method === 'POST') {
				const data = { ...ctx.form };
				delete data.doctype;
				const res = store.insertDoc(doctype, data, { user: ctx.user });
				return server.respond(
					ctx,
					'data',
					serializeFor(ctx, doctype, res.doc, res.unsaved, { nulls: v16 }),
				);
			}
			throw routeNotFound();
		}
		if (segs.length === 5 && segs[3] === 'method' && ['GET', 'POST'].includes(ctx.method)) {
			const args = { ...ctx.form };
			const result = await executeDocMethod(ctx, doctype, segs[2], segs[4], args);
			return server.respond(ctx, 'data', result);
		}
		if (v16 && segs.length === 4 && segs[3] === 'copy' && ctx.method === 'GET') {
			const doc = store.getDoc(doctype, segs[2], { user: ctx.user, ptype: 'read' });
			const copy = store.asDict(doctype, doc, { nulls: false });
			for (const k of ['name', 'owner', 'creation', 'modified', 'modified_by', 'amended_from'])
				delete copy[k];
			copy.docstatus = 0;
			return server.respond(ctx, 'data', copy);
		}
		const name = segs.slice(2).join('/');
		switch (ctx.method) {
			case 'GET': {
				if (!store.getMeta(doctype)) throw importError(doctype);
				const doc = store.getDoc(doctype, name, { user: ctx.user, ptype: 'read' });
				return server.respond(
					ctx,
					'data',
					serializeFor(ctx, doctype, doc, undefined, { nulls: v16 }),
				);
			}
			case 'PUT':
			case 'PATCH': {
				if (!store.getMeta(doctype)) throw importError(doctype);
				const data = { ...ctx.form };
				delete data.flags;
				const res = store.saveDoc(doctype, name, data, { user: ctx.user });
				return server.respond(
					ctx,
					'data',
					serializeFor(ctx, doctype, res.doc, res.unsaved.size ? res.unsaved : undefined, {
						nulls: v16,
					}),
				);
			}
			case 'DELETE': {
				const meta = store.requireMeta(doctype);
				if (meta.istable) {
					const row = store.raw(doctype, name);
					if (!row) throw new FrappeError('DoesNotExistError', { noTraceback: true });
					store.getDoc(String(row.parenttype), String(row.parent), {
						user: ctx.user,
						ptype: 'write',
					});
				}
				store.deleteDoc(doctype, name, { user: ctx.user });
				return server.respond(ctx, 'data', 'ok', 202);
			}
		}
		throw routeNotFound();
	}

	if (kind === 'doctype' && segs.length === 3 && ctx.method === 'GET') {
		const doctype = segs[1];
		if (segs[2] === 'meta') {
			if (ctx.user === 'Guest')
				throw new FrappeError('PermissionError', {
					message: 'This action is only allowed for <strong>All</strong>',
				});
			const meta = store.requireMeta(doctype);
			return server.respond(ctx, 'data', serializeMeta(meta));
		}
		if (segs[2] === 'count') {
			const f = ctx.form;
			const n = countQuery(store, doctype, {
				filters: f.filters,
				or_filters: f.or_filters,
				distinct: f.distinct ? sbool(f.distinct) : false,
				user: ctx.user,
			});
			const limit = f.limit ? parseInt(String(f.limit), 10) : 0;
			return server.respond(ctx, 'data', limit > 0 ? Math.min(n, limit) : n);
		}
	}
	throw routeNotFound();
}
