// Request body parsing (JSON with Python's errors, urlencoded, multipart) and werkzeug-style bits.
import type { UploadedFile } from './context';

export function parseUrlEncoded(body: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of new URLSearchParams(body)) if (!(k in out)) out[k] = v;
	return out;
}

function headerParam(header: string, name: string): string | undefined {
	const star = new RegExp(`${name}\\*=([^;]+)`, 'i').exec(header);
	if (star) {
		const v = star[1].trim().replace(/^"|"$/g, '');
		const m = /^([^']*)'[^']*'(.*)$/.exec(v);
		if (m) {
			try {
				return decodeURIComponent(m[2]);
			} catch {
				return m[2];
			}
		}
	}
	const q = new RegExp(`(?:^|;)\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
	if (q) return q[1].replace(/\\(.)/g, '$1');
	const t = new RegExp(`(?:^|;)\\s*${name}=([^;]*)`, 'i').exec(header);
	return t ? t[1].trim() : undefined;
}

export function parseMultipart(
	body: Buffer,
	contentType: string,
): { fields: Record<string, string>; files: UploadedFile[] } {
	const fields: Record<string, string> = {};
	const files: UploadedFile[] = [];
	const boundary = headerParam(contentType, 'boundary');
	if (!boundary) return { fields, files };
	const delim = Buffer.from(`--${boundary}`);
	let pos = body.indexOf(delim);
	while (pos >= 0) {
		let start = pos + delim.length;
		if (body.slice(start, start + 2).toString() === '--') break;
		if (body.slice(start, start + 2).toString() === '\r\n') start += 2;
		const next = body.indexOf(delim, start);
		if (next < 0) break;
		let end = next;
		if (body.slice(end - 2, end).toString() === '\r\n') end -= 2;
		const part = body.slice(start, end);
		const sep = part.indexOf('\r\n\r\n');
		if (sep >= 0) {
			const headerText = part.slice(0, sep).toString('utf8');
			const content = part.slice(sep + 4);
			const headers: Record<string, string> = {};
			for (const line of headerText.split('\r\n')) {
				const i = line.indexOf(':');
				if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
			}
			const disp = headers['content-disposition'] ?? '';
			const name = headerParam(disp, 'name') ?? '';
			const filename = headerParam(disp, 'filename');
			if (filename !== undefined) {
				files.push({
					fieldname: name,
					filename,
					contentType: headers['content-type'] ?? 'application/octet-stream',
					content: Buffer.from(content),
				});
			} else if (!(name in fields)) fields[name] = content.toString('utf8');
		}
		pos = next;
	}
	return { fields, files };
}

const MIME: Record<string, string> = {
	txt: 'text/plain',
	csv: 'text/csv',
	html: 'text/html',
	htm: 'text/html',
	css: 'text/css',
	js: 'text/javascript',
	json: 'application/json',
	xml: 'application/xml',
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	gif: 'image/gif',
	svg: 'image/svg+xml',
	webp: 'image/webp',
	pdf: 'application/pdf',
	zip: 'application/zip',
	doc: 'application/msword',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xls: 'application/vnd.ms-excel',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	mp4: 'video/mp4',
	mov: 'video/quicktime',
};

export function guessType(filename: string): string | undefined {
	const ext = /\.([^.]+)$/.exec(filename)?.[1]?.toLowerCase();
	return ext ? MIME[ext] : undefined;
}

/** werkzeug's Content-Type for a mimetype (text/* get "; charset=utf-8") */
export function contentTypeFor(filename: string): string {
	const t = guessType(filename) ?? 'application/octet-stream';
	return t.startsWith('text/') || t === 'application/javascript' ? `${t}; charset=utf-8` : t;
}

/** werkzeug Headers.add("Content-Disposition", "attachment", filename=...) */
export function contentDisposition(filename: string): string {
	if (/^[\x20-\x7e]*$/.test(filename)) {
		if (/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(filename)) return `attachment; filename=${filename}`;
		return `attachment; filename="${filename.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
	}
	const ascii = filename.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export function werkzeugPage(status: number, title: string, description: string): string {
	return `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${description}</p>\n`;
}

export const BARE_500 =
	'<html>\n  <head>\n    <title>Internal Server Error</title>\n  </head>\n  <body>\n    <h1><p>Internal Server Error</p></h1>\n    \n  </body>\n</html>\n';

export function escapeHtml(s: string): string {
	return s
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}
