// Paging through a Frappe list. Pure.
//
// Each request asks for one row more than the page it keeps: that extra row is the sign that more
// follow, so a list never ends with an empty request (a list of exactly 1,000 rows with pages of
// 500 takes 2 requests, not 3). Two ways to say where the next page starts:
// - keyset (`keyOf` given): the next page is the rows after the last kept row's key (the caller
//   turns it into a filter such as `name > "…"`). Each page costs the database the same however
//   deep it is, and rows modified while paging are neither skipped nor repeated, as long as the
//   order is the key's;
// - offset: `limit_start` grows by the rows kept. Exact when the list's order is total (it ends
//   with the name).
import type { IDataObject } from 'n8n-workflow';

export type PageKey = string | number;

export interface Paging<T> {
	/** How many rows at most; Infinity for all. */
	limit: number;
	pageSize: number;
	/**
	 * A page: `start` is the rows kept so far (the offset), `size` how many to ask for (the page,
	 * plus one when more may be needed), `after` (keyset paging) the key of the last row kept,
	 * undefined on the first page.
	 */
	fetchPage: (start: number, size: number, after?: PageKey) => Promise<T[]>;
	/** Keyset paging: a row's key, in the list's order (ascending). */
	keyOf?: (row: T) => PageKey;
}

export async function readPages<T>({ limit, pageSize, fetchPage, keyOf }: Paging<T>): Promise<T[]> {
	const rows: T[] = [];
	let after: PageKey | undefined;
	while (rows.length < limit) {
		const missing = limit - rows.length;
		const keep = Math.min(pageSize, missing);
		// One more row tells whether another page follows; not needed when this page completes the
		// limit.
		const size = keep < missing ? keep + 1 : keep;
		const page = await fetchPage(rows.length, size, after);
		const kept = page.length > keep ? page.slice(0, keep) : page;
		for (const row of kept) rows.push(row);
		if (page.length <= keep || kept.length === 0) break;
		if (keyOf) after = keyOf(kept[kept.length - 1]);
	}
	return rows;
}

const NOT_A_PLAIN_COLUMN = /[.`(]|\sas\s/i;

/** A list query's parameters as the request carries them (objects and lists JSON-encoded). */
type ListQuery = IDataObject;

function decoded(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	try {
		return JSON.parse(value) as unknown;
	} catch {
		return undefined;
	}
}

export interface NameKeyset {
	/** The query of the page after `after` (the first page without it), ordered by name. */
	query(after: PageKey | undefined): ListQuery;
	/** The name was added to the fields only for paging: remove it from the rows. */
	addedName: boolean;
}

/**
 * Keyset paging on `name` (`name > last`), where it is exact: the user gave no order, no filter
 * joins a child table (one row per child row would share a name), and the fields are plain columns
 * (no child or link columns, no aggregates) of a list without GROUP BY. Otherwise undefined: the
 * caller pages by offset.
 */
export function nameKeyset(query: ListQuery, userOrderBy: string): NameKeyset | undefined {
	if (userOrderBy.trim() !== '' || query.group_by !== undefined) return undefined;
	const fields = query.fields === undefined ? ['name'] : decoded(query.fields);
	const filters = query.filters === undefined ? [] : decoded(query.filters);
	const orFilters = query.or_filters === undefined ? [] : decoded(query.or_filters);
	if (!Array.isArray(fields) || !Array.isArray(filters) || !Array.isArray(orFilters))
		return undefined;
	if (fields.some((field) => typeof field !== 'string' || NOT_A_PLAIN_COLUMN.test(field))) {
		return undefined;
	}
	if ([...filters, ...orFilters].some((filter) => !Array.isArray(filter) || filter.length !== 3)) {
		return undefined;
	}
	const addedName = !fields.includes('name') && !fields.includes('*');
	const pagedFields = addedName ? [...(fields as string[]), 'name'] : fields;
	return {
		addedName,
		query: (after) => ({
			...query,
			fields: JSON.stringify(pagedFields),
			filters: JSON.stringify(after === undefined ? filters : [...filters, ['name', '>', after]]),
			order_by: 'name asc',
		}),
	};
}
