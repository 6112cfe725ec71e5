// Print → Get HTML: a document rendered in a print format as HTML and its print CSS
// (frappe.www.printview.get_html_and_style), e.g. for the body of an email.
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { decodeServerMessages } from '../../../shared/errors';
import { parameterError } from '../../../shared/frappeError';
import { doctypeOf, documentNameOf } from '../../../shared/parameters';
import { PRINT_HTML_PATH } from '../../../shared/paths';
import { withBody } from '../../../shared/requestOptions';
import type { FrappeOperation, OperationSend } from '../../operation';
import { oneItem } from '../../output';
import {
	languageOption,
	letterHeadOption,
	printedDocumentOf,
	printFormatField,
	printFormatOf,
	printParameters,
	sendPrint,
	showOnlyForPrint,
} from './common';

const show = showOnlyForPrint('getHtml');

const fields: INodeProperties[] = [
	documentNameProperty({ show }),
	printFormatField(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [languageOption, letterHeadOption],
	},
];

/** get_html_and_style's parameters: `doc` is the doctype when `name` is given. */
async function htmlBody(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const { doctype, name, format, language } = await printedDocumentOf(this);
	const { format: printFormat, ...letterHead } = printParameters(this, format);
	const body: IDataObject = { doc: doctype, name, print_format: printFormat, ...letterHead };
	// get_html_and_style has no language parameter; `_lang` sets the language of the request
	// (frappe/app.py init_request → frappe.translate.get_language, which reads form_dict._lang).
	if (language) body._lang = language;
	return withBody(options, body);
}

const htmlItem = oneItem((context, response) => {
	const body = (response.body ?? {}) as IDataObject;
	const doctype = doctypeOf(context);
	const format = printFormatOf(context);
	// An unknown format is printed in Standard; Frappe says so only in a message beside the HTML.
	const unknownFormat = decodeServerMessages(body._server_messages).find((text) =>
		/^Print Format .* not found$/i.test(text),
	);
	if (unknownFormat) {
		throw parameterError(
			context,
			`There is no print format "${format}" on the site`,
			`Frappe said: "${unknownFormat}". Choose one of the print formats of ${doctype}, or Standard.`,
		);
	}
	const message = (body.message ?? {}) as IDataObject;
	return {
		doctype,
		name: documentNameOf(context),
		printFormat: format,
		html: message.html ?? '',
		style: message.style ?? '',
	};
});

const sendHtml: OperationSend = async function (request, sendOnce) {
	const known = { doctype: doctypeOf(this), documentName: documentNameOf(this) };
	return await sendPrint(this, request, sendOnce, known);
};

export const getHtml: FrappeOperation = {
	option: {
		name: 'Get HTML',
		value: 'getHtml',
		action: 'Get a document as HTML',
		description: 'Render a document in a print format as HTML and CSS, e.g. for an email body',
		routing: {
			request: { method: 'POST', url: PRINT_HTML_PATH },
			send: { preSend: [htmlBody] },
			output: { postReceive: [htmlItem] },
		},
	},
	fields,
	send: sendHtml,
};
