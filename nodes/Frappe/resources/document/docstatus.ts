// Submit (docstatus 0 → 1), cancel (1 → 2) and Create's "Submit After Create". Frappe answers a
// doctype that is not submittable with a bare permission error, a second submit with a silent
// re-save, and a wrong transition with "Cannot change docstatus from 0 to 2", so the node first
// checks the doctype and the document's state and says plainly what is wrong. On a doctype with an
// active workflow Frappe lets a plain submit or cancel through, bypassing the workflow's roles and
// states, so the node refuses it and names the workflow action to use.
import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { parameterError } from '../../../shared/frappeError';
import { cachedMeta } from '../../../shared/meta';
import { apiVersionOf, doctypeOf, documentNameOf } from '../../../shared/parameters';
import { documentPath, payloadOf } from '../../../shared/paths';
import { frappeApiRequest } from '../../../shared/transport';
import { activeWorkflowOf } from './workflow';
import { workflowGovernsMessage } from './workflowDefinition';

const STATE = ['a draft (docstatus 0)', 'submitted (docstatus 1)', 'cancelled (docstatus 2)'];

/** Fails unless the doctype is submittable (when its meta can be read). */
export async function assertSubmittable(
	context: IExecuteSingleFunctions,
	action: string,
): Promise<void> {
	const doctype = doctypeOf(context);
	const meta = await cachedMeta(context, doctype);
	if (meta && !meta.isSubmittable) {
		throw parameterError(
			context,
			`${doctype} is not submittable, so it cannot be ${action}`,
			'Only doctypes marked "Is Submittable" (Customize Form) have a draft, submitted and cancelled state. Save changes with Update instead.',
		);
	}
}

function wrongState(doctype: string, name: string, docstatus: number, target: 1 | 2): string {
	if (target === 1) {
		return docstatus === 1
			? `${doctype} ${name} is already submitted`
			: `${doctype} ${name} is cancelled and cannot be submitted again; amend it to get a new draft`;
	}
	return docstatus === 0
		? `${doctype} ${name} is a draft and cannot be cancelled; submit it first, or delete it`
		: `${doctype} ${name} is already cancelled`;
}

/** preSend: checks the doctype and the document's state before the PUT `{docstatus}` goes. */
export function expectDocstatus(target: 1 | 2) {
	return async function (
		this: IExecuteSingleFunctions,
		options: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		await assertSubmittable(this, target === 1 ? 'submitted' : 'cancelled');
		const doctype = doctypeOf(this);
		const name = documentNameOf(this);
		const current = payloadOf(
			await frappeApiRequest.call(this, {
				method: 'GET',
				url: documentPath(await apiVersionOf(this), doctype, name),
			}),
		) as IDataObject;
		const docstatus = Number(current?.docstatus ?? 0);
		if (docstatus !== target - 1) {
			throw parameterError(
				this,
				wrongState(doctype, name, docstatus, target),
				`Only a document that is ${STATE[target - 1]} can be ${target === 1 ? 'submitted' : 'cancelled'}.`,
			);
		}
		const workflow = await activeWorkflowOf(this, doctype);
		if (workflow) {
			const state = String(current?.[workflow.stateField] ?? '');
			const refusal = workflowGovernsMessage(workflow, doctype, name, state, target);
			throw parameterError(this, refusal.message, refusal.description);
		}
		return options;
	};
}
