// The credential's Site URL as requests use it: the site's root, however the address was pasted.
// Pure.
//
// A browser address (`erp.example.com/app/sales-invoice/SINV-0001?x=1#y`, `…/desk`, `…/login`,
// a Frappe Cloud app such as `…/crm` or `…/helpdesk`) is cut before the first path segment that
// is one of Frappe's own routes; the segments before it stay, so a site served under a path prefix
// (`https://example.com/erp/app/todo` → `https://example.com/erp`) keeps its prefix. A missing
// scheme becomes https://; query, fragment and trailing slashes go.
//
// The same steps run in TypeScript (`siteUrlOf`, for code paths) and as an n8n expression
// (`SITE_URL_EXPRESSION`, which n8n evaluates itself for the node's requestDefaults, the credential
// test and the OAuth2 endpoints): both are generated from `STEPS`, so the two cannot drift apart.

/**
 * First path segments that are Frappe's (desk, login, API, files) or a Frappe app's (Frappe Cloud's
 * app paths): everything from one of them on is a page of the site, not part of its address.
 */
export const FRAPPE_ROUTES = [
	'app',
	'apps',
	'desk',
	'login',
	'logout',
	'update-password',
	'me',
	'api',
	'files',
	'private',
	'printview',
	'crm',
	'helpdesk',
	'hrms',
	'lms',
	'insights',
	'drive',
	'builder',
	'gameplan',
	'raven',
	'wiki',
];

const ROUTE = `(?:${FRAPPE_ROUTES.join('|')})(?:\\/|$)`;

/** Each step is a `String.prototype.replace` with a regular expression and a replacement text. */
const STEPS: Array<[RegExp, string]> = [
	[/^\s+|\s+$/g, ''],
	[/^(?![a-z][a-z\d+.-]*:\/\/|$)/i, 'https://'],
	[/[?#].*$/, ''],
	[
		new RegExp(`^([a-z][a-z\\d+.-]*:\\/\\/[^\\/]*(?:\\/(?!${ROUTE})[^\\/]*)*)\\/${ROUTE}.*$`, 'i'),
		'$1',
	],
	[/\/+$/, ''],
];

/** The site's root URL from any form of the Site URL. */
export function siteRootUrl(siteUrl: string): string {
	return STEPS.reduce((url, [pattern, replacement]) => url.replace(pattern, replacement), siteUrl);
}

/** The site's base URL from a credential's Site URL. */
export function siteUrlOf(credentials: { siteUrl?: unknown }): string {
	return siteRootUrl(String(credentials.siteUrl ?? ''));
}

/** `siteRootUrl` as the body of an n8n expression over `source` (e.g. `$credentials.siteUrl`). */
export function siteRootExpressionOf(source: string): string {
	const steps = STEPS.map(
		([pattern, replacement]) => `.replace(${pattern.toString()}, ${JSON.stringify(replacement)})`,
	);
	return `String(${source} || "")${steps.join('')}`;
}

/** `siteUrlOf` as an n8n expression over `$credentials`. */
export const SITE_URL_EXPRESSION = `={{${siteRootExpressionOf('$credentials.siteUrl')}}}`;
