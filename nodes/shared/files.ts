// Pure helpers of the File resource: where a File's bytes are served from, list filters, sizes in
// words.

export type FileLocation =
	{ kind: 'site'; path: string; isPrivate: boolean } | { kind: 'external'; url: string };

function originOf(url: string): string | undefined {
	try {
		return new URL(url).origin;
	} catch {
		return undefined;
	}
}

/**
 * Where a `file_url` is served from. `/files/…` and `/private/files/…` (or a full URL on the
 * site itself) are the site's own files; any other absolute URL is a File that only links to an
 * outside address.
 */
export function locateFileUrl(fileUrl: string, siteUrl: string): FileLocation {
	const trimmed = fileUrl.trim();
	if (/^https?:\/\//i.test(trimmed)) {
		const origin = originOf(trimmed);
		const siteOrigin = originOf(siteUrl);
		if (!origin || !siteOrigin || origin !== siteOrigin) return { kind: 'external', url: trimmed };
		const parsed = new URL(trimmed);
		const sitePath = new URL(siteUrl).pathname.replace(/\/+$/, '');
		let path = parsed.pathname;
		if (sitePath && path.startsWith(`${sitePath}/`)) path = path.slice(sitePath.length);
		return locateFileUrl(path, siteUrl);
	}
	const path = trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
	return { kind: 'site', path: path.split(/[?#]/)[0], isPrivate: path.startsWith('/private/') };
}

/**
 * A URL path with each segment percent-encoded exactly once. Frappe stores `file_url` unencoded
 * (`/private/files/Zürich ✓.json`, even `a %22b%22.txt` for a name that had quotes); a segment
 * already in encoded form (`Z%C3%BCrich.txt`, as pasted from a browser) is left as it is, any other
 * is encoded as it stands.
 */
export function encodeUrlPath(path: string): string {
	return path
		.split('/')
		.map((segment) => {
			try {
				if (encodeURIComponent(decodeURIComponent(segment)) === segment) return segment;
			} catch {
				// a stray "%": not encoded
			}
			return encodeURIComponent(segment);
		})
		.join('/');
}

/**
 * Bytes in Frappe's units (1 MB = 1,048,576 bytes, as System Settings → Max File Size counts
 * them).
 */
export function formatFileSize(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes < 0) return `${bytes} bytes`;
	if (bytes < 1024) return `${bytes} bytes`;
	const units = ['KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = -1;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	const rounded =
		value >= 100 || Number.isInteger(value) ? Math.round(value) : Math.round(value * 10) / 10;
	return `${rounded} ${units[unit]}`;
}

export type FileListScope =
	| { filesOf: 'document'; doctype: string; documentName: string }
	| { filesOf: 'folder'; folder: string };

/**
 * Frappe list filters (`[[field, op, value]]`) for the files attached to a document, or in a
 * folder.
 */
export function fileListFilters(
	scope: FileListScope,
	includeFolders = false,
): Array<[string, string, string | number]> {
	const filters: Array<[string, string, string | number]> = [];
	if (scope.filesOf === 'document') {
		filters.push(['attached_to_doctype', '=', scope.doctype]);
		filters.push(['attached_to_name', '=', scope.documentName]);
	} else {
		filters.push(['folder', '=', scope.folder]);
	}
	if (!includeFolders) filters.push(['is_folder', '=', 0]);
	return filters;
}

/** The fields Get Many returns for each File. */
export const FILE_LIST_FIELDS = [
	'name',
	'file_name',
	'file_url',
	'is_private',
	'file_size',
	'file_type',
	'folder',
	'is_folder',
	'attached_to_doctype',
	'attached_to_name',
	'attached_to_field',
	'content_hash',
	'owner',
	'creation',
	'modified',
];

/**
 * Reads a response body into one Buffer. With a Content-Length the Buffer is allocated once at that
 * size and each chunk copied in as it arrives (so the chunks are not all held next to a
 * concatenated copy); without one, or if the body turns out longer (a decompressed body), the
 * chunks are joined at the end.
 */
export async function collectBytes(
	body: AsyncIterable<Uint8Array> | Buffer,
	declaredLength?: number,
): Promise<Buffer> {
	if (Buffer.isBuffer(body)) return body;
	const chunks: Buffer[] = [];
	let buffer: Buffer | undefined;
	let offset = 0;
	if (declaredLength !== undefined && Number.isSafeInteger(declaredLength) && declaredLength >= 0) {
		buffer = Buffer.allocUnsafe(declaredLength);
	}
	for await (const chunk of body) {
		if (buffer && offset + chunk.length <= buffer.length) {
			buffer.set(chunk, offset);
			offset += chunk.length;
			continue;
		}
		if (buffer) {
			// Longer than announced: keep what was read, go on collecting.
			chunks.push(buffer.subarray(0, offset));
			buffer = undefined;
		}
		chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
	}
	if (buffer) return offset === buffer.length ? buffer : buffer.subarray(0, offset);
	const joined = Buffer.concat(chunks);
	chunks.length = 0;
	return joined;
}
