// Reading a doctype's workflow and a document's transitions from Frappe. The workflow comes with
// the doctype's form meta (`frappe.desk.form.load.getdoctype`, which any user who may read the
// doctype gets; v1's path, served by every version), kept a minute per site, credential and
// doctype; the transitions from `frappe.model.workflow.get_transitions`, which reloads the document
// and filters by the user's roles and the transitions' conditions.
import type { IDataObject } from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import { apiVersionOf, type NodeContext } from '../../../shared/parameters';
import { methodPath, payloadOf } from '../../../shared/paths';
import { siteCacheKey } from '../../../shared/siteCacheKey';
import { frappeApiRequest } from '../../../shared/transport';
import { TtlCache } from '../../../shared/ttlCache';
import { workflowFromMeta, type WorkflowDefinition } from './workflowDefinition';

const TIME_TO_LIVE_MS = 60 * 1000;
const CACHE_SIZE = 50;
/** `workflow` undefined: the doctype has none (kept as well). */
const cache = new TtlCache<{ workflow?: WorkflowDefinition }>(CACHE_SIZE, TIME_TO_LIVE_MS);

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
	const key = await siteCacheKey(context, doctype);
	// A form meta Frappe refuses is not kept: no workflow now, asked again next time.
	const cached = await cache.get(
		key,
		async () =>
			await fetchWorkflow(context, doctype).then(
				(workflow) => ({ workflow }),
				() => undefined,
			),
	);
	return cached?.workflow;
}

/**
 * The doctype's active workflow, for the operations that need one; a doctype without one is
 * refused, `hint` saying what to do instead.
 */
export async function requiredWorkflowOf(
	context: NodeContext,
	doctype: string,
	hint: string,
): Promise<WorkflowDefinition> {
	const workflow = await activeWorkflowOf(context, doctype);
	if (!workflow) throw parameterError(context, `${doctype} has no active workflow`, hint);
	return workflow;
}

/**
 * The `doc` argument of the workflow methods: Frappe reloads the document, so doctype and name are
 * enough.
 */
export function workflowDocArgument(doctype: string, name: string): string {
	return JSON.stringify({ doctype, name });
}

/**
 * The transitions the credential's user may take on the document now (Workflow Transition rows).
 */
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
