// A delivery: verify the signature over the exact body bytes first, then parse them. Nothing reads
// or re-serialises the body before the check (Frappe signs its Python json.dumps text, and any
// re-serialisation changes the bytes). A verified delivery whose bytes were already accepted within
// the repeat window is answered 200 and starts nothing.
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { textParameterOf } from '../shared/parameters';
import { deliveryItem, parseBody } from './payload';
import { acceptedWithin, deliveryFingerprint, remember, type DeliveryMemory } from './repeats';
import { SIGNATURE_HEADER, verifySignature } from './signature';

export const WEBHOOK_SECRET_CREDENTIAL = 'frappeWebhookSecretApi';

function answer(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/**
 * Manual mode's secret, from its credential; empty when none is set (every signed delivery is then
 * refused).
 */
async function manualSecret(context: IWebhookFunctions): Promise<string> {
	try {
		const credential = await context.getCredentials(WEBHOOK_SECRET_CREDENTIAL);
		return String(credential.webhookSecret ?? '');
	} catch {
		return '';
	}
}

export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const automatic = this.getNodeParameter('mode', 'automatic') === 'automatic';
	const request = this.getRequestObject();
	// Frappe sends no Content-Type unless a header row adds one; without it n8n has not read the body
	// yet.
	if (typeof request.readRawBody === 'function') await request.readRawBody();
	const raw: Buffer = Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0);

	const staticData = this.getWorkflowStaticData('node') as IDataObject;
	const requireSignature = automatic || this.getNodeParameter('requireSignature', true) !== false;
	if (requireSignature) {
		const secret = automatic ? String(staticData.webhookSecret ?? '') : await manualSecret(this);
		if (!verifySignature(secret, raw, request.headers[SIGNATURE_HEADER])) {
			this.logger.debug(
				'Frappe Trigger: refused a delivery without a valid X-Frappe-Webhook-Signature',
			);
			return answer(this, 401, 'Missing or invalid X-Frappe-Webhook-Signature');
		}
	}

	const parsed = parseBody(raw);
	if (!parsed.ok) return answer(this, 400, parsed.reason);

	if (this.getNodeParameter('ignoreRepeatedDeliveries', automatic) === true) {
		const windowMs = Math.max(1, Number(this.getNodeParameter('repeatWindowMinutes', 60))) * 60_000;
		const fingerprint = deliveryFingerprint(raw);
		const now = Date.now();
		const memory = staticData.recentDeliveries as DeliveryMemory | undefined;
		const acceptedAt = acceptedWithin(memory, fingerprint, now, windowMs);
		if (acceptedAt !== undefined) {
			this.logger.debug('Frappe Trigger: ignored a repeated delivery', { fingerprint });
			return answer(
				this,
				200,
				`Already received at ${new Date(acceptedAt).toISOString()}; ignored as a repeated delivery`,
			);
		}
		staticData.recentDeliveries = remember(memory, fingerprint, now, windowMs);
	}

	const item = deliveryItem(parsed.value, {
		event: automatic ? undefined : textParameterOf(this, 'manualEvent') || undefined,
		doctype: automatic
			? (staticData.doctype as string | undefined)
			: textParameterOf(this, 'manualDoctype') || undefined,
	});
	return { workflowData: [this.helpers.returnJsonArray([item])] };
}
