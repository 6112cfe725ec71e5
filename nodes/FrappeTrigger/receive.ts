// A delivery: verify the signature over the exact body bytes first, then parse them. Nothing reads or re-serialises
// the body before the check (Frappe signs its Python json.dumps text, and any re-serialisation changes the bytes).
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { deliveryItem, parseBody } from './payload';
import { SIGNATURE_HEADER, verifySignature } from './signature';

function refuse(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const automatic = this.getNodeParameter('mode', 'automatic') === 'automatic';
	const request = this.getRequestObject();
	// Frappe sends no Content-Type unless a header row adds one; without it n8n has not read the body yet.
	if (typeof request.readRawBody === 'function') await request.readRawBody();
	const raw: Buffer = Buffer.isBuffer(request.rawBody) ? request.rawBody : Buffer.alloc(0);

	const staticData = this.getWorkflowStaticData('node') as IDataObject;
	const requireSignature = automatic || this.getNodeParameter('requireSignature', true) !== false;
	if (requireSignature) {
		const secret = String(
			(automatic ? staticData.webhookSecret : this.getNodeParameter('secret', '')) ?? '',
		);
		if (!verifySignature(secret, raw, request.headers[SIGNATURE_HEADER])) {
			this.logger.debug(
				'Frappe Trigger: refused a delivery without a valid X-Frappe-Webhook-Signature',
			);
			return refuse(this, 401, 'Missing or invalid X-Frappe-Webhook-Signature');
		}
	}

	const parsed = parseBody(raw);
	if (!parsed.ok) return refuse(this, 400, parsed.reason);

	const item = deliveryItem(parsed.value, {
		event: automatic
			? undefined
			: String(this.getNodeParameter('manualEvent', '') ?? '') || undefined,
		doctype: automatic ? (staticData.doctype as string | undefined) : undefined,
	});
	return { workflowData: [this.helpers.returnJsonArray([item])] };
}
