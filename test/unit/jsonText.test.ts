// parsedJsonText: text of a JSON object or list is parsed (a JSON field's value, a report filter's value); every
// other value, and text that only looks like JSON, is kept as it was given.
import { coerceFieldValue, parsedJsonText } from '../../nodes/shared/doctypeMeta';

describe('parsedJsonText', () => {
	it('parses text of an object or a list, around white space', () => {
		expect(parsedJsonText('{"a": 1}')).toEqual({ a: 1 });
		expect(parsedJsonText('  [1, "two"]\n')).toEqual([1, 'two']);
	});

	it('keeps other text as it is, untrimmed', () => {
		expect(parsedJsonText(' 42 ')).toBe(' 42 ');
		expect(parsedJsonText('"quoted"')).toBe('"quoted"');
		expect(parsedJsonText('true')).toBe('true');
		expect(parsedJsonText('')).toBe('');
	});

	it('keeps text that is not valid JSON as it was given', () => {
		expect(parsedJsonText(' {not json ')).toBe(' {not json ');
		expect(parsedJsonText('[1, 2')).toBe('[1, 2');
	});

	it('leaves values that are not text alone', () => {
		const object = { a: 1 };
		expect(parsedJsonText(object)).toBe(object);
		expect(parsedJsonText(7)).toBe(7);
		expect(parsedJsonText(null)).toBeNull();
		expect(parsedJsonText(undefined)).toBeUndefined();
	});

	it('is what a JSON field of a doctype is typed by', () => {
		expect(coerceFieldValue(' {"a": [1]} ', 'JSON', 'x')).toEqual({ a: [1] });
		expect(coerceFieldValue('{oops', 'JSON', 'x')).toBe('{oops');
		expect(coerceFieldValue('{"a": 1}', 'Data', 'x')).toBe('{"a": 1}');
	});
});
