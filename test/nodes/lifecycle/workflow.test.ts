// Get Workflow Actions, Apply Workflow Action, and Submit/Cancel refused under a workflow, through n8n's engine
// against the test server (Frappe's frappe.model.workflow as recorded in workflow/), on API v1 and v2.
import { byName, DocumentTestbed, VERSIONS } from '../document/support';
import { defineSalesVoucherWorkflow, newVoucher, SV, WORKFLOW } from './support';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start();
	defineSalesVoucherWorkflow(bed.server.store);
});

afterAll(async () => await bed.close());

describe.each(VERSIONS)('Workflow on API %s', (apiVersion) => {
	const actionsOf = async (name: string, credential = bed.admin) =>
		await bed.ok(
			{ apiVersion, operation: 'getWorkflowActions', doctype: SV, documentName: byName(name) },
			{ credential },
		);

	it('lists the actions allowed now, with their next state and whether they submit', async () => {
		const small = newVoucher(bed.server.store, `${apiVersion} small`, 500);
		expect(bed.server.store.get(SV, small)?.workflow_state).toBe('Draft');
		const actions = await actionsOf(small);
		expect(actions).toEqual([
			expect.objectContaining({
				action: 'Review',
				state: 'Draft',
				next_state: 'Pending',
				next_docstatus: 0,
				submits: false,
				cancels: false,
				workflow: WORKFLOW,
				doctype: SV,
				document: small,
			}),
			expect.objectContaining({
				action: 'Approve',
				next_state: 'Approved',
				next_docstatus: 1,
				submits: true,
				condition: 'doc.grand_total < 1000',
			}),
		]);
		// the condition: a voucher of 1,000 or more cannot be approved straight from Draft
		const big = newVoucher(bed.server.store, `${apiVersion} big`, 5000);
		expect((await actionsOf(big)).map((a) => a.action)).toEqual(['Review']);
	});

	it('lists nothing for a user whose roles no transition allows', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} clerk`, 100);
		expect(await actionsOf(name, bed.clerk)).toEqual([]);
	});

	it('refuses a doctype without a workflow', async () => {
		const result = await bed.run({
			apiVersion,
			operation: 'getWorkflowActions',
			doctype: 'Customer',
			documentName: byName('Acme Corporation'),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Customer has no active workflow');
	});

	it('applies an action: the new state, the docstatus of that state, and a Workflow comment', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} approve`, 750);
		const [doc] = await bed.ok({
			apiVersion,
			operation: 'applyWorkflowAction',
			doctype: SV,
			documentName: byName(name),
			workflowAction: { __rl: true, mode: 'list', value: 'Approve' },
		});
		expect(doc).toMatchObject({ name, workflow_state: 'Approved', docstatus: 1 });
		expect(bed.server.store.get(SV, name)).toMatchObject({
			workflow_state: 'Approved',
			docstatus: 1,
		});
		const comments = bed.server.store.list('Comment', {
			fields: ['comment_type', 'content'],
			filters: { reference_name: name },
		});
		expect(comments).toEqual([{ comment_type: 'Workflow', content: 'Approved' }]);
	});

	it('goes Review → Pending → Approve → Cancel, the cancel cancelling the document', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} path`, 2500);
		const apply = async (action: string) =>
			(
				await bed.ok({
					apiVersion,
					operation: 'applyWorkflowAction',
					doctype: SV,
					documentName: byName(name),
					workflowAction: byName(action),
				})
			)[0];
		expect(await apply('Review')).toMatchObject({ workflow_state: 'Pending', docstatus: 0 });
		expect(await apply('Approve')).toMatchObject({ workflow_state: 'Approved', docstatus: 1 });
		expect(await apply('Cancel')).toMatchObject({ workflow_state: 'Cancelled', docstatus: 2 });
	});

	it('refuses an action not allowed now and says which are', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} pending`, 300);
		bed.server.store.update(SV, name, { workflow_state: 'Pending' });
		const mark = bed.server.requests.length;
		const result = await bed.run({
			apiVersion,
			operation: 'applyWorkflowAction',
			doctype: SV,
			documentName: byName(name),
			workflowAction: byName('Cancel'),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`"Cancel" is not an action you can take on ${SV} ${name} now (state "Pending")`,
		);
		expect(result.error?.description).toContain('Allowed now: "Approve", "Reject"');
		expect(bed.requestsSince(mark).some((r) => r.includes('apply_workflow'))).toBe(false);
		expect(bed.server.store.get(SV, name)?.workflow_state).toBe('Pending');
	});

	it('refuses every action to a user no transition allows', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} clerk apply`, 300);
		const result = await bed.run(
			{
				apiVersion,
				operation: 'applyWorkflowAction',
				doctype: SV,
				documentName: byName(name),
				workflowAction: byName('Approve'),
			},
			{ credential: bed.clerk },
		);
		expect(result.status).toBe('error');
		expect(result.error?.description).toContain('No action is allowed now');
	});

	it('refuses Submit on a doctype under a workflow, naming the action to use', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} submit`, 400);
		const result = await bed.run({
			apiVersion,
			operation: 'submit',
			doctype: SV,
			documentName: byName(name),
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`${SV} ${name} follows the workflow "${WORKFLOW}": use Apply Workflow Action with "Approve" instead of Submit`,
		);
		expect(bed.server.store.get(SV, name)?.docstatus).toBe(0);
	});

	it('refuses Cancel under a workflow, naming the cancelling action', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} cancel`, 400);
		bed.server.store.update(SV, name, { workflow_state: 'Approved', docstatus: 1 });
		const result = await bed.run({
			apiVersion,
			operation: 'cancel',
			doctype: SV,
			documentName: byName(name),
		});
		expect(result.error?.message).toBe(
			`${SV} ${name} follows the workflow "${WORKFLOW}": use Apply Workflow Action with "Cancel" instead of Cancel`,
		);
		expect(bed.server.store.get(SV, name)?.docstatus).toBe(1);
	});

	it('says when no action leads to a submitted state from where the document is', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} rejected`, 400);
		bed.server.store.update(SV, name, { workflow_state: 'Pending' });
		bed.server.store.update(SV, name, { workflow_state: 'Rejected' });
		const result = await bed.run({
			apiVersion,
			operation: 'submit',
			doctype: SV,
			documentName: byName(name),
		});
		expect(result.error?.message).toBe(
			`${SV} ${name} follows the workflow "${WORKFLOW}" and cannot be submitted from the state "Rejected"`,
		);
		expect(result.error?.description).toContain('"Approve" from Draft, "Approve" from Pending');
	});
});

describe('The test server under a workflow, as recorded', () => {
	it('refuses a new document in another state than the first (workflow/03)', () => {
		expect(() =>
			bed.server.store.insertDoc(SV, {
				customer: 'x',
				workflow_state: 'Approved',
			}),
		).toThrow(
			'Workflow State transition not allowed from <strong>Draft</strong> to <strong>Approved</strong>',
		);
	});

	it('sends the workflow with the form meta (FormMeta.load_workflows)', async () => {
		const response = await fetch(
			`${bed.server.url}/api/method/frappe.desk.form.load.getdoctype?doctype=Sales%20Voucher`,
			{
				headers: {
					Authorization: `token ${bed.server.users.clerk.apiKey}:${bed.server.users.clerk.apiSecret}`,
				},
			},
		);
		const body = (await response.json()) as { docs: { __workflow_docs: { doctype: string }[] }[] };
		expect(body.docs[0].__workflow_docs.map((d) => d.doctype)).toEqual([
			'Workflow',
			'Workflow State',
			'Workflow State',
			'Workflow State',
			'Workflow State',
			'Workflow State',
		]);
	});
});
