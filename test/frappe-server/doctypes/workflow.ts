// Workflow (frappe/workflow/doctype/workflow) with its child tables and masters: Workflow Document State, Workflow
// Transition, Workflow State, Workflow Action Master. Saving an active workflow deactivates the doctype's other
// workflows, adds the state field to the doctype (Workflow.create_custom_field_for_workflow_state) and gives
// documents without a state the first state of their docstatus (Workflow.update_default_workflow_status).
import { makeDocField, type DocTypeSpec } from '../meta';
import type { Store } from '../store';
import type { Doc } from '../types';
import { f, FULL } from './common';
import type { CoreDocType } from './controller';

export const WORKFLOW_DOCUMENT_STATE_SPEC: DocTypeSpec = {
	name: 'Workflow Document State',
	module: 'Workflow',
	istable: 1,
	fields: [
		f('state', 'Link', 'State', { options: 'Workflow State', reqd: 1, in_list_view: 1 }),
		f('doc_status', 'Select', 'Doc Status', { options: '0\n1\n2', default: '0', in_list_view: 1 }),
		f('update_field', 'Select', 'Update Field'),
		f('update_value', 'Data', 'Update Value'),
		f('is_optional_state', 'Check', 'Is Optional State'),
		f('next_action_email_template', 'Link', 'Next Action Email Template', {
			options: 'Email Template',
		}),
		f('allow_edit', 'Link', 'Only Allow Edit For', { options: 'Role', reqd: 1 }),
		f('message', 'Text', 'Message'),
		f('workflow_builder_id', 'Data', 'Workflow Builder ID', { hidden: 1 }),
	],
};

export const WORKFLOW_TRANSITION_SPEC: DocTypeSpec = {
	name: 'Workflow Transition',
	module: 'Workflow',
	istable: 1,
	fields: [
		f('state', 'Link', 'State', { options: 'Workflow State', reqd: 1, in_list_view: 1 }),
		f('action', 'Link', 'Action', { options: 'Workflow Action Master', reqd: 1, in_list_view: 1 }),
		f('next_state', 'Link', 'Next State', { options: 'Workflow State', reqd: 1, in_list_view: 1 }),
		f('allowed', 'Link', 'Allowed', { options: 'Role', reqd: 1, in_list_view: 1 }),
		f('allow_self_approval', 'Check', 'Allow Self Approval', { default: '1' }),
		f('condition', 'Code', 'Condition'),
		f('workflow_builder_id', 'Data', 'Workflow Builder ID', { hidden: 1 }),
	],
};

export const WORKFLOW_SPEC: DocTypeSpec = {
	name: 'Workflow',
	module: 'Workflow',
	autoname: 'field:workflow_name',
	naming_rule: 'By fieldname',
	allow_rename: 1,
	fields: [
		f('workflow_name', 'Data', 'Workflow Name', { reqd: 1, unique: 1 }),
		f('document_type', 'Link', 'Document Type', { options: 'DocType', reqd: 1 }),
		f('is_active', 'Check', 'Is Active'),
		f('override_status', 'Check', "Don't Override Status"),
		f('send_email_alert', 'Check', 'Send Email Alert'),
		f('workflow_state_field', 'Data', 'Workflow State Field', { default: 'workflow_state' }),
		f('states', 'Table', 'Document States', { options: 'Workflow Document State' }),
		f('transitions', 'Table', 'Transition Rules', { options: 'Workflow Transition' }),
		f('workflow_data', 'JSON', 'Workflow Data', { hidden: 1 }),
	],
	permissions: [{ role: 'System Manager', ...FULL }],
};

export const WORKFLOW_STATE_SPEC: DocTypeSpec = {
	name: 'Workflow State',
	module: 'Workflow',
	autoname: 'field:workflow_state_name',
	naming_rule: 'By fieldname',
	fields: [
		f('workflow_state_name', 'Data', 'State', { reqd: 1, unique: 1 }),
		f('icon', 'Data', 'Icon'),
		f('style', 'Select', 'Style', {
			options: '\nPrimary\nInfo\nSuccess\nWarning\nDanger\nInverse',
		}),
	],
	permissions: [
		{ role: 'System Manager', ...FULL },
		{ role: 'All', read: 1 },
	],
};

export const WORKFLOW_ACTION_MASTER_SPEC: DocTypeSpec = {
	name: 'Workflow Action Master',
	module: 'Workflow',
	autoname: 'field:workflow_action_name',
	naming_rule: 'By fieldname',
	fields: [f('workflow_action_name', 'Data', 'Workflow Action Name', { reqd: 1, unique: 1 })],
	permissions: [
		{ role: 'System Manager', ...FULL },
		{ role: 'All', read: 1 },
	],
};

function applyWorkflowToDoctype(workflow: Doc, store: Store): void {
	if (!workflow.is_active) return;
	for (const other of store.rowsOf('Workflow')) {
		if (other.name !== workflow.name && other.document_type === workflow.document_type)
			other.is_active = 0;
	}
	const meta = store.getMeta(String(workflow.document_type));
	if (!meta) return;
	const fieldname = String(workflow.workflow_state_field || 'workflow_state');
	if (!meta.field(fieldname)) {
		meta.fields.push(
			makeDocField(
				meta.name,
				meta.fields.length + 1,
				{
					fieldname,
					label: 'Workflow State',
					fieldtype: 'Link',
					options: 'Workflow State',
					hidden: 1,
					allow_on_submit: 1,
					no_copy: 1,
					read_only: 1,
				},
				{ creation: store.clock.timestamp(), modified: store.clock.timestamp() },
				() => `wf-${fieldname}`,
				true,
			),
		);
	}
	const states = (workflow.states as Doc[]) ?? [];
	for (const doc of store.rowsOf(meta.name)) {
		if (doc[fieldname]) continue;
		const first = states.find((s) => Number(s.doc_status) === Number(doc.docstatus ?? 0));
		if (first) doc[fieldname] = first.state;
	}
}

export const WORKFLOW: CoreDocType = {
	spec: WORKFLOW_SPEC,
	controller: { onUpdate: applyWorkflowToDoctype },
};
export const WORKFLOW_DOCUMENT_STATE: CoreDocType = { spec: WORKFLOW_DOCUMENT_STATE_SPEC };
export const WORKFLOW_TRANSITION: CoreDocType = { spec: WORKFLOW_TRANSITION_SPEC };
export const WORKFLOW_STATE: CoreDocType = { spec: WORKFLOW_STATE_SPEC };
export const WORKFLOW_ACTION_MASTER: CoreDocType = { spec: WORKFLOW_ACTION_MASTER_SPEC };
