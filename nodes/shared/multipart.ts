// Builds a multipart/form-data body (RFC 7578, as browsers send it) in one Buffer, without a
// runtime dependency. One allocation of exactly the body's size, into which the file's bytes are
// copied (or, from base64 text as n8n keeps binary data in memory, decoded) once; no other copy is
// made. A Buffer body can be sent again unchanged (a FormData stream could not), so a request
// retried after a session renewal still works.
import { randomBytes } from 'crypto';

export interface MultipartFile {
	/** The form field name (`file` for Frappe's upload_file). */
	field: string;
	fileName: string;
	contentType: string;
	/** The bytes, or base64 text to decode straight into the body. */
	data: Buffer | { base64: string };
}

export interface MultipartBody {
	body: Buffer;
	/** The Content-Type header, boundary included. */
	contentType: string;
	boundary: string;
}

const CRLF = '\r\n';

/**
 * Escapes a field or file name for a Content-Disposition parameter the way browsers do (WHATWG
 * HTML).
 */
export function escapeDispositionValue(value: string): string {
	return value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

export function newBoundary(): string {
	return `----n8nFrappeBoundary${randomBytes(12).toString('hex')}`;
}

/**
 * Text fields first (in the order given; undefined values skipped), then the file part if any. Text
 * values are sent as UTF-8; the file name too (as browsers do, which Frappe's werkzeug parser
 * reads).
 */
export function buildMultipartBody(
	fields: Array<[string, string | undefined]>,
	file?: MultipartFile,
	boundary: string = newBoundary(),
): MultipartBody {
	if (/[\r\n"]/.test(boundary) || boundary.length === 0 || boundary.length > 70) {
		throw new Error('Invalid multipart boundary');
	}
	let head = '';
	for (const [name, value] of fields) {
		if (value === undefined) continue;
		head += `--${boundary}${CRLF}`;
		head += `Content-Disposition: form-data; name="${escapeDispositionValue(name)}"${CRLF}${CRLF}`;
		head += `${value}${CRLF}`;
	}
	let tail = `--${boundary}--${CRLF}`;
	if (!file) {
		const body = Buffer.from(head + tail, 'utf8');
		return { body, contentType: `multipart/form-data; boundary=${boundary}`, boundary };
	}
	head += `--${boundary}${CRLF}`;
	head +=
		`Content-Disposition: form-data; name="${escapeDispositionValue(file.field)}"; ` +
		`filename="${escapeDispositionValue(file.fileName)}"${CRLF}`;
	const contentType = file.contentType.replace(/[\r\n]/g, '') || 'application/octet-stream';
	head += `Content-Type: ${contentType}${CRLF}${CRLF}`;
	tail = `${CRLF}${tail}`;
	const headBytes = Buffer.from(head, 'utf8');
	const tailBytes = Buffer.from(tail, 'utf8');
	const { data } = file;
	const dataLength = Buffer.isBuffer(data) ? data.length : Buffer.byteLength(data.base64, 'base64');
	const body = Buffer.allocUnsafe(headBytes.length + dataLength + tailBytes.length);
	headBytes.copy(body, 0);
	if (Buffer.isBuffer(data)) {
		data.copy(body, headBytes.length);
	} else if (body.write(data.base64, headBytes.length, dataLength, 'base64') !== dataLength) {
		// Not clean base64 (line breaks, stray characters): decode it the tolerant way instead.
		return buildMultipartBody(
			fields,
			{ ...file, data: Buffer.from(data.base64, 'base64') },
			boundary,
		);
	}
	tailBytes.copy(body, headBytes.length + dataLength);
	return { body, contentType: `multipart/form-data; boundary=${boundary}`, boundary };
}
