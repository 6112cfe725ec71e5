// The Document resource: documents of any doctype. Each operation declares its request here (method and URL, for
// API v1 `/api/resource` and v2 `/api/v2/document`), its request function (what finishes and sends the request:
// typed fields, paging, checks) and what it outputs. Its fields are in the operation's own file.
import type { IHttpRequestMethods, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { doctypeProperty, documentNameProperty } from '../../shared/descriptions';
import { cancelFields } from './cancel';
import { countFields, countQuery } from './count';
import { createFields } from './create';
import { deletedDocument, deleteFields } from './delete';
import { checkSubmitAfterCreate, createThenSubmit, expectDocstatus } from './docstatus';
import { getFields } from './get';
import { getManyFields, listQuery, pageThrough } from './getMany';
import { getValueFields, valueFilters } from './getValue';
import { documentRequest, fieldValuesBody, unwrapPayload } from './request';
import { methodArguments, runMethodFields } from './runMethod';
import { setValueFields } from './setValue';
import { submitFields } from './submit';
import { updateFields } from './update';
import { matchExisting, upsertFields } from './upsert';

const showForDocument = { resource: ['document'] };

// URL expressions. The document locator's value goes in as it is; a desk link is swapped for the name it points
// to by the request function (resolveDeskLink).
const V2 = '$parameter.apiVersion === "v2"';
const DOCTYPE = '{{ encodeURIComponent($parameter.doctype) }}';
const NAME = '{{ encodeURIComponent($parameter.documentName) }}';
const DOCUMENTS = `{{ ${V2} ? "/api/v2/document" : "/api/resource" }}/${DOCTYPE}`;
const listUrl = `=${DOCUMENTS}`;
const documentUrl = (suffix = '') => `=${DOCUMENTS}/${NAME}${suffix}`;
const methodUrl = (method: string) => `={{ ${V2} ? "/api/v2/method" : "/api/method" }}/${method}`;

const unwrap = { postReceive: [unwrapPayload] };

const operations: INodePropertyOptions[] = [
	{
		name: 'Cancel',
		value: 'cancel',
		action: 'Cancel a document',
		description: 'Cancel a submitted document (docstatus 1 → 2)',
		routing: {
			request: { method: 'PUT', url: documentUrl(), body: { docstatus: 2 } },
			operations: { pagination: documentRequest([expectDocstatus(2)]) },
			output: unwrap,
		},
	},
	{
		name: 'Count',
		value: 'count',
		action: 'Count documents',
		description: 'Count the documents that meet filters',
		routing: {
			request: {
				method: 'GET',
				url: `={{ ${V2} ? "/api/v2/doctype/" + encodeURIComponent($parameter.doctype) + "/count" : "/api/method/frappe.client.get_count" }}`,
				qs: { doctype: `={{ ${V2} ? undefined : $parameter.doctype }}` },
			},
			operations: { pagination: documentRequest([countQuery]) },
			output: {
				postReceive: [
					{
						type: 'set',
						properties: {
							value: '={{ { "count": $response.body.data ?? $response.body.message } }}',
						},
					},
				],
			},
		},
	},
	{
		name: 'Create',
		value: 'create',
		action: 'Create a document',
		description: 'Create a document, child table rows included',
		routing: {
			request: { method: 'POST', url: listUrl },
			operations: {
				pagination: documentRequest([checkSubmitAfterCreate, fieldValuesBody()], createThenSubmit),
			},
			output: unwrap,
		},
	},
	{
		name: 'Create or Update',
		value: 'upsert',
		action: 'Create or update a document',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		routing: {
			request: { method: 'POST', url: listUrl },
			operations: { pagination: documentRequest([fieldValuesBody(), matchExisting]) },
			output: unwrap,
		},
	},
	{
		name: 'Delete',
		value: 'delete',
		action: 'Delete a document',
		routing: {
			request: { method: 'DELETE', url: documentUrl() },
			operations: { pagination: documentRequest() },
			output: { postReceive: [deletedDocument] },
		},
	},
	{
		name: 'Get',
		value: 'get',
		action: 'Get a document',
		description: 'Get a document with its child tables',
		routing: {
			request: { method: 'GET', url: documentUrl() },
			operations: { pagination: documentRequest() },
			output: unwrap,
		},
	},
	{
		name: 'Get Field Value',
		value: 'getValue',
		action: 'Get field values of a document',
		description: 'Read some fields of one document (frappe.client.get_value)',
		routing: {
			request: {
				method: 'GET',
				url: methodUrl('frappe.client.get_value'),
				qs: { doctype: '={{ $parameter.doctype }}' },
			},
			operations: { pagination: documentRequest([valueFilters]) },
			output: unwrap,
		},
	},
	{
		name: 'Get Many',
		value: 'getMany',
		action: 'Get many documents',
		description: 'List documents, with filters, paging through all of them if asked',
		routing: {
			request: { method: 'GET', url: listUrl },
			operations: { pagination: documentRequest([listQuery], pageThrough) },
			output: unwrap,
		},
	},
	{
		name: 'Run Document Method',
		value: 'runMethod',
		action: 'Run a method of a document',
		description: "Call a whitelisted method of the document's controller",
		routing: {
			request: {
				// RoutingNode resolves expressions in every request option, the method included.
				method: '={{ $parameter.methodHttpMethod }}' as IHttpRequestMethods,
				url: documentUrl(
					`{{ ${V2} ? "/method/" + encodeURIComponent($parameter.methodName.trim()) : "" }}`,
				),
			},
			operations: { pagination: documentRequest([methodArguments]) },
			output: unwrap,
		},
	},
	{
		name: 'Set Field Value',
		value: 'setValue',
		action: 'Set field values of a document',
		description: 'Change some fields of a document (frappe.client.set_value)',
		routing: {
			request: {
				method: 'POST',
				url: methodUrl('frappe.client.set_value'),
				body: { doctype: '={{ $parameter.doctype }}', name: '={{ $parameter.documentName }}' },
			},
			operations: { pagination: documentRequest([fieldValuesBody('fieldname')]) },
			output: unwrap,
		},
	},
	{
		name: 'Submit',
		value: 'submit',
		action: 'Submit a document',
		description: 'Submit a draft document (docstatus 0 → 1)',
		routing: {
			request: { method: 'PUT', url: documentUrl(), body: { docstatus: 1 } },
			operations: { pagination: documentRequest([expectDocstatus(1)]) },
			output: unwrap,
		},
	},
	{
		name: 'Update',
		value: 'update',
		action: 'Update a document',
		description: 'Change some fields of a document; the others stay as they are',
		routing: {
			request: { method: 'PUT', url: documentUrl() },
			operations: { pagination: documentRequest([fieldValuesBody()]) },
			output: unwrap,
		},
	},
];

/** Operations that work on one document, chosen with the document locator. */
const ONE_DOCUMENT = [
	'cancel',
	'delete',
	'get',
	'getValue',
	'runMethod',
	'setValue',
	'submit',
	'update',
];

export const documentDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showForDocument },
		options: operations,
		default: 'get',
	},
	doctypeProperty({ show: showForDocument }),
	documentNameProperty({
		show: { ...showForDocument, operation: ONE_DOCUMENT },
		hide: { selectBy: ['filters'] },
	}),
	...cancelFields,
	...countFields,
	...createFields,
	...deleteFields,
	...getFields,
	...getValueFields,
	...getManyFields,
	...runMethodFields,
	...setValueFields,
	...submitFields,
	...updateFields,
	...upsertFields,
];
