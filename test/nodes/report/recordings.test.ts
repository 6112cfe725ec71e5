// The test server against the Frappe 15.44.2 recordings of reports and printing (test/fixtures/frappe-15.44.2/
// reports, print): for each recorded case, the same case on the test server's demo data answers with the same
// status, the headers that matter (Content-Type, Content-Disposition's form), the same envelope and keys, the same
// exception type and the same words. Names and data differ (the recordings used a Purchase Request doctype).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { startFrappeServer, type FrappeServer } from '../../frappe-server';
import { pdfRenderer } from '../../frappe-server/routes/print';
import { preparedReportTiming } from '../../frappe-server/routes/reports';
import { FIXTURES } from '../../helpers';

interface Recorded {
	response: {
		status: number;
		headers: Record<string, string>;
		body: unknown;
		pdf_page_count?: number;
	};
}

function recording(id: string): Recorded {
	const [area, file] = id.split('/');
	return JSON.parse(readFileSync(join(FIXTURES, area, `${file}.json`), 'utf8')) as Recorded;
}

let server: FrappeServer;
let draft: string;
let submitted: string;

interface Answer {
	status: number;
	headers: Headers;
	bytes: Buffer;
	json?: Record<string, unknown>;
}

async function call(
	path: string,
	options: { method?: string; body?: unknown; user?: 'administrator' | 'clerk' | 'limited' } = {},
): Promise<Answer> {
	const { apiKey, apiSecret } = server.users[options.user ?? 'administrator'];
	const response = await fetch(server.url + path, {
		method: options.method ?? 'GET',
		headers: {
			Authorization: `token ${apiKey}:${apiSecret}`,
			Accept: 'application/json',
			...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
		},
		body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
	});
	const bytes = Buffer.from(await response.arrayBuffer());
	const answer: Answer = { status: response.status, headers: response.headers, bytes };
	if (response.headers.get('content-type') === 'application/json')
		answer.json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
	return answer;
}

const method = (name: string, query: Record<string, unknown> = {}) =>
	`/api/method/${name}?${new URLSearchParams(
		Object.entries(query).map(([key, value]) => [
			key,
			typeof value === 'string' ? value : JSON.stringify(value),
		]),
	).toString()}`;

/** Same status and content type; same keys of the envelope and of `message`; same exc_type. */
function sameShape(ours: Answer, id: string): void {
	const recorded = recording(id).response;
	expect(ours.status).toBe(recorded.status);
	expect(ours.headers.get('content-type')).toBe(recorded.headers['content-type']);
	if (recorded.headers['content-type'] !== 'application/json') return;
	const body = recorded.body as Record<string, unknown>;
	expect(Object.keys(ours.json ?? {}).sort()).toEqual(Object.keys(body).sort());
	if (body.exc_type) expect(ours.json?.exc_type).toBe(body.exc_type);
	const message = body.message;
	if (message && typeof message === 'object' && !Array.isArray(message)) {
		expect(Object.keys(ours.json?.message as object).sort()).toEqual(Object.keys(message).sort());
	}
}

function serverMessage(answer: Answer): string {
	const raw = answer.json?._server_messages;
	return raw ? String((JSON.parse(JSON.parse(String(raw))[0]) as { message: string }).message) : '';
}

beforeAll(async () => {
	server = await startFrappeServer();
	const vouchers = server.store.list('Sales Voucher', { fields: ['name', 'docstatus'] });
	draft = String(vouchers.find((voucher) => voucher.docstatus === 0)!.name);
	submitted = String(vouchers.find((voucher) => voucher.docstatus === 1)!.name);
});

afterAll(async () => await server.close());

describe('reports', () => {
	it('get_script of a Script Report: the filters only in the JavaScript (reports/02)', async () => {
		const ours = await call(
			method('frappe.desk.query_report.get_script', { report_name: 'Sales by Territory' }),
		);
		sameShape(ours, 'reports/02-get-script-script-report');
		expect((ours.json?.message as Record<string, unknown>).filters).toEqual([]);
	});

	it('get_script of a Query Report: the Report Filter table (reports/14)', async () => {
		const ours = await call(
			method('frappe.desk.query_report.get_script', { report_name: 'Sales Voucher Totals' }),
		);
		sameShape(ours, 'reports/14-get-script-query-report');
		const recorded = (
			recording('reports/14-get-script-query-report').response.body as {
				message: { filters: object[] };
			}
		).message.filters[0];
		const filter = (ours.json?.message as { filters: object[] }).filters[0];
		expect(Object.keys(filter).sort()).toEqual(Object.keys(recorded).sort());
	});

	it('run of a Script Report with string columns: dicts with scrub(label) (reports/11)', async () => {
		const ours = await call(method('frappe.desk.query_report.run', { report_name: 'ToDo' }));
		sameShape(ours, 'reports/11-run-todo-report');
		const recorded = (
			recording('reports/11-run-todo-report').response.body as {
				message: { columns: object[]; result: object[] };
			}
		).message;
		const message = ours.json?.message as { columns: object[]; result: object[] };
		expect(message.columns).toEqual(recorded.columns);
		expect(Object.keys(message.result[0])).toEqual(Object.keys(recorded.result[0]));
	});

	it('run of a Query Report: columns from the aliases (reports/15), POST as well', async () => {
		const ours = await call('/api/method/frappe.desk.query_report.run', {
			method: 'POST',
			body: { report_name: 'Sales Voucher Totals', filters: { docstatus: 1 } },
		});
		sameShape(ours, 'reports/15-run-query-report');
		const columns = (ours.json?.message as { columns: Array<Record<string, unknown>> }).columns;
		const recorded = (
			recording('reports/15-run-query-report').response.body as {
				message: { columns: Array<Record<string, unknown>> };
			}
		).message.columns;
		expect(columns.map((column) => Object.keys(column))).toEqual(
			recorded.map((column) => Object.keys(column)),
		);
		expect(columns[0]).toEqual({ ...recorded[0], options: 'Sales Voucher' });
	});

	it('errors: no access (reports/06, 17), unknown report (reports/07), filters not JSON (reports/08)', async () => {
		const denied = await call(
			method('frappe.desk.query_report.run', {
				report_name: 'Sales Voucher Totals',
				filters: { docstatus: 1 },
			}),
			{ user: 'clerk' },
		);
		sameShape(denied, 'reports/17-run-query-report-limited');
		expect(serverMessage(denied)).toBe("You don't have access to Report: Sales Voucher Totals");
		const unknown = await call(
			method('frappe.desk.query_report.run', { report_name: 'No Such Report' }),
		);
		sameShape(unknown, 'reports/07-run-unknown-report');
		expect(serverMessage(unknown)).toBe('Report No Such Report not found');
		const bad = await call(
			method('frappe.desk.query_report.run', { report_name: 'ToDo', filters: '{"user": "A",' }),
		);
		sameShape(bad, 'reports/08-run-bad-filters-json');
	});

	it('exports: octet-stream, filename="<report>.csv|xlsx", QUOTE_NONNUMERIC (reports/19, 20, 41); no export right (22, 43)', async () => {
		const csv = await call('/api/method/frappe.desk.query_report.export_query', {
			method: 'POST',
			body: {
				report_name: 'Sales Voucher Totals',
				file_format_type: 'CSV',
				filters: '{"docstatus":1}',
				visible_idx: '[]',
			},
		});
		sameShape(csv, 'reports/19-export-query-csv');
		expect(csv.headers.get('content-disposition')).toBe('filename="Sales Voucher Totals.csv"');
		expect(csv.bytes.toString().split('\r\n')[0]).toBe(
			'"ID","Customer","Posting Date","Grand Total"',
		);
		const xlsx = await call('/api/method/frappe.desk.query_report.export_query', {
			method: 'POST',
			body: {
				report_name: 'Sales Voucher Totals',
				file_format_type: 'Excel',
				filters: '{"docstatus":1}',
				visible_idx: '[]',
			},
		});
		sameShape(xlsx, 'reports/20-export-query-xlsx');
		expect(xlsx.bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
		const view = await call('/api/method/frappe.desk.reportview.export_query', {
			method: 'POST',
			body: {
				doctype: 'Sales Voucher',
				file_format_type: 'CSV',
				title: 'Vouchers',
				fields: '["`tabSales Voucher`.`name`"]',
				filters: '[]',
				order_by: '`tabSales Voucher`.`name` asc',
			},
		});
		sameShape(view, 'reports/41-reportview-export-csv');
		expect(view.bytes.toString().split('\r\n')[0]).toBe('"Sr","ID"');
		const limited = await call('/api/method/frappe.desk.reportview.export_query', {
			method: 'POST',
			body: {
				doctype: 'Sales Voucher',
				file_format_type: 'CSV',
				title: 'Vouchers',
				fields: '["name"]',
			},
			user: 'limited',
		});
		sameShape(limited, 'reports/43-reportview-export-limited');
		expect(limited.json?.exception).toBe(
			'frappe.exceptions.PermissionError: You are not allowed to export Sales Voucher doctype',
		);
	});

	it('prepared: none yet (24), make (25), Queued (26), in queue (27), Completed (28), run after (29), Error (34)', async () => {
		preparedReportTiming.queuedMs = 100;
		const report = 'Sales Voucher Totals Prepared';
		const none = await call(
			method('frappe.desk.query_report.run', { report_name: report, filters: { docstatus: 1 } }),
		);
		sameShape(none, 'reports/24-run-prepared-none-yet');
		expect(none.json?.message).toMatchObject({ prepared_report: true, doc: null });
		const made = await call(
			'/api/method/frappe.core.doctype.prepared_report.prepared_report.make_prepared_report',
			{
				method: 'POST',
				body: { report_name: report, filters: { docstatus: 1 } },
			},
		);
		sameShape(made, 'reports/25-make-prepared-report');
		const name = (made.json?.message as { name: string }).name;
		const queued = await call(`/api/resource/Prepared%20Report/${name}`);
		sameShape(queued, 'reports/26-prepared-report-queued');
		expect(Object.keys(queued.json?.data as object).sort()).toEqual(
			Object.keys(
				(recording('reports/26-prepared-report-queued').response.body as { data: object }).data,
			).sort(),
		);
		const inQueue = await call(
			method('frappe.core.doctype.prepared_report.prepared_report.get_reports_in_queued_state', {
				report_name: report,
				filters: { docstatus: 1 },
			}),
		);
		sameShape(inQueue, 'reports/27-reports-in-queued-state');
		expect(inQueue.json?.message).toEqual([{ name }]);
		await new Promise((resolve) => setTimeout(resolve, 400));
		const done = await call(`/api/resource/Prepared%20Report/${name}`);
		sameShape(done, 'reports/28-prepared-report-completed');
		expect((done.json?.data as { status: string; filters: string }).status).toBe('Completed');
		expect((done.json?.data as { filters: string }).filters).toBe('{"docstatus":1}');
		const after = await call(
			method('frappe.desk.query_report.run', { report_name: report, filters: { docstatus: 1 } }),
		);
		sameShape(after, 'reports/29-run-prepared-after');
		preparedReportTiming.queuedMs = 60;
	});

	it('Report Builder: reportview.get answers {keys, values, user_info} (reports/39)', async () => {
		const ours = await call(
			method('frappe.desk.reportview.get', {
				doctype: 'Sales Voucher',
				fields: ['`tabSales Voucher`.`name`', '`tabSales Voucher`.`grand_total`'],
				filters: [['Sales Voucher', 'docstatus', '=', 1]],
				order_by: '`tabSales Voucher`.`grand_total` desc',
				start: '0',
				page_length: '20',
			}),
		);
		sameShape(ours, 'reports/39-run-report-builder-reportview');
		expect((ours.json?.message as { keys: string[] }).keys).toEqual(['name', 'grand_total']);
	});
});

describe('print', () => {
	it('download_pdf: application/pdf, filename=<name>.pdf, a real PDF (print/01); language (06); unknown letter head (05)', async () => {
		for (const [query, id] of [
			[{ format: 'Standard' }, 'print/01-pdf-todo-standard'],
			[{ format: 'Standard', language: 'de' }, 'print/06-pdf-todo-language'],
			[
				{ format: 'Standard', letterhead: 'No Such Letter Head' },
				'print/05-pdf-todo-unknown-letterhead',
			],
		] as const) {
			const ours = await call(
				method('frappe.utils.print_format.download_pdf', {
					doctype: 'Sales Voucher',
					name: submitted,
					...query,
				}),
			);
			sameShape(ours, id);
			expect(ours.headers.get('content-disposition')).toBe(`filename=${submitted}.pdf`);
			expect(ours.bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
			expect(ours.bytes.toString('latin1').match(/\/Type \/Page\b(?!s)/g)).toHaveLength(
				recording(id).response.pdf_page_count!,
			);
		}
	});

	it('download_pdf errors: broken format (12), unknown doc (13), unknown doctype (14), no permission (15)', async () => {
		const broken = await call(
			method('frappe.utils.print_format.download_pdf', {
				doctype: 'Sales Voucher',
				name: submitted,
				format: 'Sales Voucher Broken',
			}),
		);
		sameShape(broken, 'print/12-pdf-pr-broken-format');
		expect(serverMessage(broken)).toMatch(/^Error in print format on line 1: /);
		const unknown = await call(
			method('frappe.utils.print_format.download_pdf', {
				doctype: 'Sales Voucher',
				name: 'SV-NOSUCH',
			}),
		);
		sameShape(unknown, 'print/13-pdf-unknown-doc');
		expect(serverMessage(unknown)).toBe('Sales Voucher SV-NOSUCH not found');
		const doctype = await call(
			method('frappe.utils.print_format.download_pdf', { doctype: 'NoSuchDoctype', name: 'x' }),
		);
		sameShape(doctype, 'print/14-pdf-unknown-doctype');
		expect(doctype.json?.exception).toBe(
			"Error: No module named 'frappe.core.doctype.nosuchdoctype'",
		);
		const denied = await call(
			method('frappe.utils.print_format.download_pdf', {
				doctype: 'Sales Voucher',
				name: submitted,
			}),
			{
				user: 'limited',
			},
		);
		sameShape(denied, 'print/15-pdf-limited-pr');
		expect(denied.json?.exception).toBe(
			'frappe.exceptions.PermissionError: You do not have permission to view this document',
		);
	});

	it("no wkhtmltopdf: 500 OSError with pdfkit's words (contract §5)", async () => {
		pdfRenderer.set(server.http, false);
		const ours = await call(
			method('frappe.utils.print_format.download_pdf', {
				doctype: 'Sales Voucher',
				name: submitted,
			}),
		);
		pdfRenderer.delete(server.http);
		expect(ours.status).toBe(500);
		expect(ours.json?.exc_type).toBe('OSError');
		expect(String(ours.json?.exception)).toMatch(/^OSError: No wkhtmltopdf executable found/);
	});

	it('download_multi_pdf: dict form <name>.pdf (20), string form skips silently (21) down to 0 pages (23), name not JSON (24)', async () => {
		const dict = await call('/api/method/frappe.utils.print_format.download_multi_pdf', {
			method: 'POST',
			body: {
				doctype: { 'Sales Voucher': [draft, submitted] },
				name: 'bundle',
				format: 'Standard',
			},
		});
		sameShape(dict, 'print/20-multi-pdf-dict');
		expect(dict.headers.get('content-disposition')).toBe('filename=bundle.pdf');
		const some = await call(
			method('frappe.utils.print_format.download_multi_pdf', {
				doctype: 'Sales Voucher',
				name: [submitted, 'SV-NOSUCH'],
				format: 'Standard',
			}),
		);
		sameShape(some, 'print/21-multi-pdf-some-bad');
		expect(some.headers.get('content-disposition')).toBe('filename=Sales-Voucher.pdf');
		const none = await call(
			method('frappe.utils.print_format.download_multi_pdf', {
				doctype: 'Sales Voucher',
				name: [submitted],
			}),
			{ user: 'limited' },
		);
		sameShape(none, 'print/23-multi-pdf-limited');
		expect(none.bytes.toString('latin1')).not.toMatch(/\/Type \/Page\b(?!s)/);
		const notJson = await call(
			method('frappe.utils.print_format.download_multi_pdf', {
				doctype: 'Sales Voucher',
				name: submitted,
			}),
		);
		sameShape(notJson, 'print/24-multi-pdf-name-not-json');
	});

	it('get_html_and_style: {html, style} (26); unknown format → Standard plus a message (28); errors (29, 30)', async () => {
		const ours = await call('/api/method/frappe.www.printview.get_html_and_style', {
			method: 'POST',
			body: { doc: 'Sales Voucher', name: submitted, print_format: 'Standard', no_letterhead: 1 },
		});
		sameShape(ours, 'print/26-html-and-style');
		const unknown = await call('/api/method/frappe.www.printview.get_html_and_style', {
			method: 'POST',
			body: { doc: 'Sales Voucher', name: submitted, print_format: 'No Such Format' },
		});
		sameShape(unknown, 'print/28-html-and-style-unknown-format');
		expect(serverMessage(unknown)).toBe('Print Format No Such Format not found');
		const denied = await call('/api/method/frappe.www.printview.get_html_and_style', {
			method: 'POST',
			body: { doc: 'Sales Voucher', name: submitted, print_format: 'Standard' },
			user: 'limited',
		});
		expect(denied.status).toBe(403);
		expect(denied.json?.exc_type).toBe('PermissionError');
		const missing = await call('/api/method/frappe.www.printview.get_html_and_style', {
			method: 'POST',
			body: { doc: 'Sales Voucher', name: 'SV-NOSUCH' },
		});
		sameShape(missing, 'print/30-html-and-style-unknown-doc');
	});
});
