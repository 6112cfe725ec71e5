import {
	NodeConnectionTypes,
	NodeOperationError,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { triggerCredentials, triggerProperties } from './description';
import { receiveDelivery } from './receive';
import {
	createRegistration,
	deleteRegistration,
	isAutomatic,
	registrationIsIntact,
} from './registration';
import { listSearch } from './listSearch';

export class FrappeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Frappe Trigger',
		name: 'frappeTrigger',
		icon: { light: 'file:frappeTrigger.svg', dark: 'file:frappeTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{$parameter["mode"] === "manual" ? "Manual Webhook" : ($parameter["doctype"].cachedResultName || $parameter["doctype"].value || "") + ": " + ($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow when documents of a doctype are created, saved, submitted, cancelled or deleted in Frappe or ERPNext',
		defaults: { name: 'Frappe Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: triggerCredentials,
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = { listSearch };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) {
					const requireSignature = this.getNodeParameter('requireSignature', true) !== false;
					if (requireSignature && String(this.getNodeParameter('secret', '') ?? '') === '') {
						throw new NodeOperationError(
							this.getNode(),
							'Paste the Webhook Secret from the Webhook in Frappe, or turn off Require Signature',
						);
					}
					return true;
				}
				return await registrationIsIntact.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) return true;
				return await createRegistration.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteRegistration.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
