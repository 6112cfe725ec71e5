// Manual mode: the user made the Webhook in Frappe; its secret lives in a Frappe Webhook Secret
// credential (n8n encrypts credentials and keeps them out of the workflow and its executions).
// Activation refuses to start without it rather than accept unsigned deliveries; the credential's
// test says whether a secret is set.
import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IHookFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { WEBHOOK_SECRET_CREDENTIAL } from './receive';

export const MISSING_SECRET_MESSAGE =
	'Manual mode with Require Signature needs a Frappe Webhook Secret credential';

/**
 * testedBy of the Frappe Webhook Secret credential: there is nothing to call, so it checks that a
 * secret is set.
 */
export async function frappeWebhookSecretTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const secret = String(credential.data?.webhookSecret ?? '');
	if (secret.trim() === '') {
		return {
			status: 'Error',
			message:
				'Paste the Webhook Secret of the Webhook in Frappe (tick Enable Security there to get one)',
		};
	}
	return {
		status: 'OK',
		message:
			'A Webhook Secret is set. Whether it matches Frappe shows with the first delivery: one signed with another secret is refused with 401.',
	};
}

/** checkExists in manual mode: a signed Webhook needs its secret before n8n listens. */
export async function assertManualSecret(context: IHookFunctions): Promise<void> {
	if (context.getNodeParameter('requireSignature', true) === false) return;
	let secret = '';
	try {
		secret = String(
			(await context.getCredentials(WEBHOOK_SECRET_CREDENTIAL)).webhookSecret ?? '',
		).trim();
	} catch {
		secret = '';
	}
	if (secret !== '') return;
	// A workflow saved before 0.3 may still carry the secret as a node parameter, which is no longer
	// read.
	const oldParameter = 'secret' in (context.getNode().parameters ?? {});
	const notUsed = oldParameter
		? 'The Webhook Secret is no longer a field of the node, and the one saved in this workflow is not used. '
		: '';
	throw new NodeOperationError(context.getNode(), MISSING_SECRET_MESSAGE, {
		description: `${notUsed}Create a Frappe Webhook Secret credential with the Webhook Secret of the Webhook in Frappe and select it in this node, or turn off Require Signature.`,
	});
}
