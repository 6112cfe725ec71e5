// Shared by the Document tests: the Frappe-compatible server, the engine harness with the Frappe node and the real
// credential types, and a short way to run one Document operation.
import type { IDataObject, INodeExecutionData, INodeParameterResourceLocator } from 'n8n-workflow';

import { FrappeApi } from '../../../credentials/FrappeApi.credentials';
import { FrappeOAuth2Api } from '../../../credentials/FrappeOAuth2Api.credentials';
import { FrappeSessionApi } from '../../../credentials/FrappeSessionApi.credentials';
import { Frappe } from '../../../nodes/Frappe/Frappe.node';
import {
	startFrappeServer,
	type FrappeServer,
	type FrappeServerOptions,
	type TestUser,
} from '../../frappe-server';
import {
	N8nHarness,
	type NodeRunResult,
	type NodeUnderTest,
	type StoredCredential,
} from '../../harness';

export const FRAPPE = 'n8n-nodes-frappe.frappe';

export type Version = 'v1' | 'v2';

export const byName = (value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'name',
	value,
});
export const fromList = (value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'list',
	value,
});
export const byUrl = (value: string): INodeParameterResourceLocator => ({
	__rl: true,
	mode: 'url',
	value,
});

export interface RunOptions {
	credential?: StoredCredential;
	continueOnFail?: boolean;
	input?: IDataObject[];
}

export class DocumentTestbed {
	readonly harness = new N8nHarness({
		nodeTypes: { [FRAPPE]: new Frappe() },
		credentialTypes: [new FrappeApi(), new FrappeOAuth2Api(), new FrappeSessionApi()],
	});

	readonly admin: StoredCredential;

	readonly clerk: StoredCredential;

	readonly limited: StoredCredential;

	private constructor(readonly server: FrappeServer) {
		this.admin = this.tokenCredential(server.users.administrator, 'Administrator');
		this.clerk = this.tokenCredential(server.users.clerk, 'Clerk');
		this.limited = this.tokenCredential(server.users.limited, 'Limited');
	}

	static async start(options: FrappeServerOptions = {}): Promise<DocumentTestbed> {
		return new DocumentTestbed(await startFrappeServer(options));
	}

	tokenCredential(user: Pick<TestUser, 'apiKey' | 'apiSecret'>, name?: string): StoredCredential {
		return this.harness.addCredential(
			'frappeApi',
			{ siteUrl: this.server.url, apiKey: user.apiKey, apiSecret: user.apiSecret },
			name,
		);
	}

	node(parameters: IDataObject, options: RunOptions = {}): NodeUnderTest {
		const credential = options.credential ?? this.admin;
		return {
			type: FRAPPE,
			name: 'Frappe',
			parameters: {
				authentication: credential.type,
				resource: 'document',
				...parameters,
			} as NodeUnderTest['parameters'],
			credentials: { [credential.type]: credential },
			continueOnFail: options.continueOnFail,
		};
	}

	/** Runs one Document operation; `doctype` may be a plain name. */
	async run(parameters: IDataObject, options: RunOptions = {}): Promise<NodeRunResult> {
		const withLocator =
			typeof parameters.doctype === 'string'
				? { ...parameters, doctype: byName(parameters.doctype) }
				: parameters;
		return await this.harness.runNode(this.node(withLocator, options), options.input ?? [{}]);
	}

	/** Runs and expects success; returns the output JSON. */
	async ok(parameters: IDataObject, options: RunOptions = {}): Promise<IDataObject[]> {
		const result = await this.run(parameters, options);
		if (result.status !== 'success') {
			throw new Error(
				`expected success, got ${result.status}: ${result.error?.message} (${result.error?.description})`,
			);
		}
		return result.items.map((item: INodeExecutionData) => item.json);
	}

	/** Requests the server received since `mark` (the length of `server.requests` before). */
	requestsSince(mark: number): string[] {
		return this.server.requests
			.slice(mark)
			.map((request) => `${request.method} ${decodeURIComponent(request.path)}`);
	}

	async close(): Promise<void> {
		await this.server.close();
	}
}

/** Field/value rows for the field picker. */
export function fieldRows(values: Record<string, unknown>): IDataObject {
	return { field: Object.entries(values).map(([fieldname, value]) => ({ fieldname, value })) };
}

export const VERSIONS: Version[] = ['v1', 'v2'];
