// What the poll trigger tests share: the harness with the Frappe Poll Trigger and the package's credential types, a
// test server, and a poller under test whose credential is one of the server's users.
import type { INodeParameters } from 'n8n-workflow';

import { FrappeApi } from '../../../credentials/FrappeApi.credentials';
import { FrappeOAuth2Api } from '../../../credentials/FrappeOAuth2Api.credentials';
import { FrappeSessionApi } from '../../../credentials/FrappeSessionApi.credentials';
import { FrappePollTrigger } from '../../../nodes/FrappePollTrigger/FrappePollTrigger.node';
import {
	startFrappeServer,
	type FrappeServer,
	type FrappeServerOptions,
	type TestUser,
} from '../../frappe-server';
import { N8nHarness, PollerUnderTest, type NodeUnderTest } from '../../harness';

export const POLL_TRIGGER_TYPE = 'n8n-nodes-frappe.frappePollTrigger';

export interface Site {
	server: FrappeServer;
	harness: N8nHarness;
	/** a poller on `doctype` for `event`, with the user's API key (default Administrator) */
	poller(parameters: INodeParameters, user?: TestUser): PollerUnderTest;
	/** the node as a workflow's trigger, for manual runs through WorkflowExecute */
	node(parameters: INodeParameters, user?: TestUser): NodeUnderTest;
	close(): Promise<void>;
}

export function pollParameters(parameters: INodeParameters): INodeParameters {
	const { doctype = 'ToDo', ...rest } = parameters;
	return {
		authentication: 'frappeApi',
		doctype: { __rl: true, mode: 'name', value: doctype },
		event: 'created',
		pollTimes: { item: [{ mode: 'everyMinute' }] },
		...rest,
	};
}

export async function startSite(options: FrappeServerOptions = {}): Promise<Site> {
	const server = await startFrappeServer({ seed: 'demo', ...options });
	const harness = new N8nHarness({
		nodeTypes: { [POLL_TRIGGER_TYPE]: new FrappePollTrigger() },
		credentialTypes: [new FrappeApi(), new FrappeOAuth2Api(), new FrappeSessionApi()],
	});
	const node = (parameters: INodeParameters, user = server.users.administrator): NodeUnderTest => {
		const credential = harness.addCredential('frappeApi', {
			siteUrl: server.url,
			apiKey: user.apiKey,
			apiSecret: user.apiSecret,
		});
		return {
			type: POLL_TRIGGER_TYPE,
			name: 'Frappe Poll Trigger',
			parameters: pollParameters(parameters),
			credentials: { frappeApi: credential },
		};
	};
	return {
		server,
		harness,
		node,
		poller: (parameters, user) => new PollerUnderTest(harness, node(parameters, user)),
		close: async () => await server.close(),
	};
}
