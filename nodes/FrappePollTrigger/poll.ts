// One poll: read what changed since the watermark, page by page in (timestamp, name) order, and
// turn it into items. The watermark is written to the node's static data only after every request
// succeeded, so a failed poll is repeated whole by the next one. In manual mode ("Fetch Test
// Event") the latest match is returned and nothing moves.
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { joinsChildTable, orderByClause, type FrappeFilter } from '../shared/filters';
import { parameterError } from '../shared/frappeError';
import { doctypeOf, filtersOf } from '../shared/parameters';
import { documentPath } from '../shared/paths';
import { frappeApiRequest } from '../shared/transport';
import {
	changeItem,
	classifyRow,
	deletedDocumentOf,
	fieldListOf,
	pickFields,
	sourceOf,
	type EmittedEvent,
	type EventSource,
	type PollEvent,
} from './events';
import { parseVersionData, versionOfSave, type VersionRow } from './versionDiff';
import {
	normalizeTimestamp,
	planPoll,
	readFrom,
	startingState,
	stateFor,
	strictlyAfter,
	wallClockOf,
	type ChangeKey,
	type PlannedRow,
	type WatermarkState,
} from './watermark';

const STATE_KEY = 'watermark';
const VERSION_NAMES_PER_REQUEST = 100;
const VERSION_PAGE_SIZE = 500;
const MANUAL_CANDIDATES = 20;
const FIELDNAME = /^(\*|[A-Za-z_][A-Za-z0-9_]*)$/;

interface PollSettings {
	doctype: string;
	event: PollEvent;
	source: EventSource;
	filters: FrappeFilter[];
	fields: string[];
	changedFields: boolean;
	windowSeconds: number;
	pageSize: number;
	maxPerPoll: number;
}

function settingsOf(context: IPollFunctions): PollSettings {
	const doctype = doctypeOf(context);
	if (doctype === '') throw parameterError(context, 'Choose the doctype to watch');
	const event = context.getNodeParameter('event', 'created') as PollEvent;
	const source = sourceOf(event, doctype);
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const fields = fieldListOf(String(options.fields ?? ''));
	const invalid = fields.filter((field) => !FIELDNAME.test(field));
	if (invalid.length > 0) {
		throw parameterError(context, `Not a Frappe fieldname: ${invalid.join(', ')}`);
	}
	return {
		doctype,
		event,
		source,
		filters: source.userFilters
			? filtersOf(context, 'filters', 'options.filtersJson', 'Filters (JSON)')
			: [],
		fields,
		changedFields: options.changedFields === true,
		windowSeconds: Math.max(0, Number(options.lookBackSeconds ?? 60) || 0),
		pageSize: Math.max(1, Math.floor(Number(options.pageSize ?? 500) || 500)),
		maxPerPoll: Math.max(1, Math.floor(Number(options.maxPerPoll ?? 10000) || 10000)),
	};
}

/**
 * The list columns: the ones the trigger needs besides the user's choice (all fields when none is
 * made).
 */
function listFields(settings: PollSettings): string[] {
	if (settings.event === 'deleted') {
		return ['name', 'deleted_name', 'deleted_doctype', 'data', 'owner', 'creation'];
	}
	if (settings.fields.length === 0) return ['*'];
	return [...new Set([...settings.fields, 'name', 'creation', 'modified', 'docstatus'])];
}

async function listRows(
	context: IPollFunctions,
	settings: PollSettings,
	query: {
		filters: FrappeFilter[];
		orFilters?: FrappeFilter[];
		order: 'asc' | 'desc';
		size: number;
	},
): Promise<IDataObject[]> {
	const { source } = settings;
	const filters = [...settings.filters, ...source.filters, ...query.filters];
	const orderBy = orderByClause(
		`${source.column} ${query.order}`,
		source.listDoctype,
		joinsChildTable(filters),
	);
	const body = (await frappeApiRequest.call(
		context,
		{
			method: 'GET',
			url: documentPath('v1', source.listDoctype),
			qs: {
				fields: JSON.stringify(listFields(settings)),
				filters: JSON.stringify(filters),
				...(query.orFilters?.length ? { or_filters: JSON.stringify(query.orFilters) } : {}),
				order_by: orderBy,
				limit_start: 0,
				limit_page_length: query.size,
			},
		},
		{
			doctype: source.listDoctype,
			doing:
				settings.event === 'deleted'
					? `Could not read the deleted ${settings.doctype} documents`
					: `Could not read the changed ${settings.doctype} documents`,
		},
	)) as IDataObject;
	return Array.isArray(body.data) ? (body.data as IDataObject[]) : [];
}

function keyOf(settings: PollSettings, row: IDataObject): ChangeKey | undefined {
	const at = normalizeTimestamp(row[settings.source.column]);
	return at === undefined ? undefined : { at, name: String(row.name) };
}

/**
 * Rows strictly after `from` in (timestamp, name) order, page after page, each page after the last
 * row of the one before.
 */
async function rowsAfter(
	context: IPollFunctions,
	settings: PollSettings,
	from: ChangeKey | null,
): Promise<Array<PlannedRow<IDataObject>>> {
	const rows: Array<PlannedRow<IDataObject>> = [];
	let after = from;
	while (rows.length < settings.maxPerPoll) {
		const size = Math.min(settings.pageSize, settings.maxPerPoll - rows.length);
		const { filters, orFilters } = strictlyAfter(settings.source.column, after);
		const page = await listRows(context, settings, { filters, orFilters, order: 'asc', size });
		for (const row of page) {
			const key = keyOf(settings, row);
			if (key) rows.push({ key, row });
		}
		if (page.length < size || rows.length === 0) break;
		after = rows[rows.length - 1].key;
	}
	return rows;
}

/** Versions of these documents written since `since`, oldest first. */
async function versionsOf(
	context: IPollFunctions,
	doctype: string,
	names: string[],
	since: string,
): Promise<VersionRow[]> {
	const versions: VersionRow[] = [];
	for (let start = 0; start < names.length; start += VERSION_NAMES_PER_REQUEST) {
		const chunk = names.slice(start, start + VERSION_NAMES_PER_REQUEST);
		const filters = [
			['ref_doctype', '=', doctype],
			['docname', 'in', chunk],
			['creation', '>=', since],
		];
		for (let offset = 0; ; offset += VERSION_PAGE_SIZE) {
			const body = (await frappeApiRequest.call(
				context,
				{
					method: 'GET',
					url: documentPath('v1', 'Version'),
					qs: {
						fields: JSON.stringify(['name', 'docname', 'creation', 'data']),
						filters: JSON.stringify(filters),
						order_by: 'creation asc, name asc',
						limit_start: offset,
						limit_page_length: VERSION_PAGE_SIZE,
					},
				},
				{
					doctype: 'Version',
					doing: `Changed Fields: could not read the Versions of the ${doctype} documents (Frappe lets only System Managers read them)`,
				},
			)) as IDataObject;
			const page = Array.isArray(body.data) ? (body.data as VersionRow[]) : [];
			versions.push(...page);
			if (page.length < VERSION_PAGE_SIZE) break;
		}
	}
	return versions;
}

interface Change {
	event: EmittedEvent;
	row: IDataObject;
}

async function toItems(
	context: IPollFunctions,
	settings: PollSettings,
	changes: Change[],
): Promise<INodeExecutionData[]> {
	const { doctype } = settings;
	if (settings.event === 'deleted') {
		return changes.map(({ row }) => {
			const document = deletedDocumentOf(row) ?? { name: row.deleted_name };
			return {
				json: changeItem('deleted', doctype, pickFields(document, settings.fields), {
					deletedBy: row.owner ?? null,
					deletedAt: row.creation ?? null,
				}),
			};
		});
	}
	const saves = changes.filter(({ event }) => event !== 'created');
	let versions: VersionRow[] = [];
	if (settings.changedFields && saves.length > 0) {
		const since = saves
			.map(({ row }) => normalizeTimestamp(row.modified) ?? '')
			.reduce((a, b) => (a < b ? a : b));
		const names = [...new Set(saves.map(({ row }) => String(row.name)))];
		versions = await versionsOf(context, doctype, names, since);
	}
	return changes.map(({ event, row }) => {
		const extra: IDataObject = {};
		if (settings.changedFields && event !== 'created') {
			const version = versionOfSave(versions, String(row.name), row.modified);
			const changes = version ? parseVersionData(version.data) : undefined;
			if (changes) Object.assign(extra, changes);
		}
		return { json: changeItem(event, doctype, pickFields(row, settings.fields), extra) };
	});
}

/**
 * "Fetch Test Event": the latest document the event matches, so fields can be mapped; no watermark
 * moves.
 */
async function latestMatch(
	context: IPollFunctions,
	settings: PollSettings,
): Promise<INodeExecutionData[][] | null> {
	const rows = await listRows(context, settings, {
		filters: [],
		order: 'desc',
		size: MANUAL_CANDIDATES,
	});
	for (const row of rows) {
		const event = classifyRow(settings.event, row, null);
		if (event) return [await toItems(context, settings, [{ event, row }])];
	}
	return null;
}

/**
 * Where a new watermark starts: Start From, or the newest row Frappe has now (nothing before it is
 * emitted).
 */
async function firstState(
	context: IPollFunctions,
	settings: PollSettings,
	scope: string,
): Promise<{ state: WatermarkState; fromNow: boolean }> {
	const startFrom = context.getNodeParameter('options.startFrom', '') as string;
	if (startFrom) {
		const at = wallClockOf(startFrom);
		if (at === undefined) {
			throw parameterError(
				context,
				`Start From "${startFrom}" is not a date and time`,
				'Give it as YYYY-MM-DD HH:MM:SS, in the time zone of the Frappe site',
			);
		}
		return { state: startingState(scope, { at, name: '' }), fromNow: false };
	}
	const newest = await listRows(
		context,
		{ ...settings, filters: [], fields: ['name'] },
		{
			filters: [],
			order: 'desc',
			size: 1,
		},
	);
	const key = newest[0] ? keyOf(settings, newest[0]) : undefined;
	return { state: startingState(scope, key ?? null), fromNow: true };
}

export async function pollChanges(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = settingsOf(this);
	if (this.getMode() === 'manual') return await latestMatch(this, settings);

	const staticData = this.getWorkflowStaticData('node');
	const scope = `${settings.event}|${settings.doctype}`;
	let state = stateFor(staticData[STATE_KEY], scope);
	if (!state) {
		const first = await firstState(this, settings, scope);
		if (first.fromNow) {
			staticData[STATE_KEY] = first.state as unknown as IDataObject;
			return null;
		}
		state = first.state;
	}

	const rows = await rowsAfter(this, settings, readFrom(state, settings.windowSeconds));
	const events = new Map<PlannedRow<IDataObject>, EmittedEvent>();
	const plan = planPoll(state, rows, settings.windowSeconds, {
		oncePerName: settings.source.oncePerName,
		skip: (row, since) => {
			const event = classifyRow(settings.event, row, since);
			return event === undefined;
		},
	});
	for (const planned of plan.emit) {
		events.set(planned, classifyRow(settings.event, planned.row, state.cursor) as EmittedEvent);
	}
	const items = await toItems(
		this,
		settings,
		plan.emit.map((planned) => ({ event: events.get(planned)!, row: planned.row })),
	);
	staticData[STATE_KEY] = plan.state as unknown as IDataObject;
	return items.length > 0 ? [items] : null;
}
