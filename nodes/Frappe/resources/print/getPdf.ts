// Print → Get PDF: one document in a print format as a PDF
// (frappe.utils.print_format.download_pdf), into a binary property with Frappe's file name
// (`<name>.pdf`); optionally attached to the document as a File.
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { attachFile, binaryAnswerOf, binaryItem } from '../../../shared/binaryAnswer';
import { binaryPropertyNameProperty, documentNameProperty } from '../../../shared/descriptions';
import { parameterError } from '../../../shared/frappeError';
import { binaryPropertyNameOf, doctypeOf, documentNameOf } from '../../../shared/parameters';
import { isPdf, pdfPageCount } from '../../../shared/pdf';
import { PDF_PATH } from '../../../shared/paths';
import { withQuery } from '../../../shared/requestOptions';
import type { FrappeOperation, OperationSend } from '../../operation';
import {
	fileNameOption,
	languageOption,
	letterHeadOption,
	printedDocumentOf,
	printFormatField,
	printFormatOf,
	printOptionsOf,
	printParameters,
	sendPrint,
	showOnlyForPrint,
} from './common';

const show = showOnlyForPrint('getPdf');

/**
 * The bytes behind each PDF item made here, for the attachment (n8n may have moved the binary to
 * its store).
 */
const pdfBytes = new WeakMap<object, Buffer>();

const fields: INodeProperties[] = [
	documentNameProperty({ show }),
	printFormatField(show),
	binaryPropertyNameProperty(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Attach to the Document',
				name: 'attachToDocument',
				type: 'boolean',
				default: false,
				description:
					'Whether to also save the PDF as a File attached to the document (it then shows in its sidebar), e.g. to archive every invoice',
			},
			{
				displayName: 'Attachment Is Private',
				name: 'attachmentIsPrivate',
				type: 'boolean',
				default: true,
				description:
					'Whether the attached PDF is a private file (only users who may read the document can download it)',
			},
			fileNameOption,
			languageOption,
			letterHeadOption,
		],
	},
];

/** The document and print parameters, after checking that the print format exists. */
async function pdfQuery(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { doctype, name, format, language } = await printedDocumentOf(this);
	return withQuery(
		{ ...options, encoding: 'arraybuffer', json: false },
		{ doctype, name, ...printParameters(this, format), language },
	);
}

/** The PDF into the binary property; json says which document, format and file it is. */
export async function pdfItem(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const doctype = doctypeOf(this);
	const options = printOptionsOf(this);
	const answer = binaryAnswerOf(response, `${doctype}.pdf`, 'application/pdf');
	if (!isPdf(answer.bytes)) {
		throw parameterError(
			this,
			'Frappe did not send a PDF',
			`The answer was ${answer.mimeType} (${answer.bytes.length} bytes). Check the Site URL of the credential and any proxy in front of Frappe.`,
		);
	}
	if (options.fileName?.trim()) answer.fileName = options.fileName.trim();
	const json: IDataObject = { doctype, printFormat: printFormatOf(this) };
	if (this.getNodeParameter('operation', '') === 'getPdf') json.name = documentNameOf(this);
	json.pageCount = pdfPageCount(answer.bytes);
	const item = await binaryItem(this, answer, binaryPropertyNameOf(this), json);
	pdfBytes.set(item, answer.bytes);
	return [item];
}

/**
 * Prints, then (option "Attach to the Document") uploads the PDF as a File attached to the
 * document.
 */
const printThenAttach: OperationSend = async function (request, sendOnce) {
	const doctype = doctypeOf(this);
	const documentName = documentNameOf(this);
	const items = await sendPrint(this, request, sendOnce, { doctype, documentName });
	const options = printOptionsOf(this);
	if (!options.attachToDocument) return items;
	const item = items[0];
	const bytes = item ? pdfBytes.get(item) : undefined;
	if (!bytes) return items;
	const file = await attachFile(
		this,
		{ bytes, fileName: String(item.json.fileName), mimeType: String(item.json.mimeType) },
		{ doctype, documentName, isPrivate: options.attachmentIsPrivate !== false },
	);
	item.json.attachment = file;
	return items;
};

export const getPdf: FrappeOperation = {
	option: {
		name: 'Get PDF',
		value: 'getPdf',
		action: 'Get a document as PDF',
		description: 'Print a document as a PDF in a print format, optionally attaching it',
		routing: {
			request: { method: 'GET', url: PDF_PATH },
			send: { preSend: [pdfQuery] },
			output: { postReceive: [pdfItem] },
		},
	},
	fields,
	send: printThenAttach,
};
