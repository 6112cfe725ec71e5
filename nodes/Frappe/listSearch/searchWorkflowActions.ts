// The workflow actions the credential's user may take on the chosen document now (Apply Workflow
// Action's picker).
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { doctypeOf, documentNameOf } from '../../shared/parameters';
import { transitionsNow } from '../resources/document/workflow';

export async function searchWorkflowActions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const doctype = doctypeOf(this);
	const name = documentNameOf(this);
	if (doctype === '' || name === '') {
		throw new NodeOperationError(this.getNode(), 'Choose the doctype and the document first', {
			description: 'The list shows the workflow actions you may take on that document now.',
		});
	}
	const search = (filter ?? '').trim().toLowerCase();
	const seen = new Set<string>();
	const results = [];
	for (const transition of await transitionsNow(this, doctype, name)) {
		const action = String(transition.action ?? '');
		if (action === '' || seen.has(action) || !action.toLowerCase().includes(search)) continue;
		seen.add(action);
		results.push({ name: `${action} → ${String(transition.next_state ?? '')}`, value: action });
	}
	return { results };
}
