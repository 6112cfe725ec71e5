import {
	NodeConnectionTypes,
	type ILoadOptionsFunctions,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { credentialDescriptions } from '../shared/descriptions';
import { getFilterFields } from '../shared/filterFields';
import { searchDoctypes, type ListSearchMethod } from '../shared/searchDoctypes';
import { pollTriggerProperties } from './description';
import { pollChanges } from './poll';

export class FrappePollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Frappe Poll Trigger',
		name: 'frappePollTrigger',
		icon: { light: 'file:frappePollTrigger.svg', dark: 'file:frappePollTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{($parameter["doctype"].cachedResultName || $parameter["doctype"].value || "") + ": " + $parameter["event"]}}',
		description:
			'Starts the workflow when documents of a doctype are created, updated, submitted, cancelled or deleted in Frappe or ERPNext, by asking Frappe at regular times (no inbound connection needed)',
		defaults: { name: 'Frappe Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: credentialDescriptions,
		properties: pollTriggerProperties,
	};

	methods = {
		listSearch: { searchDoctypes } as Record<string, ListSearchMethod>,
		loadOptions: { getFilterFields } as Record<
			string,
			(this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>
		>,
	};

	poll = pollChanges;
}
