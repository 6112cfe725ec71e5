// The harness itself: a minimal declarative node and a minimal webhook trigger, both defined here, run through
// n8n-core's engine against the Frappe-compatible test server over real sockets.
import { createHmac } from 'node:crypto';

import type {
	ICredentialType,
	IDataObject,
	IHookFunctions,
	INodeType,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { request } from 'undici';

import { startFrappeServer, type FrappeServer } from '../frappe-server';
import { N8nHarness } from './harness';
import { TriggerUnderTest } from './trigger';

const tokenCredential: ICredentialType = {
	name: 'minimalFrappeApi',
	displayName: 'Minimal Frappe API',
	properties: [
		{ displayName: 'Site URL', name: 'siteUrl', type: 'string', default: '' },
		{ displayName: 'API Key', name: 'apiKey', type: 'string', default: '' },
		{
			displayName: 'API Secret',
			name: 'apiSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
	],
	authenticate: {
		type: 'generic',
		properties: {
			headers: { Authorization: '=token {{$credentials.apiKey}}:{{$credentials.apiSecret}}' },
		},
	},
};

const minimalDeclarativeNode: INodeType = {
	description: {
		displayName: 'Minimal ToDo List',
		name: 'minimalTodoList',
		group: ['transform'],
		version: 1,
		description: 'Lists ToDos',
		defaults: { name: 'Minimal ToDo List' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'minimalFrappeApi', required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.siteUrl}}',
			headers: { Accept: 'application/json' },
		},
		properties: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: 'Open',
				routing: {
					request: {
						method: 'GET',
						url: '/api/resource/ToDo',
						qs: {
							fields: '["name","status","description"]',
							filters: '={{JSON.stringify([["status", "=", $value]])}}',
							order_by: 'name asc',
							limit_page_length: 0,
						},
					},
					output: { postReceive: [{ type: 'rootProperty', properties: { property: 'data' } }] },
				},
			},
		],
	},
};

const minimalTrigger: INodeType = {
	description: {
		displayName: 'Minimal Frappe Trigger',
		name: 'minimalFrappeTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Registers a Frappe Webhook and verifies deliveries',
		defaults: { name: 'Minimal Frappe Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'minimalFrappeApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
				responseData: '',
			},
		],
		properties: [],
	},
	webhookMethods: {
		default: {
			async checkExists(this: IHookFunctions) {
				const staticData = this.getWorkflowStaticData('node');
				if (!staticData.webhookName) return false;
				const credentials = await this.getCredentials('minimalFrappeApi');
				try {
					await this.helpers.httpRequestWithAuthentication.call(this, 'minimalFrappeApi', {
						method: 'GET',
						url: `${credentials.siteUrl as string}/api/resource/Webhook/${encodeURIComponent(staticData.webhookName as string)}`,
						json: true,
					});
					return true;
				} catch {
					return false;
				}
			},
			async create(this: IHookFunctions) {
				const credentials = await this.getCredentials('minimalFrappeApi');
				const staticData = this.getWorkflowStaticData('node');
				const secret = 'harness-secret';
				const name = 'harness-hook';
				await this.helpers.httpRequestWithAuthentication.call(this, 'minimalFrappeApi', {
					method: 'POST',
					url: `${credentials.siteUrl as string}/api/resource/Webhook`,
					json: true,
					body: {
						name,
						webhook_doctype: 'ToDo',
						webhook_docevent: 'after_insert',
						request_url: this.getNodeWebhookUrl('default'),
						request_method: 'POST',
						request_structure: 'JSON',
						webhook_json:
							'{"name": {{ doc.name | tojson }}, "description": {{ doc.description | tojson }}}',
						enable_security: 1,
						webhook_secret: secret,
					},
				});
				staticData.webhookName = name;
				staticData.secret = secret;
				return true;
			},
			async delete(this: IHookFunctions) {
				const credentials = await this.getCredentials('minimalFrappeApi');
				const staticData = this.getWorkflowStaticData('node');
				await this.helpers.httpRequestWithAuthentication.call(this, 'minimalFrappeApi', {
					method: 'DELETE',
					url: `${credentials.siteUrl as string}/api/resource/Webhook/${encodeURIComponent(staticData.webhookName as string)}`,
					json: true,
				});
				delete staticData.webhookName;
				delete staticData.secret;
				return true;
			},
		},
	},
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const secret = this.getWorkflowStaticData('node').secret as string;
		const expected = createHmac('sha256', secret).update(req.rawBody).digest('base64');
		if (req.headers['x-frappe-webhook-signature'] !== expected) {
			this.getResponseObject().status(401).send('Unauthorized').end();
			return { noWebhookResponse: true };
		}
		return { workflowData: [[{ json: JSON.parse(req.rawBody.toString('utf8')) as IDataObject }]] };
	},
};

describe('harness on the n8n-core engine', () => {
	let server: FrappeServer;
	let harness: N8nHarness;

	beforeAll(async () => {
		server = await startFrappeServer({ seed: 'demo' });
		harness = new N8nHarness({
			nodeTypes: {
				'test.minimalTodoList': minimalDeclarativeNode,
				'test.minimalFrappeTrigger': minimalTrigger,
			},
			credentialTypes: [tokenCredential],
		});
	});

	afterAll(async () => {
		await server.close();
	});

	function credential(secret = server.users.administrator.apiSecret) {
		return harness.addCredential('minimalFrappeApi', {
			siteUrl: server.url,
			apiKey: server.users.administrator.apiKey,
			apiSecret: secret,
		});
	}

	test('a declarative node runs through WorkflowExecute and RoutingNode with the generic credential applied', async () => {
		const expected = server.store
			.list('ToDo', { fields: ['name', 'status'], limit_page_length: 0 })
			.filter((todo) => todo.status === 'Open')
			.map((todo) => todo.name as string)
			.sort();
		expect(expected.length).toBeGreaterThan(0);

		const result = await harness.runNode({
			type: 'test.minimalTodoList',
			parameters: { status: 'Open' },
			credentials: { minimalFrappeApi: credential() },
		});

		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.name)).toEqual(expected);
		expect(result.items.every((item) => item.json.status === 'Open')).toBe(true);
		const sent = server.requests.filter((r: { path: string }) =>
			r.path.startsWith('/api/resource/ToDo?'),
		);
		expect(sent.at(-1)?.headers.authorization).toBe(
			`token ${server.users.administrator.apiKey}:${server.users.administrator.apiSecret}`,
		);
	});

	test('an HTTP error from the server fails the run with the engine-made NodeApiError', async () => {
		const result = await harness.runNode({
			type: 'test.minimalTodoList',
			parameters: { status: 'Open' },
			credentials: { minimalFrappeApi: credential('wrong-secret') },
		});
		expect(result.status).toBe('error');
		expect(String(result.error?.message)).toMatch(/Authorization failed|credentials/i);
		expect((result.error as { httpCode?: string }).httpCode).toBe('401');
	});

	test('a trigger registers through HookContext and receives a real delivery through WebhookContext', async () => {
		const trigger = await new TriggerUnderTest(harness, {
			type: 'test.minimalFrappeTrigger',
			parameters: {},
			credentials: { minimalFrappeApi: credential() },
		}).listen();
		try {
			expect(await trigger.hook('checkExists')).toBe(false);
			expect(await trigger.hook('create')).toBe(true);
			expect(await trigger.hook('checkExists')).toBe(true);
			expect(trigger.staticData).toEqual({
				'node:Frappe Trigger': { webhookName: 'harness-hook', secret: 'harness-secret' },
			});

			const body = Buffer.from('{"name": "TODO-HARNESS", "description": "from a real socket"}');
			const signature = createHmac('sha256', 'harness-secret').update(body).digest('base64');
			const accepted = await request(trigger.webhookUrl, {
				method: 'POST',
				body,
				headers: { 'x-frappe-webhook-signature': signature },
			});
			expect(accepted.statusCode).toBe(200);
			expect(await accepted.body.json()).toEqual({ message: 'Workflow was started' });

			const forged = await request(trigger.webhookUrl, {
				method: 'POST',
				body,
				headers: { 'x-frappe-webhook-signature': 'AAAA' },
			});
			expect(forged.statusCode).toBe(401);
			await forged.body.text();

			expect(trigger.executions).toEqual([
				[[{ json: { name: 'TODO-HARNESS', description: 'from a real socket' } }]],
			]);

			expect(await trigger.hook('delete')).toBe(true);
			expect(await trigger.hook('checkExists')).toBe(false);
		} finally {
			await trigger.close();
		}
	});
});
