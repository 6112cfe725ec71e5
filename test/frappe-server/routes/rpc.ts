// /api/method/<dotted.path> (v1), /api/v2/method/... and legacy POST / cmd=: the whitelisted-method registry, Frappe's
// method resolution errors (417 "Failed to get method"), whitelist / guest / HTTP verb checks (403).
import type { RequestContext } from '../context';
import {
	FrappeError,
	frappeThrow,
	missingArguments,
	newExcId,
	notWhitelisted,
	type MessageLog,
} from '../errors';
import type { FrappeHttpServer } from '../server';
import type { Store } from '../store';
import type { Doc } from '../types';

export const DEFAULT_VERBS = ['GET', 'POST', 'PUT', 'DELETE'];

/** What a whitelisted method receives. */
export interface MethodCall {
	/** frappe.form_dict without `cmd` */
	args: Record<string, unknown>;
	/** the session user */
	user: string;
	store: Store;
	server: FrappeHttpServer;
	ctx: RequestContext;
	/** Python's TypeError for missing positional arguments (500) */
	require(fnName: string, ...names: string[]): void;
	/** frappe.msgprint (goes to _server_messages / messages) */
	msgprint(message: string, title?: string): void;
}

export interface MethodDef {
	handler: (call: MethodCall) => unknown | Promise<unknown>;
	allowGuest?: boolean;
	/** allowed HTTP verbs (default GET, POST, PUT, DELETE) */
	methods?: string[];
	/** the Python qualified name shown in "is not whitelisted" (defaults to the dotted path) */
	qualified?: string;
	/** false: exists but is not whitelisted (403) */
	whitelisted?: boolean;
}

/** A werkzeug Response returned by a method: sent as is. */
export class RawResponse {
	constructor(
		readonly status: number,
		readonly headers: Record<string, string>,
		readonly body: string | Buffer,
	) {}
}

/** Python functions that exist but are not whitelisted, with their qualified names. */
const NOT_WHITELISTED: Record<string, string> = {
	'frappe.utils.now': 'frappe.utils.data.now',
	'frappe.utils.nowdate': 'frappe.utils.data.nowdate',
	'frappe.utils.today': 'frappe.utils.data.today',
	'frappe.utils.now_datetime': 'frappe.utils.data.now_datetime',
	'frappe.utils.data.now': 'frappe.utils.data.now',
	'frappe.utils.data.today': 'frappe.utils.data.today',
	'frappe.utils.cint': 'frappe.utils.data.cint',
	'frappe.utils.flt': 'frappe.utils.data.flt',
	'frappe.get_doc': 'frappe.get_doc',
	'frappe.get_list': 'frappe.get_list',
	'frappe.get_all': 'frappe.get_all',
	'frappe.get_meta': 'frappe.get_meta',
	'frappe.delete_doc': 'frappe.model.delete_doc.delete_doc',
	'frappe.set_value': 'frappe.set_value',
	'frappe.client.insert_doc': 'frappe.client.insert_doc',
	'frappe.client.check_parent_permission': 'frappe.client.check_parent_permission',
	'frappe.auth.validate_auth': 'frappe.auth.validate_auth',
	'frappe.sessions.get_csrf_token': 'frappe.sessions.get_csrf_token',
};

const KNOWN_MODULES = [
	'frappe',
	'frappe.client',
	'frappe.auth',
	'frappe.handler',
	'frappe.utils',
	'frappe.utils.data',
	'frappe.utils.file_manager',
	'frappe.utils.change_log',
	'frappe.desk',
	'frappe.desk.form',
	'frappe.desk.form.load',
	'frappe.desk.form.save',
	'frappe.desk.search',
	'frappe.desk.reportview',
	'frappe.desk.doctype',
	'frappe.integrations',
	'frappe.integrations.oauth2',
	'frappe.core',
	'frappe.core.doctype',
	'frappe.core.doctype.user',
	'frappe.core.doctype.user.user',
	'frappe.sessions',
	'frappe.model',
	'frappe.model.document',
	'frappe.model.base_document',
	'frappe.www',
	'frappe.api',
];

export function scrub(s: string): string {
	return s.replace(/[\s-]+/g, '_').toLowerCase();
}

export class MethodRegistry {
	private readonly map = new Map<string, MethodDef>();

	register(dotted: string, def: MethodDef): void {
		this.map.set(dotted, def);
	}

	get(dotted: string): MethodDef | undefined {
		return this.map.get(dotted);
	}

	/** module paths (and their prefixes) that "exist" */
	modules(): Set<string> {
		const out = new Set<string>(KNOWN_MODULES);
		for (const k of this.map.keys()) {
			const parts = k.split('.');
			for (let i = 1; i < parts.length; i++) out.add(parts.slice(0, i).join('.'));
		}
		return out;
	}

	apps(): Set<string> {
		const out = new Set<string>(['frappe']);
		for (const k of this.map.keys()) if (k.includes('.')) out.add(k.split('.')[0]);
		return out;
	}
}

/** frappe.get_attr(cmd) failure → the messages and text Frappe reports */
function resolveFailure(
	registry: MethodRegistry,
	cmd: string,
	extraModules: Set<string>,
): { reason: string; extraMsgs: MessageLog[] } {
	if (!cmd.includes('.')) return { reason: `'${cmd}'`, extraMsgs: [] };
	const parts = cmd.split('.');
	const app = parts[0];
	if (!registry.apps().has(app)) {
		const excId = newExcId();
		return {
			reason: `App ${app} is not installed`,
			extraMsgs: [
				{
					message: `App ${app} is not installed`,
					title: 'Message',
					indicator: 'red',
					raise_exception: 1,
					__frappe_exc_id: excId,
				},
			],
		};
	}
	const moduleName = parts.slice(0, -1).join('.');
	const modules = registry.modules();
	for (const m of extraModules) modules.add(m);
	if (!modules.has(moduleName)) {
		let missing = moduleName;
		for (let i = 1; i <= parts.length - 1; i++) {
			const prefix = parts.slice(0, i).join('.');
			if (!modules.has(prefix)) {
				missing = prefix;
				break;
			}
		}
		return { reason: `No module named '${missing}'`, extraMsgs: [] };
	}
	return {
		reason: `module '${moduleName}' has no attribute '${parts[parts.length - 1]}'`,
		extraMsgs: [],
	};
}

function methodNotFound(
	ctx: RequestContext,
	registry: MethodRegistry,
	cmd: string,
	v2: boolean,
): FrappeError {
	const controllers = new Set<string>();
	for (const meta of ctx.store.allMetas()) {
		if (meta.props.custom) continue;
		const parts = ['frappe', scrub(meta.module), 'doctype', scrub(meta.name), scrub(meta.name)];
		for (let i = 2; i <= parts.length; i++) controllers.add(parts.slice(0, i).join('.'));
	}
	const { reason, extraMsgs } = resolveFailure(registry, cmd, controllers);
	ctx.messages.push(...extraMsgs);
	const text = v2
		? `Failed to get method ${cmd} with ${reason}`
		: `Failed to get method for command ${cmd} with ${reason}`;
	const err = frappeThrow(text, 'ValidationError', { tb: v2 ? 'v2getattr' : 'getattr' });
	return err;
}

export function makeCall(ctx: RequestContext, args: Record<string, unknown>): MethodCall {
	return {
		args,
		user: ctx.user,
		store: ctx.store,
		server: ctx.server,
		ctx,
		require(fnName: string, ...names: string[]) {
			const missing = names.filter((n) => args[n] === undefined || args[n] === null);
			if (missing.length) throw missingArguments(fnName, missing);
		},
		msgprint(message: string, title = 'Message') {
			ctx.messages.push({ message, title });
		},
	};
}

/** execute_cmd: resolve, check whitelist and verb, call, answer {"message": ...} / {"data": ...} */
export async function handleRpc(
	ctx: RequestContext,
	cmd: string,
	opts: { v2?: boolean } = {},
): Promise<void> {
	const server = ctx.server;
	const registry = server.methods;
	const def = registry.get(cmd);
	const v2 = !!opts.v2;
	if (!def) {
		const q = NOT_WHITELISTED[cmd];
		if (q) throw notWhitelisted(q);
		throw methodNotFound(ctx, registry, cmd, v2);
	}
	if (def.whitelisted === false || (ctx.user === 'Guest' && !def.allowGuest))
		throw notWhitelisted(def.qualified ?? cmd);
	const verbs = def.methods ?? DEFAULT_VERBS;
	if (!verbs.includes(ctx.method)) throw frappeThrow('Not permitted', 'PermissionError');
	const args = { ...ctx.form };
	delete args.cmd;
	const result = await def.handler(makeCall(ctx, args));
	if (ctx.sent) return;
	if (result instanceof RawResponse) {
		ctx.send(result.status, result.headers, result.body);
		return;
	}
	server.respond(ctx, v2 ? 'data' : 'message', result);
}

// ---- document methods (run_method, /method/<m>, run_doc_method) -------------------------------------------------

export interface DocMethodDef {
	handler: (
		doc: Doc,
		args: Record<string, unknown>,
		call: MethodCall,
		doctype: string,
	) => unknown | Promise<unknown>;
	methods?: string[];
}

/** Methods every Document has; only submit and cancel are whitelisted. */
const DOCUMENT_ATTRS: Record<string, string> = {
	db_update: 'frappe.model.base_document.db_update',
	db_insert: 'frappe.model.base_document.db_insert',
	get: 'frappe.model.base_document.get',
	set: 'frappe.model.base_document.set',
	as_dict: 'frappe.model.base_document.as_dict',
	as_json: 'frappe.model.base_document.as_json',
	append: 'frappe.model.base_document.append',
	update: 'frappe.model.base_document.update',
	insert: 'frappe.model.document.insert',
	save: 'frappe.model.document.save',
	delete: 'frappe.model.document.delete',
	reload: 'frappe.model.document.reload',
	db_set: 'frappe.model.document.db_set',
	run_method: 'frappe.model.document.run_method',
	check_permission: 'frappe.model.document.check_permission',
	validate: 'frappe.model.document.validate',
	get_doc_before_save: 'frappe.model.document.get_doc_before_save',
};

/** resolve `method` on a doc: the registered method, or 403 (exists, not whitelisted), or werkzeug NotFound */
export function resolveDocMethod(
	server: FrappeHttpServer,
	doctype: string,
	method: string,
): DocMethodDef {
	const def =
		server.docMethods.get(`${doctype}\u0000${method}`) ?? server.docMethods.get(`*\u0000${method}`);
	if (def) return def;
	const q = DOCUMENT_ATTRS[method];
	if (q) throw notWhitelisted(q);
	throw new NotFoundHtml(`Method ${method} not found`);
}

/** werkzeug NotFound raised inside the app: returned raw as HTML 404 */
export class NotFoundHtml extends Error {}
