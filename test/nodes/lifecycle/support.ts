// The lifecycle and desk tests' set-up: a workflow on Sales Voucher like the recorded "Purchase Request Approval"
// (test/fixtures/frappe-15.44.2/workflow/01): Draft → Pending (Review), Draft → Approved (Approve, only under 1,000),
// Pending → Approved / Rejected, Rejected → Pending, Approved → Cancelled; all for System Manager.
import type { Store } from '../../frappe-server';

export const SV = 'Sales Voucher';
export const WORKFLOW = 'Sales Voucher Approval';

export function defineSalesVoucherWorkflow(store: Store): void {
	for (const state of ['Draft', 'Pending', 'Approved', 'Rejected', 'Cancelled'])
		store.insert('Workflow State', { workflow_state_name: state });
	for (const action of ['Review', 'Approve', 'Reject', 'Cancel'])
		store.insert('Workflow Action Master', { workflow_action_name: action });
	const state = (name: string, docStatus: number) => ({
		state: name,
		doc_status: String(docStatus),
		allow_edit: 'System Manager',
	});
	const transition = (from: string, action: string, to: string, condition?: string) => ({
		state: from,
		action,
		next_state: to,
		allowed: 'System Manager',
		allow_self_approval: 1,
		condition: condition ?? null,
	});
	store.insert('Workflow', {
		workflow_name: WORKFLOW,
		document_type: SV,
		is_active: 1,
		workflow_state_field: 'workflow_state',
		states: [
			state('Draft', 0),
			state('Pending', 0),
			state('Approved', 1),
			state('Rejected', 0),
			state('Cancelled', 2),
		],
		transitions: [
			transition('Draft', 'Review', 'Pending'),
			transition('Draft', 'Approve', 'Approved', 'doc.grand_total < 1000'),
			transition('Pending', 'Approve', 'Approved'),
			transition('Pending', 'Reject', 'Rejected'),
			transition('Rejected', 'Review', 'Pending'),
			transition('Approved', 'Cancel', 'Cancelled'),
		],
	});
}

export function newVoucher(store: Store, customer: string, total: number): string {
	return store.insert(SV, {
		customer,
		posting_date: '2025-05-01',
		grand_total: total,
		items: [{ item: 'Widget', qty: 1, rate: total }],
	}).name as string;
}
