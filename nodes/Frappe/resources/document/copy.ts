import type { INodeProperties } from 'n8n-workflow';

import { documentNameProperty } from '../../../shared/descriptions';
import type { FrappeOperation } from '../../operation';
import { unwrapPayload } from '../../output';
import { changesProperty, newDraftFrom } from './newDraft';

const showOnlyForDocumentCopy = { resource: ['document'], operation: ['copy'] };

const fields: INodeProperties[] = [
	documentNameProperty({ show: showOnlyForDocumentCopy }),
	changesProperty(showOnlyForDocumentCopy, '{"customer": "Globex Ltd"}'),
];

export const copy: FrappeOperation = {
	option: {
		name: 'Copy',
		value: 'copy',
		action: 'Copy a document',
		description:
			"A new draft like an existing document (the desk's Duplicate): its values and child rows, without its name, status and No Copy fields",
		routing: {
			request: { method: 'POST' },
			send: { preSend: [newDraftFrom('copy')] },
			output: { postReceive: [unwrapPayload] },
		},
	},
	fields,
};
