import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import { apiVersionOf, doctypeOf } from '../../../shared/parameters';
import { documentPath, pageSizeParameter, payloadOf } from '../../../shared/paths';
import { frappeApiRequest } from '../../../shared/transport';
import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import { CHILD_TABLE_REPLACED, fieldValuesProperties } from './fields';
import { toDoctype } from './urls';
import { writeFieldValues } from './values';

const showOnlyForDocumentUpsert = { resource: ['document'], operation: ['upsert'] };

const fields: INodeProperties[] = [
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
 * Looks the document up by the match fields: none → the create goes ahead; one → the request
 * becomes an update of that document; several → a clear error, nothing written.
 */
async function matchExisting(
	this: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const matchFields = (this.getNodeParameter('matchFields', []) as string[]) ?? [];
	const body = (options.body as IDataObject | undefined) ?? {};
	if (matchFields.length === 0) throw parameterError(this, 'Choose at least one field to match on');
	const missing = matchFields.filter((field) => !(field in body));
	if (missing.length > 0) {
		throw parameterError(
			this,
			`No value for the match field ${missing.join(', ')}`,
			'A match field takes its value from the fields to write: add it there.',
		);
	}
	const version = await apiVersionOf(this);
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
	if (names.length === 0) return options;
	if (names.length > 1) {
		throw parameterError(
			this,
			`More than one ${doctype} has ${describe(filters)} (${names.join(', ')}, …)`,
			'Create or Update needs the match fields to identify at most one document: add match fields.',
		);
	}
	return { ...options, method: 'PUT', url: documentPath(version, doctype, names[0]) };
}

export const upsert: FrappeOperation = {
	option: {
		name: 'Create or Update',
		value: 'upsert',
		action: 'Create or update a document',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		routing: {
			request: { method: 'POST' },
			send: { preSend: [toDoctype, writeFieldValues(), matchExisting] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
