import type { INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import { changesProperty, newDraftFrom } from './newDraft';

const showOnlyForDocumentAmend = { resource: ['document'], operation: ['amend'] };

const fields: INodeProperties[] = [
	documentNameProperty({ show: showOnlyForDocumentAmend }),
	changesProperty(showOnlyForDocumentAmend, '{"posting_date": "2025-06-30"}'),
];

export const amend: FrappeOperation = {
	option: {
		name: 'Amend',
		value: 'amend',
		action: 'Amend a cancelled document',
		description:
			'A new draft from a cancelled document (named like SINV-0001-1, with "Amended From" set); submit it when ready',
		routing: {
			request: { method: 'POST' },
			send: { preSend: [newDraftFrom('amend')] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
