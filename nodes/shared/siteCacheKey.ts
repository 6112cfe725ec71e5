// The key under which a process keeps what a site answered a credential (the API version, doctype
// meta, workflows): the site, the credential type and the credential (its id, or its name where n8n
// has no id), then whatever else the answer depends on.
import { credentialTypeOf, type NodeContext } from './parameters';
import { siteUrlOf } from './siteUrl';

export async function siteCacheKey(context: NodeContext, ...parts: string[]): Promise<string> {
	const credentialType = credentialTypeOf(context);
	const reference = context.getNode().credentials?.[credentialType];
	const site = siteUrlOf(await context.getCredentials(credentialType));
	return [site, credentialType, reference?.id ?? reference?.name, ...parts].join('\u0000');
}
