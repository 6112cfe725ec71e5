// A real, small, valid PDF 1.4 (what wkhtmltopdf + pypdf give Frappe, in miniature): one A4 page per printed
// document with its lines of text in Helvetica, a correct xref table; no pages at all for a multi-PDF of documents
// none of which could be printed (Frappe's 0-page PDF, print/23).

function escapePdfText(text: string): string {
	// Helvetica with WinAnsi covers Latin-1; anything else becomes "?"
	return text
		.replace(/[^\x20-\x7e\xa0-\xff]/g, '?')
		.replace(/\\/g, '\\\\')
		.replace(/\(/g, '\\(')
		.replace(/\)/g, '\\)');
}

/** The PDF of `pages`, each a list of text lines (the first drawn larger, as a heading). */
export function buildPdf(pages: string[][]): Buffer {
	const objects: string[] = [];
	const pageIds: number[] = [];
	// 1: catalog, 2: pages, 3: font; then per page: the page and its content stream
	const fontId = 3;
	let next = 4;
	const bodies: Array<{ id: number; text: string }> = [];
	for (const lines of pages) {
		const pageId = next++;
		const contentId = next++;
		pageIds.push(pageId);
		const ops = ['BT', '/F1 18 Tf', '56 780 Td', '22 TL'];
		lines.forEach((line, index) => {
			if (index === 1) ops.push('/F1 11 Tf', '16 TL');
			ops.push(`(${escapePdfText(line)}) Tj T*`);
		});
		ops.push('ET');
		const stream = ops.join('\n');
		bodies.push({
			id: pageId,
			text: `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${contentId} 0 R >>`,
		});
		bodies.push({
			id: contentId,
			text: `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
		});
	}
	objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
	objects[fontId] =
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
	for (const { id, text } of bodies) objects[id] = text;
	const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
	let offset = chunks[0].length;
	const offsets: number[] = [];
	for (let id = 1; id < objects.length; id++) {
		offsets[id] = offset;
		const chunk = Buffer.from(`${id} 0 obj\n${objects[id]}\nendobj\n`, 'latin1');
		chunks.push(chunk);
		offset += chunk.length;
	}
	const xref = [
		'xref',
		`0 ${objects.length}`,
		'0000000000 65535 f ',
		...offsets.slice(1).map((value) => `${String(value).padStart(10, '0')} 00000 n `),
		'trailer',
		`<< /Size ${objects.length} /Root 1 0 R >>`,
		'startxref',
		String(offset),
		'%%EOF',
		'',
	].join('\n');
	chunks.push(Buffer.from(xref, 'latin1'));
	return Buffer.concat(chunks);
}
