// Which Frappe REST API a request uses. The API Version parameter says v1, v2 or Auto; Auto asks
// the site once: `GET /api/v2/method/ping` answers "pong" on Frappe 15 and later
// (frappe/api/v2.py), and 404 on Frappe 14, whose `frappe.api.handle` knows only /api/method and
// /api/resource and raises DoesNotExistError for anything else. The answer is kept per site and
// credential (at most 50, each 30 minutes); a probe that fails another way (wrong credential, site
// down) is kept only 15 seconds, and meanwhile v1 is used, which every Frappe serves, so the
// request that follows fails (or not) with Frappe's own words.
import type { NodeApiError } from 'n8n-workflow';

import { optionalTextParameter, type NodeContext } from './parameters';
import { methodPath, type ApiVersion } from './paths';
import { siteCacheKey } from './siteCacheKey';
import { frappeApiRequest } from './transport';
import { TtlCache } from './ttlCache';

export type ApiVersionSetting = 'auto' | ApiVersion;

export interface ApiVersionDecision {
	version: ApiVersion;
	/** The API Version parameter ('v1' for nodes without one, such as the trigger). */
	setting: ApiVersionSetting;
	/** Why Auto chose `version`; absent when the parameter named it. */
	reason?: string;
}

const PROBE_PATH = methodPath('v2', 'ping');

/**
 * Probe answers: what the site said, 30 minutes; a failed probe 15 seconds (one run asks once, the
 * next again).
 */
const probes = new TtlCache<{ decision: ApiVersionDecision; keep: boolean }>(50, ({ keep }) =>
	keep ? 30 * 60 * 1000 : 15 * 1000,
);

/** What the probe's answer (or failure) means. Pure. */
export function decisionFromProbe(outcome: { body?: unknown; httpCode?: string; error?: string }): {
	decision: ApiVersionDecision;
	keep: boolean;
} {
	const data = (outcome.body as { data?: unknown } | undefined)?.data;
	if (outcome.error === undefined && data !== undefined) {
		return {
			decision: {
				version: 'v2',
				setting: 'auto',
				reason: `the site answers ${PROBE_PATH} (Frappe 15 or later)`,
			},
			keep: true,
		};
	}
	if (outcome.httpCode === '404') {
		return {
			decision: {
				version: 'v1',
				setting: 'auto',
				reason: `the site has no ${PROBE_PATH} (404: Frappe 14 or older)`,
			},
			keep: true,
		};
	}
	const what = outcome.httpCode
		? `HTTP ${outcome.httpCode}`
		: (outcome.error ?? 'an answer that is not Frappe JSON');
	return {
		decision: {
			version: 'v1',
			setting: 'auto',
			reason: `asking ${PROBE_PATH} failed (${what}); v1 for now, asked again next time`,
		},
		keep: false,
	};
}

async function probe(
	context: NodeContext,
): Promise<{ decision: ApiVersionDecision; keep: boolean }> {
	try {
		const body = await frappeApiRequest.call(context, { method: 'GET', url: PROBE_PATH });
		return decisionFromProbe({ body });
	} catch (error) {
		const httpCode = (error as Partial<NodeApiError>).httpCode ?? undefined;
		return decisionFromProbe({ httpCode: httpCode ?? undefined, error: (error as Error).message });
	}
}

/** The API version to use and why: the parameter's, or Auto's answer from the site. */
export async function apiVersionDecisionOf(context: NodeContext): Promise<ApiVersionDecision> {
	const setting = optionalTextParameter(context, 'apiVersion');
	if (setting === 'v1' || setting === 'v2') return { version: setting, setting };
	if (setting !== 'auto') return { version: 'v1', setting: 'v1' };
	const outcome = await probes.get(await siteCacheKey(context), async () => await probe(context));
	return outcome?.decision ?? { version: 'v1', setting: 'auto' };
}
