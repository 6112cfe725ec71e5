// The document as a Webhook's template sees it.
import { FLOAT_FIELDTYPES, TABLE_FIELDTYPES } from '../meta';
import { fromPlain, PyFloat, type PyDict } from '../python';
import type { Store } from '../store';
import type { Doc } from '../types';

/** doc.as_dict(convert_dates_to_str=True): the document with Float/Currency/Percent fields as floats, child rows too. */
export function docToPy(store: Store, doctype: string, doc: Doc): PyDict {
	const meta = store.getMeta(doctype);
	const out: PyDict = new Map();
	for (const [key, raw] of Object.entries(doc)) {
		const field = meta?.field(key);
		const fieldtype = field?.fieldtype as string | undefined;
		if (fieldtype && TABLE_FIELDTYPES.has(fieldtype) && Array.isArray(raw)) {
			out.set(
				key,
				raw.map((row) => docToPy(store, String(field?.options ?? ''), row as Doc)),
			);
		} else if (
			fieldtype &&
			(FLOAT_FIELDTYPES.has(fieldtype) || fieldtype === 'Rating') &&
			typeof raw === 'number'
		) {
			out.set(key, new PyFloat(raw));
		} else {
			out.set(key, fromPlain(raw));
		}
	}
	return out;
}
