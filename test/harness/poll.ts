// Runs a polling trigger the way n8n's app does for an active workflow: ActiveWorkflowTriggers.activatePollTrigger
// makes one PollContext (mode "trigger") for the whole activation and hands it to n8n-core's PollTriggerExecutor,
// which runs `poll()` once at activation (as a test run: an error fails the activation) and then at every tick of the
// schedule (an error is reported through `__emitError`, and the next tick polls again). What `poll()` returns is
// emitted through `__emit`, which is where the app saves the workflow's static data and starts an execution.
import { Container } from '@n8n/di';
import { PollContext, PollTriggerExecutor, WorkflowExecute } from 'n8n-core';
import type { IDataObject, INode, INodeExecutionData, IWorkflowBase, Workflow } from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';

import type { N8nHarness, NodeUnderTest } from './harness';

export interface PollTick {
	/** the items of the execution the poll started, or undefined when it emitted nothing */
	items?: INodeExecutionData[];
	/** the error the app would record as a failed trigger execution */
	error?: Error;
}

export class PollerUnderTest {
	readonly node: INode;

	readonly workflow: Workflow;

	/** every execution started, in order (each the node's first output) */
	readonly executions: INodeExecutionData[][] = [];

	readonly errors: Error[] = [];

	/** the workflow's static data as the app last saved it (on each emit), as JSON */
	savedStaticData = '{}';

	private context?: PollContext;

	private run?: (testingTrigger?: boolean) => Promise<void>;

	private current: PollTick = {};

	constructor(
		private readonly harness: N8nHarness,
		spec: NodeUnderTest,
		staticData: IDataObject = {},
	) {
		this.node = harness.toNode({ name: 'Frappe Poll Trigger', ...spec });
		this.workflow = harness.workflow([this.node], {}, staticData);
	}

	/** The node's static data (its watermark), as the running workflow holds it. */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	private pollContext(): PollContext {
		const workflowData = {
			id: this.workflow.id,
			name: this.workflow.name,
			nodes: [this.node],
			connections: {},
		} as unknown as IWorkflowBase;
		return new PollContext(
			this.workflow,
			this.node,
			this.harness.additionalData(workflowData),
			'trigger',
			'activate',
			(data) => {
				this.savedStaticData = JSON.stringify(this.workflow.staticData);
				const items = data[0] ?? [];
				this.executions.push(items);
				this.current.items = items;
			},
			(error) => {
				this.errors.push(error);
				this.current.error = error;
			},
		);
	}

	/** Activation: the context for all later polls, and the first poll at once; its error is thrown. */
	async activate(): Promise<PollTick> {
		this.context = this.pollContext();
		this.run = Container.get(PollTriggerExecutor).create(
			this.workflow,
			this.node,
			this.context,
			() => true,
		);
		return await this.tick(true);
	}

	/** One tick of the schedule. */
	async poll(): Promise<PollTick> {
		if (!this.run) throw new Error('Activate the poller first');
		return await this.tick(false);
	}

	/**
	 * "Fetch Test Event" in the editor: a manual execution of this workflow (WorkflowExecute runs the poll node with a
	 * PollContext in manual mode), over the same static data the active workflow holds.
	 */
	async fetchTestEvent(): Promise<{ items: INodeExecutionData[]; error?: Error }> {
		const workflowData = {
			id: this.workflow.id,
			name: this.workflow.name,
			nodes: [this.node],
			connections: {},
		} as unknown as IWorkflowBase;
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: this.node, data: { main: [[{ json: {} }]] }, source: null }],
			},
		});
		const run = await new WorkflowExecute(
			this.harness.additionalData(workflowData),
			'manual',
			runExecutionData,
		).processRunExecutionData(this.workflow);
		const output = run.data.resultData.runData[this.node.name]?.[0]?.data?.main?.[0] ?? [];
		return { items: output, error: run.data.resultData.error };
	}

	private async tick(testingTrigger: boolean): Promise<PollTick> {
		this.current = {};
		await this.run!(testingTrigger);
		return this.current;
	}
}
