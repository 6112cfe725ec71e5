import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import {
	apiVersionProperties,
	authenticationProperty,
	credentialDescriptions,
	frappeRequestDefaults,
	includeRequestInfoProperty,
	sendingProperty,
} from '../shared/descriptions';
import { listSearch, loadOptions } from './listSearch';
import { deskResource } from './resources/desk';
import { documentResource } from './resources/document';
import { fileResource } from './resources/file';
import { methodResource } from './resources/method';
import { printResource } from './resources/print';
import { reportResource } from './resources/report';
import { withRequestInfo } from './requestInfo';
import { sendToFrappe } from './send';

const resources = [
	documentResource,
	deskResource,
	methodResource,
	fileResource,
	reportResource,
	printResource,
];

export class Frappe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Frappe',
		name: 'frappe',
		icon: { light: 'file:frappe.svg', dark: 'file:frappe.dark.svg' },
		group: ['transform'],
		// 1.1: API Version defaults to Auto (version 1 keeps v1)
		version: [1, 1.1],
		subtitle:
			'={{$parameter["operation"] + ($parameter["resource"] === "document" ? ": " + ($parameter["doctype"].cachedResultName || $parameter["doctype"].value || $parameter["doctype"] || "") : "")}}',
		description:
			'Read and write documents of any doctype, call methods and move files on a Frappe or ERPNext site',
		defaults: { name: 'Frappe' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialDescriptions,
		requestDefaults: frappeRequestDefaults,
		// Every request goes through the send driver (send.ts): the Resource parameter marks them all
		// `paginate`.
		requestOperations: {
			pagination: withRequestInfo(
				sendToFrappe(Object.assign({}, ...resources.map(({ sends }) => sends))),
			),
		},
		properties: [
			authenticationProperty,
			...apiVersionProperties,
			includeRequestInfoProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Collaboration',
						value: 'desk',
						description: 'Comments, assignments, shares and tags of a document',
					},
					{ name: 'Document', value: 'document', description: 'Documents of any doctype' },
					{ name: 'File', value: 'file', description: 'Upload, download and list files' },
					{ name: 'Method', value: 'method', description: 'Call a whitelisted server method' },
					{
						name: 'Print',
						value: 'print',
						description: 'Documents as PDF or HTML in a print format',
					},
					{ name: 'Report', value: 'report', description: 'Run or export a report' },
				],
				default: 'document',
				routing: { send: { paginate: true } },
			},
			...resources.flatMap(({ properties }) => properties),
			sendingProperty,
		],
	};

	methods = { listSearch, loadOptions };
}
