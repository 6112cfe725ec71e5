// The test server writes Version and Deleted Document rows the way the recorded Frappe 15.44.2 did, and refuses
// them to a user without System Manager as it did.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';

import { startFrappeServer, tokenHeader, type FrappeServer } from '../../frappe-server';

const recording = (name: string) =>
	JSON.parse(
		readFileSync(join(__dirname, '../../fixtures/frappe-15.44.2/changes', `${name}.json`), 'utf8'),
	) as { response: { status: number; body: Record<string, unknown> } };

describe('test server: what Frappe writes beside a change', () => {
	let server: FrappeServer;

	beforeEach(async () => {
		server = await startFrappeServer({ seed: 'demo' });
	});

	afterEach(async () => {
		await server.close();
	});

	const list = async (
		doctype: string,
		query: Record<string, unknown>,
		user = server.users.administrator,
	) => {
		const qs = new URLSearchParams(
			Object.entries(query).map(([key, value]) => [key, JSON.stringify(value)]),
		);
		const response = await request(
			`${server.url}/api/resource/${encodeURIComponent(doctype)}?${qs}`,
			{
				headers: { Authorization: tokenHeader(user), Accept: 'application/json' },
			},
		);
		return {
			status: response.statusCode,
			body: (await response.body.json()) as Record<string, unknown>,
		};
	};

	test('a save of a doctype that tracks changes writes a Version with the recorded data format', async () => {
		const todo = server.store.insert('ToDo', { description: 'v' });
		server.store.update('ToDo', todo.name as string, { status: 'Closed' });
		const { body } = await list('Version', {
			fields: ['name', 'ref_doctype', 'docname', 'data', 'owner', 'creation'],
			filters: [['docname', '=', todo.name]],
		});
		const rows = body.data as Array<Record<string, unknown>>;
		const recorded = (
			recording('12-version-list').response.body.data as Array<Record<string, unknown>>
		)[0];
		expect(rows).toHaveLength(1);
		expect(rows[0].data).toBe(recorded.data);
		expect(
			String(rows[0].creation) > String(server.store.get('ToDo', todo.name as string)!.modified),
		).toBe(true);
	});

	test('a delete writes a Deleted Document holding the document as indented JSON with sorted keys', async () => {
		const todo = server.store.insert('ToDo', { description: 'gone', priority: 'Low' });
		server.store.delete('ToDo', todo.name as string);
		const { body } = await list('Deleted Document', {
			fields: ['deleted_name', 'deleted_doctype', 'data', 'restored', 'new_name', 'owner'],
			filters: [['deleted_name', '=', todo.name]],
		});
		const [row] = body.data as Array<Record<string, unknown>>;
		const recorded = (
			recording('19-deleted-document').response.body.data as Array<Record<string, unknown>>
		)[0];
		expect(Object.keys(row).sort()).toEqual(
			['deleted_name', 'deleted_doctype', 'data', 'restored', 'new_name', 'owner'].sort(),
		);
		expect(row).toMatchObject({
			deleted_doctype: 'ToDo',
			restored: 0,
			new_name: null,
			owner: 'Administrator',
		});
		const keysOf = (json: string) => Object.keys(JSON.parse(json) as object);
		expect(keysOf(row.data as string)).toEqual(keysOf(recorded.data as string));
		expect(
			(row.data as string).startsWith('{\n "allocated_to": null,\n "assigned_by": null,'),
		).toBe(true);
	});

	test('Version and Deleted Document are refused to a user without System Manager, as recorded', async () => {
		for (const [doctype, name] of [
			['Version', '14-version-limited'],
			['Deleted Document', '22-deleted-document-limited'],
		]) {
			const { status, body } = await list(doctype, { fields: ['name'] }, server.users.clerk);
			const recorded = recording(name).response;
			expect(status).toBe(recorded.status);
			expect(body._error_message).toBe(recorded.body._error_message);
			expect(body.exc_type).toBe('PermissionError');
		}
	});
});
