// Runs workflows of our nodes through n8n-core's real engine: WorkflowExecute for regular and declarative nodes
// (declarative ones go through RoutingNode), LoadOptionsContext for pickers, and the same RoutingNode request the
// app's CredentialsTester makes for a credential's `test`. Every request goes over a real socket.
import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestRequest,
	ICredentialType,
	IConnections,
	IDataObject,
	IExecuteData,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodeCredentialTestResult,
	INodeParameters,
	INodePropertyOptions,
	INodeType,
	IRun,
	IRunExecutionData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { CredentialStore, TestCredentialsHelper, type StoredCredential } from './credentials';
import { TestNodeTypes } from './node-types';

export interface HarnessOptions {
	/** Node types by the type name used in workflows, e.g. `{ 'n8n-nodes-frappe.frappe': new Frappe() }`. */
	nodeTypes: Record<string, INodeType>;
	credentialTypes: ICredentialType[];
	webhookBaseUrl?: string;
}

export interface NodeUnderTest {
	type: string;
	parameters: INodeParameters;
	/** Credential type name → stored credential. */
	credentials?: Record<string, StoredCredential>;
	name?: string;
	typeVersion?: number;
	continueOnFail?: boolean;
	webhookId?: string;
}

export interface NodeRunResult {
	status: IRun['status'];
	/** The node's first output, or [] when it failed. */
	items: INodeExecutionData[];
	/** All outputs of the node. */
	outputs: INodeExecutionData[][];
	error?: IRun['data']['resultData']['error'];
	run: IRun;
}

let executionCounter = 0;

export class N8nHarness {
	readonly credentials = new CredentialStore();

	readonly credentialsHelper: TestCredentialsHelper;

	readonly nodeTypes: TestNodeTypes;

	readonly webhookBaseUrl: string;

	constructor(options: HarnessOptions) {
		this.nodeTypes = new TestNodeTypes(options.nodeTypes);
		this.credentialsHelper = new TestCredentialsHelper(this.credentials, options.credentialTypes);
		this.webhookBaseUrl = options.webhookBaseUrl ?? 'http://127.0.0.1:5678/webhook';
	}

	addCredential(
		type: string,
		data: ICredentialDataDecryptedObject,
		name?: string,
	): StoredCredential {
		return this.credentials.add(type, data, name);
	}

	toNode(spec: NodeUnderTest, index = 0): INode {
		const credentials: INodeCredentials = {};
		for (const [type, stored] of Object.entries(spec.credentials ?? {})) {
			credentials[type] = { id: stored.id, name: stored.name };
		}
		return {
			id: `node-${index}`,
			name: spec.name ?? `Node ${index}`,
			type: spec.type,
			typeVersion: spec.typeVersion ?? 1,
			position: [index * 200, 0],
			parameters: spec.parameters,
			credentials,
			continueOnFail: spec.continueOnFail,
			onError: spec.continueOnFail ? 'continueRegularOutput' : undefined,
			webhookId: spec.webhookId,
		};
	}

	workflow(nodes: INode[], connections: IConnections = {}, staticData: IDataObject = {}): Workflow {
		return new Workflow({
			id: 'wf-test',
			name: 'Test workflow',
			nodes,
			connections,
			active: false,
			nodeTypes: this.nodeTypes,
			staticData,
		});
	}

	additionalData(
		workflowData: IWorkflowBase,
		overrides: Partial<IWorkflowExecuteAdditionalData> = {},
	) {
		executionCounter += 1;
		const executionId = `exec-${executionCounter}`;
		return {
			executionId,
			credentialsHelper: this.credentialsHelper,
			hooks: new ExecutionLifecycleHooks('manual', executionId, workflowData),
			ssrfBridge: {
				validateUrl: async () => ({ ok: true }),
				validateIp: () => ({ ok: true }),
				// used by @n8n/client-oauth2 when n8n-core refreshes an OAuth2 token
				validateRedirectSync: () => undefined,
				createSecureLookup: () => undefined,
			},
			webhookBaseUrl: this.webhookBaseUrl,
			webhookTestBaseUrl: `${this.webhookBaseUrl}-test`,
			webhookWaitingBaseUrl: `${this.webhookBaseUrl}-waiting`,
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678',
			variables: {},
			currentNodeExecutionIndex: 0,
			...overrides,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/** Runs a chain of nodes, the first receiving `input`, each feeding the next. */
	async runChain(specs: NodeUnderTest[], input: IDataObject[] = [{}]): Promise<IRun> {
		const nodes = specs.map((spec, index) => this.toNode(spec, index));
		const connections: IConnections = {};
		for (let index = 0; index + 1 < nodes.length; index++) {
			connections[nodes[index].name] = {
				main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
			};
		}
		const workflow = this.workflow(nodes, connections);
		const workflowData = {
			id: workflow.id,
			name: workflow.name,
			active: false,
			isArchived: false,
			activeVersionId: null,
			createdAt: new Date(),
			updatedAt: new Date(),
			nodes,
			connections,
		} as unknown as IWorkflowBase;
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [
					{
						node: nodes[0],
						data: { main: [input.map((json, index) => ({ json, pairedItem: { item: index } }))] },
						source: null,
					},
				],
			},
		});
		const workflowExecute = new WorkflowExecute(
			this.additionalData(workflowData),
			'manual',
			runExecutionData,
		);
		return await workflowExecute.processRunExecutionData(workflow);
	}

	/** Runs one node on `input` items and returns its output. */
	async runNode(spec: NodeUnderTest, input: IDataObject[] = [{}]): Promise<NodeRunResult> {
		const name = spec.name ?? 'Node 0';
		const run = await this.runChain([{ ...spec, name }], input);
		const outputs = (run.data.resultData.runData[name]?.[0]?.data?.main ??
			[]) as INodeExecutionData[][];
		return {
			status: run.status,
			items: outputs[0] ?? [],
			outputs,
			error: run.data.resultData.error,
			run,
		};
	}

	private loadOptionsContext(spec: NodeUnderTest, path: string): ILoadOptionsFunctions {
		const node = this.toNode(spec);
		const workflow = this.workflow([node]);
		const workflowData = {
			id: workflow.id,
			name: workflow.name,
			nodes: [node],
			connections: {},
		} as unknown as IWorkflowBase;
		return new LoadOptionsContext(workflow, node, this.additionalData(workflowData), path);
	}

	/** Calls a node's `methods.listSearch[method]` the way the editor does for a resource locator's list mode. */
	async listSearch(
		spec: NodeUnderTest,
		method: string,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const nodeType = this.nodeTypes.getByNameAndVersion(spec.type, spec.typeVersion);
		const fn = nodeType.methods?.listSearch?.[method];
		if (!fn) throw new Error(`${spec.type} has no listSearch method ${method}`);
		return await fn.call(this.loadOptionsContext(spec, 'parameters'), filter, paginationToken);
	}

	/** Calls a node's `methods.loadOptions[method]` the way the editor does for an options field. */
	async loadOptions(
		spec: NodeUnderTest,
		method: string,
		path = 'parameters',
	): Promise<INodePropertyOptions[]> {
		const nodeType = this.nodeTypes.getByNameAndVersion(spec.type, spec.typeVersion);
		const fn = nodeType.methods?.loadOptions?.[method];
		if (!fn) throw new Error(`${spec.type} has no loadOptions method ${method}`);
		return await fn.call(this.loadOptionsContext(spec, path));
	}

	/**
	 * Tests a credential the way the app's CredentialsTester does for a declarative `test`: defaults applied, the
	 * test request run by RoutingNode on a temporary noOp node, then the rules checked.
	 */
	async testCredential(
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<INodeCredentialTestResult> {
		const credentialType = this.credentialsHelper.getType(type);
		const testRequest = credentialType.test as ICredentialTestRequest | undefined;
		if (!testRequest)
			return { status: 'Error', message: 'No testing function found for this credential.' };
		const stored = this.addCredential(type, data, `${type} under test`);
		const credentialsDecrypted: ICredentialsDecrypted = {
			id: stored.id,
			name: stored.name,
			type,
			data: this.credentialsHelper.applyDefaults(stored.data, type),
		};
		const nodeType: INodeType = {
			description: {
				displayName: 'No Operation',
				name: 'n8n-nodes-base.noOp',
				group: ['transform'],
				version: 1,
				description: '',
				defaults: { name: 'Temp-Node' },
				inputs: ['main'],
				outputs: ['main'],
				credentials: [{ name: type, required: true }],
				properties: [
					{
						displayName: 'Temp',
						name: 'temp',
						type: 'string',
						routing: { request: testRequest.request },
						default: '',
					},
				],
			},
		};
		const node: INode = {
			id: 'temp',
			name: 'Temp-Node',
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
			credentials: { [type]: { id: stored.id, name: stored.name } },
		};
		const nodeTypes = new TestNodeTypes({ 'n8n-nodes-base.noOp': nodeType });
		const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
		const workflowData = {
			id: 'credential-test',
			name: 'credential test',
			nodes: [node],
			connections: {},
		} as unknown as IWorkflowBase;
		const additionalData = this.additionalData(workflowData);
		const runExecutionData = { resultData: { runData: {} } } as unknown as IRunExecutionData;
		const executeData: IExecuteData = { node, data: {}, source: null };
		const context = new ExecuteContext(
			workflow,
			node,
			additionalData,
			'internal',
			runExecutionData,
			0,
			[],
			{ main: [[{ json: {} }]] },
			executeData,
			[],
		);
		let response: INodeExecutionData[][] | null | undefined;
		try {
			response = await new RoutingNode(context, nodeType, credentialsDecrypted).runNode();
		} catch (error) {
			const cause = (
				error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }
			).cause;
			if (cause?.response) {
				for (const rule of testRequest.rules ?? []) {
					if (rule.type === 'responseCode' && cause.response.status === rule.properties.value) {
						return { status: 'Error', message: rule.properties.message };
					}
				}
				if (cause.response.status < 199 || cause.response.status > 299) {
					return {
						status: 'Error',
						message:
							cause.response.statusText || `Received HTTP status code: ${cause.response.status}`,
					};
				}
			} else if (cause?.code) {
				return { status: 'Error', message: cause.code };
			}
			return { status: 'Error', message: (error as Error).message.toString() };
		}
		for (const rule of testRequest.rules ?? []) {
			if (rule.type === 'responseSuccessBody') {
				const body = response?.[0]?.[0]?.json;
				if (valueAtPath(body, rule.properties.key) === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
		}
		return { status: 'OK', message: 'Connection successful!' };
	}
}

function valueAtPath(value: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(current, key) => (current as Record<string, unknown> | undefined)?.[key],
			value,
		);
}
