// The Collaboration resource (comments, assignments, shares, tags) through n8n's engine against the test server
// (frappe.desk.form.utils, assign_to, frappe.share, tag methods as recorded in desk/), on API v1 and v2.
import type { IDataObject } from 'n8n-workflow';

import { byName, DocumentTestbed, VERSIONS } from '../document/support';
import { newVoucher, SV } from '../lifecycle/support';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start();
	bed.server.store.insert('User', {
		name: 'gone@example.com',
		email: 'gone@example.com',
		first_name: 'Gone',
		enabled: 0,
		user_type: 'System User',
	});
});

afterAll(async () => await bed.close());

const user = (id: string) => ({ __rl: true, mode: 'id', value: id });

describe.each(VERSIONS)('Collaboration on API %s', (apiVersion) => {
	const desk = async (parameters: IDataObject, credential = bed.admin) =>
		await bed.run({ apiVersion, resource: 'desk', doctype: SV, ...parameters }, { credential });
	const ok = async (parameters: IDataObject) => {
		const result = await desk(parameters);
		if (result.status !== 'success')
			throw new Error(`${result.error?.message} (${result.error?.description})`);
		return result.items.map((item) => item.json);
	};

	it('adds, lists and deletes comments, the author being the credential user', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} comments`, 10);
		const [comment] = await ok({
			operation: 'addComment',
			documentName: byName(name),
			content: 'Paid via Stripe',
		});
		expect(comment).toMatchObject({
			doctype: 'Comment',
			comment_type: 'Comment',
			reference_doctype: SV,
			reference_name: name,
			content: 'Paid via Stripe',
			comment_email: 'Administrator',
			comment_by: 'Administrator',
		});
		expect(JSON.parse(String(bed.server.store.raw(SV, name)?._comments))).toEqual([
			expect.objectContaining({ comment: 'Paid via Stripe' }),
		]);
		const listed = await ok({ operation: 'getComments', documentName: byName(name) });
		expect(listed).toEqual([
			expect.objectContaining({ name: comment.name, content: 'Paid via Stripe', document: name }),
		]);
		const [deleted] = await ok({ operation: 'deleteComment', commentName: comment.name });
		expect(deleted).toMatchObject({ deleted: true, comment: comment.name });
		expect(await ok({ operation: 'getComments', documentName: byName(name) })).toEqual([]);
	});

	it('refuses a comment on a document that does not exist', async () => {
		const result = await desk({
			operation: 'addComment',
			documentName: byName('nope'),
			content: 'x',
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('not found');
	});

	it('assigns with a date and a note (a ToDo as Frappe makes it), lists and removes', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} assign`, 10);
		const [assigned] = await ok({
			operation: 'assign',
			documentName: byName(name),
			user: user('clerk@example.com'),
			options: { date: '2025-07-01T00:00:00', description: 'Call the customer', priority: 'High' },
		});
		expect(assigned).toMatchObject({
			doctype: SV,
			document: name,
			assigned_to: 'clerk@example.com',
		});
		const todo = bed.server.store.get('ToDo', String(assigned.todo));
		expect(todo).toMatchObject({
			allocated_to: 'clerk@example.com',
			assigned_by: 'Administrator',
			reference_type: SV,
			reference_name: name,
			description: 'Call the customer',
			status: 'Open',
			priority: 'High',
			date: '2025-07-01',
		});
		expect(bed.server.store.raw(SV, name)?._assign).toBe('["clerk@example.com"]');
		expect(await ok({ operation: 'getAssignments', documentName: byName(name) })).toEqual([
			expect.objectContaining({
				allocated_to: 'clerk@example.com',
				todo: assigned.todo,
				status: 'Open',
			}),
		]);
		const [removed] = await ok({
			operation: 'removeAssignment',
			documentName: byName(name),
			user: user('clerk@example.com'),
		});
		expect(removed).toMatchObject({ removed: 'clerk@example.com', open_assignments: [] });
		expect(bed.server.store.get('ToDo', String(assigned.todo))?.status).toBe('Cancelled');
	});

	it('refuses to assign to a disabled user, before anything is written', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} disabled`, 10);
		const todos = bed.server.store.count('ToDo');
		const result = await desk({
			operation: 'assign',
			documentName: byName(name),
			user: user('gone@example.com'),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`gone@example.com is a disabled user, so ${SV} ${name} was not assigned`,
		);
		expect(bed.server.store.count('ToDo')).toBe(todos);
	});

	it('shares with rights, lists and unshares; the share lets the user read the document', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} share`, 10);
		const [share] = await ok({
			operation: 'share',
			documentName: byName(name),
			user: user('limited@example.com'),
			rights: ['write'],
		});
		expect(share).toMatchObject({
			doctype: 'DocShare',
			user: 'limited@example.com',
			share_doctype: SV,
			share_name: name,
			read: 1,
			write: 1,
			submit: 0,
		});
		expect(await ok({ operation: 'getShares', documentName: byName(name) })).toEqual([
			expect.objectContaining({ user: 'limited@example.com', read: 1, write: 1 }),
		]);
		const read = await bed.run(
			{ apiVersion, operation: 'get', doctype: SV, documentName: byName(name) },
			{ credential: bed.limited },
		);
		expect(read.status).toBe('success');
		const [unshared] = await ok({
			operation: 'unshare',
			documentName: byName(name),
			user: user('limited@example.com'),
		});
		expect(unshared).toMatchObject({ unshared: 'limited@example.com' });
		expect(await ok({ operation: 'getShares', documentName: byName(name) })).toEqual([]);
	});

	it('refuses a share by a user without the share right', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} no share`, 10);
		const result = await desk(
			{ operation: 'share', documentName: byName(name), user: user('clerk@example.com') },
			bed.limited,
		);
		expect(result.status).toBe('error');
		expect(bed.server.store.count('DocShare', { share_name: name })).toBe(0);
	});

	it('adds tags (",a,b" in _user_tags), lists, filters Get Many by tag, removes', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} tags`, 10);
		await ok({
			operation: 'addTags',
			documentName: byName(name),
			tags: `vip-${apiVersion}, follow-up`,
		});
		expect(bed.server.store.raw(SV, name)?._user_tags).toBe(`,vip-${apiVersion},follow-up`);
		expect(await ok({ operation: 'getTags', documentName: byName(name) })).toEqual([
			{ doctype: SV, document: name, tags: ['follow-up', `vip-${apiVersion}`] },
		]);
		const tagged = await bed.ok({
			apiVersion,
			operation: 'getMany',
			doctype: SV,
			returnAll: true,
			options: { filtersJson: JSON.stringify([['_user_tags', 'like', `%vip-${apiVersion}%`]]) },
		});
		expect(tagged).toEqual([{ name }]);
		await ok({ operation: 'removeTag', documentName: byName(name), tag: 'follow-up' });
		expect(bed.server.store.raw(SV, name)?._user_tags).toBe(`,vip-${apiVersion}`);
	});

	it('refuses tags on a document that does not exist', async () => {
		const result = await desk({ operation: 'addTags', documentName: byName('nope'), tags: 'x' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('not found');
	});
});
