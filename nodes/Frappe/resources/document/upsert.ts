import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { documentPath, pageSizeParameter, payloadOf } from '../../shared/paths';
import { frappeApiRequest } from '../../shared/transport';
import { fieldValuesProperties } from './fields';
import { apiVersionOf, doctypeOf, withOptions, type RequestStep } from './request';
import { CHILD_TABLE_REPLACED } from './update';

const showOnlyForDocumentUpsert = { operation: ['upsert'], resource: ['document'] };

export const upsertFields: INodeProperties[] = [
	{
		displayName: 'Match On Field Names or IDs',
		name: 'matchFields',
		type: 'multiOptions',
		required: true,
		typeOptions: { loadOptionsMethod: 'getFilterFields', loadOptionsDependsOn: ['doctype.value'] },
		displayOptions: { show: showOnlyForDocumentUpsert },
		default: [],
		description:
			'The fields that identify the document; their values are taken from the fields below. One match is updated, none creates a document, several fail. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...fieldValuesProperties(showOnlyForDocumentUpsert, CHILD_TABLE_REPLACED),
];

function describe(filters: Array<[string, string, unknown]>): string {
	return filters.map(([field, , value]) => `${field} = ${JSON.stringify(value)}`).join(' and ');
}

/**
 * Looks the document up by the match fields: none → the create RoutingNode built goes ahead; one → the request
 * becomes an update of that document; several → a clear error, nothing written.
 */
export const matchExisting: RequestStep = async function (request) {
	const matchFields = (this.getNodeParameter('matchFields', []) as string[]) ?? [];
	const body = (request.options.body as IDataObject | undefined) ?? {};
	if (matchFields.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one field to match on', {
			itemIndex: this.getItemIndex(),
		});
	}
	const missing = matchFields.filter((field) => !(field in body));
	if (missing.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`No value for the match field ${missing.join(', ')}`,
			{
				description: 'A match field takes its value from the fields to write: add it there.',
				itemIndex: this.getItemIndex(),
			},
		);
	}
	const version = apiVersionOf(this);
	const doctype = doctypeOf(this);
	const filters = matchFields.map(
		(field) => [field, '=', body[field]] as [string, string, unknown],
	);
	const found = payloadOf(
		await frappeApiRequest.call(this, {
			method: 'GET',
			url: documentPath(version, doctype),
			qs: {
				fields: JSON.stringify(['name']),
				filters: JSON.stringify(filters),
				[pageSizeParameter(version)]: 2,
			},
		}),
	);
	const names = (Array.isArray(found) ? found : []).map((row) => String((row as IDataObject).name));
	if (names.length === 0) return request;
	if (names.length > 1) {
		throw new NodeOperationError(
			this.getNode(),
			`More than one ${doctype} has ${describe(filters)} (${names.join(', ')}, …)`,
			{
				description:
					'Create or Update needs the match fields to identify at most one document: add match fields.',
				itemIndex: this.getItemIndex(),
			},
		);
	}
	return withOptions(request, { method: 'PUT', url: documentPath(version, doctype, names[0]) });
};
