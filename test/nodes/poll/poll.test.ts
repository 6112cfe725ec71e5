// The Frappe Poll Trigger as n8n's app runs it: one PollContext per activation, PollTriggerExecutor polling at
// activation and at each tick, against the test server over real sockets.
import { beginLateTransaction, setValuesWithOneModified } from '../../frappe-server/changes';
import type { Doc } from '../../frappe-server/types';
import type { PollerUnderTest } from '../../harness';
import { startSite, type Site } from './support';

describe('Frappe Poll Trigger through PollContext and PollTriggerExecutor', () => {
	let site: Site;

	beforeEach(async () => {
		site = await startSite();
	});

	afterEach(async () => {
		await site.close();
	});

	const newToDo = (description: string, extra: Doc = {}) =>
		site.server.store.insert('ToDo', { description, ...extra });

	const names = (items: Array<{ json: Doc }> | undefined) =>
		(items ?? []).map((item) => item.json.name as string);

	test('the first poll emits nothing and notes where Frappe is; only later changes are emitted', async () => {
		const poller = site.poller({ event: 'created' });
		expect(site.server.store.count('ToDo')).toBeGreaterThan(0);
		expect(await poller.activate()).toEqual({});
		expect(poller.executions).toHaveLength(0);
		expect(await poller.poll()).toEqual({});

		const todo = newToDo('after activation');
		const tick = await poller.poll();
		expect(tick.items).toHaveLength(1);
		expect(tick.items![0].json).toMatchObject({
			event: 'created',
			doctype: 'ToDo',
			name: todo.name,
			description: 'after activation',
			status: 'Open',
		});
		expect(await poller.poll()).toEqual({});
		expect(poller.errors).toEqual([]);
	});

	test('created, updated, deleted, submitted and cancelled are each emitted once', async () => {
		const existing = newToDo('exists before');
		const doomed = newToDo('to be deleted');
		const pollers: Record<string, PollerUnderTest> = {};
		for (const event of ['created', 'updated', 'deleted']) pollers[event] = site.poller({ event });
		for (const event of ['submitted', 'cancelled'])
			pollers[event] = site.poller({ event, doctype: 'Sales Voucher' });
		for (const poller of Object.values(pollers)) await poller.activate();

		const created = newToDo('fresh');
		site.server.store.update('ToDo', existing.name as string, { status: 'Closed' });
		site.server.store.delete('ToDo', doomed.name as string);
		const voucher = site.server.store.insert('Sales Voucher', {
			customer: 'Acme',
			items: [{ item: 'Widget', qty: 1, rate: 5 }],
		});
		site.server.store.submit('Sales Voucher', voucher.name as string);

		const created1 = await pollers.created.poll();
		expect(created1.items?.map((item) => [item.json.event, item.json.name])).toEqual([
			['created', created.name],
		]);
		const updated1 = await pollers.updated.poll();
		expect(
			updated1.items?.map((item) => [item.json.event, item.json.name, item.json.status]),
		).toEqual([['updated', existing.name, 'Closed']]);
		const deleted1 = await pollers.deleted.poll();
		expect(deleted1.items).toHaveLength(1);
		expect(deleted1.items![0].json).toMatchObject({
			event: 'deleted',
			doctype: 'ToDo',
			name: doomed.name,
			description: 'to be deleted',
			deletedBy: 'Administrator',
			deletedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}$/),
		});
		const submitted1 = await pollers.submitted.poll();
		expect(
			submitted1.items?.map((item) => [item.json.event, item.json.name, item.json.docstatus]),
		).toEqual([['submitted', voucher.name, 1]]);
		expect(await pollers.cancelled.poll()).toEqual({});

		site.server.store.cancel('Sales Voucher', voucher.name as string);
		const cancelled = await pollers.cancelled.poll();
		expect(cancelled.items?.map((item) => [item.json.event, item.json.name])).toEqual([
			['cancelled', voucher.name],
		]);
		for (const poller of Object.values(pollers)) {
			expect(await poller.poll()).toEqual({});
			expect(poller.errors).toEqual([]);
		}
	});

	test('1,200 changes between two polls come over several pages, each once, in order', async () => {
		const poller = site.poller({ event: 'created', options: { pageSize: 500 } });
		await poller.activate();
		const made = Array.from({ length: 1200 }, (_, index) => newToDo(`bulk ${index}`));
		const before = site.server.requests.length;

		const tick = await poller.poll();
		expect(names(tick.items)).toEqual(made.map((todo) => todo.name));
		const lists = site.server.requests
			.slice(before)
			.filter((request) => request.path.startsWith('/api/resource/ToDo'));
		expect(lists).toHaveLength(3);
		expect(await poller.poll()).toEqual({});
	});

	test('50 documents with one modified, across page boundaries: all emitted once, in name order', async () => {
		const todos = Array.from({ length: 50 }, (_, index) => newToDo(`same ${index}`));
		const poller = site.poller({ event: 'updated', options: { pageSize: 7 } });
		await poller.activate();
		const modified = setValuesWithOneModified(
			site.server.store,
			'ToDo',
			todos.map((todo) => todo.name as string),
			{ priority: 'High' },
		);

		const tick = await poller.poll();
		expect(names(tick.items)).toEqual(todos.map((todo) => todo.name as string).sort());
		expect(new Set(tick.items!.map((item) => item.json.modified))).toEqual(new Set([modified]));
		expect(await poller.poll()).toEqual({});
	});

	test('the look-back window catches a transaction that committed late, without repeating anything', async () => {
		const poller = site.poller({ event: 'created', options: { lookBackSeconds: 60 } });
		await poller.activate();
		const late = beginLateTransaction(site.server.store);
		const early = newToDo('committed first');
		expect(names((await poller.poll()).items)).toEqual([early.name]);

		const lateToDo = late.commitInsert('ToDo', { description: 'committed late' });
		expect(String(lateToDo.modified) < String(early.modified)).toBe(true);
		expect(names((await poller.poll()).items)).toEqual([lateToDo.name]);
		expect(await poller.poll()).toEqual({});
		expect(poller.executions.flat()).toHaveLength(2);
	});

	test('without a look-back window the late commit is missed (what the window is for)', async () => {
		const poller = site.poller({ event: 'created', options: { lookBackSeconds: 0 } });
		await poller.activate();
		const late = beginLateTransaction(site.server.store);
		const early = newToDo('committed first');
		expect(names((await poller.poll()).items)).toEqual([early.name]);
		late.commitInsert('ToDo', { description: 'committed late' });
		expect(await poller.poll()).toEqual({});
	});

	test('Changed Fields: an update carries the fields it changed, old and new, from its Version', async () => {
		const todo = newToDo('watch me', { priority: 'Low' });
		const poller = site.poller({ event: 'updated', options: { changedFields: true } });
		await poller.activate();
		site.server.store.update('ToDo', todo.name as string, { status: 'Closed', priority: 'High' });

		const tick = await poller.poll();
		expect(tick.items).toHaveLength(1);
		expect(tick.items![0].json).toMatchObject({
			event: 'updated',
			name: todo.name,
			changedFields: {
				status: { old: 'Open', new: 'Closed' },
				priority: { old: 'Low', new: 'High' },
			},
		});
		expect(tick.items![0].json.changedRows).toBeUndefined();
	});

	test('manual mode (Fetch Test Event) returns the latest match and moves no watermark', async () => {
		const poller = site.poller({ event: 'created' });
		await poller.activate();
		const watermark = JSON.stringify(poller.staticData);
		newToDo('older');
		const latest = newToDo('latest');

		const test = await poller.fetchTestEvent();
		expect(test.error).toBeUndefined();
		expect(test.items.map((item) => [item.json.event, item.json.name])).toEqual([
			['created', latest.name],
		]);
		expect(JSON.stringify(poller.staticData)).toBe(watermark);
		expect(names((await poller.poll()).items)).toHaveLength(2);
	});

	test('a restricted user sees only the documents Frappe shows them, and is told why deleted documents fail', async () => {
		const { limited, clerk } = site.server.users;
		const poller = site.poller({ event: 'created' }, limited);
		await poller.activate();
		const mine = newToDo('for the limited user', { allocated_to: limited.email });
		newToDo('for someone else');
		expect(names((await poller.poll()).items)).toEqual([mine.name]);

		const deletions = site.poller({ event: 'deleted' }, clerk);
		await expect(deletions.activate()).rejects.toThrow(/Deleted Document/);

		const versions = site.poller({ event: 'updated', options: { changedFields: true } }, clerk);
		await versions.activate();
		const watermark = JSON.stringify(versions.staticData);
		site.server.store.update('ToDo', mine.name as string, { status: 'Closed' });
		const tick = await versions.poll();
		expect(tick.items).toBeUndefined();
		expect(tick.error?.message).toMatch(/Changed Fields.*Version/);
		expect(JSON.stringify(versions.staticData)).toBe(watermark);
	});

	test('Start From emits the changes since that time on the first poll', async () => {
		const todo = newToDo('before activation');
		const poller = site.poller({
			event: 'created',
			options: { startFrom: (todo.creation as string).replace(' ', 'T').slice(0, 19) },
		});
		const first = await poller.activate();
		expect(names(first.items)).toContain(todo.name);
		expect(await poller.poll()).toEqual({});
	});

	test("the site's clock, not n8n's, decides: a site whose clock is 9 hours behind n8n's is polled correctly", async () => {
		const behind = await startSite({ now: () => Date.now() - 9 * 3600_000 });
		try {
			const poller = behind.poller({ event: 'created' });
			await poller.activate();
			const todo = behind.server.store.insert('ToDo', { description: 'in the past of n8n' });
			expect(names((await poller.poll()).items)).toEqual([todo.name]);
			expect(await poller.poll()).toEqual({});
		} finally {
			await behind.close();
		}
	});
});
