// Example 8 in a running n8n: "approve a Sales Voucher under 1,000 automatically". The stand-in gets the workflow
// "Sales Voucher Approval" (Draft → Pending "Review", Draft → Approved "Approve" if grand_total < 1000, Pending →
// Approved / Rejected, Approved → Cancelled "Cancel") through its REST API, as a site manager would make it; n8n
// starts and activates the example (its Frappe Trigger makes an after_insert Webhook with the condition); a voucher
// of 340 and one of 2,500 are created; the first runs the workflow and ends Approved (submitted) with a comment,
// the second never triggers. Afterwards the example is deactivated and the Frappe workflow switched off again.
import { poll } from './session.mjs';
import { createApiKey, nodeItems, publicApi, setupOwner, startN8n } from './stack.mjs';

export const APPROVAL_WORKFLOW = 'Sales Voucher Approval';

const STATES = [
	['Draft', 0],
	['Pending', 0],
	['Approved', 1],
	['Rejected', 0],
	['Cancelled', 2],
];
const TRANSITIONS = [
	['Draft', 'Review', 'Pending'],
	['Draft', 'Approve', 'Approved', 'doc.grand_total < 1000'],
	['Pending', 'Approve', 'Approved'],
	['Pending', 'Reject', 'Rejected'],
	['Rejected', 'Review', 'Pending'],
	['Approved', 'Cancel', 'Cancelled'],
];

/** The Frappe workflow on Sales Voucher, with the Workflow State and Action masters it links to. */
export async function defineApprovalWorkflow(frappe) {
	const existing = await frappe.list('Workflow', { filters: [['name', '=', APPROVAL_WORKFLOW]] });
	if (existing.length > 0)
		return await frappe.update('Workflow', APPROVAL_WORKFLOW, { is_active: 1 });
	for (const [state] of STATES) {
		if ((await frappe.list('Workflow State', { filters: [['name', '=', state]] })).length === 0)
			await frappe.insert('Workflow State', { workflow_state_name: state });
	}
	for (const action of new Set(TRANSITIONS.map(([, a]) => a))) {
		if (
			(await frappe.list('Workflow Action Master', { filters: [['name', '=', action]] })).length ===
			0
		)
			await frappe.insert('Workflow Action Master', { workflow_action_name: action });
	}
	return await frappe.insert('Workflow', {
		workflow_name: APPROVAL_WORKFLOW,
		document_type: 'Sales Voucher',
		is_active: 1,
		workflow_state_field: 'workflow_state',
		states: STATES.map(([state, docStatus]) => ({
			state,
			doc_status: String(docStatus),
			allow_edit: 'System Manager',
		})),
		transitions: TRANSITIONS.map(([state, action, next, condition]) => ({
			state,
			action,
			next_state: next,
			allowed: 'System Manager',
			allow_self_approval: 1,
			condition: condition ?? null,
		})),
	});
}

export async function retireApprovalWorkflow(frappe) {
	await frappe.update('Workflow', APPROVAL_WORKFLOW, { is_active: 0 });
}

/** The owner's cookie: set up on a fresh n8n user folder, logged in where an earlier run (example 6) set it up. */
async function ownerSession(url, login) {
	try {
		return await setupOwner(url, login);
	} catch (error) {
		if (!/already setup/i.test(String(error.message))) throw error;
	}
	const res = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: login.email, password: login.password }),
	});
	if (!res.ok) throw new Error(`POST /rest/login: ${res.status} ${await res.text()}`);
	return {
		cookie: res.headers
			.getSetCookie()
			.map((c) => c.split(';')[0])
			.join('; '),
	};
}

/**
 * Runs example 8 in a fresh `n8n start`; returns what happened: the execution, the two vouchers as Frappe has them
 * afterwards, the comments on the small one, and how many executions there were.
 */
export async function runApproval({ session, env, work, login, frappe, example, say }) {
	const started = Date.now();
	await defineApprovalWorkflow(frappe);
	say(`  Frappe workflow "${APPROVAL_WORKFLOW}" on Sales Voucher defined in the stand-in`);
	let n8n;
	try {
		n8n = await startN8n(session, env, work);
		const { cookie } = await ownerSession(n8n.url, login);
		const api = publicApi(n8n.url, await createApiKey(n8n.url, cookie, 'approval example'));
		await api.activate(example.id);
		const hooks = await poll(
			'the Webhook the trigger creates in Frappe on activation',
			async () => {
				const list = await frappe.list('Webhook', {
					fields: ['name', 'webhook_docevent', 'condition'],
					filters: [['name', 'like', 'n8n-FrappeExWfApprov%']],
				});
				return list.length > 0 ? list : undefined;
			},
			{ timeoutMs: 60000, intervalMs: 300 },
		);
		say(
			`  n8n start on ${n8n.url}, example activated: Webhook ${hooks[0].webhook_docevent} if ${hooks[0].condition}`,
		);
		const today = new Date().toISOString().slice(0, 10);
		const small = await frappe.insert('Sales Voucher', {
			customer: 'Globex Ltd',
			posting_date: today,
			grand_total: 340,
			items: [{ item: 'Gizmo', qty: 4, rate: 85 }],
		});
		const big = await frappe.insert('Sales Voucher', {
			customer: 'Acme Corporation',
			posting_date: today,
			grand_total: 2500,
			items: [{ item: 'Widget', qty: 100, rate: 25 }],
		});
		say(
			`  created Sales Vouchers ${small.name} (340) and ${big.name} (2,500) as drafts; waiting for the execution...`,
		);
		const [execution] = await poll(
			'the approval execution',
			async () => {
				const list = await api.executions(example.id, { includeData: true });
				return list.length > 0 &&
					list[0].finished !== false &&
					!['new', 'running'].includes(list[0].status)
					? list
					: undefined;
			},
			{ timeoutMs: 60000, intervalMs: 500 },
		);
		// a moment for a (wrong) second delivery to show up before counting
		await new Promise((resolve) => setTimeout(resolve, 3000));
		const executions = await api.executions(example.id);
		const after = {
			small: await frappe.get('Sales Voucher', small.name),
			big: await frappe.get('Sales Voucher', big.name),
		};
		const comments = await frappe.list('Comment', {
			fields: ['comment_type', 'content'],
			filters: [['reference_name', '=', small.name]],
		});
		const ok =
			execution.status === 'success' &&
			executions.length === 1 &&
			after.small.workflow_state === 'Approved' &&
			after.small.docstatus === 1 &&
			after.big.workflow_state === 'Draft' &&
			comments.some((c) => c.comment_type === 'Comment');
		say(
			`  ${ok ? 'success' : `FAILED (${execution.status})`} in ${((Date.now() - started) / 1000).toFixed(1)} s — execution ${execution.id}, mode ${execution.mode}; ${small.name} is ${after.small.workflow_state} (docstatus ${after.small.docstatus}), ${big.name} stays ${after.big.workflow_state}`,
		);
		await api.deactivate(example.id);
		return { ok, execution, executions, small: after.small, big: after.big, comments, nodeItems };
	} catch (error) {
		say(`  FAILED: ${error.message}`);
		if (n8n) say(n8n.svc.log().split('\n').slice(-20).join('\n'));
		return { ok: false, error };
	} finally {
		if (n8n) await session.stop(n8n.svc);
		await retireApprovalWorkflow(frappe).catch(() => undefined);
	}
}
