// /api/resource/... and /api/method/... (v1; also /api/v1/... on v15+)
import type { RequestContext } from '../context';
import { FrappeError, frappeThrow, notFound, routeNotFound } from '../errors';
import { loadsArg, runQuery, sbool } from '../filters';
import { serializeDocTypeResource } from '../meta';
import { checkParentPermission } from '../methods';
import { pyJsonParse } from '../python';
import type { Doc } from '../types';
import { handleRpc, makeCall, resolveDocMethod, scrub } from './rpc';

export function decodeSegments(rest: string): string[] {
	const segs = rest.split('/');
	if (segs.length > 1 && segs[segs.length - 1] === '') segs.pop();
	return segs.map((s) => {
		try {
			return decodeURIComponent(s);
		} catch {
			return s;
		}
	});
}

/** frappe.api.v1.get_request_form_data */
export function requestFormData(ctx: RequestContext): Doc {
	let parsed: unknown;
	const form = ctx.form;
	try {
		if (form.data !== undefined && form.data !== null)
			parsed = typeof form.data === 'string' ? pyJsonParse(form.data) : form.data;
		else parsed = pyJsonParse(ctx.body.toString('utf8'));
	} catch {
		return { ...form };
	}
	return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
		? { ...(parsed as Doc) }
		: { ...form };
}

/** get_doc of an unknown doctype imports a controller that does not exist */
export function importError(doctype: string): FrappeError {
	return new FrappeError('ImportError', {
		exceptionLine: `Error: No module named 'frappe.core.doctype.${scrub(doctype)}'`,
		tb: 'import',
	});
}

export function serializeFor(
	ctx: RequestContext,
	doctype: string,
	doc: Doc,
	unsaved?: Set<string>,
	opts: { nulls?: boolean } = {},
): Doc {
	if (doctype === 'DocType') {
		const meta = ctx.store.getMeta(String(doc.name));
		if (meta) return serializeDocTypeResource(meta, { inserted: !!unsaved });
	}
	return ctx.store.asDict(doctype, doc, { nulls: opts.nulls ?? false, unsaved });
}

export async function executeDocMethod(
	ctx: RequestContext,
	doctype: string,
	name: string,
	method: string,
	args: Record<string, unknown>,
): Promise<unknown> {
	const store = ctx.store;
	if (!store.getMeta(doctype)) throw importError(doctype);
	const doc = store.getDoc(doctype, name, { ignorePermissions: true });
	const def = resolveDocMethod(ctx.server, doctype, method);
	store.checkDocPermission(ctx.user, doctype, doc, ctx.method === 'GET' ? 'read' : 'write');
	if (def.methods && !def.methods.includes(ctx.method))
		throw frappeThrow('Not permitted', 'PermissionError');
	return def.handler(doc, args, makeCall(ctx, args), doctype);
}

export async function handleV1(ctx: RequestContext, rest: string): Promise<void> {
	const segs = decodeSegments(rest);
	const server = ctx.server;
	const store = ctx.store;
	const v14 = server.version === 14;
	if (segs[0] === 'method' && segs.length >= 2 && segs[1]) {
		return handleRpc(ctx, segs[1]);
	}
	if (segs[0] !== 'resource' || segs.length < 2 || !segs[1]) throw routeNotFound();
	const doctype = segs[1];
	const name = segs.slice(2).join('/');
	if (!name) {
		if (ctx.method === 'GET') {
			const f = ctx.form;
			const fields = f.fields ? loadsArg(f.fields) : undefined;
			const limit = 'limit_page_length' in f ? f.limit_page_length : f.limit || 20;
			const meta = store.requireMeta(doctype);
			if (meta.istable) checkParentPermission(store, ctx.user, f.parent, doctype);
			const rows = runQuery(store, doctype, {
				fields,
				filters: f.filters,
				or_filters: f.or_filters,
				order_by: f.order_by,
				group_by: f.group_by,
				limit_start: f.limit_start,
				limit_page_length: limit,
				as_dict: f.as_dict === undefined ? undefined : sbool(f.as_dict),
				parent: f.parent,
				user: ctx.user,
				defaultSort: server.version >= 16,
			});
			server.respond(ctx, 'data', rows);
			return;
		}
		if (ctx.method === 'POST') {
			const data = requestFormData(ctx);
			delete data.doctype;
			const res = store.insertDoc(doctype, data, { user: ctx.user });
			server.respond(ctx, 'data', serializeFor(ctx, doctype, res.doc, res.unsaved, { nulls: v14 }));
			return;
		}
		throw routeNotFound();
	}
	switch (ctx.method) {
		case 'GET': {
			if ('run_method' in ctx.form) {
				const args = { ...ctx.form };
				const method = String(args.run_method);
				delete args.run_method;
				const result = await executeDocMethod(ctx, doctype, name, method, args);
				server.respond(ctx, 'data', result);
				return;
			}
			const meta = store.getMeta(doctype);
			if (!meta) throw importError(doctype);
			if (doctype === 'DocType') {
				if (!store.hasRolePermission(ctx.user, 'DocType', 'read'))
					throw new FrappeError('PermissionError');
				const dt = store.getMeta(name);
				if (!dt) throw notFound('DocType', name);
				server.respond(ctx, 'data', serializeDocTypeResource(dt));
				return;
			}
			const doc = store.getDoc(doctype, name, { user: ctx.user, ptype: 'read' });
			server.respond(ctx, 'data', serializeFor(ctx, doctype, doc));
			return;
		}
		case 'PUT': {
			const data = requestFormData(ctx);
			delete data.flags;
			if (!store.getMeta(doctype)) throw importError(doctype);
			const res = store.saveDoc(doctype, name, data, { user: ctx.user });
			server.respond(
				ctx,
				'data',
				serializeFor(ctx, doctype, res.doc, res.unsaved.size ? res.unsaved : undefined),
			);
			return;
		}
		case 'DELETE': {
			store.requireMeta(doctype);
			store.deleteDoc(doctype, name, { user: ctx.user });
			server.respond(ctx, v14 ? 'message' : 'data', 'ok', 202);
			return;
		}
		case 'POST': {
			const args = { ...ctx.form };
			if (!('run_method' in args)) {
				if (v14) {
					server.respond(ctx, 'data', undefined);
					return;
				}
				throw new FrappeError('KeyError', { exceptionLine: "KeyError: 'run_method'" });
			}
			const method = String(args.run_method);
			delete args.run_method;
			const result = await executeDocMethod(ctx, doctype, name, method, args);
			server.respond(ctx, 'data', result);
			return;
		}
		default:
			if (v14) {
				server.respond(ctx, 'data', undefined);
				return;
			}
			throw routeNotFound();
	}
}
