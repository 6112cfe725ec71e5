import type { INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { unwrapPayload } from '../../output';
import type { FrappeOperation } from '../../operation';
import { toDocument } from './urls';

const showOnlyForDocumentGet = { resource: ['document'], operation: ['get'] };

const fields: INodeProperties[] = [documentNameProperty({ show: showOnlyForDocumentGet })];

export const get: FrappeOperation = {
	option: {
		name: 'Get',
		value: 'get',
		action: 'Get a document',
		description: 'Get a document with its child tables',
		routing: {
			request: { method: 'GET' },
			send: { preSend: [toDocument] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
