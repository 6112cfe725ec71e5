// Frappe's outgoing webhooks for the test server, plugged in through the server's public API:
//
//   const server = await startFrappeServer();
//   const webhooks = attachWebhooks(server, { retryDelaysMs: [10, 10, 10] });
//   … webhooks.attempts / webhooks.jobs / webhooks.busy …
//   await webhooks.close();
import type { Store } from '../store';
import type { DocEventListener } from '../types';
import { WebhookEngine, type WebhookEngineOptions } from './engine';

export { WebhookEngine, SIGNATURE_HEADER } from './engine';
export type { DeliveryAttempt, PreparedDelivery, WebhookEngineOptions, WebhookJob } from './engine';
export { docToPy } from './document';

export interface WebhookHost {
	store: Store;
	onDocEvent?: (listener: DocEventListener) => (() => void) | void;
}

/** Starts sending Frappe's webhooks for the server's committed document events. */
export function attachWebhooks(
	server: WebhookHost,
	options: WebhookEngineOptions = {},
): WebhookEngine {
	const engine = new WebhookEngine(server.store, options);
	return engine.attach((listener) => {
		const off = server.onDocEvent ? server.onDocEvent(listener) : server.store.onDocEvent(listener);
		return typeof off === 'function' ? off : () => undefined;
	});
}
