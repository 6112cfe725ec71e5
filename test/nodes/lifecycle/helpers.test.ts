// The pure modules behind the lifecycle operations: the workflow definition read from getdoctype and the refusals
// it words, the draft a copy or amendment sends, and the child tables a field list reads.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { childDoctypesOf, inBatches } from '../../../nodes/Frappe/resources/document/childRows';
import {
	draftCopy,
	noCopyFieldsFromMeta,
} from '../../../nodes/Frappe/resources/document/copyDocument';
import {
	actionNotAllowedMessage,
	actionsReaching,
	workflowFromMeta,
	workflowGovernsMessage,
} from '../../../nodes/Frappe/resources/document/workflowDefinition';

const FIXTURES = path.join(__dirname, '../../fixtures/frappe-15.44.2');

/** The recorded Workflow (workflow/01's request) as getdoctype's `__workflow_docs` carries it. */
function recordedWorkflowMeta() {
	const recording = JSON.parse(
		readFileSync(path.join(FIXTURES, 'workflow/01-create-workflow.json'), 'utf8'),
	);
	const workflow = {
		...recording.request.body.value,
		doctype: 'Workflow',
		name: 'Purchase Request Approval',
	};
	return { docs: [{ name: 'Purchase Request', fields: [], __workflow_docs: [workflow] }] };
}

describe('workflowFromMeta', () => {
	it('reads the recorded workflow: state field, states with their docstatus, transitions', () => {
		const workflow = workflowFromMeta(recordedWorkflowMeta(), 'Purchase Request')!;
		expect(workflow.name).toBe('Purchase Request Approval');
		expect(workflow.stateField).toBe('workflow_state');
		expect(workflow.states.map((s) => [s.state, s.docStatus])).toEqual([
			['Draft', 0],
			['Pending', 0],
			['Approved', 1],
			['Rejected', 0],
			['Cancelled', 2],
		]);
		expect(actionsReaching(workflow, 'Draft', 1)).toEqual(['Approve']);
		expect(actionsReaching(workflow, 'Approved', 2)).toEqual(['Cancel']);
		expect(actionsReaching(workflow, 'Rejected', 1)).toEqual([]);
	});

	it('finds none when the doctype has no active workflow', () => {
		expect(
			workflowFromMeta({ docs: [{ name: 'ToDo', __workflow_docs: [] }] }, 'ToDo'),
		).toBeUndefined();
		expect(
			workflowFromMeta({ docs: [{ name: 'ToDo', __workflow_docs: null }] }, 'ToDo'),
		).toBeUndefined();
		expect(workflowFromMeta({}, 'ToDo')).toBeUndefined();
	});

	it('words the refusals with the actions to use', () => {
		const workflow = workflowFromMeta(recordedWorkflowMeta(), 'Purchase Request')!;
		expect(
			workflowGovernsMessage(workflow, 'Purchase Request', 'PREQ-1', 'Pending', 1).message,
		).toBe(
			'Purchase Request PREQ-1 follows the workflow "Purchase Request Approval": use Apply Workflow Action with "Approve" instead of Submit',
		);
		const rejected = workflowGovernsMessage(workflow, 'Purchase Request', 'PREQ-1', 'Rejected', 1);
		expect(rejected.message).toContain('cannot be submitted from the state "Rejected"');
		expect(rejected.description).toContain('"Approve" from Draft, "Approve" from Pending does');
		expect(
			actionNotAllowedMessage('PR', 'X', 'Cancel', 'Pending', ['Approve', 'Reject']).description,
		).toContain('Allowed now: "Approve", "Reject"');
	});
});

describe('draftCopy', () => {
	const doc = {
		name: 'SV-1',
		owner: 'a',
		creation: 'c',
		modified: 'm',
		modified_by: 'a',
		docstatus: 2,
		idx: 0,
		doctype: 'Sales Voucher',
		customer: 'Acme',
		workflow_state: 'Cancelled',
		amended_from: 'SV-0',
		_user_tags: ',x',
		items: [
			{
				name: 'r1',
				parent: 'SV-1',
				parentfield: 'items',
				parenttype: 'Sales Voucher',
				idx: 1,
				doctype: 'Sales Voucher Item',
				item: 'W',
				qty: 2,
				secret: 's',
			},
		],
	};

	it('drops names, status, timestamps, links to the parent and No Copy fields, at both levels', () => {
		const noCopy = noCopyFieldsFromMeta({
			docs: [
				{
					name: 'Sales Voucher',
					fields: [
						{ fieldname: 'workflow_state', no_copy: 1 },
						{ fieldname: 'customer', no_copy: 0 },
					],
				},
				{ name: 'Sales Voucher Item', fields: [{ fieldname: 'secret', no_copy: 1 }] },
			],
		});
		expect(draftCopy(doc, noCopy)).toEqual({ customer: 'Acme', items: [{ item: 'W', qty: 2 }] });
	});
});

describe('childDoctypesOf', () => {
	it('finds child tables by table field or by quoted table name, not Link fields', () => {
		const tables = { items: 'Sales Voucher Item' };
		expect(childDoctypesOf(['name', 'items.item', 'items.qty'], tables, 'Sales Voucher')).toEqual([
			'Sales Voucher Item',
		]);
		expect(childDoctypesOf(['`tabSales Voucher Item`.`item`'], tables, 'Sales Voucher')).toEqual([
			'Sales Voucher Item',
		]);
		expect(
			childDoctypesOf(['owner_user.full_name', '`tabSales Voucher`.name'], tables, 'Sales Voucher'),
		).toEqual([]);
	});

	it('reads in batches of the given size, keeping the order', async () => {
		let running = 0;
		let most = 0;
		const out = await inBatches([1, 2, 3, 4, 5], 2, async (n) => {
			most = Math.max(most, ++running);
			await new Promise((resolve) => setImmediate(resolve));
			running--;
			return n * 10;
		});
		expect(out).toEqual([10, 20, 30, 40, 50]);
		expect(most).toBe(2);
	});
});
