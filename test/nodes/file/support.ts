// Shared by the Method and File tests: the engine harness with the Frappe node and the real credential types, a
// node that turns JSON into binary input (the harness feeds JSON items only), and small helpers.
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	NodeApiError,
} from 'n8n-workflow';

import {
	startFrappeServer,
	type FrappeServer,
	type FrappeServerOptions,
} from '../../frappe-server';
import type { NodeRunResult } from '../../harness';

import { FrappeApi } from '../../../credentials/FrappeApi.credentials';
import { FrappeSessionApi } from '../../../credentials/FrappeSessionApi.credentials';
import { Frappe } from '../../../nodes/Frappe/Frappe.node';
import { N8nHarness, type NodeUnderTest } from '../../harness';
import type { StoredCredential } from '../../harness';

export const FRAPPE = 'n8n-nodes-frappe.frappe';
export const BINARY_SOURCE = 'test.binarySource';

/**
 * A test-only node: each input item `{ base64, fileName, mimeType, property? }` becomes an item with that binary,
 * stored through n8n's own `prepareBinaryData` (so in the default in-memory binary mode, as in the app's default).
 */
export const binarySourceNode: INodeType = {
	description: {
		displayName: 'Binary Source',
		name: 'binarySource',
		group: ['transform'],
		version: 1,
		description: 'Makes binary items for tests',
		defaults: { name: 'Binary Source' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (const [index, item] of items.entries()) {
			const { base64, fileName, mimeType, property } = item.json as IDataObject;
			const binary = await this.helpers.prepareBinaryData(
				Buffer.from(String(base64 ?? ''), 'base64'),
				fileName as string | undefined,
				mimeType as string | undefined,
			);
			if (mimeType) binary.mimeType = String(mimeType);
			output.push({
				json: { fileName: fileName ?? null },
				binary: { [String(property ?? 'data')]: binary },
				pairedItem: { item: index },
			});
		}
		return [output];
	},
};

export function newHarness(): N8nHarness {
	const harness = new N8nHarness({
		nodeTypes: { [FRAPPE]: new Frappe(), [BINARY_SOURCE]: binarySourceNode },
		credentialTypes: [new FrappeApi(), new FrappeSessionApi()],
	});
	return harness;
}

export interface ApiUser {
	apiKey: string;
	apiSecret: string;
}

export function tokenCredential(
	harness: N8nHarness,
	siteUrl: string,
	user: ApiUser,
	name?: string,
): StoredCredential {
	return harness.addCredential(
		'frappeApi',
		{ siteUrl, apiKey: user.apiKey, apiSecret: user.apiSecret },
		name,
	);
}

export function frappeNode(
	credential: StoredCredential,
	parameters: IDataObject,
	extra: Partial<NodeUnderTest> = {},
): NodeUnderTest {
	return {
		type: FRAPPE,
		name: 'Frappe',
		parameters: { authentication: credential.type, ...parameters } as NodeUnderTest['parameters'],
		credentials: { [credential.type]: credential },
		...extra,
	};
}

export function binaryItem(
	data: Buffer,
	fileName: string,
	mimeType: string,
	property = 'data',
): IDataObject {
	return { base64: data.toString('base64'), fileName, mimeType, property };
}

/** The output of the last node of a chain run. */
export function lastNodeOutput(
	run: Awaited<ReturnType<N8nHarness['runChain']>>,
	name: string,
): INodeExecutionData[] {
	return (run.data.resultData.runData[name]?.[0]?.data?.main?.[0] ?? []) as INodeExecutionData[];
}

/** A test server, an engine harness and token credentials for its three users. */
export class Testbed {
	private constructor(
		readonly server: FrappeServer,
		readonly harness: N8nHarness,
		readonly admin: StoredCredential,
		readonly clerk: StoredCredential,
		readonly limited: StoredCredential,
	) {}

	static async start(options: FrappeServerOptions = {}): Promise<Testbed> {
		const server = await startFrappeServer(options);
		const harness = newHarness();
		const { administrator, clerk, limited } = server.users;
		return new Testbed(
			server,
			harness,
			tokenCredential(harness, server.url, administrator, 'Administrator'),
			tokenCredential(harness, server.url, clerk, 'Clerk'),
			tokenCredential(harness, server.url, limited, 'Limited'),
		);
	}

	async run(
		parameters: IDataObject,
		options: {
			credential?: StoredCredential;
			input?: IDataObject[];
			continueOnFail?: boolean;
		} = {},
	) {
		return await this.harness.runNode(
			frappeNode(options.credential ?? this.admin, parameters, {
				continueOnFail: options.continueOnFail,
			}),
			options.input,
		);
	}

	/** Runs the node after a Binary Source node fed with `files` (see binaryItem). */
	async runWithBinary(
		parameters: IDataObject,
		files: IDataObject[],
		options: { credential?: StoredCredential; continueOnFail?: boolean } = {},
	): Promise<NodeRunResult> {
		const run = await this.harness.runChain(
			[
				{ type: BINARY_SOURCE, name: 'Binary Source', parameters: {} },
				frappeNode(options.credential ?? this.admin, parameters, {
					continueOnFail: options.continueOnFail,
				}),
			],
			files,
		);
		const outputs = (run.data.resultData.runData.Frappe?.[0]?.data?.main ??
			[]) as INodeExecutionData[][];
		return {
			status: run.status,
			items: outputs[0] ?? [],
			outputs,
			error: run.data.resultData.error,
			run,
		};
	}

	/** The items of a successful run. */
	async ok(
		parameters: IDataObject,
		options: { credential?: StoredCredential; input?: IDataObject[] } = {},
	) {
		const result = await this.run(parameters, options);
		if (result.status !== 'success')
			throw new Error(
				`run failed: ${result.error?.message} (${(result.error as NodeApiError | undefined)?.description ?? ''})`,
			);
		return result.items;
	}

	async close(): Promise<void> {
		await this.server.close();
	}
}

/** The error of a failed run, checked to be free of Frappe's raw JSON, HTML and tracebacks. */
export function failureOf(result: NodeRunResult): {
	message: string;
	description: string;
	httpCode: string;
} {
	expect(result.status).toBe('error');
	const error = result.error as unknown as NodeApiError;
	const text = `${error.message}\n${error.description ?? ''}`;
	expect(text).not.toMatch(
		/Traceback|_server_messages|"exc_type"|"exception"|<html|<!DOCTYPE|<details|<strong/i,
	);
	return {
		message: error.message,
		description: String(error.description ?? ''),
		httpCode: String(error.httpCode),
	};
}
