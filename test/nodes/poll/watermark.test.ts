// The pure parts of the poll trigger: timestamps as Frappe writes them, the strict-after filters, the look-back
// window's memory, event classification and the Version diff.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import {
	classifyRow,
	deletedDocumentOf,
	pickFields,
} from '../../../nodes/FrappePollTrigger/events';
import { parseVersionData, versionOfSave } from '../../../nodes/FrappePollTrigger/versionDiff';
import {
	normalizeTimestamp,
	planPoll,
	readFrom,
	secondsBefore,
	startingState,
	strictlyAfter,
	wallClockOf,
	type ChangeKey,
} from '../../../nodes/FrappePollTrigger/watermark';

const recording = (name: string) =>
	JSON.parse(
		readFileSync(join(__dirname, '../../fixtures/frappe-15.44.2/changes', `${name}.json`), 'utf8'),
	) as { response: { body: { data: IDataObject[] } } };

const key = (at: string, name: string): ChangeKey => ({ at, name });
const rows = (...keys: ChangeKey[]) => keys.map((k) => ({ key: k, row: { name: k.name } }));

describe('timestamps as Frappe writes them', () => {
	test('are kept as wall-clock text with six fraction digits; Python leaves out a zero fraction', () => {
		expect(normalizeTimestamp('2026-12-05 15:44:28.549393')).toBe('2026-12-05 15:44:28.549393');
		expect(normalizeTimestamp('2026-12-05 15:44:28')).toBe('2026-12-05 15:44:28.000000');
		expect(normalizeTimestamp('2026-12-05')).toBe('2026-12-05 00:00:00.000000');
		expect(normalizeTimestamp('yesterday')).toBeUndefined();
	});

	test('Start From keeps the digits and drops any zone: it is the site clock', () => {
		expect(wallClockOf('2026-12-05T10:14:31.000Z')).toBe('2026-12-05 10:14:31.000000');
		expect(wallClockOf('2026-12-05T10:14:31+05:30')).toBe('2026-12-05 10:14:31.000000');
		expect(wallClockOf('2026-12-05T10:14:31')).toBe('2026-12-05 10:14:31.000000');
	});

	test('shift by calendar arithmetic, across a day and a year', () => {
		expect(secondsBefore('2026-01-01 00:00:30.123456', 60)).toBe('2025-12-31 23:59:30.123456');
		expect(secondsBefore('2026-03-01 00:00:00.000001', 1)).toBe('2026-02-28 23:59:59.000001');
	});

	test('the recorded creation/modified have the format the watermark keeps', () => {
		for (const row of recording('03-poll-page-1').response.body.data) {
			expect(normalizeTimestamp(row.modified)).toBe(row.modified);
		}
	});
});

describe('strictly after (timestamp, name)', () => {
	test('filters AND >= with an OR of > and a later name', () => {
		expect(strictlyAfter('modified', key('2026-12-05 15:44:28.549393', 'abc'))).toEqual({
			filters: [['modified', '>=', '2026-12-05 15:44:28.549393']],
			orFilters: [
				['modified', '>', '2026-12-05 15:44:28.549393'],
				['name', '>', 'abc'],
			],
		});
		expect(strictlyAfter('creation', null)).toEqual({ filters: [], orFilters: [] });
		expect(strictlyAfter('creation', key('2026-12-05 15:44:28.000000', ''))).toEqual({
			filters: [['creation', '>=', '2026-12-05 15:44:28.000000']],
			orFilters: [],
		});
	});

	test('the look-back window reads back from the cursor, never before the floor', () => {
		const state = {
			...startingState('s', key('2026-12-05 10:00:00.000000', 'f')),
			cursor: key('2026-12-05 10:05:00.000000', 'c'),
		};
		expect(readFrom(state, 0)).toEqual(state.cursor);
		expect(readFrom(state, 60)).toEqual(key('2026-12-05 10:04:00.000000', ''));
		expect(readFrom(state, 3600)).toEqual(state.floor);
	});
});

describe('planPoll', () => {
	const floor = key('2026-12-05 10:00:00.000000', 'm');

	test('drops rows at or before the floor, and duplicates', () => {
		const plan = planPoll(
			startingState('s', floor),
			rows(
				key('2026-12-05 10:00:00.000000', 'a'),
				key('2026-12-05 10:00:00.000000', 'm'),
				key('2026-12-05 10:00:00.000000', 'z'),
				key('2026-12-05 10:00:00.000000', 'z'),
				key('2026-12-05 10:00:01.000000', 'b'),
			),
			0,
		);
		expect(plan.emit.map((r) => r.key.name)).toEqual(['z', 'b']);
		expect(plan.state.cursor).toEqual(key('2026-12-05 10:00:01.000000', 'b'));
		expect(plan.state.recent).toEqual([]);
	});

	test('a window re-read emits only what it had not seen (a late commit), and forgets what fell out of it', () => {
		const first = planPoll(
			startingState('s', floor),
			rows(key('2026-12-05 10:00:10.000000', 'b'), key('2026-12-05 10:00:20.000000', 'c')),
			30,
		);
		expect(first.state.recent).toEqual([
			'2026-12-05 10:00:10.000000|b',
			'2026-12-05 10:00:20.000000|c',
		]);
		const second = planPoll(
			first.state,
			rows(
				key('2026-12-05 10:00:05.000000', 'late'),
				key('2026-12-05 10:00:10.000000', 'b'),
				key('2026-12-05 10:00:20.000000', 'c'),
				key('2026-12-05 10:01:00.000000', 'd'),
			),
			30,
		);
		expect(second.emit.map((r) => r.key.name)).toEqual(['late', 'd']);
		expect(second.state.recent).toEqual(['2026-12-05 10:01:00.000000|d']);
	});

	test('skipped rows move the watermark; once-per-name events emit a name once', () => {
		const plan = planPoll(
			startingState('s', null),
			rows(
				key('2026-12-05 10:00:01.000000', 'x'),
				key('2026-12-05 10:00:02.000000', 'skip'),
				key('2026-12-05 10:00:03.000000', 'x'),
			),
			0,
			{ skip: (row) => row.name === 'skip', oncePerName: true },
		);
		expect(plan.emit.map((r) => r.key.at)).toEqual(['2026-12-05 10:00:01.000000']);
		expect(plan.state.cursor).toEqual(key('2026-12-05 10:00:03.000000', 'x'));
		expect(plan.state.names).toEqual(['x']);
		const again = planPoll(plan.state, rows(key('2026-12-05 10:00:09.000000', 'x')), 0, {
			oncePerName: true,
		});
		expect(again.emit).toEqual([]);
	});
});

describe('events', () => {
	const inserted = {
		creation: '2026-12-05 15:44:28.549393',
		modified: '2026-12-05 15:44:28.549393',
	};
	const saved = { creation: '2026-12-05 15:44:28.878890', modified: '2026-12-05 15:44:31.075171' };

	test('updated leaves out creation; created-or-updated says which', () => {
		expect(classifyRow('updated', inserted, null)).toBeUndefined();
		expect(classifyRow('updated', saved, null)).toBe('updated');
		expect(classifyRow('createdOrUpdated', inserted, null)).toBe('created');
		expect(classifyRow('createdOrUpdated', saved, key('2026-12-05 15:44:29.000000', ''))).toBe(
			'updated',
		);
		expect(classifyRow('createdOrUpdated', saved, key('2026-12-05 15:44:28.000000', ''))).toBe(
			'created',
		);
	});

	test('a Deleted Document row gives back the document, child rows included', () => {
		const [row] = recording('19-deleted-document').response.body.data;
		expect(deletedDocumentOf(row)).toMatchObject({
			doctype: 'ToDo',
			name: row.deleted_name,
			status: 'Open',
		});
		expect(pickFields(deletedDocumentOf(row)!, ['status'])).toEqual({
			name: row.deleted_name,
			status: 'Open',
		});
		const [withRows] = recording('20-deleted-document-with-child-rows').response.body.data;
		expect(deletedDocumentOf(withRows)).toMatchObject({ doctype: 'Purchase Request', items: [] });
	});
});

describe('Version diff', () => {
	test('changed fields of a recorded save', () => {
		const [version] = recording('12-version-list').response.body.data;
		expect(parseVersionData(version.data)).toEqual({
			changedFields: { status: { old: 'Open', new: 'Closed' } },
		});
	});

	test('child rows added, removed and changed', () => {
		const versions = recording('13-version-child-rows').response.body.data;
		const changes = parseVersionData(versions[2].data)!;
		expect(changes.changedFields).toEqual({ total: { old: '5.00', new: '14.00' } });
		expect(changes.changedRows!.added).toEqual([
			{ table: 'items', row: expect.objectContaining({ item: 'New', qty: 3 }) },
		]);
		expect(changes.changedRows!.removed).toEqual([
			{ table: 'items', row: expect.objectContaining({ item: 'Drop' }) },
		]);
		expect(changes.changedRows!.changed).toEqual([
			{ table: 'items', index: 0, name: 'dq28h66t56', fields: { qty: { old: '1', new: '5' } } },
		]);
		expect(parseVersionData('not json')).toBeUndefined();
	});

	test('the Version of a save is the first of that document written at or after its modified', () => {
		const versions = [
			{ docname: 'A', creation: '2026-12-05 15:44:30.000000', data: 'older save' },
			{ docname: 'A', creation: '2026-12-05 15:44:31.082620', data: 'this save' },
			{ docname: 'A', creation: '2026-12-05 15:44:40.000000', data: 'a later save' },
			{ docname: 'B', creation: '2026-12-05 15:44:31.080000', data: 'another document' },
		];
		expect(versionOfSave(versions, 'A', '2026-12-05 15:44:31.075171')?.data).toBe('this save');
		expect(versionOfSave(versions, 'C', '2026-12-05 15:44:31.075171')).toBeUndefined();
	});
});
