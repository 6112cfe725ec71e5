// A doctype's active workflow as getdoctype sends it (`__workflow_docs`, FormMeta.load_workflows):
// its state field, states with the docstatus each stands for, and transitions; and what the node
// says with it. Pure.
import type { IDataObject } from 'n8n-workflow';

export interface WorkflowState {
	state: string;
	docStatus: number;
}

export interface WorkflowTransition {
	state: string;
	action: string;
	nextState: string;
	allowed: string;
	condition?: string;
}

export interface WorkflowDefinition {
	name: string;
	stateField: string;
	states: WorkflowState[];
	transitions: WorkflowTransition[];
}

function rows(value: unknown): IDataObject[] {
	return Array.isArray(value)
		? (value as IDataObject[]).filter((row) => row && typeof row === 'object')
		: [];
}

/**
 * The active Workflow among getdoctype's docs (the doctype's own doc carries `__workflow_docs`).
 */
export function workflowFromMeta(body: unknown, doctype: string): WorkflowDefinition | undefined {
	const docs = rows((body as IDataObject | undefined)?.docs);
	const main = docs.find((doc) => doc.name === doctype) ?? docs[0];
	const workflow = rows(main?.__workflow_docs).find(
		(doc) => doc.doctype === 'Workflow' && doc.document_type === doctype,
	);
	if (!workflow || Number(workflow.is_active ?? 1) !== 1) return undefined;
	return {
		name: String(workflow.name),
		stateField: String(workflow.workflow_state_field || 'workflow_state'),
		states: rows(workflow.states).map((row) => ({
			state: String(row.state),
			docStatus: Number(row.doc_status ?? 0),
		})),
		transitions: rows(workflow.transitions).map((row) => ({
			state: String(row.state),
			action: String(row.action),
			nextState: String(row.next_state),
			allowed: String(row.allowed ?? ''),
			condition: row.condition ? String(row.condition) : undefined,
		})),
	};
}

/** The docstatus a state stands for (0 when the state is unknown). */
export function docStatusOf(workflow: WorkflowDefinition, state: string): number {
	return workflow.states.find((row) => row.state === state)?.docStatus ?? 0;
}

/** The actions that lead from `state` to a state with docstatus `target` (1 submit, 2 cancel). */
export function actionsReaching(
	workflow: WorkflowDefinition,
	state: string,
	target: 1 | 2,
): string[] {
	const actions = workflow.transitions
		.filter((t) => t.state === state && docStatusOf(workflow, t.nextState) === target)
		.map((t) => t.action);
	return [...new Set(actions)];
}

/** Why Submit or Cancel is refused on a document the workflow governs, naming the action to use. */
export function workflowGovernsMessage(
	workflow: WorkflowDefinition,
	doctype: string,
	name: string,
	state: string,
	target: 1 | 2,
): { message: string; description: string } {
	const verb = target === 1 ? 'submitted' : 'cancelled';
	const plain = target === 1 ? 'submit' : 'cancel';
	const operation = target === 1 ? 'Submit' : 'Cancel';
	const actions = actionsReaching(workflow, state, target);
	const quoted = actions.map((action) => `"${action}"`).join(' or ');
	const message = actions.length
		? `${doctype} ${name} follows the workflow "${workflow.name}": use Apply Workflow Action with ${quoted} instead of ${operation}`
		: `${doctype} ${name} follows the workflow "${workflow.name}" and cannot be ${verb} from the state "${state}"`;
	const elsewhere = workflow.transitions
		.filter((t) => docStatusOf(workflow, t.nextState) === target && t.state !== state)
		.map((t) => `"${t.action}" from ${t.state}`);
	const others = elsewhere.length ? `; ${[...new Set(elsewhere)].join(', ')} does` : '';
	const description = actions.length
		? `On a doctype with an active workflow, documents are ${verb} by the workflow's actions, which also set the state (${workflow.stateField}) and check the roles allowed. A plain ${plain} would bypass them.`
		: `No action of the workflow leads from "${state}" to a ${verb} state${others}. Use Get Workflow Actions to see what is possible now.`;
	return { message, description };
}

/** An action the user may not take now: which ones they may. */
export function actionNotAllowedMessage(
	doctype: string,
	name: string,
	action: string,
	state: string,
	allowedNow: string[],
): { message: string; description: string } {
	const allowed = allowedNow.map((a) => `"${a}"`).join(', ');
	return {
		message: `"${action}" is not an action you can take on ${doctype} ${name} now (state "${state}")`,
		description: allowedNow.length
			? `Allowed now: ${allowed}. The workflow's transitions depend on the state, your roles and their conditions.`
			: 'No action is allowed now: the workflow has no transition from this state that your roles and its conditions allow.',
	};
}
