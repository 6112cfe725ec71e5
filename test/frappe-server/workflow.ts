// Frappe's workflow engine (frappe/model/workflow.py) over the store: the active workflow of a doctype,
// get_transitions (by role and condition), apply_workflow (state, update_field, then save, submit or cancel by the
// next state's doc_status, and a "Workflow" comment), and validate_workflow, which every insert and save runs.
import { frappeThrow } from './errors';
import { evalPythonExpression } from './python';
import type { Store } from './store';
import type { Doc } from './types';

/** get_workflow_name: the doctype's active Workflow, if any. */
export function activeWorkflow(store: Store, doctype: string): Doc | undefined {
	if (!store.getMeta('Workflow')) return undefined;
	return store
		.rowsOf('Workflow')
		.find((workflow) => workflow.document_type === doctype && Number(workflow.is_active) === 1);
}

export function stateField(workflow: Doc): string {
	return String(workflow.workflow_state_field || 'workflow_state');
}

function statesOf(workflow: Doc): Doc[] {
	return (workflow.states as Doc[]) ?? [];
}

/** is_transition_condition_satisfied: frappe.safe_eval(condition, {doc}) */
function conditionHolds(transition: Doc, doc: Doc): boolean {
	const condition = String(transition.condition ?? '').trim();
	if (!condition) return true;
	return Boolean(evalPythonExpression(condition, { doc, frappe: {} }));
}

/** get_transitions: the transitions from the document's state the user's roles and the conditions allow. */
export function transitionsFor(store: Store, workflow: Doc, doc: Doc, user: string): Doc[] {
	const current = doc[stateField(workflow)];
	if (!current) throw frappeThrow('Workflow State not set', 'WorkflowStateError');
	const roles = new Set(store.rolesOf(user));
	return ((workflow.transitions as Doc[]) ?? []).filter(
		(transition) =>
			transition.state === current &&
			(user === 'Administrator' || roles.has(String(transition.allowed))) &&
			conditionHolds(transition, doc),
	);
}

function transitionRow(workflow: Doc, transition: Doc): Doc {
	return {
		...transition,
		parent: workflow.name,
		parentfield: 'transitions',
		parenttype: 'Workflow',
		doctype: 'Workflow Transition',
	};
}

/** frappe.model.workflow.get_transitions(doc): the doc is reloaded; only doctype and name are read. */
export function getTransitions(store: Store, doctype: string, name: unknown, user: string): Doc[] {
	const doc = store.getDoc(doctype, String(name ?? 'None'), { user });
	const workflow = activeWorkflow(store, doctype);
	if (!workflow) throw frappeThrow(`Workflow for ${doctype} not found`, 'DoesNotExistError');
	return transitionsFor(store, workflow, doc, user).map((row) => transitionRow(workflow, row));
}

/** frappe.model.workflow.apply_workflow(doc, action) */
export function applyWorkflow(
	store: Store,
	doctype: string,
	name: unknown,
	action: string,
	user: string,
): Doc {
	const doc = store.getDoc(doctype, String(name ?? 'None'), { user });
	const workflow = activeWorkflow(store, doctype);
	if (!workflow) throw frappeThrow(`Workflow for ${doctype} not found`, 'DoesNotExistError');
	const transition = transitionsFor(store, workflow, doc, user).find((t) => t.action === action);
	if (!transition) throw frappeThrow('Not a valid Workflow Action', 'WorkflowTransitionError');
	if (
		user !== 'Administrator' &&
		doc.owner === user &&
		Number(transition.allow_self_approval ?? 1) !== 1
	) {
		throw frappeThrow('Self approval is not allowed', 'WorkflowPermissionError');
	}
	const nextState = statesOf(workflow).find((state) => state.state === transition.next_state);
	if (!nextState) throw frappeThrow(`${String(transition.next_state)} is not a valid state`);
	const patch: Doc = { [stateField(workflow)]: nextState.state };
	if (nextState.update_field) patch[String(nextState.update_field)] = nextState.update_value;
	const from = Number(doc.docstatus ?? 0);
	const to = Number(nextState.doc_status ?? 0);
	if (from === 0 && to === 1) patch.docstatus = 1;
	else if (from === 1 && to === 2) patch.docstatus = 2;
	else if (!(from === to && from < 2)) {
		throw frappeThrow(`Illegal Document Status for ${String(nextState.state)}`);
	}
	const saved = store.saveDoc(doctype, String(doc.name), patch, { user, workflowAction: true });
	store.insertDoc(
		'Comment',
		{
			comment_type: 'Workflow',
			reference_doctype: doctype,
			reference_name: doc.name,
			content: nextState.state,
			comment_email: user,
			comment_by: user,
		},
		{ user, ignorePermissions: true },
	);
	return store.asDict(doctype, saved.doc, { nulls: false });
}

/**
 * validate_workflow (run on insert, save and submit, not on cancel): a new document takes the first state and may not
 * start in another; a changed state must be the next state of a transition the user may take. A plain submit moves
 * the state to the first state whose doc_status is 1 (set_workflow_state_on_action).
 */
export function validateWorkflow(
	store: Store,
	doctype: string,
	doc: Doc,
	before: Doc | undefined,
	user: string,
	action: 'insert' | 'save' | 'submit' | 'update_after_submit',
	viaWorkflowAction = false,
): void {
	const workflow = activeWorkflow(store, doctype);
	if (!workflow) return;
	const field = stateField(workflow);
	const states = statesOf(workflow);
	if (!states.length) return;
	if (action === 'submit' && !viaWorkflowAction) {
		const submitted = states.find((state) => Number(state.doc_status) === 1);
		if (submitted) doc[field] = submitted.state;
		return;
	}
	const first = String(states[0].state);
	if (!doc[field]) doc[field] = first;
	const current = before?.[field] ? String(before[field]) : first;
	const next = String(doc[field]);
	if (current === next) return;
	const allowed = before
		? transitionsFor(store, workflow, before, user).some((t) => t.next_state === next)
		: false;
	if (!allowed) {
		throw frappeThrow(
			`Workflow State transition not allowed from <strong>${current}</strong> to <strong>${next}</strong>`,
			'WorkflowPermissionError',
		);
	}
}

/** FormMeta.load_workflows: the Workflow and its Workflow State documents, for getdoctype's `__workflow_docs`. */
export function workflowDocs(store: Store, doctype: string): Doc[] {
	const workflow = activeWorkflow(store, doctype);
	if (!workflow) return [];
	const docs: Doc[] = [store.asDict('Workflow', workflow, { nulls: false })];
	for (const state of statesOf(workflow)) {
		const master = store.raw('Workflow State', String(state.state));
		if (master) docs.push(store.asDict('Workflow State', master, { nulls: false }));
	}
	return docs;
}
