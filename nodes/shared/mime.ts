// File names and MIME types of downloaded files, from response headers and URLs.

/**
 * `text/plain; charset=utf-8` → `text/plain` (lower-cased); undefined when absent or unusable.
 */
export function mimeTypeOf(contentType: unknown): string | undefined {
	const value = Array.isArray(contentType) ? contentType[0] : contentType;
	if (typeof value !== 'string') return undefined;
	const type = value.split(';')[0].trim().toLowerCase();
	return /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : undefined;
}

function decodeRfc5987(value: string): string | undefined {
	const match = /^([\w!#$%&+^`{}~-]*)'[\w-]*'(.*)$/.exec(value);
	if (!match) return undefined;
	try {
		if (match[1].toLowerCase() === 'utf-8' || match[1] === '') return decodeURIComponent(match[2]);
		// ISO-8859-1: each %XX is one character.
		return match[2].replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
			String.fromCharCode(parseInt(hex, 16)),
		);
	} catch {
		return undefined;
	}
}

/**
 * The file name of a Content-Disposition header: `filename*` (RFC 5987/6266) wins over `filename`;
 * quoted or bare values; path parts dropped. Undefined when there is none.
 */
export function fileNameFromContentDisposition(header: unknown): string | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || value === '') return undefined;
	const extended = /filename\*\s*=\s*("?)([^";]+)\1/i.exec(value);
	if (extended) {
		const decoded = decodeRfc5987(extended[2].trim());
		if (decoded) return baseName(decoded);
	}
	const quoted = /(?:^|;)\s*filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(value);
	if (quoted) return baseName(quoted[1].replace(/\\(.)/g, '$1')) || undefined;
	const bare = /(?:^|;)\s*filename\s*=\s*([^;\s]+)/i.exec(value);
	if (bare) return baseName(bare[1]) || undefined;
	return undefined;
}

/** The last path segment, without any directory part (either slash). */
export function baseName(path: string): string {
	const parts = path.split(/[\\/]/);
	return parts[parts.length - 1];
}

/**
 * The file name in a URL's path: the last segment, decoded if it is in encoded form
 * (`Z%C3%BCrich.txt` → `Zürich.txt`), else as it stands (Frappe's own `file_url` is unencoded:
 * `/files/Zürich ✓.json`).
 */
export function fileNameFromUrl(url: string): string | undefined {
	const path = url.split(/[?#]/)[0];
	const segment = baseName(path);
	if (!segment) return undefined;
	try {
		const decoded = decodeURIComponent(segment);
		if (encodeURIComponent(decoded) === segment) return decoded;
	} catch {
		// a stray "%": not encoded
	}
	return segment;
}
