// The pickers of the lifecycle and Collaboration operations, the way the editor calls them: the workflow actions
// allowed now on the chosen document, and the enabled users (assignees, shares).
import { byName, DocumentTestbed, VERSIONS } from '../document/support';
import { defineSalesVoucherWorkflow, newVoucher, SV } from './support';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start();
	defineSalesVoucherWorkflow(bed.server.store);
	bed.server.store.insert('User', {
		name: 'gone@example.com',
		email: 'gone@example.com',
		first_name: 'Gone',
		enabled: 0,
	});
});

afterAll(async () => await bed.close());

describe.each(VERSIONS)('pickers on API %s', (apiVersion) => {
	it('lists the workflow actions allowed now, with the state each leads to', async () => {
		const name = newVoucher(bed.server.store, `${apiVersion} picker`, 300);
		const spec = bed.node({
			apiVersion,
			operation: 'applyWorkflowAction',
			doctype: byName(SV),
			documentName: byName(name),
		});
		const page = await bed.harness.listSearch(spec, 'searchWorkflowActions', '');
		expect(page.results).toEqual([
			{ name: 'Review → Pending', value: 'Review' },
			{ name: 'Approve → Approved', value: 'Approve' },
		]);
		const filtered = await bed.harness.listSearch(spec, 'searchWorkflowActions', 'app');
		expect(filtered.results.map((r) => r.value)).toEqual(['Approve']);
	});

	it('lists enabled users only, for the clerk too', async () => {
		const spec = bed.node(
			{ apiVersion, resource: 'desk', operation: 'assign', doctype: byName(SV) },
			{ credential: bed.clerk },
		);
		const page = await bed.harness.listSearch(spec, 'searchUsers', '');
		const values = page.results.map((r) => r.value);
		expect(values).toContain('clerk@example.com');
		expect(values).not.toContain('gone@example.com');
	});
});
