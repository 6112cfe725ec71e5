import type { INodeProperties } from 'n8n-workflow';

import { fieldValuesProperties } from './fields';
import { CHILD_TABLE_REPLACED } from './update';

const showOnlyForDocumentSetValue = { operation: ['setValue'], resource: ['document'] };

export const setValueFields: INodeProperties[] = [
	...fieldValuesProperties(showOnlyForDocumentSetValue, CHILD_TABLE_REPLACED),
];
