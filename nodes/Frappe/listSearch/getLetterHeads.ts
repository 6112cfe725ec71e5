// The Letter Head options: the default (the document's own letter head, else the site's default),
// none, and every enabled Letter Head (readable by every Desk User).
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { documentPath } from '../../shared/paths';
import { frappeApiRequest } from '../../shared/transport';

/** Must match NO_LETTER_HEAD in resources/print/common.ts. */
const NO_LETTER_HEAD = '__none__';

export async function getLetterHeads(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const options: INodePropertyOptions[] = [
		{
			name: 'Default',
			value: '',
			description: "The document's letter head, else the site's default one",
		},
		{ name: 'No Letter Head', value: NO_LETTER_HEAD },
	];
	const response = await frappeApiRequest.call(this, {
		method: 'GET',
		url: documentPath('v1', 'Letter Head'),
		qs: {
			fields: JSON.stringify(['name', 'is_default']),
			filters: JSON.stringify([['disabled', '=', 0]]),
			order_by: 'name asc',
			limit_page_length: 0,
		},
	});
	for (const row of ((response as IDataObject).data as IDataObject[] | undefined) ?? []) {
		options.push({
			name: `${String(row.name)}${row.is_default ? ' (site default)' : ''}`,
			value: String(row.name),
		});
	}
	return options;
}
