// The credential's Site URL as requests use it: trimmed, without a trailing slash. The expression form is for
// places n8n evaluates itself (the node's requestDefaults, the credential test). Pure.

/** The site's base URL from a credential's Site URL. */
export function siteUrlOf(credentials: { siteUrl?: unknown }): string {
	return String(credentials.siteUrl ?? '')
		.trim()
		.replace(/\/+$/, '');
}

/** `siteUrlOf` as an n8n expression over `$credentials`. */
export const SITE_URL_EXPRESSION = '={{String($credentials.siteUrl).trim().replace(/\\/+$/, "")}}';
