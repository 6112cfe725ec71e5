// Offset paging over a Frappe list (limit_start plus a page size): pages until a short page or until `limit`
// rows. Exact when the list's ORDER BY is total (it ends with the name). Pure.

export interface Paging<T> {
	/** How many rows at most; Infinity for all. */
	limit: number;
	pageSize: number;
	fetchPage: (start: number, size: number) => Promise<T[]>;
}

export async function readPages<T>({ limit, pageSize, fetchPage }: Paging<T>): Promise<T[]> {
	const rows: T[] = [];
	while (rows.length < limit) {
		const size = Math.min(pageSize, limit - rows.length);
		const page = await fetchPage(rows.length, size);
		for (const row of page) rows.push(row);
		if (page.length < size) break;
	}
	return rows;
}
