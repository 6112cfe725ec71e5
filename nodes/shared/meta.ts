// Reading a doctype's meta from Frappe (to type values, check submittability, fill field pickers).
// Executions use a small cache: keyed by site, credential, API version and doctype, at most 50
// entries, each kept 5 minutes, so a field added in Frappe is seen within minutes and thousands of
// items cost one read. The cache lives in each process: in n8n's queue mode every worker keeps its
// own, with the same time limit.
import { metaFromResponse, type DoctypeMeta } from './doctypeMeta';
import { parameterError } from './frappeError';
import { apiVersionOf, type NodeContext } from './parameters';
import { metaPath, type ApiVersion } from './paths';
import { siteCacheKey } from './siteCacheKey';
import { frappeApiRequest } from './transport';
import { TtlCache } from './ttlCache';

const CACHE_SIZE = 50;
const TIME_TO_LIVE_MS = 5 * 60 * 1000;

const cache = new TtlCache<DoctypeMeta>(CACHE_SIZE, TIME_TO_LIVE_MS);

async function fetchMeta(
	context: NodeContext,
	version: ApiVersion,
	doctype: string,
): Promise<DoctypeMeta> {
	const body = await frappeApiRequest.call(
		context,
		{ method: 'GET', url: metaPath(version, doctype), qs: version === 'v2' ? {} : { doctype } },
		{ doctype },
	);
	const meta = metaFromResponse(body, doctype);
	if (!meta) {
		throw parameterError(context, `Frappe sent no description (meta) of the doctype ${doctype}`);
	}
	return meta;
}

/** The doctype's meta, read fresh (for pickers in the editor). Throws when Frappe refuses it. */
export async function loadMeta(context: NodeContext, doctype: string): Promise<DoctypeMeta> {
	return await fetchMeta(context, await apiVersionOf(context), doctype);
}

/** The doctype's meta during an execution, from the cache; undefined when Frappe refuses it. */
export async function cachedMeta(
	context: NodeContext,
	doctype: string,
): Promise<DoctypeMeta | undefined> {
	const version = await apiVersionOf(context);
	const key = await siteCacheKey(context, version, doctype);
	// A meta Frappe refuses is not kept: undefined now, asked again next time.
	return await cache.get(
		key,
		async () => await fetchMeta(context, version, doctype).catch(() => undefined),
	);
}
