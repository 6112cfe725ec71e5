import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The secret of a Webhook made by hand in Frappe (Integrations → Webhook, "Enable Security"), for
 * the Frappe Trigger's manual mode. Kept as a credential so that n8n encrypts it and never writes
 * it into the workflow or its executions. Frappe signs each delivery with it:
 * `X-Frappe-Webhook-Signature: base64(HMAC-SHA256(secret, body))`.
 */
export class FrappeWebhookSecretApi implements ICredentialType {
	name = 'frappeWebhookSecretApi';

	displayName = 'Frappe Webhook Secret API';

	icon: Icon = { light: 'file:frappe.svg', dark: 'file:frappe.dark.svg' };

	documentationUrl = 'https://docs.frappe.io/framework/user/en/guides/integration/webhooks';

	properties: INodeProperties[] = [
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The Webhook Secret of the Webhook in Frappe (tick Enable Security there; Frappe shows the secret in the Webhook form)',
		},
	];
}
