// The poll trigger's watermark: the last (timestamp, name) it has seen, kept in the node's static
// data, and the look-back window's memory of what it already emitted. Pure.
//
// Frappe writes `creation` and `modified` as the site's wall-clock time without a zone ("YYYY-MM-DD
// HH:MM:SS.ffffff", frappe.utils.now()), and MariaDB compares a filter value as the same wall-clock
// text. So timestamps are kept, compared, shifted and sent exactly as Frappe writes them; no zone
// (the site's or n8n's) is ever applied.

/**
 * A position in (timestamp asc, name asc) order: a row's `modified` (or `creation`) and its `name`.
 */
export interface ChangeKey {
	at: string;
	name: string;
}

export interface WatermarkState {
	/** which event and doctype this watermark belongs to; another one starts afresh */
	scope: string;
	/** the last row seen; null: none yet (everything after `floor` is new) */
	cursor: ChangeKey | null;
	/**
	 * rows at or before this key are never emitted (the state of the site when the trigger started)
	 */
	floor: ChangeKey | null;
	/**
	 * rows seen in the look-back window, as `at|name`, so a window re-read emits none of them twice
	 */
	recent: string[];
	/**
	 * names already emitted for an event a document has only once (submitted, cancelled), newest last
	 */
	names?: string[];
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?/;

/**
 * A Frappe timestamp in the one form compared and sent: "YYYY-MM-DD HH:MM:SS.ffffff". Python's
 * str() leaves out the fraction when it is zero ("…:28"), and a date alone means its midnight.
 * Undefined for anything else.
 */
export function normalizeTimestamp(value: unknown): string | undefined {
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text} 00:00:00.000000`;
	const match = TIMESTAMP.exec(text);
	if (!match) return undefined;
	const [, year, month, day, hour, minute, second = '00', fraction = ''] = match;
	return `${year}-${month}-${day} ${hour}:${minute}:${second}.${fraction.padEnd(6, '0')}`;
}

/**
 * A point in time the user typed (Start From), read as the site's wall-clock time: the digits are
 * kept and any zone or offset is dropped, because Frappe's timestamps carry none.
 */
export function wallClockOf(value: unknown): string | undefined {
	if (value instanceof Date) return undefined;
	return normalizeTimestamp(
		typeof value === 'string' ? value.replace(/(Z|[+-]\d{2}:?\d{2})$/, '') : value,
	);
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * The wall-clock time `seconds` earlier (calendar arithmetic only; the site's daylight-saving
 * shifts are not known).
 */
export function secondsBefore(at: string, seconds: number): string {
	const [date, time] = at.split(' ');
	const [year, month, day] = date.split('-').map(Number);
	const [clock, fraction] = time.split('.');
	const [hour, minute, second] = clock.split(':').map(Number);
	const shifted = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - seconds * 1000);
	const shiftedDay = [
		shifted.getUTCFullYear(),
		pad(shifted.getUTCMonth() + 1),
		pad(shifted.getUTCDate()),
	].join('-');
	const shiftedClock = [shifted.getUTCHours(), shifted.getUTCMinutes(), shifted.getUTCSeconds()]
		.map((part) => pad(part))
		.join(':');
	return `${shiftedDay} ${shiftedClock}.${fraction}`;
}

export function compareKeys(a: ChangeKey, b: ChangeKey): number {
	if (a.at !== b.at) return a.at < b.at ? -1 : 1;
	if (a.name === b.name) return 0;
	return a.name < b.name ? -1 : 1;
}

function laterOf(a: ChangeKey | null, b: ChangeKey | null): ChangeKey | null {
	if (a === null) return b;
	if (b === null) return a;
	return compareKeys(a, b) >= 0 ? a : b;
}

const encode = (key: ChangeKey) => `${key.at}|${key.name}`;

/** A fresh state: nothing seen, nothing at or before `floor` emitted. */
export function startingState(scope: string, floor: ChangeKey | null): WatermarkState {
	return { scope, cursor: floor, floor, recent: [] };
}

/**
 * The state kept for `scope`, or undefined when there is none (or it belongs to another event or
 * doctype).
 */
export function stateFor(stored: unknown, scope: string): WatermarkState | undefined {
	if (!stored || typeof stored !== 'object') return undefined;
	const state = stored as Partial<WatermarkState>;
	if (state.scope !== scope || !Array.isArray(state.recent)) return undefined;
	return {
		scope,
		cursor: state.cursor ?? null,
		floor: state.floor ?? null,
		recent: state.recent,
		names: state.names,
	};
}

/**
 * Where a poll starts reading, strictly after this key: the cursor, or `windowSeconds` before it so
 * that changes whose transaction committed late are read again, but never before the floor. Null:
 * from the very first row.
 */
export function readFrom(state: WatermarkState, windowSeconds: number): ChangeKey | null {
	const { cursor, floor } = state;
	if (cursor === null || windowSeconds <= 0) return cursor;
	return laterOf(floor, { at: secondsBefore(cursor.at, windowSeconds), name: '' });
}

/**
 * Frappe filters for "strictly after `from` in (column, name) order": `column >= at` and (`column >
 * at` or `name > name`). Frappe ANDs `filters` and ORs `or_filters`, so the pair says exactly that,
 * even when many rows share one timestamp.
 */
export function strictlyAfter(
	column: string,
	from: ChangeKey | null,
): { filters: Array<[string, string, string]>; orFilters: Array<[string, string, string]> } {
	if (from === null) return { filters: [], orFilters: [] };
	if (from.name === '') return { filters: [[column, '>=', from.at]], orFilters: [] };
	return {
		filters: [[column, '>=', from.at]],
		orFilters: [
			[column, '>', from.at],
			['name', '>', from.name],
		],
	};
}

export interface PlannedRow<T> {
	key: ChangeKey;
	row: T;
}

export interface PollPlan<T> {
	/** the rows to emit, in (timestamp, name) order, each once */
	emit: Array<PlannedRow<T>>;
	state: WatermarkState;
}

const MAX_REMEMBERED_NAMES = 2000;

/**
 * What a poll emits of the rows it read (in order, strictly after `readFrom`) and the state it
 * leaves: rows at or before the floor, rows the window already saw and duplicates are dropped;
 * `skip` drops rows the event does not want (they still move the watermark); `oncePerName` emits a
 * document's name only once (submitted, cancelled).
 */
export function planPoll<T>(
	state: WatermarkState,
	rows: Array<PlannedRow<T>>,
	windowSeconds: number,
	options: { skip?: (row: T, since: ChangeKey | null) => boolean; oncePerName?: boolean } = {},
): PollPlan<T> {
	const seen = new Set(state.recent);
	const names = new Set(state.names ?? []);
	const emittedNames: string[] = [];
	const emit: Array<PlannedRow<T>> = [];
	let cursor = state.cursor;
	for (const planned of rows) {
		const id = encode(planned.key);
		if (seen.has(id)) continue;
		if (state.floor !== null && compareKeys(planned.key, state.floor) <= 0) continue;
		seen.add(id);
		cursor = laterOf(cursor, planned.key);
		if (options.skip?.(planned.row, state.cursor)) continue;
		if (options.oncePerName) {
			if (names.has(planned.key.name)) continue;
			names.add(planned.key.name);
			emittedNames.push(planned.key.name);
		}
		emit.push(planned);
	}
	const windowStart =
		cursor && windowSeconds > 0 ? secondsBefore(cursor.at, windowSeconds) : undefined;
	const recent =
		windowStart === undefined ? [] : [...seen].filter((id) => id.slice(0, 26) >= windowStart);
	const next: WatermarkState = { scope: state.scope, cursor, floor: state.floor, recent };
	if (options.oncePerName) {
		next.names = [...(state.names ?? []), ...emittedNames].slice(-MAX_REMEMBERED_NAMES);
	}
	return { emit, state: next };
}
