import type { INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import { unwrapPayload } from '../../output';
import type { FrappeOperation } from '../../operation';
import { expectDocstatus } from './docstatus';
import { toDocument } from './urls';

const showOnlyForDocumentCancel = { resource: ['document'], operation: ['cancel'] };

const fields: INodeProperties[] = [documentNameProperty({ show: showOnlyForDocumentCancel })];

export const cancel: FrappeOperation = {
	option: {
		name: 'Cancel',
		value: 'cancel',
		action: 'Cancel a document',
		description: 'Cancel a submitted document (docstatus 1 → 2)',
		routing: {
			request: { method: 'PUT', body: { docstatus: 2 } },
			send: { preSend: [toDocument, expectDocstatus(2)] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
