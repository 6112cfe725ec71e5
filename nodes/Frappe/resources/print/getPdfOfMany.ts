// Print → Get PDF of Many: several documents of a doctype in one PDF
// (frappe.utils.print_format.download_multi_pdf), the names taken from the input items or from a
// filter. Frappe leaves out, without a word, every document it cannot print (unknown, not readable,
// cancelled): the node counts the pages and refuses an empty PDF.
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { binaryPropertyNameProperty } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/frappeError';
import { doctypeOf, filtersOf } from '../../../shared/parameters';
import { documentPath, MULTI_PDF_PATH } from '../../../shared/paths';
import { withBody } from '../../../shared/requestOptions';
import { frappeApiRequest } from '../../../shared/transport';
import type { FrappeOperation, OperationSend } from '../../operation';
import { filterBuilderProperty, filtersJsonProperty } from '../document/fields';
import {
	checkedPrintFormat,
	fileNameOption,
	letterHeadOption,
	printFormatField,
	printParameters,
	sendPrint,
	showOnlyForPrint,
} from './common';
import { pdfItem } from './getPdf';

const show = showOnlyForPrint('getPdfOfMany');

const fields: INodeProperties[] = [
	{
		displayName: 'Documents From',
		name: 'documentsFrom',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Input Items',
				value: 'input',
				description:
					'One PDF of the documents named by all the input items (made once, on the first item)',
			},
			{
				name: 'Filter',
				value: 'filter',
				description: 'One PDF per input item, of the documents that meet the conditions',
			},
		],
		default: 'input',
		displayOptions: { show },
	},
	{
		displayName: 'Document Names',
		name: 'documentNames',
		type: 'string',
		default: '={{ $input.all().map(item => item.json.name) }}',
		required: true,
		description:
			'The names of the documents, in order: a list, or text separated by commas or new lines. The default takes the name of every input item.',
		displayOptions: { show: { ...show, documentsFrom: ['input'] } },
	},
	filterBuilderProperty('documentFilters', 'Filters', 'Conditions a document must all meet', {
		...show,
		documentsFrom: ['filter'],
	}),
	{
		...filtersJsonProperty(
			'documentFiltersJson',
			'Filters (JSON)',
			'More conditions as JSON, added to the ones above, e.g. [["docstatus", "=", 1]]',
		),
		displayOptions: { show: { ...show, documentsFrom: ['filter'] } },
	},
	{
		displayName: 'Limit',
		name: 'documentLimit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of documents in the PDF',
		displayOptions: { show: { ...show, documentsFrom: ['filter'] } },
	},
	printFormatField(show),
	binaryPropertyNameProperty(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [fileNameOption, letterHeadOption],
	},
];

/**
 * Names given as a list, JSON text of a list, or text separated by commas or new lines; blanks
 * dropped.
 */
export function namesFrom(value: unknown): string[] {
	let list: unknown[];
	if (Array.isArray(value)) list = value;
	else if (typeof value === 'string' && value.trim().startsWith('[')) {
		try {
			const parsed = JSON.parse(value) as unknown;
			list = Array.isArray(parsed) ? parsed : [value];
		} catch {
			list = value.split(/[,\n]/);
		}
	} else if (typeof value === 'string') list = value.split(/[,\n]/);
	else if (value === undefined || value === null) list = [];
	else list = [value];
	return list
		.map((name) =>
			name && typeof name === 'object'
				? String((name as IDataObject).name ?? '')
				: String(name ?? ''),
		)
		.map((name) => name.trim())
		.filter((name) => name !== '');
}

async function documentNames(context: IExecuteSingleFunctions, doctype: string): Promise<string[]> {
	if (context.getNodeParameter('documentsFrom', 'input') === 'input') {
		return namesFrom(context.getNodeParameter('documentNames', []));
	}
	const filters = filtersOf(context, 'documentFilters', 'documentFiltersJson', 'Filters (JSON)');
	const limit = Math.max(1, Number(context.getNodeParameter('documentLimit', 50)) || 50);
	const answer = await frappeApiRequest.call(
		context,
		{
			method: 'GET',
			url: documentPath('v1', doctype),
			qs: {
				fields: JSON.stringify(['name']),
				filters: JSON.stringify(filters),
				order_by: 'creation asc, name asc',
				limit_page_length: limit,
			},
		},
		{ doctype },
	);
	const rows = ((answer as IDataObject).data as IDataObject[] | undefined) ?? [];
	return rows.map((row) => String(row.name));
}

/** download_multi_pdf's string form: the doctype, and the names as a JSON list. */
async function multiPdfBody(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const doctype = doctypeOf(this);
	if (!doctype) throw parameterError(this, 'Choose a Doctype');
	const format = await checkedPrintFormat(this, doctype);
	const names = await documentNames(this, doctype);
	if (names.length === 0) {
		throw parameterError(
			this,
			`No ${doctype} to print`,
			this.getNodeParameter('documentsFrom', 'input') === 'input'
				? 'Document Names is empty: give the names, or make sure the input items have a "name".'
				: 'No document meets the filters.',
		);
	}
	const body = { doctype, name: JSON.stringify(names), ...printParameters(this, format) };
	return { ...withBody(options, body), encoding: 'arraybuffer', json: true };
}

const printMany: OperationSend = async function (request, sendOnce) {
	// Names from the input items: one PDF for them all, made on the first item.
	if (this.getNodeParameter('documentsFrom', 'input') === 'input' && this.getItemIndex() > 0)
		return [];
	const doctype = doctypeOf(this);
	const items = await sendPrint(this, request, sendOnce, { doctype });
	const names = JSON.parse(String((request.options.body as IDataObject).name)) as string[];
	const json = items[0]?.json;
	if (json) {
		json.documents = names;
		delete json.name;
		if (json.pageCount === 0) {
			throw parameterError(
				this,
				`Frappe could print none of the ${names.length} ${doctype} documents`,
				'Frappe leaves out every document it cannot print (one that does not exist, that the user may not read or print, or a cancelled one unless Print Settings allow it) and sent an empty PDF.',
			);
		}
	}
	return items;
};

export const getPdfOfMany: FrappeOperation = {
	option: {
		name: 'Get PDF of Many',
		value: 'getPdfOfMany',
		action: 'Get many documents as one PDF',
		description: 'Print several documents of a doctype into one PDF',
		routing: {
			request: { method: 'POST', url: MULTI_PDF_PATH },
			send: { preSend: [multiPdfBody] },
			output: { postReceive: [pdfItem] },
		},
	},
	fields,
	send: printMany,
};
