// Issue 11, what a real Frappe 15 and a real n8n showed, through n8n's engine against the test server: Count agrees
// with Get Many for a user who may read only some documents; a 403 from a doctype's own permission rules says so;
// field labels name the field once; a missing document is named; a refused credential says what to check.
import type { NodeApiError } from 'n8n-workflow';

import type { NodeRunResult } from '../harness';
import { byName, DocumentTestbed, VERSIONS } from './document/support';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start();
});

afterAll(async () => await bed.close());

function failure(result: NodeRunResult): {
	message: string;
	description: string;
	httpCode: string;
} {
	expect(result.status).toBe('error');
	const error = result.error as unknown as NodeApiError;
	return {
		message: error.message,
		description: String(error.description ?? ''),
		httpCode: String(error.httpCode),
	};
}

/** A ToDo allocated to `user`, written as the Administrator. */
function todoFor(user: string | null, description: string, status = 'Open'): string {
	return bed.server.store.insert('ToDo', { description, status, allocated_to: user })
		.name as string;
}

describe('#1 Count agrees with Get Many for a user who may read only some documents', () => {
	const limited = () => bed.server.users.limited.email;

	beforeAll(() => {
		todoFor(limited(), 'issue 11 count: mine, open');
		todoFor(limited(), 'issue 11 count: mine, closed', 'Closed');
		todoFor('clerk@example.com', 'issue 11 count: the clerk’s');
	});

	it('frappe.client.get_count counts every ToDo for the limited user (frappe.db.count applies no permissions)', async () => {
		const { apiKey, apiSecret } = bed.server.users.limited;
		const response = await fetch(
			`${bed.server.url}/api/method/frappe.client.get_count?doctype=ToDo`,
			{ headers: { Authorization: `token ${apiKey}:${apiSecret}`, Accept: 'application/json' } },
		);
		expect(response.status).toBe(200);
		expect(((await response.json()) as { message: number }).message).toBe(
			bed.server.store.count('ToDo'),
		);
	});

	describe.each(VERSIONS)('on API %s', (apiVersion) => {
		it.each([
			['no filters', {}],
			[
				'a filter',
				{ filters: { conditions: [{ field: 'status', operator: 'equals', value: 'Open' }] } },
			],
		])('as the limited user, with %s', async (_label, extra) => {
			const asLimited = { credential: bed.limited };
			const listed = await bed.ok(
				{ apiVersion, operation: 'getMany', doctype: 'ToDo', returnAll: true, ...extra },
				asLimited,
			);
			const [counted] = await bed.ok(
				{ apiVersion, operation: 'count', doctype: 'ToDo', ...extra },
				asLimited,
			);
			expect(listed.length).toBeGreaterThan(0);
			expect(listed.length).toBeLessThan(bed.server.store.count('ToDo'));
			expect(counted).toEqual({ count: listed.length });
		});

		it('as the clerk, whose role reads every ToDo', async () => {
			const listed = await bed.ok(
				{ apiVersion, operation: 'getMany', doctype: 'ToDo', returnAll: true },
				{ credential: bed.clerk },
			);
			const [counted] = await bed.ok(
				{ apiVersion, operation: 'count', doctype: 'ToDo' },
				{ credential: bed.clerk },
			);
			expect(counted).toEqual({ count: listed.length });
			expect(listed.length).toBe(bed.server.store.count('ToDo'));
		});
	});

	it('v1 asks frappe.desk.reportview.get_count, what the desk list view uses', async () => {
		const mark = bed.server.requests.length;
		await bed.ok({ apiVersion: 'v1', operation: 'count', doctype: 'ToDo' });
		expect(bed.requestsSince(mark)).toEqual([
			'GET /api/method/frappe.desk.reportview.get_count?doctype=ToDo',
		]);
	});

	it('a doctype the user may not read is a 403 naming it, as lists/32 shows', async () => {
		const error = failure(
			await bed.run(
				{ apiVersion: 'v1', operation: 'count', doctype: 'Sales Voucher' },
				{ credential: bed.limited },
			),
		);
		expect(error.httpCode).toBe('403');
		expect(error.message).toContain(
			'does not have doctype access via role permission for document Sales Voucher',
		);
	});
});

describe.each(VERSIONS)('#4 another user’s ToDo on API %s', (apiVersion) => {
	it('Frappe refuses it through the controller permission check (v1/30, v2/35)', async () => {
		const name = todoFor('clerk@example.com', 'issue 11: not yours');
		const { apiKey, apiSecret } = bed.server.users.limited;
		const path =
			apiVersion === 'v2' ? `/api/v2/document/ToDo/${name}` : `/api/resource/ToDo/${name}`;
		const response = await fetch(`${bed.server.url}${path}`, {
			headers: { Authorization: `token ${apiKey}:${apiSecret}`, Accept: 'application/json' },
		});
		expect(response.status).toBe(403);
		const body = (await response.json()) as Record<string, unknown>;
		const said = `Not allowed via controller permission check<br>User <strong>limited@example.com</strong> does not have access to this document: ToDo - ${name}`;
		if (apiVersion === 'v2') {
			expect(body.errors).toEqual([
				expect.objectContaining({ type: 'PermissionError', message: said, title: 'Message' }),
			]);
		} else {
			expect(body.exc_type).toBe('PermissionError');
			expect(JSON.parse(JSON.parse(String(body._server_messages))[0])).toEqual({
				message: said,
				title: 'Message',
			});
		}
	});

	it('the hint says the doctype’s own rules restrict it and to share or assign it', async () => {
		const name = todoFor('clerk@example.com', 'issue 11: not yours either');
		const error = failure(
			await bed.run(
				{ apiVersion, operation: 'get', doctype: 'ToDo', documentName: byName(name) },
				{ credential: bed.limited },
			),
		);
		expect(error.httpCode).toBe('403');
		expect(error.message).toContain('Not allowed via controller permission check');
		expect(error.message).toContain(`does not have access to this document: ToDo - ${name}`);
		expect(error.description).toContain(
			`ToDo "${name}" is restricted by the doctype's own permission rules`,
		);
		expect(error.description).toMatch(/share the document with the user or assign it to them/);
		expect(error.description).not.toMatch(/^The Frappe user of this credential lacks/);
	});
});

describe('#5 field pickers name each field once', () => {
	it('standard fields read "ID (name)", "Created By (owner)"', async () => {
		const spec = bed.node({ operation: 'getMany', doctype: byName('ToDo') });
		const fields = await bed.harness.loadOptions(spec, 'getFilterFields');
		const names = fields.map((field) => field.name);
		expect(names).toEqual(expect.arrayContaining(['ID (name)', 'Created By (owner)']));
		for (const name of names) expect(name).not.toMatch(/\((\w+)\) \(\1\)$/);
	});
});

describe.each(VERSIONS)('#6 a missing document on API %s', (apiVersion) => {
	it('Delete names the document in the message, as Get does', async () => {
		const error = failure(
			await bed.run({
				apiVersion,
				operation: 'delete',
				doctype: 'ToDo',
				documentName: byName('missing-xyz'),
			}),
		);
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('ToDo missing-xyz not found');
	});

	it('under Continue On Fail the error item says which document', async () => {
		const result = await bed.run(
			{ apiVersion, operation: 'delete', doctype: 'ToDo', documentName: byName('missing-xyz') },
			{ continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json)).toEqual([
			{ error: 'ToDo missing-xyz not found' },
		]);
	});
});

describe('#7 a refused credential at run time says what to check, per credential type', () => {
	it('API key and secret', async () => {
		const wrong = bed.tokenCredential(
			{ apiKey: bed.server.users.clerk.apiKey, apiSecret: 'wrong' },
			'issue 11 wrong secret',
		);
		const error = failure(
			await bed.run({ operation: 'count', doctype: 'ToDo' }, { credential: wrong }),
		);
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe(
			'Frappe rejected the API key or secret (401): check both values, or generate new keys for the user',
		);
	});

	it('username and password', async () => {
		const session = bed.harness.addCredential('frappeSessionApi', {
			siteUrl: bed.server.url,
			username: bed.server.users.clerk.email,
			password: 'wrong password',
			sid: '',
		});
		const error = failure(
			await bed.run({ operation: 'count', doctype: 'ToDo' }, { credential: session }),
		);
		expect(error.message).toBe('Frappe rejected the login: wrong username or password');
		expect(error.description).toBe('Frappe said: Invalid login credentials');
	});
});
