// What the Print operations share: their fields (print format picker, letter head, language, binary
// property, attach options) and the print parameters Frappe reads (frappe/utils/print_format.py
// download_pdf and download_multi_pdf, frappe/www/printview.py get_html_and_style).
import type {
	IDataObject,
	IDisplayOptions,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { frappeError, parameterError, type KnownContext } from '../../../shared/frappeError';
import {
	doctypeOf,
	documentNameOf,
	optionalTextParameter,
	type NodeContext,
} from '../../../shared/parameters';
import { SEARCH_LINK_PATH } from '../../../shared/paths';
import { frappeApiRequest } from '../../../shared/transport';
import type { RoutingRequest, SendOnce } from '../../operation';

type Show = NonNullable<IDisplayOptions['show']>;

export const STANDARD_FORMAT = 'Standard';
/** The Letter Head option that prints without one (`no_letterhead=1`). */
export const NO_LETTER_HEAD = '__none__';

export function showOnlyForPrint(...operations: string[]): Show {
	return { resource: ['print'], operation: operations };
}

/** The print format: picked from the doctype's formats (Standard first) or typed by name. */
export function printFormatField(show: Show): INodeProperties {
	return {
		displayName: 'Print Format',
		name: 'printFormat',
		type: 'resourceLocator',
		default: { mode: 'list', value: STANDARD_FORMAT, cachedResultName: STANDARD_FORMAT },
		required: true,
		description:
			"The print format to print in. Standard is Frappe's generic layout; Frappe itself would print an unknown format name in Standard without a word, so the node checks the name first.",
		displayOptions: { show },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchPrintFormats', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'name',
				type: 'string',
				placeholder: 'e.g. Sales Invoice Print',
			},
		],
	};
}

export const letterHeadOption: INodeProperties = {
	displayName: 'Letter Head Name or ID',
	name: 'letterHead',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getLetterHeads' },
	default: '',
	description:
		'The letter head on top of the page: the document\'s own or the site\'s default, none, or a named one. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const languageOption: INodeProperties = {
	displayName: 'Language',
	name: 'language',
	type: 'string',
	default: '',
	placeholder: 'e.g. de',
	description:
		"The language code to print in (labels and translated values); default: the user's language",
};

export const fileNameOption: INodeProperties = {
	displayName: 'File Name',
	name: 'fileName',
	type: 'string',
	default: '',
	description: "The binary's file name. Default: Frappe's (the document's name, .pdf).",
};

export interface PrintOptions {
	letterHead?: string;
	language?: string;
	fileName?: string;
	attachToDocument?: boolean;
	attachmentIsPrivate?: boolean;
}

export function printOptionsOf(context: IExecuteSingleFunctions): PrintOptions {
	return (context.getNodeParameter('options', {}) as PrintOptions) ?? {};
}

export function printFormatOf(context: NodeContext): string {
	return optionalTextParameter(context, 'printFormat') ?? STANDARD_FORMAT;
}

/**
 * `format`, `no_letterhead`, `letterhead` as download_pdf and download_multi_pdf read them; the
 * letter head ones only when a letter head (or none) was chosen.
 */
export function printParameters(
	context: IExecuteSingleFunctions,
	format: string,
): Record<string, string> {
	const { letterHead } = printOptionsOf(context);
	const chosen = String(letterHead ?? '').trim();
	if (chosen === NO_LETTER_HEAD) return { format, no_letterhead: '1' };
	if (chosen) return { format, no_letterhead: '0', letterhead: chosen };
	return { format };
}

/** The print format chosen, once the site is known to have it (assertPrintFormat). */
export async function checkedPrintFormat(
	context: IExecuteSingleFunctions,
	doctype: string,
): Promise<string> {
	const format = printFormatOf(context);
	await assertPrintFormat(context, doctype, format);
	return format;
}

/**
 * The one document Get HTML and Get PDF print: its doctype and name, the checked format, the
 * language.
 */
export async function printedDocumentOf(context: IExecuteSingleFunctions): Promise<{
	doctype: string;
	name: string;
	format: string;
	language?: string;
}> {
	const doctype = doctypeOf(context);
	const name = documentNameOf(context);
	if (!doctype || !name) throw parameterError(context, 'Choose a Doctype and a Document');
	const format = await checkedPrintFormat(context, doctype);
	return { doctype, name, format, language: printOptionsOf(context).language?.trim() || undefined };
}

/**
 * Refuses a print format the site does not have. Frappe's get_print_format_doc prints an unknown
 * name in Standard without a word (frappe/www/printview.py), so the name is looked up first with
 * the desk's link search (which Desk Users may use on Print Format). When the search itself is
 * refused the check is skipped.
 */
export async function assertPrintFormat(
	context: IExecuteSingleFunctions,
	doctype: string,
	format: string,
): Promise<void> {
	if (format === STANDARD_FORMAT) return;
	let names: string[];
	try {
		const answer = await frappeApiRequest.call(context, {
			method: 'GET',
			url: SEARCH_LINK_PATH,
			qs: { doctype: 'Print Format', txt: format, page_length: 100 },
		});
		const hits = (answer as IDataObject).message;
		names = Array.isArray(hits) ? hits.map((hit) => String((hit as IDataObject).value)) : [];
	} catch {
		return;
	}
	if (!names.includes(format)) {
		throw parameterError(
			context,
			`There is no print format "${format}" on the site`,
			`Frappe would print ${doctype} in its Standard format instead. Choose one of the print formats of ${doctype} from the list (names are case-sensitive), or Standard.`,
		);
	}
}

const NO_RENDERER = /wkhtmltopdf/i;

/**
 * A failed print as a Frappe error, told which document it was; a site without wkhtmltopdf
 * (pdfkit's OSError "No wkhtmltopdf executable found", frappe/utils/pdf.py get_pdf) is said in
 * words.
 */
export function printError(context: NodeContext, error: unknown, known: KnownContext) {
	const made = frappeError(context, error, known);
	made.message = made.message.replace(/^(?:PermissionError|PrintFormatError): /, '');
	const document = [known.doctype, known.documentName].filter(Boolean).join(' ');
	if (made instanceof NodeApiError && made.httpCode === '403' && document) {
		made.description = `The Frappe user of this credential may neither read nor print ${document} (a draft or cancelled document also needs Print Settings to allow it). Give one of its roles "read" or "print" on ${known.doctype}, or share the document with the user.`;
	}
	if (NO_RENDERER.test(`${made.message} ${made.description ?? ''}`)) {
		made.message = 'The Frappe site cannot make PDFs: wkhtmltopdf is missing on the server';
		made.description =
			"Frappe renders PDFs with the wkhtmltopdf program, which is not installed (or not found) on the site's server. Ask the administrator to install wkhtmltopdf 0.12.6 with patched Qt (the build Frappe recommends). Get HTML works without it.";
	}
	return made;
}

/** Sends the print request; a failure is a print error (printError) told what was printed. */
export async function sendPrint(
	context: IExecutePaginationFunctions,
	request: RoutingRequest,
	sendOnce: SendOnce,
	known: KnownContext,
): Promise<INodeExecutionData[]> {
	try {
		return await sendOnce(request);
	} catch (error) {
		throw printError(context, error, known);
	}
}
