// The Python module on its own: floats, json.dumps text, Jinja rendering of the templates the
// recordings used, and what Frappe's json.loads makes of a broken template.
import {
	checkPythonExpression,
	checkTemplate,
	evalPythonExpression,
	floatRepr,
	fromPlain,
	PyFloat,
	pyJsonDumps,
	pyJsonLoads,
	renderTemplate,
	TemplateError,
	type PyValue,
} from '.';

const dict = (entries: Record<string, PyValue>) => new Map(Object.entries(entries));

describe('floatRepr is Python repr(float)', () => {
	test.each([
		[2, '2.0'],
		[400, '400.0'],
		[1180.5, '1180.5'],
		[0.1, '0.1'],
		[0.0001, '0.0001'],
		[0.00001, '1e-05'],
		[1.5e-7, '1.5e-07'],
		[1e15, '1000000000000000.0'],
		[1e16, '1e+16'],
		[1.2345e20, '1.2345e+20'],
		[-3.25, '-3.25'],
		[0, '0.0'],
		[-0, '-0.0'],
		[123456789.125, '123456789.125'],
	])('%p → %s', (value, text) => {
		expect(floatRepr(value)).toBe(text);
	});
});

describe('pyJsonDumps is json.dumps', () => {
	test('separators, ensure_ascii, key order, floats', () => {
		const value = dict({
			customer: 'Café Zürich',
			grand_total: new PyFloat(1180.5),
			items: [dict({ item_code: 'ITEM-1', qty: 2 })],
			remarks: null,
		});
		expect(pyJsonDumps(value)).toBe(
			'{"customer": "Caf\\u00e9 Z\\u00fcrich", "grand_total": 1180.5, "items": [{"item_code": "ITEM-1", "qty": 2}], "remarks": null}',
		);
	});

	test('astral characters become surrogate pairs, control characters \\u escapes, DEL escaped', () => {
		expect(pyJsonDumps('😀\u0001\u007f"\\/')).toBe('"\\ud83d\\ude00\\u0001\\u007f\\"\\\\/"');
	});

	test('sort_keys and indent=1 as frappe.as_json writes them', () => {
		expect(
			pyJsonDumps(dict({ name: 'x', description: 'y', list: [1, 2], empty: [] }), {
				sortKeys: true,
				indent: 1,
			}),
		).toBe('{\n "description": "y",\n "empty": [],\n "list": [\n  1,\n  2\n ],\n "name": "x"\n}');
	});

	test('numeric-looking keys keep their insertion order (Python dicts do)', () => {
		expect(
			pyJsonDumps(
				new Map<string, PyValue>([
					['b', 1],
					['2', 2],
					['1', 3],
				]),
			),
		).toBe('{"b": 1, "2": 2, "1": 3}');
	});
});

describe('pyJsonLoads is json.loads', () => {
	test('keeps floats as floats and key order', () => {
		const value = pyJsonLoads('{"z": 1, "a": 2.0, "n": [1e2, -0.5]}');
		expect(pyJsonDumps(value)).toBe('{"z": 1, "a": 2.0, "n": [100.0, -0.5]}');
	});

	test("fails with Python's JSONDecodeError message", () => {
		expect(() => pyJsonLoads('{"name": "x", "description": "say "hi""}')).toThrow(
			"Expecting ',' delimiter: line 1 column 36 (char 35)",
		);
	});
});

describe('renderTemplate: the Jinja templates Webhooks use', () => {
	const doc = fromPlain({
		name: 'TD-1',
		doctype: 'ToDo',
		description: 'a "quoted" <b>html</b> & \'apostrophe\'\nnew line é',
		priority: 'Low',
		docstatus: 1,
		empty: null,
		items: [{ item: 'Widget', qty: 2 }],
	});

	test('{{ doc.field }} writes str(value); None, numbers, floats as Python writes them', () => {
		expect(
			renderTemplate(
				'{{ doc.name }}|{{ doc.docstatus }}|{{ doc.empty }}|{{ doc.missing }}|{{ x }}',
				{ doc },
			),
		).toBe('TD-1|1|None|None|');
		expect(renderTemplate('{{ total }}', { total: new PyFloat(400) })).toBe('400.0');
	});

	test('| tojson is htmlsafe json.dumps with sorted keys', () => {
		const rendered = renderTemplate('{{ doc.description | tojson }}', { doc });
		expect(rendered).toBe(
			'"a \\"quoted\\" \\u003cb\\u003ehtml\\u003c/b\\u003e \\u0026 \\u0027apostrophe\\u0027\\nnew line \\u00e9"',
		);
		expect(renderTemplate('{{ doc | tojson }}', { doc: fromPlain({ b: 1, a: 2 }) })).toBe(
			'{"a": 2, "b": 1}',
		);
	});

	test('doc.items is the dict method, doc["items"] the child rows', () => {
		expect(renderTemplate('{{ doc.items }}', { doc })).toMatch(
			/^<built-in method items of _dict object at 0x[0-9a-f]+>$/,
		);
		expect(renderTemplate('{{ doc["items"] | tojson }}', { doc })).toBe(
			'[{"item": "Widget", "qty": 2}]',
		);
		expect(() => renderTemplate('{{ doc.items | tojson }}', { doc })).toThrow(TemplateError);
	});

	test('doc["missing"] is None (frappe._dict), an undefined name fails in tojson', () => {
		expect(renderTemplate('{{ doc["missing"] | tojson }}', { doc })).toBe('null');
		expect(() => renderTemplate('{{ nothing | tojson }}', { doc })).toThrow(
			'Object of type Undefined is not JSON serializable',
		);
	});

	test('the recorded templates render to JSON Python can load', () => {
		const a =
			'{"name": "{{ doc.name }}", "doctype": "{{ doc.doctype }}", "description": {{ doc.description | tojson }}, "priority": "{{ doc.priority }}"}';
		expect(pyJsonDumps(pyJsonLoads(renderTemplate(a, { doc })))).toBe(
			'{"name": "TD-1", "doctype": "ToDo", "description": "a \\"quoted\\" <b>html</b> & \'apostrophe\'\\nnew line \\u00e9", "priority": "Low"}',
		);
	});

	test('the naive template breaks on a double quote, as recorded (webhooks/17)', () => {
		const naive = '{"name": "{{ doc.name }}", "description": "{{ doc.description }}"}';
		expect(() => pyJsonLoads(renderTemplate(naive, { doc }))).toThrow(
			/^Expecting ',' delimiter: line 1 column \d+ \(char \d+\)$/,
		);
	});

	test('if / for / set, loop variables, filters, whitespace control', () => {
		const template =
			'{% set n = doc["items"] | length %}[{%- for row in doc["items"] -%}{{ row.item | lower }}{% if not loop.last %},{% endif %}{%- endfor -%}]{{ n }}{# comment #}';
		expect(
			renderTemplate(template, { doc: fromPlain({ items: [{ item: 'A' }, { item: 'B' }] }) }),
		).toBe('[a,b]2');
		expect(renderTemplate('{{ x | default("none") }}/{{ doc.name ~ "-" ~ 2 }}', { doc })).toBe(
			'none/TD-1-2',
		);
		expect(
			renderTemplate(
				'{% if doc.priority == "Low" %}low{% elif doc.priority %}other{% else %}none{% endif %}',
				{ doc },
			),
		).toBe('low');
	});

	test('one trailing newline of the template is dropped (keep_trailing_newline=False)', () => {
		expect(renderTemplate('{"a": 1}\n', {})).toBe('{"a": 1}');
	});

	test('checkTemplate reports syntax errors', () => {
		expect(checkTemplate('{{ doc.name }')).toMatch(/expected '}}'/);
		expect(checkTemplate('{% if x %}')).toMatch(/endif/);
		expect(checkTemplate('{"doc": {{ doc | tojson }}}')).toBeNull();
	});
});

describe('one expression parser, two dialects', () => {
	test('Python (Webhook conditions) and Jinja (templates) differ where their grammars do', () => {
		// `x.0` is an item in Jinja, invalid in Python
		expect(checkTemplate('{{ doc.items.0 }}')).toBeNull();
		expect(checkPythonExpression('doc.items.0')).toBe('invalid syntax (<unknown>, line 1)');
		// `**` and tuples are Python's
		expect(checkPythonExpression('doc.qty ** 2 in (1, 4)')).toBeNull();
		expect(checkTemplate('{{ doc.qty ** 2 }}')).toBe("unexpected '*'");
		// Jinja's `x if c` may leave out the else
		expect(checkTemplate('{{ "a" if doc.qty }}')).toBeNull();
		expect(checkPythonExpression('"a" if doc.qty')).toBe('invalid syntax (<unknown>, line 1)');
		// Python chains comparisons; Jinja's here nest them
		expect(evalPythonExpression('1 < doc.qty < 3', { doc: { qty: 2 } })).toBe(true);
		expect(checkTemplate('{{ 1 < doc.qty < 3 }}')).toBeNull();
	});

	test('conditions and templates share the str methods', () => {
		const doc = { name: 'quarterly report', tags: ' a  b ' };
		expect(evalPythonExpression('doc.name.title()', { doc })).toBe('Quarterly Report');
		expect(renderTemplate('{{ doc.name.title() }}', { doc: fromPlain(doc) })).toBe(
			'Quarterly Report',
		);
		expect(evalPythonExpression('doc.name.startswith(("x", "q"))', { doc })).toBe(true);
		expect(evalPythonExpression('doc.tags.split()', { doc })).toEqual(['a', 'b']);
		expect(renderTemplate('{{ doc.tags.split() }}', { doc: fromPlain(doc) })).toBe("['a', 'b']");
	});

	test('a condition that does not compile raises SyntaxError when evaluated', () => {
		expect(() => evalPythonExpression('doc.status ==', { doc: {} })).toThrow(
			'SyntaxError: invalid syntax (<unknown>, line 1)',
		);
	});
});
