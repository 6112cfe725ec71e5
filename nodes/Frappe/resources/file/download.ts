// File → Download: a File's bytes into a binary field, with its name and MIME type. By name the
// File document is read first (GET /api/resource/File/{name}) for its file_url and file_name; then
// the file_url is fetched: /files/… (public) or /private/files/… (the credential's user needs
// read access). The response is read as a stream into one Buffer of the announced size, which goes
// to n8n's binary data store (a file in n8n's filesystem mode; base64 text in the item in its
// in-memory mode): at most the Buffer and n8n's copy are held at once.
import type {
	IDataObject,
	IExecutePaginationFunctions,
	IN8nHttpFullResponse,
	INodeProperties,
} from 'n8n-workflow';

import { binaryPropertyNameProperty } from '../../../shared/descriptions';
import { collectBytes, encodeUrlPath, locateFileUrl } from '../../../shared/files';
import { frappeAnswerError, frappeError, parameterError } from '../../../shared/frappeError';
import { httpFailureOf } from '../../../shared/httpFailure';
import { fileNameFromContentDisposition, fileNameFromUrl, mimeTypeOf } from '../../../shared/mime';
import { binaryPropertyNameOf, credentialTypeOf } from '../../../shared/parameters';
import { filePath } from '../../../shared/paths';
import { isExpiredSessionAnswer, renewSession, SESSION_CREDENTIAL } from '../../../shared/session';
import { siteUrlOf } from '../../../shared/siteUrl';
import { frappeApiRequest } from '../../../shared/transport';
import type { FrappeOperation, OperationSend } from '../../operation';
import { fileLocatorField, showOnlyForFile } from './common';

const showOnlyForFileDownload = showOnlyForFile('download');

const fields: INodeProperties[] = [
	fileLocatorField(showOnlyForFileDownload, { byUrl: true }),
	binaryPropertyNameProperty(showOnlyForFileDownload),
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

/** The File document (by name), or a stand-in built from the URL. */
async function fileToDownload(
	context: IExecutePaginationFunctions,
): Promise<{ fileUrl: string; fileDoc?: IDataObject }> {
	const locator = context.getNodeParameter('file', {}) as FileLocatorValue;
	const value = String(context.getNodeParameter('file', '', { extractValue: true }) ?? '').trim();
	if (!value)
		throw parameterError(context, 'No File given', 'Pick a File, or enter its name or file URL.');
	if (locator.mode === 'url') return { fileUrl: value };
	const response = await frappeApiRequest.call(
		context,
		{ method: 'GET', url: filePath(value) },
		{ file: value },
	);
	const fileDoc = (response as IDataObject).data as IDataObject | undefined;
	if (!fileDoc || typeof fileDoc !== 'object') {
		throw parameterError(context, `Frappe returned no File document for "${value}"`);
	}
	if (fileDoc.is_folder) {
		throw parameterError(
			context,
			`"${value}" is a folder, not a file`,
			'Use Get Many with In a Folder to list its files.',
		);
	}
	const fileUrl = typeof fileDoc.file_url === 'string' ? fileDoc.file_url.trim() : '';
	if (!fileUrl) throw parameterError(context, `The File "${value}" has no file URL`);
	return { fileUrl, fileDoc };
}

const ERROR_BODY_LIMIT = 64 * 1024;

/**
 * The start of an error page (Frappe answers file requests with HTML errors), then the connection
 * is let go.
 */
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
 * GETs a file path as a stream. Error statuses come back as responses (only a 401 throws, so that
 * n8n can refresh an OAuth2 token); a session credential's expired session is renewed once, as for
 * any request.
 */
async function fetchFileContent(
	context: IExecutePaginationFunctions,
	path: string,
	privateFile: boolean,
): Promise<IN8nHttpFullResponse> {
	const credentialType = credentialTypeOf(context);
	const credentials = await context.getCredentials(credentialType);
	const get = async () =>
		(await context.helpers.httpRequestWithAuthentication.call(context, credentialType, {
			method: 'GET',
			baseURL: siteUrlOf(credentials),
			url: encodeUrlPath(path),
			headers: { Accept: '*/*' },
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: { ignore: true, except: [401] },
			skipSslCertificateValidation: Boolean(credentials.ignoreSSLIssues),
		})) as IN8nHttpFullResponse;
	let response: IN8nHttpFullResponse;
	let renewed = false;
	for (;;) {
		try {
			response = await get();
		} catch (error) {
			discardStream(httpFailureOf(error)?.response?.data);
			throw frappeError(context, error, { file: path });
		}
		if (response.statusCode < 400) return response;
		const body = await readErrorBody(response.body);
		discardStream(response.body);
		const expired = isExpiredSessionAnswer(response.statusCode, body);
		if (!expired || renewed || credentialType !== SESSION_CREDENTIAL) {
			throw frappeAnswerError(
				context,
				{ status: response.statusCode, body, headers: response.headers },
				{ fileUrl: path, privateFile },
			);
		}
		await renewSession(context, undefined);
		renewed = true;
	}
}

const downloadFile: OperationSend = async function () {
	const { fileUrl, fileDoc } = await fileToDownload(this);
	const credentials = await this.getCredentials(credentialTypeOf(this));
	const location = locateFileUrl(fileUrl, siteUrlOf(credentials));
	if (location.kind === 'external') {
		throw parameterError(
			this,
			`The File links to an outside address (${location.url}), not to a file on the site`,
			'Frappe stores only the link for such Files. Fetch the address with the HTTP Request node.',
		);
	}
	const response = await fetchFileContent(this, location.path, location.isPrivate);
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
	const binaryData = { [binaryPropertyNameOf(this)]: binary };
	return [{ json, binary: binaryData, pairedItem: { item: this.getItemIndex() } }];
};

export const download: FrappeOperation = {
	option: {
		name: 'Download',
		value: 'download',
		action: 'Download a file',
		description: 'Download a file into a binary field',
		routing: {
			// By name: GET /api/resource/File/{name} for the file_url, then GET {file_url} (/files/… or
			// /private/files/…); by URL only the second. Both are made by downloadFile.
			request: { method: 'GET' },
		},
	},
	fields,
	send: downloadFile,
};
