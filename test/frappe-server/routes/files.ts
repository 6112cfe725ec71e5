// File uploads (upload_file), static /files/... and permission-checked /private/files/..., download_file.
import type { RequestContext } from '../context';
import { controllerDeniedMessage, FrappeError, frappeThrow, noRolePermission } from '../errors';
import {
	BARE_500,
	contentDisposition,
	contentTypeFor,
	guessType,
	werkzeugPage,
} from '../http-util';
import { Store } from '../store';
import type { Doc } from '../types';
import { RawResponse, type MethodCall } from './rpc';

const ALLOWED_MIMETYPES = new Set([
	'image/png',
	'image/jpeg',
	'application/pdf',
	'application/msword',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	'application/vnd.ms-excel',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	'application/vnd.oasis.opendocument.text',
	'application/vnd.oasis.opendocument.spreadsheet',
	'text/plain',
	'text/csv',
	'video/quicktime',
	'video/mp4',
]);

function decodePath(p: string): string {
	try {
		return decodeURIComponent(p);
	} catch {
		return p;
	}
}

export function servePublicFile(ctx: RequestContext): void {
	ctx.noCookies = true;
	const url = decodePath(ctx.path);
	const content = ctx.store.files.get(url);
	if (!content) {
		ctx.send(500, { 'content-type': 'text/html' }, BARE_500);
		return;
	}
	ctx.send(200, { 'content-type': contentTypeFor(url) }, content);
}

function forbidden(ctx: RequestContext): void {
	ctx.noCookies = true;
	ctx.send(
		403,
		{ 'content-type': 'text/html; charset=utf-8' },
		werkzeugPage(403, 'Forbidden', 'You don&#39;t have permission to access this file'),
	);
}

function canDownload(store: Store, user: string, file: Doc): boolean {
	if (user === 'Guest') return false;
	if (!file.is_private) return true;
	if (user === 'Administrator' || store.rolesOf(user).includes('System Manager')) return true;
	if (file.owner === user) return true;
	if (file.attached_to_doctype && file.attached_to_name) {
		const doc = store.raw(String(file.attached_to_doctype), String(file.attached_to_name));
		if (doc && store.canAccess(user, String(file.attached_to_doctype), doc, 'read')) return true;
	}
	return store.canAccess(user, 'File', file, 'read') && file.owner === user;
}

export function servePrivateFile(ctx: RequestContext): void {
	const url = decodePath(ctx.path);
	const files = ctx.store.rowsOf('File').filter((f) => f.file_url === url);
	const ok = files.some((f) => canDownload(ctx.store, ctx.user, f));
	if (!ok) return forbidden(ctx);
	const content = ctx.store.files.get(url);
	if (!content) {
		ctx.noCookies = true;
		ctx.send(
			404,
			{ 'content-type': 'text/html; charset=utf-8' },
			werkzeugPage(
				404,
				'Not Found',
				'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
			),
		);
		return;
	}
	ctx.send(200, { 'content-type': contentTypeFor(url) }, content);
}

/** frappe.utils.file_manager.download_file(file_url) */
export function downloadFileMethod(c: MethodCall): RawResponse {
	c.require('download_file', 'file_url');
	const url = String(c.args.file_url);
	const file = c.store.rowsOf('File').find((f) => f.file_url === url);
	if (!file) throw frappeThrow(`File not found`, 'DoesNotExistError');
	c.store.checkDocPermission(c.user, 'File', file, 'read');
	const content = c.store.files.get(url);
	if (!content)
		throw new FrappeError('FileNotFoundError', {
			exceptionLine: `FileNotFoundError: [Errno 2] No such file or directory: '${url}'`,
		});
	const filename = url.split('/').pop() ?? 'file';
	return new RawResponse(
		200,
		{
			'content-type': contentTypeFor(filename),
			'content-disposition': contentDisposition(filename),
		},
		content,
	);
}

function uniqueFileUrl(
	store: Store,
	fileName: string,
	isPrivate: boolean,
	content: Buffer,
	hash: string,
): { fileName: string; url: string } {
	const base = isPrivate ? '/private/files/' : '/files/';
	let name = fileName;
	let url = base + name;
	const existing = store.files.get(url);
	if (existing && Store.contentHash(existing) !== hash) {
		const dot = name.lastIndexOf('.');
		name =
			dot > 0
				? `${name.slice(0, dot)}${hash.slice(-6)}${name.slice(dot)}`
				: `${name}${hash.slice(-6)}`;
		url = base + name;
	}
	void content;
	return { fileName: name, url };
}

/** frappe.handler.upload_file */
export function uploadFile(c: MethodCall): Doc {
	const { store, args, ctx } = c;
	const user = c.user;
	let ignorePermissions = false;
	if (user === 'Guest') {
		const ss = store.getSingle('System Settings');
		if (ss?.allow_guests_to_upload_files) ignorePermissions = true;
		else throw new FrappeError('PermissionError');
	}
	const doctype = args.doctype ? String(args.doctype) : undefined;
	const docname = args.docname ? String(args.docname) : undefined;
	const fieldname = args.fieldname ? String(args.fieldname) : undefined;
	const fileUrlArg = args.file_url ? String(args.file_url) : undefined;
	const folder = args.folder ? String(args.folder) : 'Home';
	const isPrivate = parseInt(String(args.is_private ?? 0), 10) ? 1 : 0;
	let filename = args.file_name ? String(args.file_name) : undefined;

	if (!ignorePermissions && doctype) {
		// check_write_permission: role-level write; a failing row rule is only reported
		store.requireMeta(doctype);
		if (!store.hasRolePermission(user, doctype, 'write')) throw noRolePermission(user, doctype);
		if (docname) {
			const target = store.raw(doctype, docname);
			if (target && !store.canAccess(user, doctype, target, 'write'))
				ctx.messages.push({
					message: controllerDeniedMessage(user, doctype, docname),
					title: 'Message',
				});
		}
	}

	const part = ctx.files.find((f) => f.fieldname === 'file');
	let content: Buffer | undefined;
	if (part) {
		content = part.content;
		filename = part.filename;
	}
	if (content !== undefined && (user === 'Guest' || !store.isSystemUser(user))) {
		const t = guessType(filename ?? '');
		if (!t || !ALLOWED_MIMETYPES.has(t))
			throw frappeThrow('You can only upload JPG, PNG, PDF, TXT, CSV or Microsoft documents.');
	}
	if (args.method) {
		const def = ctx.server.methods.get(String(args.method));
		if (!def) throw frappeThrow(`Failed to get method ${String(args.method)}`);
		return def.handler(c) as Doc;
	}

	const data: Doc = {
		folder,
		is_private: isPrivate,
		attached_to_doctype: doctype ?? null,
		attached_to_name: docname ?? null,
		attached_to_field: fieldname ?? null,
	};
	if (content !== undefined && content.length > 0) {
		const hash = Store.contentHash(content);
		const same = store
			.rowsOf('File')
			.find(
				(f) => f.content_hash === hash && f.is_private === isPrivate && f.file_name === filename,
			);
		const { fileName, url } = same
			? { fileName: String(same.file_name), url: String(same.file_url) }
			: uniqueFileUrl(store, filename ?? 'file', !!isPrivate, content, hash);
		Object.assign(data, {
			file_name: fileName,
			file_url: url,
			file_size: content.length,
			content_hash: hash,
			file_type: fileType(fileName),
		});
		store.putFile(url, content);
	} else if (content !== undefined) {
		throw frappeThrow('File  does not exist', 'OSError', { status: 500 });
	} else if (fileUrlArg) {
		const name = filename ?? decodeURIComponent(fileUrlArg.split('?')[0].split('/').pop() ?? '');
		Object.assign(data, {
			file_name: name,
			file_url: fileUrlArg,
			file_size: 0,
			file_type: fileType(name),
		});
		if (!fileUrlArg.startsWith('http')) {
			const existing = store.files.get(fileUrlArg);
			if (existing)
				Object.assign(data, {
					file_size: existing.length,
					content_hash: Store.contentHash(existing),
				});
		}
	} else {
		throw frappeThrow('Fields `file_name` or `file_url` must be set for File', 'MandatoryError');
	}
	const res = store.insertDoc('File', data, { user, ignorePermissions: true });
	return store.asDict('File', res.doc, { nulls: false });
}

function fileType(name: string): string | null {
	const ext = /\.([^./]+)$/.exec(name)?.[1];
	return ext ? ext.toUpperCase() : null;
}
