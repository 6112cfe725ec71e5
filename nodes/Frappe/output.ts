// postReceive functions more than one operation uses.
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { shareRepeatedStrings } from '../shared/compact';
import { payloadOf } from '../shared/paths';

function toJson(entry: unknown): IDataObject {
	return entry && typeof entry === 'object' && !Array.isArray(entry)
		? (entry as IDataObject)
		: { result: entry as IDataObject[keyof IDataObject] };
}

/**
 * The answer's payload as items, whatever the envelope (an object → one item, a list → one
 * each), each paired with its input item. The items share one pairedItem, and a list's repeated
 * short values share one string: a list of 50,000 documents stays close to the size of its JSON.
 */
export async function unwrapPayload(
	this: IExecuteSingleFunctions,
	_items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
): Promise<INodeExecutionData[]> {
	const payload = payloadOf(response.body);
	const pairedItem = { item: this.getItemIndex() };
	if (Array.isArray(payload)) {
		return shareRepeatedStrings(payload).map((entry) => ({ json: toJson(entry), pairedItem }));
	}
	return [{ json: toJson(payload), pairedItem }];
}

/**
 * postReceive: one item, its JSON made by `make` from the context and the answer, paired with its
 * input item.
 */
export function oneItem(
	make: (context: IExecuteSingleFunctions, response: IN8nHttpFullResponse) => IDataObject,
) {
	return async function (
		this: IExecuteSingleFunctions,
		_items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		return [{ json: make(this, response), pairedItem: { item: this.getItemIndex() } }];
	};
}
