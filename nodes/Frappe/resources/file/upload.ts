// File → Upload: an n8n binary (or a URL) becomes a Frappe File through POST
// /api/method/upload_file, multipart with the file part named `file`, as Frappe's own uploader
// sends it.
import type {
	IDataObject,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	binaryPropertyNameProperty,
	documentNameProperty,
	doctypeProperty,
} from '../../../shared/descriptions';
import { frappeError, parameterError } from '../../../shared/frappeError';
import { buildMultipartBody, type MultipartFile } from '../../../shared/multipart';
import { binaryPropertyNameOf } from '../../../shared/parameters';
import { methodPath, UPLOAD_FILE_PATH } from '../../../shared/paths';
import { frappeApiRequest } from '../../../shared/transport';
import type { FrappeOperation, OperationSend } from '../../operation';
import { showOnlyForFile, targetDocumentOf } from './common';

const showOnlyForFileUpload = showOnlyForFile('upload');

const fields: INodeProperties[] = [
	{
		displayName: 'Upload From',
		name: 'uploadSource',
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'A binary field of the input item' },
			{
				name: 'URL',
				value: 'url',
				description: 'A File that links to an address; Frappe stores the link, not the content',
			},
		],
		default: 'binary',
		displayOptions: { show: showOnlyForFileUpload },
	},
	binaryPropertyNameProperty(showOnlyForFile('upload', { uploadSource: ['binary'] }), 'input'),
	{
		displayName: 'File URL',
		name: 'fileUrl',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://example.com/logo.png',
		description: 'An address Frappe stores as the File (it does not download it)',
		displayOptions: { show: showOnlyForFile('upload', { uploadSource: ['url'] }) },
	},
	{
		displayName: 'Is Private',
		name: 'isPrivate',
		type: 'boolean',
		default: true,
		description:
			'Whether only users allowed to read the File (or the document it is attached to) can download it (/private/files/…). Public files (/files/…) can be downloaded by anyone with the link.',
		displayOptions: { show: showOnlyForFileUpload },
	},
	{
		displayName: 'Attach to a Document',
		name: 'attachToDocument',
		type: 'boolean',
		default: false,
		description:
			'Whether to attach the File to a document (it then shows in the sidebar of that document)',
		displayOptions: { show: showOnlyForFileUpload },
	},
	doctypeProperty({ show: showOnlyForFile('upload', { attachToDocument: [true] }) }),
	documentNameProperty({ show: showOnlyForFile('upload', { attachToDocument: [true] }) }),
	{
		displayName: 'Attach Field Name',
		name: 'attachToField',
		type: 'string',
		default: '',
		placeholder: 'e.g. attachment',
		description:
			'Optional. The Attach (or Attach Image) field of the document this file is for; Frappe records it on the File as attached_to_field. Setting the field on the document itself is a separate update.',
		displayOptions: { show: showOnlyForFile('upload', { attachToDocument: [true] }) },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForFileUpload },
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description:
					"The file's name in Frappe. Default: the binary's file name (or, for a URL, the last part of the URL).",
			},
			{
				displayName: 'Folder',
				name: 'folder',
				type: 'string',
				default: 'Home',
				placeholder: 'e.g. Home/Attachments',
				description: 'The File folder to put the file in (Frappe uses Home if not set)',
			},
		],
	},
];

interface UploadOptions {
	fileName?: string;
	folder?: string;
}

/** The text fields of the upload form, in the names `upload_file` reads. */
function uploadFields(context: IExecuteSingleFunctions): Array<[string, string | undefined]> {
	const options = context.getNodeParameter('options', {}) as UploadOptions;
	const fields: Array<[string, string | undefined]> = [
		['is_private', context.getNodeParameter('isPrivate', true) ? '1' : '0'],
		['folder', options.folder?.trim() || undefined],
	];
	if (context.getNodeParameter('attachToDocument', false)) {
		const { doctype, documentName } = targetDocumentOf(context);
		fields.push(['doctype', doctype], ['docname', documentName]);
		const field = String(context.getNodeParameter('attachToField', '')).trim();
		if (field) fields.push(['fieldname', field]);
	}
	return fields;
}

/**
 * Builds the multipart body. A 0-byte file is refused here: Frappe 15 answers an empty file part
 * with a 500 OSError "File does not exist" (it reads empty content as "no content, look on disk")
 * and stores nothing.
 */
async function buildUploadBody(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const fields = uploadFields(this);
	const options = this.getNodeParameter('options', {}) as UploadOptions;
	let file: MultipartFile | undefined;
	if (this.getNodeParameter('uploadSource', 'binary') === 'url') {
		const fileUrl = String(this.getNodeParameter('fileUrl', '')).trim();
		if (!fileUrl) throw parameterError(this, 'The File URL is empty');
		fields.push(['file_url', fileUrl], ['file_name', options.fileName?.trim() || undefined]);
	} else {
		const propertyName = binaryPropertyNameOf(this);
		const binary = this.helpers.assertBinaryData(propertyName);
		// In n8n's default binary mode the item holds the bytes as base64 text (and no `id`, exactly
		// the case in which n8n's getBinaryDataBuffer decodes `data`): decode it straight into the
		// body, the only copy made.
		const data = binary.id
			? await this.helpers.getBinaryDataBuffer(propertyName)
			: { base64: binary.data };
		const length = Buffer.isBuffer(data) ? data.length : Buffer.byteLength(data.base64, 'base64');
		const fileName =
			options.fileName?.trim() ||
			binary.fileName ||
			`file${binary.fileExtension ? `.${binary.fileExtension}` : ''}`;
		if (length === 0) {
			throw parameterError(
				this,
				`The file "${fileName}" is empty (0 bytes); Frappe cannot store an empty file`,
				'Frappe answers an empty upload with an internal error ("File  does not exist") and stores nothing, so the node does not send it. Filter out empty files before this node, or put at least one byte in the file.',
			);
		}
		file = {
			field: 'file',
			fileName,
			contentType: binary.mimeType || 'application/octet-stream',
			data,
		};
	}
	const multipart = buildMultipartBody(fields, file);
	const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
	for (const name of Object.keys(headers)) {
		if (name.toLowerCase() === 'content-type') delete headers[name];
	}
	headers['Content-Type'] = multipart.contentType;
	requestOptions.headers = headers;
	requestOptions.body = multipart.body;
	requestOptions.url = UPLOAD_FILE_PATH;
	delete requestOptions.json;
	return requestOptions;
}

/**
 * `frappe.core.api.file.get_max_file_size` (guest-allowed, Frappe 15+): the upload limit in bytes,
 * if it answers.
 */
async function siteUploadLimit(context: IExecutePaginationFunctions): Promise<number | undefined> {
	try {
		const response = await frappeApiRequest.call(context, {
			method: 'GET',
			url: methodPath('v1', 'frappe.core.api.file.get_max_file_size'),
		});
		const limit = Number((response as IDataObject).message);
		return Number.isFinite(limit) && limit > 0 ? limit : undefined;
	} catch {
		return undefined;
	}
}

function uploadedFile(context: IExecutePaginationFunctions): { fileName: string; bytes?: number } {
	if (context.getNodeParameter('uploadSource', 'binary') === 'url') {
		return { fileName: String(context.getNodeParameter('fileUrl', '')) };
	}
	const options = context.getNodeParameter('options', {}) as UploadOptions;
	const fileName = options.fileName?.trim();
	try {
		const binary = context.helpers.assertBinaryData(binaryPropertyNameOf(context));
		return { fileName: fileName || binary.fileName || 'file', bytes: binary.bytes };
	} catch {
		return { fileName: fileName || 'file' };
	}
}

/**
 * Whether the site refused the upload for its size: werkzeug's bare 413, or Frappe's
 * MaxFileSizeReachedError.
 */
function isTooLarge(error: unknown): boolean {
	if (!(error instanceof NodeApiError)) return false;
	const excType = (error.errorResponse as IDataObject | undefined)?.exc_type;
	return error.httpCode === '413' || excType === 'MaxFileSizeReachedError';
}

/** Sends the upload; a file over the site's limit is said with the file's size and the limit. */
const sendUpload: OperationSend = async function (request, sendOnce) {
	try {
		return await sendOnce(request);
	} catch (error) {
		if (!isTooLarge(error)) throw frappeError(this, error);
		const upload = { ...uploadedFile(this), siteLimit: await siteUploadLimit(this) };
		throw frappeError(this, error, { upload });
	}
};

export const upload: FrappeOperation = {
	option: {
		name: 'Upload',
		value: 'upload',
		action: 'Upload a file',
		description:
			'Upload a binary file (or link a URL) as a File, optionally attached to a document',
		routing: {
			request: { method: 'POST' },
			send: { preSend: [buildUploadBody] },
			output: { postReceive: [{ type: 'rootProperty', properties: { property: 'message' } }] },
		},
	},
	fields,
	send: sendUpload,
};
