// The File resource. Every operation uses the v1 endpoints (`/api/method/upload_file`, `/api/resource/File`),
// which all Frappe versions serve, whatever the API Version parameter says.
import type { INodeProperties } from 'n8n-workflow';

import { deletedFileItem, fileDeleteDescription } from './delete';
import { downloadFile, fileDownloadDescription } from './download';
import { fileGetManyDescription, listFiles, setFileListQuery } from './getMany';
import { buildUploadBody, fileUploadDescription, sendUpload } from './upload';

const showOnlyForFiles = { resource: ['file'] };

export const fileDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showOnlyForFiles },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a file',
				description: 'Delete a File document (and its content)',
				routing: {
					request: {
						method: 'DELETE',
						url: '=/api/resource/File/{{encodeURIComponent(String($parameter.file.value ?? $parameter.file).trim())}}',
					},
					output: { postReceive: [deletedFileItem] },
				},
			},
			{
				name: 'Download',
				value: 'download',
				action: 'Download a file',
				description: 'Download a file into a binary field',
				routing: {
					// By name: GET /api/resource/File/{name} for the file_url, then GET {file_url} (/files/… or
					// /private/files/…); by URL only the second. Both are made in download.ts.
					request: { method: 'GET' },
					operations: { pagination: downloadFile },
				},
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many files',
				description: 'List the files attached to a document, or in a folder',
				routing: {
					request: { method: 'GET', url: '/api/resource/File' },
					send: { preSend: [setFileListQuery] },
					output: { postReceive: [{ type: 'rootProperty', properties: { property: 'data' } }] },
					operations: { pagination: listFiles },
				},
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload a file',
				description:
					'Upload a binary file (or link a URL) as a File, optionally attached to a document',
				routing: {
					request: { method: 'POST', url: '/api/method/upload_file' },
					send: { preSend: [buildUploadBody] },
					output: { postReceive: [{ type: 'rootProperty', properties: { property: 'message' } }] },
					operations: { pagination: sendUpload },
				},
			},
		],
		default: 'upload',
	},
	...fileUploadDescription,
	...fileDownloadDescription,
	...fileGetManyDescription,
	...fileDeleteDescription,
];
