// Field definitions the File operations share, generated rather than copied.
import type { IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import { doctypeOf, documentNameOf } from '../../../shared/parameters';

type Show = { resource: string[]; operation: string[] } & Record<string, Array<string | boolean>>;

export function showOnlyForFile(
	operation: string,
	extra: Record<string, Array<string | boolean>> = {},
): Show {
	return { resource: ['file'], operation: [operation], ...extra };
}

/**
 * A File: picked from a list, by its name (the File document's ID), or, for downloads, by its file
 * URL.
 */
export function fileLocatorField(show: Show, { byUrl }: { byUrl: boolean }): INodeProperties {
	return {
		displayName: 'File',
		name: 'file',
		type: 'resourceLocator',
		required: true,
		description: "The File document, by its name (Frappe's ID, as File → Get Many lists it)",
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchFiles', searchable: true },
			},
			{
				displayName: 'By Name',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 0749595df4',
				hint: 'The name (ID) of the File document',
			},
			...(byUrl
				? [
						{
							displayName: 'By File URL',
							name: 'url',
							type: 'string' as const,
							placeholder: 'e.g. /private/files/invoice.pdf',
							hint: 'The file_url of the File: /files/… (public), /private/files/… (private), or the full address on the site',
						},
					]
				: []),
		],
		displayOptions: { show },
	};
}

/**
 * The document chosen in the shared Doctype and Document pickers (Upload's Attach To, Get Many's
 * attachments); the Document's "By URL" mode takes a desk link.
 */
export function targetDocumentOf(context: IExecuteSingleFunctions): {
	doctype: string;
	documentName: string;
} {
	const doctype = doctypeOf(context);
	const documentName = documentNameOf(context);
	if (!doctype || !documentName) throw parameterError(context, 'Choose a Doctype and a Document');
	return { doctype, documentName };
}
