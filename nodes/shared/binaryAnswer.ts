// Frappe answers that are files (PDFs, report exports): the bytes into an n8n binary property,
// named as Frappe's Content-Disposition names them, and attaching such a file to a document
// (upload_file, as File → Upload does).
import type {
	IBinaryData,
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { frappeError } from './frappeError';
import { fileNameFromContentDisposition, mimeTypeOf } from './mime';
import { buildMultipartBody } from './multipart';
import type { NodeContext } from './parameters';
import { UPLOAD_FILE_PATH } from './paths';
import { frappeApiRequest } from './transport';

/**
 * The answer's bytes (n8n hands them over as a Buffer when the request asked for `arraybuffer`).
 */
export function answerBytes(response: IN8nHttpFullResponse): Buffer {
	const body = response.body as unknown;
	if (Buffer.isBuffer(body)) return body;
	if (body instanceof ArrayBuffer) return Buffer.from(body);
	if (typeof body === 'string') return Buffer.from(body, 'latin1');
	return Buffer.from(JSON.stringify(body ?? ''), 'utf8');
}

export interface BinaryAnswer {
	bytes: Buffer;
	fileName: string;
	mimeType: string;
}

/**
 * The file in a Frappe answer: its bytes, Frappe's file name (or `fallbackName`), its MIME type.
 */
export function binaryAnswerOf(
	response: IN8nHttpFullResponse,
	fallbackName: string,
	fallbackMime = 'application/octet-stream',
): BinaryAnswer {
	return {
		bytes: answerBytes(response),
		fileName:
			fileNameFromContentDisposition(response.headers['content-disposition']) || fallbackName,
		mimeType: mimeTypeOf(response.headers['content-type']) ?? fallbackMime,
	};
}

/** An item holding the file in `property`, with `json` about it. */
export async function binaryItem(
	context: IExecuteSingleFunctions,
	answer: BinaryAnswer,
	property: string,
	json: IDataObject,
): Promise<INodeExecutionData> {
	const binary: IBinaryData = await context.helpers.prepareBinaryData(
		answer.bytes,
		answer.fileName,
		answer.mimeType,
	);
	binary.mimeType = answer.mimeType;
	return {
		json: {
			...json,
			fileName: answer.fileName,
			mimeType: answer.mimeType,
			fileSize: answer.bytes.length,
		},
		binary: { [property]: binary },
		pairedItem: { item: context.getItemIndex() },
	};
}

/**
 * Uploads the file as a File attached to the document (`upload_file`), private unless asked; the
 * File document.
 */
export async function attachFile(
	context: NodeContext,
	file: BinaryAnswer,
	target: { doctype: string; documentName: string; isPrivate: boolean },
): Promise<IDataObject> {
	const multipart = buildMultipartBody(
		[
			['is_private', target.isPrivate ? '1' : '0'],
			['doctype', target.doctype],
			['docname', target.documentName],
		],
		{ field: 'file', fileName: file.fileName, contentType: file.mimeType, data: file.bytes },
	);
	try {
		const response = await frappeApiRequest.call(
			context,
			{
				method: 'POST',
				url: UPLOAD_FILE_PATH,
				headers: { 'Content-Type': multipart.contentType },
				body: multipart.body,
				json: false,
			},
			{ doctype: target.doctype, documentName: target.documentName },
		);
		const parsed = typeof response === 'string' ? (JSON.parse(response) as IDataObject) : response;
		return ((parsed as IDataObject).message as IDataObject) ?? {};
	} catch (error) {
		throw frappeError(context, error, {
			doctype: target.doctype,
			documentName: target.documentName,
			doing: `Could not attach ${file.fileName} to ${target.doctype} ${target.documentName}`,
		});
	}
}
