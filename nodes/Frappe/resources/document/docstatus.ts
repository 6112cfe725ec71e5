// Submit (docstatus 0 → 1) and cancel (1 → 2). Frappe answers a doctype that is not submittable with a bare
// permission error, a second submit with a silent re-save, and a wrong transition with "Cannot change docstatus
// from 0 to 2", so the node first checks the doctype and the document's state and says plainly what is wrong.
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { documentPath, payloadOf } from '../../shared/paths';
import {
	frappeApiRequest,
	sendRoutingRequest,
	toFrappeError,
	type FrappeRequestFunction,
} from '../../shared/transport';
import {
	apiVersionOf,
	doctypeOf,
	documentNameOf,
	executionMeta,
	withOptions,
	type RequestStep,
} from './request';

const STATE = ['a draft (docstatus 0)', 'submitted (docstatus 1)', 'cancelled (docstatus 2)'];

/** Fails unless the doctype is submittable (when its meta can be read). */
export async function assertSubmittable(
	context: IExecuteSingleFunctions,
	action: string,
): Promise<void> {
	const doctype = doctypeOf(context);
	const meta = await executionMeta.call(context, doctype);
	if (meta && !meta.isSubmittable) {
		throw new NodeOperationError(
			context.getNode(),
			`${doctype} is not submittable, so it cannot be ${action}`,
			{
				description:
					'Only doctypes marked "Is Submittable" (Customize Form) have a draft, submitted and cancelled state. Save changes with Update instead.',
				itemIndex: context.getItemIndex(),
			},
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

/** Checks doctype and document state, then lets the PUT `{docstatus}` RoutingNode built go. */
export function expectDocstatus(target: 1 | 2): RequestStep {
	return async function (request) {
		await assertSubmittable(this, target === 1 ? 'submitted' : 'cancelled');
		const doctype = doctypeOf(this);
		const name = documentNameOf(this);
		const current = payloadOf(
			await frappeApiRequest.call(this, {
				method: 'GET',
				url: documentPath(apiVersionOf(this), doctype, name),
			}),
		) as IDataObject;
		const docstatus = Number(current?.docstatus ?? 0);
		if (docstatus !== target - 1) {
			throw new NodeOperationError(this.getNode(), wrongState(doctype, name, docstatus, target), {
				description: `Only a document that is ${STATE[target - 1]} can be ${target === 1 ? 'submitted' : 'cancelled'}.`,
				itemIndex: this.getItemIndex(),
			});
		}
		return request;
	};
}

/** Create's option "Submit After Create": refuses early for a doctype that is not submittable. */
export const checkSubmitAfterCreate: RequestStep = async function (request) {
	if (this.getNodeParameter('options.submitAfterCreate', false) === true)
		await assertSubmittable(this, 'submitted');
	return request;
};

/** Sends the create, then (option "Submit After Create") submits the new document. */
export const createThenSubmit: FrappeRequestFunction = async function (request) {
	const created = await sendRoutingRequest(this, request);
	if (this.getNodeParameter('options.submitAfterCreate', false) !== true) return created;
	const doctype = doctypeOf(this);
	const name = String(created[0]?.json?.name ?? '');
	try {
		return await sendRoutingRequest(
			this,
			withOptions(request, {
				method: 'PUT',
				url: documentPath(apiVersionOf(this), doctype, name),
				body: { docstatus: 1 },
			}),
		);
	} catch (error) {
		const frappeError = toFrappeError(this, error);
		frappeError.message = `Created ${doctype} ${name} as a draft, but could not submit it: ${frappeError.message}`;
		throw frappeError;
	}
};
