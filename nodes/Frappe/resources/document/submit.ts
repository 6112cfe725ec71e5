import type { INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { unwrapPayload } from '../../output';
import type { FrappeOperation } from '../../operation';
import { expectDocstatus } from './docstatus';
import { toDocument } from './urls';

const showOnlyForDocumentSubmit = { resource: ['document'], operation: ['submit'] };

const fields: INodeProperties[] = [documentNameProperty({ show: showOnlyForDocumentSubmit })];

export const submit: FrappeOperation = {
	option: {
		name: 'Submit',
		value: 'submit',
		action: 'Submit a document',
		description: 'Submit a draft document (docstatus 0 → 1)',
		routing: {
			request: { method: 'PUT', body: { docstatus: 1 } },
			send: { preSend: [toDocument, expectDocstatus(1)] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
