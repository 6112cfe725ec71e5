// The Frappe node as an AI agent's tool ("frappeTool"), run the way n8n runs it: the tool variant is built from the
// node as n8n's NodeTypes builds a tool from a `usableAsTool` node (n8n-io/n8n packages/cli/src/node-types.ts and
// tool-generation/ai-tools.ts convertNodeToAiTool: name + "Tool", no main input, an ai_tool output, a Tool
// Description parameter; a declarative node gets an `execute` that runs RoutingNode). An agent stand-in node asks
// for its tools with getInputConnectionData('ai_tool'), which gives n8n-core's createNodeAsTool tools whose schema
// comes from the $fromAI() expressions in the tool's parameters, and invokes them with the arguments a model would
// send. Get Many and Create run through it against the Frappe-compatible test server.
import type { DynamicStructuredTool } from '@langchain/core/tools';
import {
	NodeConnectionTypes,
	NodeHelpers,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { RoutingNode } from 'n8n-core';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Frappe } from '../../../nodes/Frappe/Frappe.node';
import type { StoredCredential } from '../../harness';
import { byName, DocumentTestbed, fieldRows, FRAPPE } from '../document/support';

const FRAPPE_TOOL = `${FRAPPE}Tool`;
const AGENT = 'test.agentStandIn';

/** The tool variant of a usableAsTool node, as n8n's NodeTypes.getByNameAndVersion builds it. */
function toolVariantOf(nodeType: INodeType, version: number): INodeType {
	const versioned = NodeHelpers.getVersionedNodeType(nodeType, version);
	const original = versioned.description;
	const description: INodeTypeDescription = {
		...original,
		name: `${original.name}Tool`,
		displayName: `${original.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		properties: [
			{
				displayName: 'Tool Description',
				name: 'descriptionType',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Set Automatically', value: 'auto' },
					{ name: 'Set Manually', value: 'manual' },
				],
				default: 'auto',
			},
			{
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				default: original.description,
				displayOptions: { show: { descriptionType: ['manual'] } },
			},
			...original.properties,
		],
	};
	delete description.usableAsTool;
	const tool: INodeType = Object.create(versioned, { description: { value: description } });
	tool.execute = async function (this: IExecuteFunctions) {
		// n8n's NodeTypes passes the ExecuteContext it was called with
		return (await new RoutingNode(this as never, tool).runNode()) ?? [];
	};
	return tool;
}

interface ToolCall {
	tool: string;
	args: IDataObject;
}

/** Stands in for the AI Agent: takes its tools as n8n gives them and calls them as a model's tool calls would. */
const agentStandIn: INodeType = {
	description: {
		displayName: 'Agent stand-in',
		name: 'agentStandIn',
		group: ['transform'],
		version: 1,
		description: 'Calls its tools with fixed arguments',
		defaults: { name: 'Agent' },
		inputs: [
			NodeConnectionTypes.Main,
			{ type: NodeConnectionTypes.AiTool, displayName: 'Tools', required: true },
		],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Calls', name: 'calls', type: 'json', default: '[]' }],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const tools = (await this.getInputConnectionData(
			NodeConnectionTypes.AiTool,
			0,
		)) as DynamicStructuredTool[];
		const calls = JSON.parse(String(this.getNodeParameter('calls', 0))) as ToolCall[];
		const out: INodeExecutionData[] = [];
		for (const { tool: name, args } of calls) {
			const tool = tools.find((candidate) => candidate.name === name);
			if (!tool) throw new Error(`no tool ${name} among ${tools.map((t) => t.name).join(', ')}`);
			let answer: unknown;
			try {
				answer = JSON.parse(String(await tool.invoke(args)));
			} catch (error) {
				answer = { error: (error as Error).message };
			}
			out.push({
				json: {
					tool: name,
					description: tool.description,
					parameters: Object.keys((tool.schema as unknown as { shape: object }).shape),
					answer: answer as IDataObject,
				},
			});
		}
		return [out];
	},
};

let testbed: DocumentTestbed;

beforeAll(async () => {
	testbed = await DocumentTestbed.start({ version: 15 });
	testbed.harness.nodeTypes.add(FRAPPE_TOOL, toolVariantOf(new Frappe(), 1.1));
	testbed.harness.nodeTypes.add(AGENT, agentStandIn);
});
afterAll(async () => await testbed.close());

function toolNode(name: string, parameters: IDataObject, credential: StoredCredential) {
	return testbed.harness.toNode(
		{
			type: FRAPPE_TOOL,
			name,
			typeVersion: 1.1,
			parameters: { authentication: credential.type, resource: 'document', ...parameters },
			credentials: { [credential.type]: credential },
		},
		1,
	);
}

/** The two tools the tests give the agent: Get Many and Create of ToDo, parameters filled with $fromAI(). */
function defaultTools(): Array<{ name: string; parameters: IDataObject }> {
	return [
		{
			name: 'Get_ToDos',
			parameters: {
				operation: 'getMany',
				doctype: byName('ToDo'),
				returnAll: false,
				limit: "={{ $fromAI('limit', 'How many ToDos to return, 1 to 50', 'number') }}",
				filters: {
					conditions: [
						{
							field: 'status',
							operator: 'equals',
							value: "={{ $fromAI('status', 'Open, Closed or Cancelled', 'string') }}",
						},
					],
				},
			},
		},
		{
			name: 'Create_ToDo',
			parameters: {
				operation: 'create',
				doctype: byName('ToDo'),
				fieldValues: fieldRows({
					description: "={{ $fromAI('description', 'What needs doing, one sentence', 'string') }}",
					priority: "={{ $fromAI('priority', 'Low, Medium or High', 'string') }}",
				}),
			},
		},
	];
}

async function runAgent(calls: ToolCall[], credential = testbed.admin, tools = defaultTools()) {
	const harness = testbed.harness;
	const agent = harness.toNode({
		type: AGENT,
		name: 'Agent',
		parameters: { calls: JSON.stringify(calls) },
	});
	const toolNodes = tools.map(({ name, parameters }, index) => ({
		...toolNode(name, parameters, credential),
		id: `tool-${index}`,
		position: [index * 200, 400] as [number, number],
	}));
	const workflow = harness.workflow(
		[agent, ...toolNodes],
		Object.fromEntries(
			toolNodes.map((tool) => [
				tool.name,
				{ ai_tool: [[{ node: agent.name, type: 'ai_tool' as const, index: 0 }]] },
			]),
		),
	);
	const { WorkflowExecute } = await import('n8n-core');
	const { createRunExecutionData } = await import('n8n-workflow');
	const workflowData = {
		id: workflow.id,
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connectionsBySourceNode,
	} as never;
	const run = await new WorkflowExecute(
		harness.additionalData(workflowData),
		'manual',
		createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: agent, data: { main: [[{ json: {} }]] }, source: null }],
			},
		}),
	).processRunExecutionData(workflow);
	const items = (run.data.resultData.runData.Agent?.[0]?.data?.main?.[0] ??
		[]) as INodeExecutionData[];
	return { run, answers: items.map((item) => item.json), runData: run.data.resultData.runData };
}

describe('the Frappe node as an AI agent tool', () => {
	test('the tool variant: no main input, an ai_tool output, a Tool Description, the node’s own operations', () => {
		const tool = testbed.harness.nodeTypes.getByNameAndVersion(FRAPPE_TOOL, 1.1);
		expect(tool.description.inputs).toEqual([]);
		expect(tool.description.outputs).toEqual([NodeConnectionTypes.AiTool]);
		expect(tool.description.properties.map((p) => p.name)).toContain('toolDescription');
		expect(new Frappe().description.usableAsTool).toBe(true);
	});

	test('Get Many and Create with $fromAI parameters, called with a model’s arguments', async () => {
		const { run, answers, runData } = await runAgent([
			{ tool: 'Get_ToDos', args: { limit: 2, status: 'Open' } },
			{
				tool: 'Create_ToDo',
				args: { description: 'Call Acme about the invoice', priority: 'High' },
			},
		]);
		expect(run.status).toBe('success');
		const [getMany, create] = answers as Array<{
			description: string;
			parameters: string[];
			answer: IDataObject[];
		}>;

		// what the model reads: the tool's description (from the operation's action) and its parameters
		expect(getMany.description).toBe('Get many documents in Frappe');
		expect(getMany.parameters.sort()).toEqual(['limit', 'status']);
		expect(create.description).toBe('Create a document in Frappe');
		expect(create.parameters.sort()).toEqual(['description', 'priority']);

		expect(getMany.answer).toHaveLength(2);
		for (const row of getMany.answer) {
			expect(testbed.server.store.get('ToDo', String(row.name))?.status).toBe('Open');
		}

		expect(create.answer).toHaveLength(1);
		const [made] = create.answer;
		expect(made).toMatchObject({ description: 'Call Acme about the invoice', priority: 'High' });
		const stored = testbed.server.store.get('ToDo', String(made.name));
		expect(stored?.description).toBe('Call Acme about the invoice');

		// n8n records each tool call as a run of the tool node, with the model's arguments as its input
		expect(runData.Create_ToDo?.[0]?.inputOverride?.ai_tool?.[0]?.[0]?.json).toEqual({
			description: 'Call Acme about the invoice',
			priority: 'High',
		});
	});

	test('the tools of the AI Agent example (examples/workflows/09) work as they stand', async () => {
		const example = JSON.parse(
			readFileSync(
				join(__dirname, '../../../examples/workflows/09-ai-agent-todo-assistant.json'),
				'utf8',
			),
		) as { nodes: Array<{ name: string; type: string; parameters: IDataObject }> };
		const tools = example.nodes
			.filter((node) => node.type === FRAPPE_TOOL)
			.map(({ name, parameters }) => ({ name, parameters }));
		expect(tools.map((tool) => tool.name)).toEqual(['Find_ToDos', 'Create_ToDo']);
		const { run, answers } = await runAgent(
			[
				{ tool: 'Find_ToDos', args: { limit: 3, status: 'Open' } },
				{
					tool: 'Create_ToDo',
					args: { description: 'Send the signed contract', priority: 'Medium' },
				},
			],
			testbed.admin,
			tools,
		);
		expect(run.status).toBe('success');
		const [find, create] = answers as Array<{ description: string; answer: IDataObject[] }>;
		expect(find.description).toMatch(/^Lists ToDos in Frappe/);
		expect(find.answer).toHaveLength(3);
		expect(Object.keys(find.answer[0]).sort()).toEqual(
			['allocated_to', 'date', 'description', 'name', 'priority'].sort(),
		);
		expect(create.description).toBe('Create a document in Frappe');
		expect(create.answer[0]).toMatchObject({
			description: 'Send the signed contract',
			priority: 'Medium',
		});
	});

	test('a refusal reaches the model as Frappe’s own words, not a crash of the agent', async () => {
		const { run, answers } = await runAgent(
			[{ tool: 'Create_ToDo', args: { description: 'not allowed', priority: 'Low' } }],
			testbed.limited,
		);
		expect(run.status).toBe('success');
		const answer = (answers[0] as { answer: { error: string } }).answer;
		expect(answer.error).toMatch(/ToDo/);
		expect(answer.error).toMatch(/permission|not permitted|create/i);
	});
});
