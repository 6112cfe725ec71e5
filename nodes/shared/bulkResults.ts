// Reading the answers of Frappe's bulk methods. Pure.
import type { IDataObject } from 'n8n-workflow';

export interface FailedDoc {
	doc?: unknown;
	exc?: unknown;
}

function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.keys(value as IDataObject)
			.sort()
			.map((key) => `${JSON.stringify(key)}:${canonical((value as IDataObject)[key])}`);
		return `{${entries.join(',')}}`;
	}
	return JSON.stringify(value ?? null);
}

/**
 * Which of the `sent` documents `frappe.client.bulk_update` reports in `failed_docs` (each `doc` is
 * the dict as sent, in the order sent): the index of each sent document that failed, with its
 * traceback.
 */
export function failedDocIndexes(sent: IDataObject[], failed: FailedDoc[]): Map<number, string> {
	const keys = sent.map(canonical);
	const found = new Map<number, string>();
	let from = 0;
	for (const failure of failed) {
		const key = canonical(failure.doc);
		let index = keys.indexOf(key, from);
		if (index === -1)
			index = keys.findIndex((candidate, at) => candidate === key && !found.has(at));
		if (index === -1) continue;
		found.set(index, typeof failure.exc === 'string' ? failure.exc : '');
		from = index + 1;
	}
	return found;
}

/**
 * The exception class at the end of a Python traceback (`frappe.exceptions.UpdateAfterSubmitError:
 * …`).
 */
export function excTypeOf(traceback: string): string | undefined {
	const lastLine =
		traceback
			.trim()
			.split('\n')
			.reverse()
			.find((line) => /^[\w.]*(?:Error|Exception|Warning)\b/.test(line.trim())) ?? '';
	const name = /^([\w.]+)/.exec(lastLine.trim())?.[1];
	return name?.split('.').pop();
}

/** The HTTP status Frappe gives an exception class (frappe/exceptions.py `http_status_code`). */
export function statusOfExcType(excType: string | undefined): number {
	switch (excType) {
		case 'DoesNotExistError':
			return 404;
		case 'PermissionError':
			return 403;
		case 'DuplicateEntryError':
			return 409;
		case 'KeyError':
		case 'TypeError':
		case 'AttributeError':
			return 500;
		default:
			return 417;
	}
}
