import {
	argumentsFromPairs,
	parseArgumentsJson,
	placeArguments,
	toQueryValue,
	validateMethodPath,
} from '../../../nodes/shared/rpcArguments';
import {
	decodeRpcResponse,
	shapeRpcResult,
	unwrapRpcResult,
} from '../../../nodes/shared/rpcResult';
import notFound from '../../fixtures/frappe-15.44.2/rpc/23-method-not-found.json';
import moduleNotFound from '../../fixtures/frappe-15.44.2/rpc/24-module-not-found.json';
import notWhitelisted from '../../fixtures/frappe-15.44.2/rpc/25-not-whitelisted.json';
import verbRefused from '../../fixtures/frappe-15.44.2/rpc/19-insert-via-get.json';
import getdoctype from '../../fixtures/frappe-15.44.2/rpc/27-getdoctype-admin.json';
import {
	decodeServerMessageList,
	decodeServerMessages,
	explainMethodError,
} from '../../../nodes/shared/errors';

describe('validateMethodPath', () => {
	it('accepts dotted paths and the v2 DocType/method form, trimmed', () => {
		expect(validateMethodPath('  frappe.client.get_count ')).toBe('frappe.client.get_count');
		expect(validateMethodPath('Sales Voucher/get_totals')).toBe('Sales Voucher/get_totals');
	});

	it.each([
		['', 'The method is empty'],
		[undefined, 'The method is empty'],
		['/api/method/ping', 'is a URL, not a method path'],
		['api/method/ping', 'is a URL, not a method path'],
		['https://erp.example.com/api/method/ping', 'is a URL, not a method path'],
		['ping?x=1', 'contains "?" or "#"'],
	])('refuses %p', (path, message) => {
		expect(() => validateMethodPath(path)).toThrow(message);
	});
});

describe('arguments', () => {
	it('turns pairs into an object, skipping nameless rows, last value wins', () => {
		expect(
			argumentsFromPairs([
				{ name: 'doctype', value: 'ToDo' },
				{ name: ' ', value: 'ignored' },
				{ name: 'limit', value: 5 },
				{ name: 'limit', value: 10 },
				{ value: 'no name' },
			]),
		).toEqual({ doctype: 'ToDo', limit: 10 });
		expect(argumentsFromPairs(undefined)).toEqual({});
	});

	it('parses a JSON object (text or already parsed) and refuses anything else', () => {
		expect(parseArgumentsJson('{"doctype": "ToDo", "filters": {"status": "Open"}}')).toEqual({
			doctype: 'ToDo',
			filters: { status: 'Open' },
		});
		expect(parseArgumentsJson({ a: 1 })).toEqual({ a: 1 });
		expect(parseArgumentsJson('  ')).toEqual({});
		expect(parseArgumentsJson(null)).toEqual({});
		expect(() => parseArgumentsJson('{doctype: ToDo}')).toThrow('The arguments are not valid JSON');
		expect(() => parseArgumentsJson('[1, 2]')).toThrow('The arguments must be a JSON object');
		expect(() => parseArgumentsJson('"ToDo"')).toThrow('The arguments must be a JSON object');
	});

	it('writes query values as Frappe reads them', () => {
		expect(toQueryValue('ToDo')).toBe('ToDo');
		expect(toQueryValue(3)).toBe('3');
		expect(toQueryValue(true)).toBe('true');
		expect(toQueryValue(null)).toBe('');
		expect(toQueryValue(['name', 'status'])).toBe('["name","status"]');
		expect(toQueryValue({ status: 'Open' })).toBe('{"status":"Open"}');
		expect(toQueryValue(new Date('2024-01-02T03:04:05Z'))).toBe('2024-01-02T03:04:05.000Z');
	});

	it('puts arguments in the query string for GET and in a JSON body otherwise', () => {
		const args = { doctype: 'ToDo', fields: ['name'], limit_page_length: 3, skipped: undefined };
		expect(placeArguments('GET', args)).toEqual({
			qs: { doctype: 'ToDo', fields: '["name"]', limit_page_length: '3' },
		});
		expect(placeArguments('POST', args)).toEqual({ body: args });
		expect(placeArguments('DELETE', {})).toEqual({ body: {} });
	});
});

describe('decodeServerMessageList', () => {
	it('decodes the double-encoded list into message dicts without Frappe internals', () => {
		const decoded = decodeServerMessageList(moduleNotFound.response.body._server_messages);
		expect(decoded).toEqual([
			{
				message: 'App no_such_app is not installed',
				title: 'Message',
				indicator: 'red',
				raise_exception: 1,
			},
			{
				message:
					'Failed to get method for command no_such_app.api.method with App no_such_app is not installed',
				title: 'Message',
				indicator: 'red',
				raise_exception: 1,
			},
		]);
		// The same texts the error unpacker shows.
		expect(decoded.map((message) => message.message)).toEqual(
			decodeServerMessages(moduleNotFound.response.body._server_messages),
		);
	});

	it('copes with plain strings and garbage', () => {
		expect(decodeServerMessageList(JSON.stringify(['plain text']))).toEqual([
			{ message: 'plain text' },
		]);
		expect(decodeServerMessageList('not json')).toEqual([{ message: 'not json' }]);
		expect(decodeServerMessageList(undefined)).toEqual([]);
	});
});

describe('unwrapping and shaping results', () => {
	const list = { message: [{ name: 'a' }, { name: 'b' }] };

	it('unwraps message on v1 and data on v2', () => {
		expect(unwrapRpcResult({ message: 'pong' }, 'v1')).toBe('pong');
		expect(unwrapRpcResult({ data: 25 }, 'v2')).toBe(25);
		expect(unwrapRpcResult({ data: 25 }, 'v1')).toEqual({ data: 25 });
		expect(unwrapRpcResult({}, 'v1')).toBeNull();
		expect(unwrapRpcResult({ _server_messages: '[]' }, 'v1')).toBeNull();
		expect(unwrapRpcResult({ message: null }, 'v1')).toBeNull();
	});

	it('returns the decoded body when a method answers without message (getdoctype puts the meta in docs)', () => {
		const result = unwrapRpcResult(getdoctype.response.body, 'v1') as { docs: unknown[] };
		expect(Array.isArray(result.docs)).toBe(true);
	});

	it('splits a list into one item per element, scalars wrapped', () => {
		expect(shapeRpcResult(list, { apiVersion: 'v1' })).toEqual([{ name: 'a' }, { name: 'b' }]);
		expect(shapeRpcResult({ message: ['X-1', 'X-2'] }, { apiVersion: 'v1' })).toEqual([
			{ result: 'X-1' },
			{ result: 'X-2' },
		]);
		expect(shapeRpcResult({ message: [] }, { apiVersion: 'v1' })).toEqual([]);
	});

	it('keeps a list in one item when splitting is off', () => {
		expect(shapeRpcResult(list, { apiVersion: 'v1', splitList: false })).toEqual([
			{ result: [{ name: 'a' }, { name: 'b' }] },
		]);
	});

	it('makes one item of an object and {result} of a scalar or None', () => {
		expect(shapeRpcResult({ message: { balance: 10 } }, { apiVersion: 'v1' })).toEqual([
			{ balance: 10 },
		]);
		expect(shapeRpcResult({ data: 25 }, { apiVersion: 'v2' })).toEqual([{ result: 25 }]);
		expect(shapeRpcResult({ message: false }, { apiVersion: 'v1' })).toEqual([{ result: false }]);
		expect(shapeRpcResult({}, { apiVersion: 'v1' })).toEqual([{ result: null }]);
		expect(shapeRpcResult('plain text', { apiVersion: 'v1' })).toEqual([{ result: 'plain text' }]);
	});

	it('returns the whole response with messages decoded', () => {
		const body = {
			message: 'ok',
			docs: [{ name: 'x' }],
			_server_messages: JSON.stringify([JSON.stringify({ message: 'Saved', indicator: 'green' })]),
			_debug_messages: JSON.stringify(['query took 1ms']),
		};
		expect(shapeRpcResult(body, { apiVersion: 'v1', fullResponse: true })).toEqual([
			{
				message: 'ok',
				docs: [{ name: 'x' }],
				_server_messages: [{ message: 'Saved', indicator: 'green' }],
				_debug_messages: ['query took 1ms'],
			},
		]);
		expect(decodeRpcResponse('text')).toEqual({ result: 'text' });
	});
});

describe('explainMethodError', () => {
	const texts = (fixture: { response: { body: { _server_messages: string } } }) =>
		decodeServerMessages(fixture.response.body._server_messages).join('\n\n');

	it('says a missing method does not exist (Frappe answers 417, not 404)', () => {
		const explained = explainMethodError({
			status: 417,
			message: texts(notFound),
			excType: 'ValidationError',
			methodPath: 'frappe.client.no_such_method',
			verb: 'GET',
		});
		expect(explained?.message).toBe(
			'The method "frappe.client.no_such_method" does not exist on this Frappe site',
		);
		expect(explained?.description).toContain("has no attribute 'no_such_method'");
	});

	it('names a missing app', () => {
		const explained = explainMethodError({
			status: 417,
			message: texts(moduleNotFound),
			methodPath: 'no_such_app.api.method',
			verb: 'POST',
		});
		expect(explained?.description).toMatch(/^The app "no_such_app" is not installed on the site\./);
	});

	it("says a method is not whitelisted, without Frappe's HTML", () => {
		const explained = explainMethodError({
			status: 403,
			message: texts(notWhitelisted),
			methodPath: 'frappe.utils.now',
			verb: 'GET',
		});
		expect(explained?.message).toBe('The method "frappe.utils.now" is not whitelisted');
		expect(explained?.description).toContain('@frappe.whitelist()');
		expect(explained?.description).toContain('Function frappe.utils.data.now is not whitelisted');
		expect(explained?.description).not.toContain('<');
	});

	it('says a verb was refused', () => {
		const explained = explainMethodError({
			status: 403,
			message: texts(verbRefused),
			methodPath: 'frappe.client.insert',
			verb: 'GET',
		});
		expect(explained?.message).toBe(
			'Frappe refused HTTP GET for the method "frappe.client.insert"',
		);
		expect(explained?.description).toContain('POST for anything that changes data');
	});

	it('points at the arguments for a missing one', () => {
		const explained = explainMethodError({
			status: 500,
			message: "get_value() missing 1 required positional argument: 'fieldname'",
			excType: 'TypeError',
			methodPath: 'frappe.client.get_value',
			verb: 'GET',
		});
		expect(explained?.message).toBe(
			'The method "frappe.client.get_value" was called with the wrong arguments',
		);
	});

	it('leaves other errors alone', () => {
		expect(
			explainMethodError({
				status: 417,
				message: 'Value missing for ToDo: Description',
				methodPath: 'x.y',
				verb: 'POST',
			}),
		).toBeUndefined();
		expect(
			explainMethodError({
				status: 403,
				message: 'No permission for ToDo',
				methodPath: 'x.y',
				verb: 'POST',
			}),
		).toBeUndefined();
	});
});
