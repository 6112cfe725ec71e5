// Method → Call through n8n's engine against the Frappe test server: both HTTP verbs, pair and JSON arguments,
// v1/v2 unwrapping, list splitting, the whole response, and Frappe's RPC errors said in words.
import type { IDataObject, NodeApiError } from 'n8n-workflow';

import type { MethodCall } from '../../frappe-server';
import { failureOf, Testbed } from '../file/support';

let bed: Testbed;

/** What the last request to a method path looked like on the server. */
function lastRequestTo(path: string) {
	const request = [...bed.server.requests]
		.reverse()
		.find((entry) => entry.path.split('?')[0] === path);
	if (!request) throw new Error(`no request to ${path}`);
	return request;
}

beforeAll(async () => {
	bed = await Testbed.start();
	bed.server.registerMethod('myapp.api.echo', {
		handler: (call: MethodCall) => ({ verb: call.ctx.method, args: call.args }),
	});
	bed.server.registerMethod('myapp.api.get_balance', {
		handler: (call: MethodCall) => Number(call.args.opening ?? 0) + 100.5,
	});
	bed.server.registerMethod('myapp.api.nothing', { handler: () => undefined });
	bed.server.registerMethod('myapp.api.names', {
		handler: () => ['SV-0001', 'SV-0002', 'SV-0003'],
	});
	bed.server.registerMethod('myapp.api.notify', {
		handler: (call: MethodCall) => {
			call.msgprint('Reminder sent', 'Done');
			call.ctx.docs.push({ doctype: 'ToDo', name: 'x' });
			return { sent: 1 };
		},
	});
	bed.server.registerMethod('myapp.api.post_only', { handler: () => 'ok', methods: ['POST'] });
	bed.server.registerMethod('myapp.api.create_todo', {
		handler: (call: MethodCall) =>
			call.store.insert('ToDo', { description: String(call.args.description) }).name,
	});
});

afterAll(async () => await bed.close());

const call = (parameters: IDataObject) => ({
	resource: 'method',
	operation: 'call',
	...parameters,
});

describe('arguments', () => {
	it('POST (the default) sends name/value pairs as a JSON body', async () => {
		const items = await bed.ok(
			call({
				methodPath: 'myapp.api.echo',
				arguments: {
					argument: [
						{ name: 'doctype', value: 'Sales Voucher' },
						{ name: 'filters', value: '={{ {"status": "Open"} }}' },
						{ name: '', value: 'ignored' },
					],
				},
			}),
		);
		expect(items.map((item) => item.json)).toEqual([
			{ verb: 'POST', args: { doctype: 'Sales Voucher', filters: { status: 'Open' } } },
		]);
		const request = lastRequestTo('/api/method/myapp.api.echo');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(JSON.parse(request.body.toString())).toEqual({
			doctype: 'Sales Voucher',
			filters: { status: 'Open' },
		});
	});

	it('GET sends JSON arguments as the query string, lists and objects as JSON text', async () => {
		const items = await bed.ok(
			call({
				methodPath: 'myapp.api.echo',
				httpMethod: 'GET',
				specifyArguments: 'json',
				argumentsJson:
					'{"doctype": "ToDo", "fields": ["name", "status"], "limit_page_length": 2, "as_dict": true}',
			}),
		);
		expect(items[0].json).toEqual({
			verb: 'GET',
			args: {
				doctype: 'ToDo',
				fields: '["name","status"]',
				limit_page_length: '2',
				as_dict: 'true',
			},
		});
		const request = lastRequestTo('/api/method/myapp.api.echo');
		expect(request.body.length).toBe(0);
		expect(new URL(request.path, bed.server.url).searchParams.get('fields')).toBe(
			'["name","status"]',
		);
	});

	it('POST sends JSON arguments with their JSON types', async () => {
		const items = await bed.ok(
			call({
				methodPath: 'myapp.api.echo',
				specifyArguments: 'json',
				argumentsJson: '{"limit": 2, "flags": [true, null]}',
			}),
		);
		expect(items[0].json).toEqual({ verb: 'POST', args: { limit: 2, flags: [true, null] } });
	});

	it('calls a real frappe.client method both ways with the same result', async () => {
		const args =
			'{"doctype": "ToDo", "fields": ["name"], "filters": {"status": "Open"}, "order_by": "name asc"}';
		const viaGet = await bed.ok(
			call({
				methodPath: 'frappe.client.get_list',
				httpMethod: 'GET',
				specifyArguments: 'json',
				argumentsJson: args,
			}),
		);
		const viaPost = await bed.ok(
			call({ methodPath: 'frappe.client.get_list', specifyArguments: 'json', argumentsJson: args }),
		);
		expect(viaGet.length).toBeGreaterThan(1);
		expect(viaGet.map((item) => item.json)).toEqual(viaPost.map((item) => item.json));
	});

	it('a write made during a GET is rolled back by Frappe (why POST is the default)', async () => {
		const [viaGet] = await bed.ok(
			call({
				methodPath: 'myapp.api.create_todo',
				httpMethod: 'GET',
				arguments: { argument: [{ name: 'description', value: 'via GET' }] },
			}),
		);
		expect(bed.server.store.exists('ToDo', String(viaGet.json.result))).toBe(false);
		const [viaPost] = await bed.ok(
			call({
				methodPath: 'myapp.api.create_todo',
				arguments: { argument: [{ name: 'description', value: 'via POST' }] },
			}),
		);
		expect(bed.server.store.exists('ToDo', String(viaPost.json.result))).toBe(true);
	});

	it('each input item makes its own call, with its own expressions', async () => {
		const result = await bed.run(
			call({
				methodPath: 'myapp.api.get_balance',
				arguments: { argument: [{ name: 'opening', value: '={{ $json.opening }}' }] },
			}),
			{ input: [{ opening: 1 }, { opening: 2 }] },
		);
		expect(result.items.map((item) => item.json)).toEqual([{ result: 101.5 }, { result: 102.5 }]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('results', () => {
	it('unwraps message on v1 and data on v2', async () => {
		const v1 = await bed.ok(call({ methodPath: 'ping', httpMethod: 'GET' }));
		const v2 = await bed.ok(call({ apiVersion: 'v2', methodPath: 'ping', httpMethod: 'GET' }));
		expect(v1.map((item) => item.json)).toEqual([{ result: 'pong' }]);
		expect(v2.map((item) => item.json)).toEqual([{ result: 'pong' }]);
		expect(lastRequestTo('/api/v2/method/ping').status).toBe(200);
	});

	it('v2 also unwraps objects and lists, and reaches DocType/method paths', async () => {
		const count = await bed.ok(
			call({
				apiVersion: 'v2',
				methodPath: 'frappe.client.get_count',
				httpMethod: 'GET',
				arguments: { argument: [{ name: 'doctype', value: 'Sales Voucher' }] },
			}),
		);
		expect(count[0].json.result).toBe(bed.server.store.rowsOf('Sales Voucher').length);
		const echo = await bed.ok(
			call({
				apiVersion: 'v2',
				methodPath: 'myapp.api.echo',
				arguments: { argument: [{ name: 'a', value: '1' }] },
			}),
		);
		expect(echo[0].json).toEqual({ verb: 'POST', args: { a: '1' } });
	});

	it('splits a list of documents into one item each', async () => {
		const items = await bed.ok(
			call({
				methodPath: 'frappe.client.get_list',
				specifyArguments: 'json',
				argumentsJson:
					'{"doctype": "Sales Voucher", "fields": ["name", "customer"], "order_by": "name asc"}',
			}),
		);
		expect(items).toHaveLength(bed.server.store.rowsOf('Sales Voucher').length);
		expect(Object.keys(items[0].json).sort()).toEqual(['customer', 'name']);
	});

	it('wraps list elements that are not objects', async () => {
		const items = await bed.ok(call({ methodPath: 'myapp.api.names' }));
		expect(items.map((item) => item.json)).toEqual([
			{ result: 'SV-0001' },
			{ result: 'SV-0002' },
			{ result: 'SV-0003' },
		]);
	});

	it('keeps a list in one item when Split List Into Items is off', async () => {
		const items = await bed.ok(
			call({ methodPath: 'myapp.api.names', options: { splitList: false } }),
		);
		expect(items.map((item) => item.json)).toEqual([{ result: ['SV-0001', 'SV-0002', 'SV-0003'] }]);
	});

	it('returns an object as one item, a scalar or None as {result}', async () => {
		expect(
			(await bed.ok(call({ methodPath: 'myapp.api.notify' }))).map((item) => item.json),
		).toEqual([{ sent: 1 }]);
		expect(
			(await bed.ok(call({ methodPath: 'myapp.api.get_balance' }))).map((item) => item.json),
		).toEqual([{ result: 100.5 }]);
		expect(
			(await bed.ok(call({ methodPath: 'myapp.api.nothing' }))).map((item) => item.json),
		).toEqual([{ result: null }]);
	});

	it('returns the whole response with _server_messages decoded', async () => {
		const items = await bed.ok(
			call({ methodPath: 'myapp.api.notify', options: { fullResponse: true } }),
		);
		expect(items).toHaveLength(1);
		expect(items[0].json).toEqual({
			message: { sent: 1 },
			docs: [{ doctype: 'ToDo', name: 'x' }],
			_server_messages: [expect.objectContaining({ message: 'Reminder sent', title: 'Done' })],
		});
	});

	it('returns the meta of getdoctype (which answers in docs, not message)', async () => {
		const items = await bed.ok(
			call({
				methodPath: 'frappe.desk.form.load.getdoctype',
				httpMethod: 'GET',
				arguments: { argument: [{ name: 'doctype', value: 'Sales Voucher' }] },
			}),
		);
		expect(items).toHaveLength(1);
		expect((items[0].json.docs as IDataObject[])[0].name).toBe('Sales Voucher');
	});
});

describe('errors', () => {
	it('417 "Failed to get method": the method does not exist', async () => {
		const error = failureOf(
			await bed.run(call({ methodPath: 'frappe.client.no_such_method', httpMethod: 'GET' })),
		);
		expect(error.httpCode).toBe('417');
		expect(error.message).toBe(
			'The method "frappe.client.no_such_method" does not exist on this Frappe site',
		);
		expect(error.description).toContain('Check the dotted path');
		expect(error.description).toContain("has no attribute 'no_such_method'");
	});

	it('417 for a missing app names the app, on v1 and v2', async () => {
		for (const apiVersion of ['v1', 'v2']) {
			const error = failureOf(
				await bed.run(call({ apiVersion, methodPath: 'no_such_app.api.method' })),
			);
			expect(error.httpCode).toBe('417');
			expect(error.message).toBe(
				'The method "no_such_app.api.method" does not exist on this Frappe site',
			);
		}
	});

	it('403: the method is not whitelisted', async () => {
		for (const apiVersion of ['v1', 'v2']) {
			const error = failureOf(
				await bed.run(call({ apiVersion, methodPath: 'frappe.utils.now', httpMethod: 'GET' })),
			);
			expect(error.httpCode).toBe('403');
			expect(error.message).toBe('The method "frappe.utils.now" is not whitelisted');
			expect(error.description).toContain('@frappe.whitelist()');
			expect(error.description).toContain('Function frappe.utils.data.now is not whitelisted');
		}
	});

	it('403: the method refuses the HTTP verb', async () => {
		const error = failureOf(
			await bed.run(
				call({
					methodPath: 'frappe.client.insert',
					httpMethod: 'GET',
					specifyArguments: 'json',
					argumentsJson: '{"doc": {"doctype": "ToDo", "description": "x"}}',
				}),
			),
		);
		expect(error.httpCode).toBe('403');
		expect(error.message).toBe('Frappe refused HTTP GET for the method "frappe.client.insert"');
		expect(error.description).toContain('POST for anything that changes data');

		const put = failureOf(
			await bed.run(call({ methodPath: 'myapp.api.post_only', httpMethod: 'PUT' })),
		);
		expect(put.message).toBe('Frappe refused HTTP PUT for the method "myapp.api.post_only"');
		expect((await bed.ok(call({ methodPath: 'myapp.api.post_only' })))[0].json).toEqual({
			result: 'ok',
		});
	});

	it('500 TypeError: a missing argument', async () => {
		const error = failureOf(
			await bed.run(
				call({
					methodPath: 'frappe.client.get_value',
					httpMethod: 'GET',
					arguments: { argument: [{ name: 'doctype', value: 'ToDo' }] },
				}),
			),
		);
		expect(error.httpCode).toBe('500');
		expect(error.message).toBe(
			'The method "frappe.client.get_value" was called with the wrong arguments',
		);
		expect(error.description).toContain("missing 1 required positional argument: 'fieldname'");
	});

	it('refuses a URL as the method path, and bad JSON arguments, before sending', async () => {
		const before = bed.server.requests.length;
		const url = failureOf(await bed.run(call({ methodPath: '/api/method/ping' })));
		expect(url.message).toBe('"/api/method/ping" is a URL, not a method path');
		const json = failureOf(
			await bed.run(
				call({ methodPath: 'ping', specifyArguments: 'json', argumentsJson: '{"a": ' }),
			),
		);
		expect(json.message).toBe('The arguments are not valid JSON');
		const list = failureOf(
			await bed.run(call({ methodPath: 'ping', specifyArguments: 'json', argumentsJson: '[1]' })),
		);
		expect(list.message).toBe('The arguments must be a JSON object');
		expect(bed.server.requests.length).toBe(before);
	});

	it('Continue On Fail: an error item per failed call, the other items go on', async () => {
		const result = await bed.run(call({ methodPath: '={{ $json.path }}', httpMethod: 'GET' }), {
			input: [
				{ path: 'ping' },
				{ path: 'frappe.client.no_such_method' },
				{ path: 'frappe.utils.now' },
			],
			continueOnFail: true,
		});
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json)).toEqual([
			{ result: 'pong' },
			{ error: 'The method "frappe.client.no_such_method" does not exist on this Frappe site' },
			{ error: 'The method "frappe.utils.now" is not whitelisted' },
		]);
		expect(result.items.map((item) => (item.error as NodeApiError | undefined)?.httpCode)).toEqual([
			undefined,
			'417',
			'403',
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it("a user without access gets 403 from inside a method, Frappe's words kept", async () => {
		const error = failureOf(
			await bed.run(
				call({
					methodPath: 'frappe.client.get_list',
					httpMethod: 'GET',
					arguments: { argument: [{ name: 'doctype', value: 'Sales Voucher' }] },
				}),
				{ credential: bed.limited },
			),
		);
		expect(error.httpCode).toBe('403');
		expect(error.message).not.toMatch(/not whitelisted|refused HTTP/);
	});
});
