// The Python the test server emulates, in one module:
//
// - values.ts: Python values in JavaScript (PyFloat, dicts as Map), repr() / str(), bool(), the str methods;
// - json.ts: json.dumps and json.loads as Python writes and reads (and fails: JSONDecodeError's messages);
// - expression.ts: one expression parser for Python (Webhook conditions) and Jinja (Webhook templates);
// - safe-eval.ts: frappe.safe_eval for Webhook conditions;
// - jinja.ts: frappe.render_template for Webhook templates;
// - urllib.ts: urllib.parse.quote.
export {
	PyFloat,
	floatRepr,
	fromPlain,
	isDict,
	pyRepr,
	pyStr,
	truthy,
	type PyDict,
	type PyValue,
} from './values';
export {
	PyJSONDecodeError,
	pyJsonDumps,
	pyJsonLoads,
	pyJsonParse,
	type DumpsOptions,
} from './json';
export { checkPythonExpression, evalPythonExpression } from './safe-eval';
export { checkTemplate, renderTemplate, TemplateError } from './jinja';
export { urlQuote } from './urllib';
