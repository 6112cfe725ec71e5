// What the items of one node run share. RoutingNode gives each item its own context, but all of
// them carry the same execute data (the node and its input), so that object is the key: the bound
// on parallel requests and the open bulk batches live as long as the run, and are forgotten with
// it.
import type { IExecuteSingleFunctions } from 'n8n-workflow';

export class NodeRun {
	private readonly values = new Map<string, unknown>();

	constructor(
		/** How many items the node was given; undefined where the engine does not say. */
		readonly itemCount: number | undefined,
	) {}

	/** The run's value under `key`, made by the first item that asks. */
	shared<T>(key: string, make: () => T): T {
		if (!this.values.has(key)) this.values.set(key, make());
		return this.values.get(key) as T;
	}
}

const runs = new WeakMap<object, NodeRun>();

export function runOf(context: IExecuteSingleFunctions): NodeRun {
	const executeData = context.getExecuteData() as unknown as object;
	const key = executeData && typeof executeData === 'object' ? executeData : context.getNode();
	let run = runs.get(key);
	if (!run) {
		const input = (executeData as { data?: { main?: unknown[][] } } | undefined)?.data?.main?.[0];
		run = new NodeRun(Array.isArray(input) ? input.length : undefined);
		runs.set(key, run);
	}
	return run;
}
