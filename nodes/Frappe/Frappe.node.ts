import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';

import { documentDescription } from './resources/document';
import { fileDescription } from './resources/file';
import { methodDescription } from './resources/method';
import { listSearch, loadOptions } from './listSearch';
import {
	apiVersionProperty,
	authenticationProperty,
	credentialDescriptions,
	frappeRequestDefaults,
	requestDriverProperty,
} from './shared/descriptions';
import { sendFrappeRequest } from './shared/transport';

export class Frappe implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Frappe',
		name: 'frappe',
		icon: { light: 'file:frappe.svg', dark: 'file:frappe.dark.svg' },
		group: ['transform'],
		version: 1,
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
		requestOperations: { pagination: sendFrappeRequest },
		properties: [
			authenticationProperty,
			apiVersionProperty,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Document', value: 'document', description: 'Documents of any doctype' },
					{ name: 'File', value: 'file', description: 'Upload, download and list files' },
					{ name: 'Method', value: 'method', description: 'Call a whitelisted server method' },
				],
				default: 'document',
			},
			...documentDescription,
			...methodDescription,
			...fileDescription,
			requestDriverProperty,
		],
	};

	methods = { listSearch, loadOptions };
}
