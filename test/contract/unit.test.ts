// Unit tests for the pure pieces: Python JSON (dumps / decode errors), _server_messages encoding, tracebacks, filter
// parsing, the query engine's operators, and the replay comparison itself (it must catch differences).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	encodeServerMessages,
	FrappeError,
	frappeThrow,
	v1ErrorBody,
	v2ErrorBody,
} from '../frappe-server/errors';
import { parseFilters } from '../frappe-server/filters';
import {
	checkPythonExpression,
	evalPythonExpression,
	pyJsonDumps,
	pyJsonParse,
} from '../frappe-server/python';
import { makeTraceback, type TracebackKind } from '../frappe-server/traceback';
import {
	compareValue,
	FIXTURES,
	NameMap,
	parsePath,
	pythonDumps,
	truncateLike,
	unifyNames,
} from '../helpers';

const decodeError = (s: string) => {
	try {
		pyJsonParse(s);
	} catch (e) {
		return (e as Error).message;
	}
	return 'no error';
};

describe('Python JSON', () => {
	test('decode errors read like json.decoder', () => {
		expect(decodeError('{"description": ')).toBe('Expecting value: line 1 column 17 (char 16)');
		expect(decodeError('[["status","=","Open"')).toBe(
			"Expecting ',' delimiter: line 1 column 22 (char 21)",
		);
		expect(decodeError('')).toBe('Expecting value: line 1 column 1 (char 0)');
		expect(decodeError('{"a" 1}')).toBe("Expecting ':' delimiter: line 1 column 6 (char 5)");
		expect(decodeError('{a: 1}')).toBe(
			'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
		);
		expect(decodeError('[1] x')).toBe('Extra data: line 1 column 5 (char 4)');
		expect(decodeError('"abc')).toBe('Unterminated string starting at: line 1 column 1 (char 0)');
		expect(decodeError('{\n"a":\n}')).toBe('Expecting value: line 3 column 1 (char 7)');
	});
	test('dumps uses Python separators and ensure_ascii', () => {
		expect(pyJsonDumps({ a: 'Zürich ✓', b: [1, null, true] })).toBe(
			'{"a": "Z\\u00fcrich \\u2713", "b": [1, null, true]}',
		);
		expect(pyJsonDumps({ a: 1, b: 'x' }, { compact: true })).toBe('{"a":1,"b":"x"}');
		expect(pyJsonDumps('😀')).toBe('"\\ud83d\\ude00"');
	});
	test('_server_messages is double encoded', () => {
		const s = encodeServerMessages([{ message: 'Say "hi"', title: 'Message' }]);
		expect(s).toBe('["{\\"message\\": \\"Say \\\\\\"hi\\\\\\"\\", \\"title\\": \\"Message\\"}"]');
		expect((JSON.parse(s) as string[]).map((m) => JSON.parse(m))).toEqual([
			{ message: 'Say "hi"', title: 'Message' },
		]);
	});
});

describe('error bodies', () => {
	test('v1 and v2 bodies of a frappe.throw', () => {
		const err = frappeThrow('Bad thing', 'ValidationError');
		const ctx = { messages: [], sessionExpired: false, allowTraceback: true };
		const v1 = v1ErrorBody(err, ctx);
		expect(Object.keys(v1)).toEqual(['exception', 'exc_type', 'exc', '_server_messages']);
		expect(v1.exception).toBe('frappe.exceptions.ValidationError: Bad thing');
		const v2 = v2ErrorBody(err, ctx) as { errors: Record<string, unknown>[] };
		expect(v2.errors[0]).toMatchObject({
			type: 'ValidationError',
			message: 'Bad thing',
			title: 'Message',
			indicator: 'red',
		});
		expect(v2.errors[0]).not.toHaveProperty('raise_exception');
	});
	test('404 bodies have no traceback', () => {
		const body = v1ErrorBody(new FrappeError('DoesNotExistError'), {
			messages: [],
			sessionExpired: false,
			allowTraceback: true,
		});
		expect(body).toEqual({ exc_type: 'DoesNotExistError' });
	});
	test('every traceback starts exactly as the recordings show', () => {
		const heads = new Map<string, string[]>();
		for (const area of ['auth', 'doctypes', 'v1', 'docstatus', 'v2', 'rpc', 'files', 'ratelimit']) {
			for (const f of readdirSync(join(FIXTURES, area))) {
				const body = JSON.parse(readFileSync(join(FIXTURES, area, f), 'utf8')).response.body;
				if (!body || typeof body !== 'object') continue;
				const tbs: string[] = body.exc
					? JSON.parse(body.exc)
					: (body.errors ?? []).map((e: { exception?: string }) => e.exception).filter(Boolean);
				for (const tb of tbs) heads.set(tb.replace(/…\[truncated \d+ chars\]$/, ''), []);
			}
		}
		const kinds: TracebackKind[] = [
			'api',
			'login',
			'apikey',
			'auth',
			'dbinsert',
			'formdict',
			'import',
			'v2getattr',
			'getattr',
			'ratelimit',
		];
		const ours = kinds.map((k) => makeTraceback(k, 'frappe.exceptions.AuthenticationError'));
		for (const head of heads.keys()) expect(ours.some((t) => t.startsWith(head))).toBe(true);
	});
});

describe('filters', () => {
	test('list, dict and 4-element forms', () => {
		expect(parseFilters('ToDo', '[["status","=","Open"]]')).toEqual([
			{ doctype: 'ToDo', fieldname: 'status', operator: '=', value: 'Open' },
		]);
		expect(parseFilters('ToDo', { status: 'Open', date: ['>', '2024-01-01'] })).toEqual([
			{ doctype: 'ToDo', fieldname: 'status', operator: '=', value: 'Open' },
			{ doctype: 'ToDo', fieldname: 'date', operator: '>', value: '2024-01-01' },
		]);
		expect(
			parseFilters('Sales Voucher', [['Sales Voucher Item', 'item', '=', 'Gadget']])[0],
		).toMatchObject({ doctype: 'Sales Voucher Item', fieldname: 'item' });
		expect(parseFilters('ToDo', [['`tabToDo`.`status`', 'NOT IN', 'a,b']])[0]).toMatchObject({
			fieldname: 'status',
			operator: 'not in',
		});
	});
	test('a bad operator is a ValidationError listing the operators', () => {
		expect(() => parseFilters('ToDo', [['status', 'equals', 'Open']])).toThrow(
			/Operator must be one of =, !=, >, <, >=, <=, like, not like, in, not in, is, between/,
		);
	});
	test('non-JSON filters are a JSONDecodeError', () => {
		try {
			parseFilters('ToDo', '[["status"');
			throw new Error('no error');
		} catch (e) {
			expect((e as FrappeError).excType).toBe('JSONDecodeError');
			expect((e as FrappeError).status).toBe(500);
		}
	});
});

describe('Python expressions', () => {
	test('syntax check like safe_eval', () => {
		expect(checkPythonExpression('doc.priority ==')).toBe('invalid syntax (<unknown>, line 1)');
		expect(checkPythonExpression('(doc.description or "").startswith("rec-")')).toBeNull();
	});
	test('evaluation', () => {
		expect(
			evalPythonExpression('(doc.description or "").startswith("rec-")', {
				doc: { description: 'rec-1' },
			}),
		).toBe(true);
		expect(
			evalPythonExpression('doc.status == "Closed" and doc.priority in ["High", "Medium"]', {
				doc: { status: 'Closed', priority: 'Low' },
			}),
		).toBe(false);
	});
});

describe('replay comparison', () => {
	const cmp = (rec: unknown, ours: unknown, volatile: string[] = []) => {
		const errors: string[] = [];
		compareValue(
			rec,
			ours,
			['body'],
			{ volatile: volatile.map((p) => parsePath(p).slice(1)), names: new NameMap() },
			errors,
		);
		return errors;
	};
	test('catches differences in values, keys and lengths', () => {
		expect(cmp({ a: 1 }, { a: 2 })).toHaveLength(1);
		expect(cmp({ a: 1 }, { a: 1, b: 2 })).toHaveLength(1);
		expect(cmp({ a: [1, 2] }, { a: [1] })).not.toHaveLength(0);
		expect(cmp({ message: 'Logged In' }, { message: 'Logged in' })).toHaveLength(1);
	});
	test('volatile paths, |json and truncated tracebacks', () => {
		const rec = {
			_server_messages: pythonDumps([pythonDumps({ message: 'x', __frappe_exc_id: 'aaa' })]),
		};
		const ours = {
			_server_messages: pythonDumps([pythonDumps({ message: 'x', __frappe_exc_id: 'bbb' })]),
		};
		expect(cmp(rec, ours, ['response.body._server_messages|json[*]|json.__frappe_exc_id'])).toEqual(
			[],
		);
		expect(cmp(rec, ours)).toHaveLength(1);
		expect(
			cmp(rec, {
				_server_messages: JSON.stringify([
					JSON.stringify({ message: 'x', __frappe_exc_id: 'aaa' }),
				]),
			}),
		).toHaveLength(1);
		expect(
			cmp({ exception: 'Traceback x…[truncated 5 chars]' }, { exception: 'Traceback x and more' }),
		).toEqual([]);
		expect(
			cmp({ exception: 'Traceback x…[truncated 5 chars]' }, { exception: 'Traceback y and more' }),
		).toHaveLength(1);
	});
	test('names unify only where the rest of the text is equal', () => {
		const names = new NameMap();
		expect(
			unifyNames('[ToDo, 41nbkg8v4t]: description', '[ToDo, 5b4ekvhkrj]: description', names),
		).toBe(true);
		expect(names.get('41nbkg8v4t')).toBe('5b4ekvhkrj');
		expect(
			unifyNames(
				'[ToDo, 41nbkg8v4t]: description',
				'[Note, 5b4ekvhkrj]: description',
				new NameMap(),
			),
		).toBe(false);
	});
	test('truncation like the recorder', () => {
		expect(
			truncateLike('arrays/strings shortened: fields: kept 3 of 7', {
				fields: [1, 2, 3, 4],
				x: [1, 2, 3, 4],
			}),
		).toEqual({ fields: [1, 2, 3], x: [1, 2, 3, 4] });
		expect(truncateLike('data cut to 2 of 200 rows', { data: [1, 2, 3] })).toEqual({
			data: [1, 2],
		});
		expect(truncateLike('text body cut to 3 of 10 chars', 'abcdef')).toBe('abc…[truncated]');
	});
});
