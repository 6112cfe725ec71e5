// "Include Request Info": the first output item of the node (that of the first input item) gets
// `requestInfo`, what the requests were sent with: the site's root URL (whatever form the
// credential's Site URL has), the API version and, with Auto, why. It wraps the send driver because
// the driver is the one place every operation's requests pass; a node-level parameter rather than
// an entry of an operation's Options, so every operation has it in the same place.
import type { IDataObject, IExecutePaginationFunctions, INodeExecutionData } from 'n8n-workflow';

import { apiVersionDecisionOf } from '../shared/apiVersion';
import { credentialTypeOf, nodeParameterOf } from '../shared/parameters';
import { siteUrlOf } from '../shared/siteUrl';
import type { RoutingRequest } from './operation';

type Driver = (
	this: IExecutePaginationFunctions,
	request: RoutingRequest,
) => Promise<INodeExecutionData[]>;

export async function requestInfoOf(context: IExecutePaginationFunctions): Promise<IDataObject> {
	const decision = await apiVersionDecisionOf(context);
	const info: IDataObject = {
		siteUrl: siteUrlOf(await context.getCredentials(credentialTypeOf(context))),
		apiVersion: decision.version,
		apiVersionSetting: decision.setting,
	};
	if (decision.reason) info.apiVersionReason = decision.reason;
	return info;
}

export function withRequestInfo(driver: Driver): Driver {
	return async function (this: IExecutePaginationFunctions, request: RoutingRequest) {
		const items = await driver.call(this, request);
		if (this.getItemIndex() !== 0 || items.length === 0) return items;
		if (nodeParameterOf(this, 'includeRequestInfo', false) !== true) return items;
		const [first, ...rest] = items;
		return [{ ...first, json: { ...first.json, requestInfo: await requestInfoOf(this) } }, ...rest];
	};
}
