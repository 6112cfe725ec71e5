// GET /app (desk HTML: creates the session's csrf_token, as Frappe's www/app.py does) and a minimal /login page.
import { randomBytes } from 'node:crypto';
import type { RequestContext } from '../context';

/** The first 600 characters of Frappe 15.44.2's desk page (auth/28); the rest is ours. */
const DESK_HEAD =
	'<!DOCTYPE html>\n<html data-theme-mode="light" data-theme="light" dir=ltr lang="en">\n\t<head>\n\t\t<meta charset="UTF-8">\n\t\t<!-- Chrome, Firefox OS and Opera -->\n\t\t<meta name="theme-color" content="#0089FF">\n\t\t<!-- Windows Phone -->\n\t\t<meta name="msapplication-navbutton-color" content="#0089FF">\n\t\t<!-- iOS Safari -->\n\t\t<meta name="apple-mobile-web-app-status-bar-style" content="#0089FF">\n\t\t<meta content="text/html;charset=utf-8" http-equiv="Content-Type">\n\t\t<meta content="utf-8" http-equiv="encoding">\n\t\t<meta name="author" content="">\n\t\t<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=no">\n';

export function serveDesk(ctx: RequestContext): void {
	const session = ctx.session;
	if (!session || ctx.user === 'Guest') {
		ctx.send(
			302,
			{
				location: `/login?redirect-to=${encodeURIComponent(ctx.path)}`,
				'content-type': 'text/html; charset=utf-8',
			},
			'',
		);
		return;
	}
	if (!session.csrfToken) session.csrfToken = randomBytes(28).toString('hex');
	const html =
		DESK_HEAD +
		'\t\t<title>Frappe</title>\n\t</head>\n\t<body>\n\t\t<div class="main-section"></div>\n\t\t<script>\n' +
		`\t\t\tfrappe.csrf_token = "${session.csrfToken}";\n` +
		`\t\t\tfrappe.boot = {"user": {"name": ${JSON.stringify(session.user)}}, "sysdefaults": {}};\n` +
		'\t\t</script>\n\t</body>\n</html>\n';
	ctx.send(200, { 'content-type': 'text/html; charset=utf-8' }, html);
}

export function serveLoginPage(ctx: RequestContext): void {
	ctx.send(
		200,
		{ 'content-type': 'text/html; charset=utf-8' },
		'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="UTF-8"><title>Login</title></head>\n<body>\n<form method="post" action="/api/method/login"><input name="usr"><input name="pwd" type="password"><button>Login</button></form>\n</body>\n</html>\n',
	);
}
