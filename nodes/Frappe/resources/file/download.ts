// File → Download: a File's bytes into a binary field, with its name and MIME type. By name the File document is
// read first (GET /api/resource/File/{name}) for its file_url and file_name; then the file_url is fetched:
// /files/… (public) or /private/files/… (the credential's user needs read access). The response is read as a
// stream into one Buffer of the announced size, which goes to n8n's binary data store (a file in n8n's filesystem
// mode; base64 text in the item in its in-memory mode): at most the Buffer and n8n's copy are held at once.
import type {
	IDataObject,
	IExecutePaginationFunctions,
	IN8nHttpFullResponse,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { collectBytes, encodeUrlPath, locateFileUrl } from '../../shared/files';
import { fileNameFromContentDisposition, fileNameFromUrl, mimeTypeOf } from '../../shared/mime';
import {
	credentialTypeOf,
	frappeApiRequest,
	frappeRequestFunction,
	httpFailureOf,
	siteUrlOf,
	toFrappeError,
	withFrappeErrors,
} from '../../shared/transport';
import { binaryPropertyField, fileLocatorField, showOnlyForFile } from './common';

const showOnlyForFileDownload = showOnlyForFile('download');

export const fileDownloadDescription: INodeProperties[] = [
	fileLocatorField(showOnlyForFileDownload, { byUrl: true }),
	binaryPropertyField(showOnlyForFileDownload, 'output'),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showOnlyForFileDownload },
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				description: "The binary's file name. Default: the File's file name.",
			},
		],
	},
];

interface FileLocatorValue {
	mode?: string;
	value?: unknown;
}

function operationError(
	context: IExecutePaginationFunctions,
	message: string,
	description?: string,
) {
	return new NodeOperationError(context.getNode(), message, {
		description,
		itemIndex: context.getItemIndex(),
	});
}

/** The File document (by name), or a stand-in built from the URL. */
async function fileToDownload(
	context: IExecutePaginationFunctions,
): Promise<{ fileUrl: string; fileDoc?: IDataObject }> {
	const locator = context.getNodeParameter('file', {}) as FileLocatorValue;
	const value = String(context.getNodeParameter('file', '', { extractValue: true }) ?? '').trim();
	if (!value)
		throw operationError(context, 'No File given', 'Pick a File, or enter its name or file URL.');
	if (locator.mode === 'url') return { fileUrl: value };
	const response = await frappeApiRequest.call(context, {
		method: 'GET',
		url: `/api/resource/File/${encodeURIComponent(value)}`,
	});
	const fileDoc = (response as IDataObject).data as IDataObject | undefined;
	if (!fileDoc || typeof fileDoc !== 'object') {
		throw operationError(context, `Frappe returned no File document for "${value}"`);
	}
	if (fileDoc.is_folder) {
		throw operationError(
			context,
			`"${value}" is a folder, not a file`,
			'Use Get Many with In a Folder to list its files.',
		);
	}
	const fileUrl = typeof fileDoc.file_url === 'string' ? fileDoc.file_url.trim() : '';
	if (!fileUrl) throw operationError(context, `The File "${value}" has no file URL`);
	return { fileUrl, fileDoc };
}

/** What a failed fetch of the file's bytes means, in words (Frappe answers those with bare HTML pages). */
function explainDownloadFailure(
	error: NodeApiError,
	path: string,
	isPrivate: boolean,
): NodeApiError {
	const status = Number(error.httpCode);
	if (status === 403) {
		error.message = `Frappe refused to serve ${isPrivate ? 'the private file' : 'the file'} "${path}" (HTTP 403)`;
		error.description = isPrivate
			? 'Private files can be downloaded only by users who may read the File or the document it is attached to; check the user of the credential. Frappe answers the same when no File on the site has this URL (any more).'
			: 'Check the user of the credential and the permissions on the File.';
	} else if (status === 404 || (status >= 500 && status < 600)) {
		error.message = `Frappe could not serve "${path}" (HTTP ${status})`;
		error.description =
			"The file's content is probably missing on the server (its File document may have been deleted, or the file removed from the site's files folder); the site's Error Log may say more.";
	}
	return error;
}

/** A non-2xx answer to the file request, shaped like n8n's HTTP errors so the usual Frappe error handling reads it. */
class FileResponseFailure extends Error {
	constructor(
		readonly response: { status: number; data: string; headers: Record<string, unknown> },
	) {
		super(`HTTP ${response.status}`);
	}
}

const ERROR_BODY_LIMIT = 64 * 1024;

/** The start of an error page (Frappe answers file requests with HTML errors), then the connection is let go. */
async function readErrorBody(body: unknown): Promise<string> {
	if (Buffer.isBuffer(body) || typeof body === 'string') return body.toString();
	const chunks: Buffer[] = [];
	let length = 0;
	if (body && typeof (body as AsyncIterable<Buffer>)[Symbol.asyncIterator] === 'function') {
		for await (const chunk of body as AsyncIterable<Buffer>) {
			chunks.push(Buffer.from(chunk));
			length += chunk.length;
			if (length >= ERROR_BODY_LIMIT) break;
		}
	}
	return Buffer.concat(chunks).toString('utf8');
}

function discardStream(body: unknown): void {
	(body as { destroy?: () => void } | undefined)?.destroy?.();
}

/**
 * GETs a file path as a stream. Error statuses come back as responses (only a 401 throws, so that n8n can refresh
 * an OAuth2 token), and are turned into the failure the Frappe error handling expects; a session credential's
 * expired session is renewed once, as for any request.
 */
async function fetchFileContent(
	context: IExecutePaginationFunctions,
	path: string,
): Promise<IN8nHttpFullResponse> {
	const credentialType = credentialTypeOf(context);
	const credentials = await context.getCredentials(credentialType);
	return await withFrappeErrors(context, async () => {
		let response: IN8nHttpFullResponse;
		try {
			response = (await context.helpers.httpRequestWithAuthentication.call(
				context,
				credentialType,
				{
					method: 'GET',
					baseURL: siteUrlOf(credentials),
					url: encodeUrlPath(path),
					headers: { Accept: '*/*' },
					encoding: 'stream',
					returnFullResponse: true,
					ignoreHttpStatusErrors: { ignore: true, except: [401] },
					skipSslCertificateValidation: Boolean(credentials.ignoreSSLIssues),
				},
			)) as IN8nHttpFullResponse;
		} catch (error) {
			discardStream(httpFailureOf(error)?.response?.data);
			throw new NodeApiError(context.getNode(), error as JsonObject);
		}
		if (response.statusCode >= 400) {
			const data = await readErrorBody(response.body);
			discardStream(response.body);
			throw new FileResponseFailure({
				status: response.statusCode,
				data,
				headers: response.headers,
			});
		}
		return response;
	});
}

export const downloadFile = frappeRequestFunction(async function () {
	const { fileUrl, fileDoc } = await fileToDownload(this);
	const credentials = await this.getCredentials(credentialTypeOf(this));
	const location = locateFileUrl(fileUrl, siteUrlOf(credentials));
	if (location.kind === 'external') {
		throw operationError(
			this,
			`The File links to an outside address (${location.url}), not to a file on the site`,
			'Frappe stores only the link for such Files. Fetch the address with the HTTP Request node.',
		);
	}
	let response: IN8nHttpFullResponse;
	try {
		response = await fetchFileContent(this, location.path);
	} catch (error) {
		const frappeError = toFrappeError(this, error);
		if (frappeError instanceof NodeApiError)
			throw explainDownloadFailure(frappeError, location.path, location.isPrivate);
		throw frappeError;
	}
	const options = this.getNodeParameter('options', {}) as { fileName?: string };
	const fileName =
		options.fileName?.trim() ||
		fileNameFromContentDisposition(response.headers['content-disposition']) ||
		(typeof fileDoc?.file_name === 'string' && fileDoc.file_name) ||
		fileNameFromUrl(location.path) ||
		'file';
	const mimeType = mimeTypeOf(response.headers['content-type']) ?? 'application/octet-stream';
	const declaredLength = Number(response.headers['content-length']);
	const bytes = await collectBytes(
		response.body as AsyncIterable<Uint8Array>,
		Number.isFinite(declaredLength) ? declaredLength : undefined,
	);
	const binary = await this.helpers.prepareBinaryData(bytes, fileName, mimeType);
	const json: IDataObject = fileDoc ?? {
		file_url: fileUrl,
		file_name: fileName,
		is_private: location.isPrivate ? 1 : 0,
	};
	const propertyName = String(this.getNodeParameter('binaryPropertyName', 'data'));
	return [{ json, binary: { [propertyName]: binary }, pairedItem: { item: this.getItemIndex() } }];
});
