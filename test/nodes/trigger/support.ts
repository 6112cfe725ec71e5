// What the trigger tests share: the harness with the Frappe Trigger and the package's credential types, a test server
// with webhooks, and a trigger under test wired to both.
import type { INodeParameters } from 'n8n-workflow';
import { request } from 'undici';

import { FrappeApi } from '../../../credentials/FrappeApi.credentials';
import { FrappeOAuth2Api } from '../../../credentials/FrappeOAuth2Api.credentials';
import { FrappeSessionApi } from '../../../credentials/FrappeSessionApi.credentials';
import { FrappeWebhookSecretApi } from '../../../credentials/FrappeWebhookSecretApi.credentials';
import { FrappeTrigger } from '../../../nodes/FrappeTrigger/FrappeTrigger.node';
import { startFrappeServer, tokenHeader, type FrappeServer } from '../../frappe-server';
import type { Doc } from '../../frappe-server/types';
import { attachWebhooks, type WebhookEngine } from '../../frappe-server/webhooks';
import { N8nHarness, TriggerUnderTest } from '../../harness';

export const TRIGGER_TYPE = 'n8n-nodes-frappe.frappeTrigger';

export function triggerHarness(): N8nHarness {
	return new N8nHarness({
		nodeTypes: { [TRIGGER_TYPE]: new FrappeTrigger() },
		credentialTypes: [
			new FrappeApi(),
			new FrappeOAuth2Api(),
			new FrappeSessionApi(),
			new FrappeWebhookSecretApi(),
		],
	});
}

export interface Site {
	server: FrappeServer;
	webhooks: WebhookEngine;
	harness: N8nHarness;
	close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
	const server = await startFrappeServer({ seed: 'contract' });
	const webhooks = attachWebhooks(server, { retryDelaysMs: [5, 5, 5] });
	const harness = triggerHarness();
	return {
		server,
		webhooks,
		harness,
		close: async () => {
			await webhooks.close();
			await server.close();
		},
	};
}

export function automaticParameters(extra: INodeParameters = {}): INodeParameters {
	return {
		mode: 'automatic',
		authentication: 'frappeApi',
		doctype: { __rl: true, mode: 'name', value: 'ToDo' },
		events: ['after_insert'],
		condition: '',
		payload: 'document',
		...extra,
	};
}

/** A listening trigger in automatic mode, its credential the Administrator's API key. */
export async function automaticTrigger(
	site: Site,
	extra: INodeParameters = {},
	user = site.server.users.administrator,
): Promise<TriggerUnderTest> {
	const credential = site.harness.addCredential('frappeApi', {
		siteUrl: site.server.url,
		apiKey: user.apiKey,
		apiSecret: user.apiSecret,
	});
	return await new TriggerUnderTest(site.harness, {
		type: TRIGGER_TYPE,
		parameters: automaticParameters(extra),
		credentials: { frappeApi: credential },
	}).listen();
}

/**
 * A listening trigger in manual mode. `secret`, when given and not empty, goes into a Frappe Webhook Secret
 * credential selected on the node (manual mode's secret is no node parameter).
 */
export async function manualTrigger(
	harness: N8nHarness,
	{ secret, ...parameters }: INodeParameters & { secret?: string },
): Promise<TriggerUnderTest> {
	const credentials = secret
		? {
				frappeWebhookSecretApi: harness.addCredential('frappeWebhookSecretApi', {
					webhookSecret: secret,
				}),
			}
		: undefined;
	return await new TriggerUnderTest(harness, {
		type: TRIGGER_TYPE,
		parameters: { mode: 'manual', requireSignature: true, manualEvent: '', ...parameters },
		credentials,
	}).listen();
}

/** A request to the server's REST API as the Administrator. */
export async function api(
	server: FrappeServer,
	method: string,
	path: string,
	body?: unknown,
): Promise<{ status: number; body: Doc }> {
	const response = await request(`${server.url}${path}`, {
		method: method as 'GET',
		headers: {
			authorization: tokenHeader(server.users.administrator),
			'content-type': 'application/json',
			accept: 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.body.text();
	return { status: response.statusCode, body: (text ? JSON.parse(text) : {}) as Doc };
}

/** POSTs raw bytes to the trigger's URL, as anyone on the network could. */
export async function post(
	url: string,
	body: Buffer | string,
	headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
	const response = await request(url, { method: 'POST', body, headers });
	return { status: response.statusCode, text: await response.body.text() };
}
