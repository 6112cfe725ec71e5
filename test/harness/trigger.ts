// Runs a webhook trigger the way n8n does: `webhookMethods` through n8n-core's HookContext (activation and
// deactivation), and `webhook()` through its WebhookContext, fed by real HTTP requests that arrive at a
// receiver listening on 127.0.0.1 — the URL the trigger registers with Frappe.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowBase,
	Workflow,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import type { N8nHarness, NodeUnderTest } from './harness';

export interface Delivery {
	method: string;
	path: string;
	headers: IncomingMessage['headers'];
	body: Buffer;
	status: number;
	responseBody: string;
	/** What the trigger emitted (one execution started), or undefined when it started none. */
	emitted?: INodeExecutionData[][];
	error?: unknown;
}

type WebhookMethod = 'checkExists' | 'create' | 'delete';

/** An express-like request over node's IncomingMessage, with the raw body read up front as n8n does. */
function toWebhookRequest(req: IncomingMessage, rawBody: Buffer, path: string) {
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const contentType = String(req.headers['content-type'] ?? '');
	let body: unknown;
	if (contentType.includes('application/json') && rawBody.length > 0) {
		try {
			body = JSON.parse(rawBody.toString('utf8'));
		} catch {
			body = undefined;
		}
	}
	return Object.assign(req, {
		rawBody,
		readRawBody: async () => undefined,
		body,
		query: Object.fromEntries(url.searchParams),
		params: {},
		path,
	});
}

/** An express-like response over node's ServerResponse, enough for what trigger nodes call. */
function toWebhookResponse(res: ServerResponse) {
	const response = Object.assign(res, {
		status(code: number) {
			res.statusCode = code;
			return response;
		},
		send(body?: unknown) {
			if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) {
				res.setHeader('content-type', 'application/json');
				res.end(JSON.stringify(body));
			} else {
				res.end(body as string | Buffer | undefined);
			}
			return response;
		},
		json(body: unknown) {
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(body));
			return response;
		},
		set(name: string, value: string) {
			res.setHeader(name, value);
			return response;
		},
		header(name: string, value: string) {
			res.setHeader(name, value);
			return response;
		},
	});
	return response;
}

export class TriggerUnderTest {
	readonly node: INode;

	readonly workflow: Workflow;

	readonly deliveries: Delivery[] = [];

	private server?: Server;

	private baseUrl = '';

	constructor(
		private readonly harness: N8nHarness,
		spec: NodeUnderTest,
	) {
		this.node = harness.toNode({
			webhookId: 'a1b2c3d4-0000-4000-8000-00000000f00d',
			name: 'Frappe Trigger',
			...spec,
		});
		this.workflow = harness.workflow([this.node], {}, {});
	}

	/** Starts the receiver on 127.0.0.1 (random port); `webhookUrl` is valid afterwards. */
	async listen(): Promise<this> {
		this.server = createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		const { port } = this.server.address() as AddressInfo;
		this.baseUrl = `http://127.0.0.1:${port}/webhook`;
		return this;
	}

	async close(): Promise<void> {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server!.close(() => resolve()));
		this.server = undefined;
	}

	get staticData(): IDataObject {
		return this.workflow.staticData as IDataObject;
	}

	private get webhookDescription(): IWebhookDescription {
		const nodeType = this.harness.nodeTypes.getByNameAndVersion(
			this.node.type,
			this.node.typeVersion,
		);
		const description = nodeType.description.webhooks?.[0];
		if (!description) throw new Error(`${this.node.type} declares no webhook`);
		return description;
	}

	private webhookPath(): string {
		const path = this.workflow.expression.getSimpleParameterValue(
			this.node,
			this.webhookDescription.path,
			'internal',
			{},
		) as string;
		return NodeHelpers.getNodeWebhookPath(this.workflow.id, this.node, path, false);
	}

	get webhookUrl(): string {
		return `${this.baseUrl}/${this.webhookPath()}`;
	}

	private additionalData(extra: IDataObject = {}) {
		const workflowData = {
			id: this.workflow.id,
			name: this.workflow.name,
			nodes: [this.node],
			connections: {},
		} as unknown as IWorkflowBase;
		return this.harness.additionalData(workflowData, {
			webhookBaseUrl: this.baseUrl,
			webhookTestBaseUrl: `${this.baseUrl}-test`,
			...extra,
		});
	}

	private webhookData(additionalData: ReturnType<N8nHarness['additionalData']>): IWebhookData {
		return {
			httpMethod: this.webhookDescription.httpMethod as IWebhookData['httpMethod'],
			node: this.node.name,
			path: this.webhookPath(),
			webhookDescription: this.webhookDescription,
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
		};
	}

	/** Runs `webhookMethods.default[method]` as n8n does on activation/deactivation. */
	async hook(method: WebhookMethod): Promise<boolean> {
		const nodeType = this.harness.nodeTypes.getByNameAndVersion(
			this.node.type,
			this.node.typeVersion,
		);
		const fn = nodeType.webhookMethods?.default?.[method];
		if (!fn) throw new Error(`${this.node.type} has no webhookMethods.default.${method}`);
		const additionalData = this.additionalData();
		const context = new HookContext(
			this.workflow,
			this.node,
			additionalData,
			'trigger',
			method === 'delete' ? 'manual' : 'activate',
			this.webhookData(additionalData),
		);
		return await fn.call(context);
	}

	/** Activation as n8n does it: create only when checkExists says the registration is missing. */
	async activate(): Promise<void> {
		if (!(await this.hook('checkExists'))) {
			await this.hook('create');
		}
	}

	get executions(): INodeExecutionData[][][] {
		return this.deliveries.flatMap((delivery) => (delivery.emitted ? [delivery.emitted] : []));
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		const delivery: Delivery = {
			method: req.method ?? 'GET',
			path,
			headers: req.headers,
			body: rawBody,
			status: 0,
			responseBody: '',
		};
		this.deliveries.push(delivery);
		const responseChunks: Buffer[] = [];
		const originalWrite = res.write.bind(res);
		const originalEnd = res.end.bind(res);
		res.write = ((chunk: unknown, ...rest: unknown[]) => {
			if (chunk) responseChunks.push(Buffer.from(chunk as string));
			return (originalWrite as (...args: unknown[]) => boolean)(chunk, ...rest);
		}) as typeof res.write;
		res.end = ((chunk?: unknown, ...rest: unknown[]) => {
			if (chunk && typeof chunk !== 'function') responseChunks.push(Buffer.from(chunk as string));
			delivery.status = res.statusCode;
			delivery.responseBody = Buffer.concat(responseChunks).toString('utf8');
			return (originalEnd as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
		}) as typeof res.end;

		if (
			path !== `/webhook/${this.webhookPath()}` ||
			req.method !== this.webhookDescription.httpMethod
		) {
			res.statusCode = 404;
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ code: 404, message: 'The requested webhook is not registered.' }));
			return;
		}

		const request = toWebhookRequest(req, rawBody, path);
		const response = toWebhookResponse(res);
		const additionalData = this.additionalData({
			httpRequest: request,
			httpResponse: response,
		} as IDataObject);
		const nodeType = this.harness.nodeTypes.getByNameAndVersion(
			this.node.type,
			this.node.typeVersion,
		);
		let result: IWebhookResponseData;
		try {
			const context = new WebhookContext(
				this.workflow,
				this.node,
				additionalData,
				'webhook',
				this.webhookData(additionalData),
				[],
				null,
			);
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			delivery.error = error;
			if (!res.writableEnded) {
				res.statusCode = 500;
				res.setHeader('content-type', 'application/json');
				res.end(JSON.stringify({ code: 0, message: (error as Error).message }));
			}
			return;
		}
		delivery.emitted = result.workflowData;
		if (result.noWebhookResponse === true || res.writableEnded) return;
		res.statusCode = 200;
		res.setHeader('content-type', 'application/json');
		if (result.workflowData === undefined) {
			res.end(JSON.stringify({ message: 'Webhook call received' }));
			return;
		}
		const responseData = this.webhookDescription.responseData;
		if (responseData === 'noData') {
			res.end();
		} else {
			res.end(JSON.stringify({ message: 'Workflow was started' }));
		}
	}
}
