// CSV text from report rows, as Frappe's own export writes it (frappe/desk/utils.py get_csv_bytes:
// Python's csv.writer with QUOTE_NONNUMERIC, "\r\n" line ends): text quoted, numbers bare, empty
// cells as "". Pure.

export type CsvCell = string | number | boolean | null | undefined | object;

function cell(value: CsvCell): string {
	if (typeof value === 'number')
		return Number.isFinite(value) ? String(value) : `"${String(value)}"`;
	if (typeof value === 'boolean') return value ? '1' : '0';
	if (value === null || value === undefined) return '""';
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return `"${text.replace(/"/g, '""')}"`;
}

/** One CSV document: a header line, then one line per row; every line ends in "\r\n". */
export function toCsv(header: string[], rows: CsvCell[][], delimiter = ','): string {
	const line = (cells: CsvCell[]) => cells.map(cell).join(delimiter);
	return [line(header), ...rows.map(line)].map((text) => `${text}\r\n`).join('');
}
