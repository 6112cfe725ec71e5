import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { triggerProperties } from './description';
import { assertManualSecret, frappeWebhookSecretTest } from './manual';
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
		// n8n's node panel shows this trigger and the Frappe node as one "Frappe" entry, with this
		// description.
		description:
			'Start workflows on document events in Frappe or ERPNext, and read and write documents, call methods and move files',
		defaults: { name: 'Frappe Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		// Automatic mode manages Webhooks through one of the three Frappe credentials; manual mode only
		// needs the secret of the Webhook the user made. Written out (not spread) so that n8n's lint
		// sees the testedBy.
		credentials: [
			{
				name: 'frappeApi',
				required: true,
				displayOptions: { show: { authentication: ['frappeApi'], mode: ['automatic'] } },
			},
			{
				name: 'frappeOAuth2Api',
				required: true,
				displayOptions: { show: { authentication: ['frappeOAuth2Api'], mode: ['automatic'] } },
			},
			{
				name: 'frappeSessionApi',
				required: true,
				displayOptions: { show: { authentication: ['frappeSessionApi'], mode: ['automatic'] } },
			},
			{
				name: 'frappeWebhookSecretApi',
				required: true,
				testedBy: 'frappeWebhookSecretTest',
				displayOptions: { show: { mode: ['manual'], requireSignature: [true] } },
			},
		],
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

	methods = { listSearch, credentialTest: { frappeWebhookSecretTest } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				if (!isAutomatic(this)) {
					await assertManualSecret(this);
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
