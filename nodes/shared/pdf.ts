// Facts about a PDF's bytes, read without a PDF library. Pure.

/** Whether the bytes are a PDF (they start with "%PDF-"). */
export function isPdf(bytes: Buffer): boolean {
	return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

/**
 * How many pages the PDF has: its `/Type /Page` objects (not `/Pages`). Frappe's PDFs (wkhtmltopdf,
 * rewritten by pypdf) keep page objects outside object streams, so they can be counted in the
 * bytes.
 */
export function pdfPageCount(bytes: Buffer): number {
	return bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
