// Reading a doctype's workflow and a document's transitions from Frappe. The workflow comes with the doctype's form
// meta (`frappe.desk.form.load.getdoctype`, which any user who may read the doctype gets; v1's path, served by every
// version), kept a minute per site, credential and doctype; the transitions from
// `frappe.model.workflow.get_transitions`, which reloads the document and filters by the user's roles and the
// transitions' conditions.
import type { IDataObject } from 'n8n-workflow';

import { apiVersionOf, credentialTypeOf, type NodeContext } from '../../../shared/parameters';
import { methodPath, payloadOf } from '../../../shared/paths';
import { siteUrlOf } from '../../../shared/siteUrl';
import { frappeApiRequest } from '../../../shared/transport';
import { workflowFromMeta, type WorkflowDefinition } from './workflowDefinition';

const TIME_TO_LIVE_MS = 60 * 1000;
const CACHE_SIZE = 50;
const cache = new Map<
	string,
	{ expires: number; workflow: Promise<WorkflowDefinition | undefined> }
>();

async function fetchWorkflow(
	context: NodeContext,
	doctype: string,
): Promise<WorkflowDefinition | undefined> {
	const body = await frappeApiRequest.call(
		context,
		{ method: 'GET', url: methodPath('v1', 'frappe.desk.form.load.getdoctype'), qs: { doctype } },
		{ doctype },
	);
	return workflowFromMeta(body, doctype);
}

/** The doctype's active workflow, or undefined when it has none (or its meta cannot be read). */
export async function activeWorkflowOf(
	context: NodeContext,
	doctype: string,
): Promise<WorkflowDefinition | undefined> {
	const credentialType = credentialTypeOf(context);
	const reference = context.getNode().credentials?.[credentialType];
	const site = siteUrlOf(await context.getCredentials(credentialType));
	const key = [site, credentialType, reference?.id ?? reference?.name, doctype].join('\u0000');
	const now = Date.now();
	const cached = cache.get(key);
	if (cached && cached.expires > now) return await cached.workflow;
	const workflow = fetchWorkflow(context, doctype).catch(() => {
		cache.delete(key);
		return undefined;
	});
	cache.delete(key);
	cache.set(key, { expires: now + TIME_TO_LIVE_MS, workflow });
	while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
	return await workflow;
}

/** The `doc` argument of the workflow methods: Frappe reloads the document, so doctype and name are enough. */
export function workflowDocArgument(doctype: string, name: string): string {
	return JSON.stringify({ doctype, name });
}

/** The transitions the credential's user may take on the document now (Workflow Transition rows). */
export async function transitionsNow(
	context: NodeContext,
	doctype: string,
	name: string,
): Promise<IDataObject[]> {
	const body = await frappeApiRequest.call(
		context,
		{
			method: 'POST',
			url: methodPath(await apiVersionOf(context), 'frappe.model.workflow.get_transitions'),
			body: { doc: workflowDocArgument(doctype, name) },
		},
		{ doctype, documentName: name },
	);
	const payload = payloadOf(body);
	return Array.isArray(payload) ? (payload as IDataObject[]) : [];
}
