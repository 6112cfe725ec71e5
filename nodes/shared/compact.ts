// Lists of documents repeat many short values (owner, modified_by, status, dates, link names), and
// JSON.parse makes a new string for each. Sharing equal strings within one page keeps a Return All
// of tens of thousands of documents close to the size of its JSON. Pure.

/** The longest value worth sharing; longer text is rarely repeated. */
const MAX_SHARED_LENGTH = 64;

/**
 * How many distinct values per field to remember; a field of unique values stops being looked up
 * beyond it.
 */
const MAX_VALUES_PER_FIELD = 256;

/**
 * Makes equal short string values of the same field in `rows` one string (mutates and returns
 * `rows`).
 */
export function shareRepeatedStrings<T>(rows: T[]): T[] {
	if (rows.length < 2) return rows;
	const seen = new Map<string, Map<string, string>>();
	for (const row of rows) {
		if (!row || typeof row !== 'object' || Array.isArray(row)) continue;
		const record = row as Record<string, unknown>;
		for (const key in record) {
			const value = record[key];
			if (typeof value !== 'string' || value.length > MAX_SHARED_LENGTH) continue;
			let values = seen.get(key);
			if (values === undefined) {
				values = new Map();
				seen.set(key, values);
			}
			const shared = values.get(value);
			if (shared !== undefined) record[key] = shared;
			else if (values.size < MAX_VALUES_PER_FIELD) values.set(value, value);
		}
	}
	return rows;
}
