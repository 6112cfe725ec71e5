// The Site URL rules: every form a user pastes gives the site's root; an explicit path prefix stays. The same rules
// run as TypeScript (siteUrlOf) and as the n8n expression n8n evaluates for requestDefaults, the credential test and
// the OAuth2 endpoints (SITE_URL_EXPRESSION, siteRootExpressionOf): both are checked on every form.
import { Expression, type IDataObject } from 'n8n-workflow';

import {
	FRAPPE_ROUTES,
	SITE_URL_EXPRESSION,
	siteRootExpressionOf,
	siteRootUrl,
	siteUrlOf,
} from '../../nodes/shared/siteUrl';

const FORMS: Array<[string, string, string]> = [
	['the root', 'https://erp.example.com', 'https://erp.example.com'],
	['a trailing slash', 'https://erp.example.com/', 'https://erp.example.com'],
	[
		'several trailing slashes and spaces',
		'  https://erp.example.com//  ',
		'https://erp.example.com',
	],
	['no scheme', 'erp.example.com', 'https://erp.example.com'],
	['no scheme, a port and /app', 'localhost:8000/app', 'https://localhost:8000'],
	['http kept', 'http://192.168.1.20:8000/', 'http://192.168.1.20:8000'],
	[
		'a desk document page',
		'https://erp.example.com/app/sales-invoice/SINV-0001',
		'https://erp.example.com',
	],
	['/app', 'https://erp.example.com/app', 'https://erp.example.com'],
	['/app/', 'https://erp.example.com/app/', 'https://erp.example.com'],
	[
		'a list view with a query',
		'https://erp.example.com/app/todo?status=Open',
		'https://erp.example.com',
	],
	[
		'/desk with an old hash route',
		'https://erp.example.com/desk#Form/ToDo/1',
		'https://erp.example.com',
	],
	[
		'/login with a redirect',
		'https://erp.example.com/login?redirect-to=%2Fapp',
		'https://erp.example.com',
	],
	['/update-password', 'https://erp.example.com/update-password?key=x', 'https://erp.example.com'],
	[
		'Frappe Cloud CRM',
		'https://acme.frappe.cloud/crm/leads/CRM-LEAD-0001',
		'https://acme.frappe.cloud',
	],
	[
		'Frappe Cloud Helpdesk',
		'https://acme.frappe.cloud/helpdesk/tickets/12',
		'https://acme.frappe.cloud',
	],
	['Frappe HR', 'https://acme.frappe.cloud/hrms/home', 'https://acme.frappe.cloud'],
	[
		'an API address',
		'https://erp.example.com/api/resource/ToDo?limit=5',
		'https://erp.example.com',
	],
	['a file', 'https://erp.example.com/files/logo.png', 'https://erp.example.com'],
	['a private file', 'https://erp.example.com/private/files/a.pdf', 'https://erp.example.com'],
	['a path prefix', 'https://example.com/erp', 'https://example.com/erp'],
	['a path prefix with a slash', 'https://example.com/erp/', 'https://example.com/erp'],
	[
		'a path prefix and a desk page',
		'https://example.com/erp/app/todo/TD-1',
		'https://example.com/erp',
	],
	['a deeper prefix and /login', 'https://example.com/a/b/login', 'https://example.com/a/b'],
	[
		'a prefix that only starts like a route',
		'https://example.com/application/app',
		'https://example.com/application',
	],
	['a route word in the host', 'https://app.example.com/app', 'https://app.example.com'],
	['upper case', 'HTTPS://ERP.example.com/App/ToDo', 'HTTPS://ERP.example.com'],
	['empty', '', ''],
];

describe('siteRootUrl', () => {
	test.each(FORMS)('%s: %s → %s', (_, pasted, root) => {
		expect(siteRootUrl(pasted)).toBe(root);
		expect(siteUrlOf({ siteUrl: pasted })).toBe(root);
	});

	test('a missing Site URL is empty', () => {
		expect(siteUrlOf({})).toBe('');
	});

	test('every Frappe route is cut, as the first segment and after a prefix', () => {
		for (const route of FRAPPE_ROUTES) {
			expect(siteRootUrl(`https://erp.example.com/${route}/x`)).toBe('https://erp.example.com');
			expect(siteRootUrl(`https://erp.example.com/${route}`)).toBe('https://erp.example.com');
			expect(siteRootUrl(`https://example.com/erp/${route}/x`)).toBe('https://example.com/erp');
		}
	});

	test('stays linear on long paths (no catastrophic backtracking)', () => {
		const long = `https://example.com/${'segment/'.repeat(20000)}`;
		const started = Date.now();
		expect(siteRootUrl(long)).toBe(long.replace(/\/+$/, ''));
		expect(Date.now() - started).toBeLessThan(2000);
	});
});

/** An n8n expression (`={{…}}`) evaluated by n8n's expression engine, with the globals a workflow gives it. */
function evaluate(expression: string, data: IDataObject) {
	const context: IDataObject = { ...data };
	Expression.initializeGlobalContext(context);
	return Expression.resolveWithoutWorkflow(expression.replace(/^=/, ''), context);
}

describe('the n8n expression gives the same root', () => {
	test.each(FORMS)('%s', (_, pasted, root) => {
		expect(evaluate(SITE_URL_EXPRESSION, { $credentials: { siteUrl: pasted } })).toBe(root);
		const oauth = `={{${siteRootExpressionOf('$self["siteUrl"]')}}}/api/method/x`;
		expect(evaluate(oauth, { $self: { siteUrl: pasted } })).toBe(`${root}/api/method/x`);
	});
});
