// Behaviour of the test server beyond the recordings: public API (store, events, extension points), clerk permissions,
// version switches, login options, limits. Where no recording covers a behaviour, the expectation follows Frappe's
// source: frappe/model/document.py (documents, events), frappe/auth.py (logins), frappe/api.py (v14) and
// frappe/api/v2.py (v15, v16).
import { request } from 'undici';
import { startFrappeServer, tokenHeader, type DocEvent, type FrappeServer } from '../frappe-server';

interface Res {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	text: string;
	json: Record<string, unknown>;
}

async function call(
	server: FrappeServer,
	method: string,
	path: string,
	opts: {
		auth?: string | null;
		json?: unknown;
		form?: Record<string, string>;
		headers?: Record<string, string>;
		body?: Buffer | string;
	} = {},
): Promise<Res> {
	const headers: Record<string, string> = { Accept: 'application/json', ...(opts.headers ?? {}) };
	const auth = opts.auth === undefined ? tokenHeader(server.users.administrator) : opts.auth;
	if (auth) headers.Authorization = auth;
	let body = opts.body;
	if (opts.json !== undefined) {
		body = JSON.stringify(opts.json);
		headers['Content-Type'] = 'application/json';
	}
	if (opts.form) {
		body = new URLSearchParams(opts.form).toString();
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
	}
	const r = await request(server.url + path, { method: method as 'GET', headers, body });
	const text = await r.body.text();
	let json: Record<string, unknown> = {};
	try {
		json = JSON.parse(text);
	} catch {
		// not JSON
	}
	return { status: r.statusCode, headers: r.headers, text, json };
}

describe('demo server (Frappe 15)', () => {
	let server: FrappeServer;
	beforeAll(async () => {
		server = await startFrappeServer({ maxFileSize: 1024 });
	});
	afterAll(() => server.close());

	test('binds 127.0.0.1 on a random port and serves the demo seed', async () => {
		expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const r = await call(
			server,
			'GET',
			'/api/resource/Customer?fields=["customer_name"]&order_by=customer_name asc&limit_page_length=0',
		);
		expect(r.status).toBe(200);
		expect((r.json.data as unknown[]).length).toBe(5);
	});

	test('document events fire after commit in Frappe order, and not for rolled back requests', async () => {
		const events: string[] = [];
		const off = server.onDocEvent((e: DocEvent) => events.push(`${e.doctype}:${e.event}`));
		const created = await call(server, 'POST', '/api/resource/Sales%20Voucher', {
			json: { customer: 'Events Ltd', items: [{ item: 'A', qty: 1, rate: 2 }] },
		});
		const name = (created.json.data as { name: string }).name;
		await call(server, 'PUT', `/api/resource/Sales%20Voucher/${name}`, {
			json: { customer: 'Events Ltd.' },
		});
		await call(server, 'PUT', `/api/resource/Sales%20Voucher/${name}`, { json: { docstatus: 1 } });
		await call(server, 'PUT', `/api/resource/Sales%20Voucher/${name}`, { json: { docstatus: 2 } });
		await call(server, 'DELETE', `/api/resource/Sales%20Voucher/${name}`);
		await call(server, 'POST', '/api/method/frappe.client.insert_many', {
			json: { docs: [{ doctype: 'ToDo', description: 'ok' }, { doctype: 'ToDo' }] },
		});
		off();
		expect(events).toEqual([
			'Sales Voucher:after_insert',
			'Sales Voucher:on_update',
			'Sales Voucher:on_update',
			'Sales Voucher:on_change',
			'Sales Voucher:on_update',
			'Sales Voucher:on_submit',
			'Sales Voucher:on_change',
			'Sales Voucher:on_cancel',
			'Sales Voucher:on_change',
			'Sales Voucher:on_trash',
		]);
	});

	test('store API for setup and assertions', () => {
		const doc = server.store.insert('ToDo', { description: 'from the store' });
		expect(doc.status).toBe('Open');
		expect(server.store.get('ToDo', doc.name as string)?.description).toBe('from the store');
		server.store.update('ToDo', doc.name as string, { status: 'Closed' });
		expect(
			server.store.list('ToDo', { filters: { description: 'from the store' }, fields: ['status'] }),
		).toEqual([{ status: 'Closed' }]);
		server.store.delete('ToDo', doc.name as string);
		expect(server.store.get('ToDo', doc.name as string)).toBeUndefined();
		server.store.defineDocType({
			name: 'Gadget',
			fields: [{ fieldname: 'title', fieldtype: 'Data', reqd: 1 }],
			permissions: [{ role: 'System Manager', read: 1, write: 1, create: 1, delete: 1 }],
		});
		expect(server.store.insert('Gadget', { title: 'x' }).name).toMatch(/^[0-9a-v]{10}$/);
	});

	test('a stale modified is a TimestampMismatchError', async () => {
		const doc = server.store.insert('ToDo', { description: 'stale' });
		const r = await call(server, 'PUT', `/api/resource/ToDo/${doc.name}`, {
			json: { status: 'Closed', modified: '2020-01-01 00:00:00.000000' },
		});
		expect(r.status).toBe(417);
		expect(r.json.exc_type).toBe('TimestampMismatchError');
	});

	test('uploads over maxFileSize are a bare 413', async () => {
		const boundary = 'b0undary';
		const body = Buffer.from(
			`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n${'x'.repeat(2000)}\r\n--${boundary}--\r\n`,
		);
		const r = await call(server, 'POST', '/api/method/upload_file', {
			body,
			headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
		});
		expect(r.status).toBe(413);
		expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(r.text).toContain('Request Entity Too Large');
	});

	test('run_doc_method submits and returns the doc in message and docs', async () => {
		const doc = server.store.insert('Sales Voucher', {
			customer: 'RDM',
			items: [{ item: 'A', qty: 1, rate: 1 }],
		});
		const r = await call(server, 'POST', '/api/method/run_doc_method', {
			json: { dt: 'Sales Voucher', dn: doc.name, method: 'submit' },
		});
		expect(r.status).toBe(200);
		expect((r.json.message as { docstatus: number }).docstatus).toBe(1);
		expect((r.json.docs as unknown[]).length).toBe(1);
		const bad = await call(server, 'POST', `/api/resource/Sales%20Voucher/${doc.name}`, {
			json: { run_method: 'no_such_method' },
		});
		expect(bad.status).toBe(404);
		expect(bad.text).toContain('Method no_such_method not found');
	});

	test('expired sessions answer as Guest with session_expired; logins are counted', async () => {
		const before = server.counters.logins;
		const login = await call(server, 'POST', '/api/method/login', {
			auth: null,
			json: { usr: 'Administrator', pwd: 'admin' },
		});
		expect(server.counters.logins).toBe(before + 1);
		const sid = /sid=([^;]+)/.exec(
			([] as string[]).concat(login.headers['set-cookie'] ?? [])[0],
		)![1];
		const ok = await call(server, 'GET', '/api/method/frappe.auth.get_logged_user', {
			auth: null,
			headers: { Cookie: `sid=${sid}` },
		});
		expect(ok.json.message).toBe('Administrator');
		server.expireSessions();
		const gone = await call(server, 'GET', '/api/resource/ToDo', {
			auth: null,
			headers: { Cookie: `sid=${sid}` },
		});
		expect(gone.status).toBe(403);
		expect(gone.json.session_expired).toBe(1);
	});

	test('the clerk works with ToDo, Note, Sales Voucher and File but is no System Manager', async () => {
		const clerk = tokenHeader(server.users.clerk);
		expect((await call(server, 'GET', '/api/resource/ToDo', { auth: clerk })).status).toBe(200);
		expect(
			(
				await call(server, 'POST', '/api/resource/Sales%20Voucher', {
					auth: clerk,
					json: { customer: 'Clerk Co' },
				})
			).status,
		).toBe(200);
		expect(
			(
				await call(server, 'POST', '/api/resource/Note', {
					auth: clerk,
					json: { title: 'clerk note' },
				})
			).status,
		).toBe(200);
		expect((await call(server, 'GET', '/api/resource/DocType', { auth: clerk })).status).toBe(403);
		expect(
			(
				await call(
					server,
					'GET',
					'/api/method/frappe.desk.form.load.getdoctype?doctype=Sales%20Voucher',
					{ auth: clerk },
				)
			).status,
		).toBe(200);
		expect(
			(await call(server, 'GET', '/api/v2/doctype/Sales%20Voucher/meta', { auth: clerk })).status,
		).toBe(200);
		const search = await call(
			server,
			'GET',
			'/api/method/frappe.desk.search.search_link?doctype=DocType&txt=sales',
			{ auth: clerk },
		);
		expect(search.json.message).toEqual(
			expect.arrayContaining([{ value: 'Sales Voucher', description: 'Custom' }]),
		);
	});

	test('registerMethod and route extension points', async () => {
		server.registerMethod('myapp.api.hello', {
			handler: (c) => `hello ${String(c.args.name)} from ${c.user}`,
			allowGuest: true,
			methods: ['GET'],
		});
		expect(
			(await call(server, 'GET', '/api/method/myapp.api.hello?name=x', { auth: null })).json
				.message,
		).toBe('hello x from Guest');
		expect((await call(server, 'POST', '/api/method/myapp.api.hello', { json: {} })).status).toBe(
			403,
		);
		expect((await call(server, 'GET', '/api/v2/method/myapp.api.hello?name=y')).json.data).toBe(
			'hello y from Administrator',
		);
		const missing = await call(server, 'GET', '/api/method/myapp.api.nope');
		expect(missing.status).toBe(417);
		server.route('GET', /^\/custom\/ping$/, (_req, _res, ctx) =>
			ctx.sendJson(200, { pong: ctx.user }),
		);
		expect((await call(server, 'GET', '/custom/ping')).json).toEqual({ pong: 'Administrator' });
	});

	test('list query engine: operators, child fields, aggregates', async () => {
		const r = await call(
			server,
			'GET',
			'/api/resource/Sales%20Voucher?fields=["count(name) as n"]&filters=[["docstatus","in",[0,1,2]]]',
		);
		expect((r.json.data as { n: number }[])[0].n).toBeGreaterThan(0);
		const between = await call(
			server,
			'GET',
			'/api/resource/Sales%20Voucher?fields=["name"]&filters=[["posting_date","between",["2025-01-01","2025-01-31"]]]',
		);
		expect((between.json.data as unknown[]).length).toBe(1);
	});
});

describe('version switches', () => {
	test('v14: DELETE answers {"message":"ok"}, no /api/v2', async () => {
		const server = await startFrappeServer({ version: 14, seed: 'empty' });
		try {
			const doc = server.store.insert('ToDo', { description: 'x' });
			const del = await call(server, 'DELETE', `/api/resource/ToDo/${doc.name}`);
			expect(del.status).toBe(202);
			expect(del.json).toEqual({ message: 'ok' });
			expect((await call(server, 'GET', '/api/v2/document/ToDo')).status).toBe(404);
		} finally {
			await server.close();
		}
	});

	test('v16: v2 lists page with has_next_page, limit=0 is empty, default order is the sort field', async () => {
		const server = await startFrappeServer({ version: 16, seed: 'contract' });
		try {
			const r = await call(
				server,
				'GET',
				'/api/v2/document/ToDo?limit=5&fields=["name","modified"]',
			);
			expect((r.json.data as unknown[]).length).toBe(5);
			expect(r.json.has_next_page).toBe(true);
			const rows = r.json.data as { modified: string }[];
			expect([...rows].sort((a, b) => (a.modified < b.modified ? 1 : -1))).toEqual(rows);
			expect((await call(server, 'GET', '/api/v2/document/ToDo?limit=0')).json.data).toEqual([]);
		} finally {
			await server.close();
		}
	});
});

describe('login options', () => {
	test('2FA, password reset and lockout', async () => {
		const server = await startFrappeServer({
			seed: 'empty',
			login: {
				twoFactorUsers: ['clerk@example.com'],
				passwordResetUsers: ['limited@example.com'],
				maxLoginAttempts: 2,
			},
		});
		try {
			const first = await call(server, 'POST', '/api/method/login', {
				auth: null,
				json: { usr: 'clerk@example.com', pwd: 'clerk-pass-123' },
			});
			expect(first.json.verification).toBeDefined();
			const tmpId = String(first.json.tmp_id);
			const otp = server.sessions.otpFor(tmpId)!;
			const second = await call(server, 'POST', '/api/method/login', {
				auth: null,
				json: { tmp_id: tmpId, otp },
			});
			expect(second.json.message).toBe('Logged In');
			const reset = await call(server, 'POST', '/api/method/login', {
				auth: null,
				json: { usr: 'limited@example.com', pwd: 'limited-pass-123' },
			});
			expect(reset.json.message).toBe('Password Reset');
			for (let i = 0; i < 2; i++)
				expect(
					(
						await call(server, 'POST', '/api/method/login', {
							auth: null,
							json: { usr: 'Administrator', pwd: 'bad' },
						})
					).status,
				).toBe(401);
			const locked = await call(server, 'POST', '/api/method/login', {
				auth: null,
				json: { usr: 'Administrator', pwd: 'admin' },
			});
			expect(locked.status).toBe(500);
			expect(locked.json.exc_type).toBe('SecurityException');
		} finally {
			await server.close();
		}
	});
});
