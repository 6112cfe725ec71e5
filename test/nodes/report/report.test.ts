// Report → Run and Export through n8n's engine against the Frappe test server: rows keyed right for both column
// forms (strings "Label:Type:Width" and dicts), the total row and the tree's group rows, mandatory filters named
// from the report's JavaScript and from its Report Filter table, prepared reports waited for and fetched (or their
// job returned), Report Builder reports run from their saved settings, exports as files, errors in words.
import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

import { preparedReportTiming } from '../../frappe-server/routes/reports';
import { failureOf, Testbed } from '../file/support';

const report = (value: string) => ({ __rl: true, mode: 'name', value });
const pairs = (filters: Record<string, unknown>) => ({
	specifyFilters: 'keypair',
	reportFilters: {
		filter: Object.entries(filters).map(([name, value]) => ({ name, value })),
	},
});
const json = (filters: Record<string, unknown>) => ({
	specifyFilters: 'json',
	reportFiltersJson: JSON.stringify(filters),
});
const YEAR_2025 = { from_date: '2025-01-01', to_date: '2025-12-31' };
const FAST = { pollInterval: 0.05, timeout: 10 };

let bed: Testbed;

const run = (parameters: IDataObject, options: Parameters<Testbed['run']>[1] = {}) =>
	bed.run({ resource: 'report', operation: 'run', ...parameters }, options);
const ok = async (parameters: IDataObject, options: Parameters<Testbed['ok']>[1] = {}) =>
	(await bed.ok({ resource: 'report', operation: 'run', ...parameters }, options)).map(
		(item) => item.json,
	);

function vouchers(docstatus: number): IDataObject[] {
	return bed.server.store
		.list('Sales Voucher', {
			fields: ['name', 'customer', 'grand_total', 'docstatus'],
			filters: [['docstatus', '=', docstatus]],
			order_by: 'name asc',
		})
		.map((doc) => doc as IDataObject);
}

function fileOf(item: INodeExecutionData): { binary: IBinaryData; text: Buffer } {
	const binary = item.binary?.data as IBinaryData;
	expect(binary).toBeDefined();
	return { binary, text: Buffer.from(binary.data, 'base64') };
}

beforeAll(async () => {
	bed = await Testbed.start();
});

afterAll(async () => await bed.close());

afterEach(() => {
	preparedReportTiming.queuedMs = 60;
	preparedReportTiming.runMs = 60;
});

describe('Run: rows keyed by the columns', () => {
	it('a Script Report with "Label:Type:Width" columns (ToDo): keys are scrub(label), rows in order', async () => {
		const rows = await ok({ report: report('ToDo') });
		const open = bed.server.store.list('ToDo', { filters: [['status', '=', 'Open']] });
		expect(rows).toHaveLength(open.length);
		expect(Object.keys(rows[0])).toEqual([
			'id',
			'priority',
			'date',
			'description',
			'assigned_to/owner',
			'assigned_by',
			'reference',
		]);
		expect(rows.map((row) => row.description)).toContain('Call Acme about the renewal');
		const run = bed.server.requests.filter(
			(r) => r.path === '/api/method/frappe.desk.query_report.run',
		);
		expect(run[run.length - 1].method).toBe('POST');
	});

	it('a Script Report with dict columns, group rows and a total row (a list) keyed the same way', async () => {
		const rows = await ok({ report: report('Sales by Territory'), ...pairs(YEAR_2025) });
		expect(rows[0]).toEqual({
			name: 'Europe',
			vouchers: null,
			grand_total: null,
			indent: 0,
			is_group: 1,
		});
		const total = rows[rows.length - 1];
		const all = [...vouchers(0), ...vouchers(1)];
		expect(total).toEqual({
			name: 'Total',
			vouchers: all.length,
			grand_total: all.reduce((sum, voucher) => sum + Number(voucher.grand_total), 0),
		});
	});

	it('options: drop the total row and the group rows, key by labels', async () => {
		const rows = await ok({
			report: report('Sales by Territory'),
			...pairs(YEAR_2025),
			options: { dropTotalRow: true, dropGroupRows: true, useLabels: true },
		});
		const customers = new Set([...vouchers(0), ...vouchers(1)].map((voucher) => voucher.customer));
		expect(rows).toHaveLength(customers.size);
		for (const row of rows) {
			expect(customers.has(row['Territory / Customer'] as string)).toBe(true);
			expect(row).toHaveProperty('Grand Total');
			expect(row).toHaveProperty('Vouchers', 1);
		}
	});

	it('the whole result as one item: columns, rows, message, chart, summary', async () => {
		const [item] = await ok({
			report: report('Sales by Territory'),
			...json({ ...YEAR_2025, docstatus: 'Submitted' }),
			options: { output: 'whole' },
		});
		expect(item.report).toBe('Sales by Territory');
		expect((item.columns as IDataObject[]).map((column) => column.fieldname)).toEqual([
			'name',
			'vouchers',
			'grand_total',
		]);
		expect((item.rows as IDataObject[]).filter((row) => row.indent === 1)).toHaveLength(
			vouchers(1).length,
		);
		expect(item.reportSummary).toEqual([
			{ label: 'Vouchers', value: vouchers(1).length, indicator: 'Blue', datatype: 'Int' },
		]);
		expect(item.addTotalRow).toBe(true);
	});

	it('a Query Report: columns from the SQL aliases, the filter sent as Frappe reads it', async () => {
		const rows = await ok({ report: report('Sales Voucher Totals'), ...json({ docstatus: 1 }) });
		const submitted = vouchers(1);
		expect(rows.slice(0, -1)).toEqual(
			submitted.map((voucher) =>
				expect.objectContaining({
					id: voucher.name,
					customer: voucher.customer,
					grand_total: voucher.grand_total,
				}),
			),
		);
		expect(rows[rows.length - 1]).toMatchObject({ id: 'Total' });
	});

	it("a Report Builder report: its saved fields, filters and order, plus the node's filters", async () => {
		const rows = await ok({ report: report('Submitted Vouchers by Total') });
		const submitted = vouchers(1).sort((a, b) => Number(b.grand_total) - Number(a.grand_total));
		expect(rows).toEqual(
			submitted.map((voucher) => ({
				name: voucher.name,
				customer: voucher.customer,
				grand_total: voucher.grand_total,
			})),
		);
		const one = await ok({
			report: report('Submitted Vouchers by Total'),
			...pairs({ customer: submitted[0].customer }),
			options: { useLabels: true },
		});
		expect(one).toEqual([
			{
				ID: submitted[0].name,
				Customer: submitted[0].customer,
				'Grand Total': submitted[0].grand_total,
			},
		]);
	});
});

describe('Run: filters and errors in words', () => {
	it("names the mandatory filters read from a Script Report's JavaScript, before running it", async () => {
		const before = bed.server.requests.length;
		const failure = failureOf(await run({ report: report('Sales by Territory') }));
		expect(failure.message).toBe(
			'The report "Sales by Territory" needs the filters From Date (from_date), To Date (to_date)',
		);
		expect(failure.description).toContain(
			'Document Status (docstatus, Select of Draft / Submitted)',
		);
		expect(
			bed.server.requests
				.slice(before)
				.some((r) => r.path.startsWith('/api/method/frappe.desk.query_report.run')),
		).toBe(false);
	});

	it("names a mandatory filter of a Query Report's Report Filter table", async () => {
		const failure = failureOf(await run({ report: report('Sales Voucher Totals') }));
		expect(failure.message).toBe(
			'The report "Sales Voucher Totals" needs the filter Document Status (docstatus)',
		);
	});

	it("a user outside the report's roles: Frappe's words", async () => {
		const failure = failureOf(
			await run(
				{ report: report('Sales Voucher Totals'), ...json({ docstatus: 1 }) },
				{ credential: bed.clerk },
			),
		);
		expect(failure.message).toBe("You don't have access to Report: Sales Voucher Totals");
		expect(failure.httpCode).toBe('403');
	});

	it('an unknown report', async () => {
		const failure = failureOf(await run({ report: report('No Such Report') }));
		expect(failure.message).toBe('There is no report "No Such Report" on the site');
	});

	it('Continue On Fail: one error item per failing input item, the others run', async () => {
		const result = await run(
			{
				report: report('Sales Voucher Totals'),
				specifyFilters: 'json',
				reportFiltersJson: '={{ JSON.stringify($json.filters) }}',
			},
			{ continueOnFail: true, input: [{ filters: { docstatus: 1 } }, { filters: {} }] },
		);
		expect(result.status).toBe('success');
		const errors = result.items.filter((item) => item.json.error);
		expect(errors).toHaveLength(1);
		expect(String(errors[0].json.error)).toContain('needs the filter Document Status');
		expect(result.items.filter((item) => item.json.id).length).toBe(vouchers(1).length + 1);
	});
});

describe('Run: prepared reports', () => {
	it('starts the report, waits for its Prepared Report, and fetches the rows', async () => {
		const rows = await ok({
			report: report('Sales Voucher Totals Prepared'),
			...json({ docstatus: 0 }),
			options: { ...FAST, refreshPrepared: true },
		});
		expect(rows.slice(0, -1).map((row) => row.id)).toEqual(
			vouchers(0).map((voucher) => voucher.name),
		);
		const paths = bed.server.requests.map((r) => r.path);
		expect(paths.some((p) => p.endsWith('make_prepared_report'))).toBe(true);
		expect(
			paths.filter((p) => p.startsWith('/api/resource/Prepared%20Report/')).length,
		).toBeGreaterThan(0);
		const [item] = await ok({
			report: report('Sales Voucher Totals Prepared'),
			...json({ docstatus: 0 }),
			options: { ...FAST, output: 'whole' },
		});
		expect((item.preparedReport as IDataObject).status).toBe('Completed');
	});

	it('returns the job at once, and fetches it later by its name', async () => {
		preparedReportTiming.queuedMs = 400;
		const [job] = await ok({
			report: report('Sales Voucher Totals Prepared'),
			...json({ docstatus: 1 }),
			options: { ...FAST, preparedReport: 'returnJob', refreshPrepared: true },
		});
		expect(job).toMatchObject({
			report: 'Sales Voucher Totals Prepared',
			status: 'Queued',
			filters: { docstatus: 1 },
		});
		const name = String(job.preparedReport);
		expect(bed.server.store.get('Prepared Report', name)).toBeDefined();
		const early = failureOf(
			await run({
				report: report('Sales Voucher Totals Prepared'),
				...json({ docstatus: 1 }),
				options: { preparedReportName: name },
			}),
		);
		expect(early.message).toContain(`The prepared report "${name}"`);
		for (
			let wait = 0;
			bed.server.store.get('Prepared Report', name)?.status !== 'Completed';
			wait++
		) {
			if (wait > 100) throw new Error('the prepared report never completed');
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		const rows = await ok({
			report: report('Sales Voucher Totals Prepared'),
			...json({ docstatus: 1 }),
			options: { preparedReportName: name },
		});
		expect(rows.slice(0, -1).map((row) => row.id)).toEqual(
			vouchers(1).map((voucher) => voucher.name),
		);
	});

	it('a user who may not read Prepared Reports waits through get_reports_in_queued_state', async () => {
		bed.server.store.update('Report', 'Sales Voucher Totals Prepared', {
			roles: [{ role: 'System Manager' }, { role: 'Desk User' }],
		});
		try {
			const rows = await ok(
				{
					report: report('Sales Voucher Totals Prepared'),
					...json({ docstatus: 1 }),
					options: { ...FAST, refreshPrepared: true },
				},
				{ credential: bed.clerk },
			);
			expect(rows.slice(0, -1).map((row) => row.id)).toEqual(
				vouchers(1).map((voucher) => voucher.name),
			);
			expect(bed.server.requests.some((r) => r.path.includes('get_reports_in_queued_state'))).toBe(
				true,
			);
		} finally {
			bed.server.store.update('Report', 'Sales Voucher Totals Prepared', {
				roles: [{ role: 'System Manager' }],
			});
		}
	});

	it("a job that ends in Error: the traceback's last line", async () => {
		const original = bed.server.store.get('Report', 'Sales Voucher Totals Prepared')!
			.query as string;
		bed.server.store.update('Report', 'Sales Voucher Totals Prepared', {
			query: original.replace('%(docstatus)s', '%(status)s'),
		});
		try {
			const failure = failureOf(
				await run({
					report: report('Sales Voucher Totals Prepared'),
					...json({ docstatus: 1 }),
					options: { ...FAST, refreshPrepared: true },
				}),
			);
			expect(failure.message).toBe(
				'The prepared report "Sales Voucher Totals Prepared" failed: KeyError: \'status\'',
			);
		} finally {
			bed.server.store.update('Report', 'Sales Voucher Totals Prepared', { query: original });
		}
	});

	it('a job that does not finish within the Timeout', async () => {
		preparedReportTiming.queuedMs = 5000;
		const failure = failureOf(
			await run({
				report: report('Sales Voucher Totals Prepared'),
				...json({ docstatus: 2 }),
				options: { pollInterval: 0.2, timeout: 1, refreshPrepared: true },
			}),
		);
		expect(failure.message).toBe(
			'The prepared report "Sales Voucher Totals Prepared" did not finish within 1 seconds',
		);
		expect(failure.description).toContain('status Queued');
	});
});

describe('Export', () => {
	const exportReport = (parameters: IDataObject, options: Parameters<Testbed['ok']>[1] = {}) =>
		bed.ok({ resource: 'report', operation: 'export', ...parameters }, options);

	it("CSV from Frappe's exporter, with Frappe's file name", async () => {
		const [item] = await exportReport({
			report: report('Sales Voucher Totals'),
			...json({ docstatus: 1 }),
		});
		const { binary, text } = fileOf(item);
		expect(binary.fileName).toBe('Sales Voucher Totals.csv');
		expect(binary.mimeType).toBe('text/csv');
		const lines = text.toString('utf8').split('\r\n');
		expect(lines[0]).toBe('"ID","Customer","Posting Date","Grand Total"');
		const [first] = vouchers(1);
		const row = lines.find((line) => line.startsWith(`"${String(first.name)}",`));
		expect(row).toMatch(/^"[^"]+","[^"]+","\d{4}-\d{2}-\d{2}",\d+\.0$/);
		expect(row).toContain(`"${String(first.customer)}"`);
		const sent = bed.server.requests
			.filter((r) => r.path.endsWith('query_report.export_query'))
			.pop()!;
		expect(JSON.parse(sent.body.toString())).toMatchObject({
			file_format_type: 'CSV',
			visible_idx: '[]',
		});
	});

	it('Excel (XLSX) as a binary spreadsheet', async () => {
		const [item] = await exportReport({
			report: report('Sales Voucher Totals'),
			...json({ docstatus: 1 }),
			fileFormat: 'xlsx',
		});
		const { binary, text } = fileOf(item);
		expect(binary.fileName).toBe('Sales Voucher Totals.xlsx');
		expect(binary.mimeType).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		);
		expect(text.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
	});

	it('a Report Builder report through reportview.export_query (a leading "Sr" column)', async () => {
		const [item] = await exportReport({ report: report('Submitted Vouchers by Total') });
		const { binary, text } = fileOf(item);
		expect(binary.fileName).toBe('Submitted Vouchers by Total.csv');
		expect(text.toString('utf8').split('\r\n')[0]).toBe('"Sr","ID","Customer","Grand Total"');
	});

	it('a prepared report: prepared first, then exported by its name', async () => {
		const [item] = await exportReport({
			report: report('Sales Voucher Totals Prepared'),
			...json({ docstatus: 1 }),
			options: FAST,
		});
		expect(fileOf(item).text.toString('utf8')).toContain(String(vouchers(1)[0].name));
		const sent = bed.server.requests
			.filter((r) => r.path.endsWith('query_report.export_query'))
			.pop()!;
		expect(JSON.parse(JSON.parse(sent.body.toString()).filters)).toHaveProperty(
			'prepared_report_name',
		);
	});

	it('CSV built in n8n from the rows', async () => {
		const [item] = await exportReport({
			report: report('ToDo'),
			exportUsing: 'node',
		});
		const { binary, text } = fileOf(item);
		expect(binary.fileName).toBe('ToDo.csv');
		const lines = text.toString('utf8').split('\r\n');
		expect(lines[0]).toBe(
			'"ID","Priority","Date","Description","Assigned To/Owner","Assigned By","Reference"',
		);
		expect(item.json.rowCount).toBe(lines.length - 2);
	});

	it("a user without the Export permission: Frappe's words", async () => {
		bed.server.store.update('Report', 'Sales Voucher Totals', {
			roles: [{ role: 'System Manager' }, { role: 'Desk User' }],
		});
		try {
			const result = await bed.run(
				{
					resource: 'report',
					operation: 'export',
					report: report('Sales Voucher Totals'),
					...json({ docstatus: 1 }),
				},
				{ credential: bed.limited },
			);
			const failure = failureOf(result);
			expect(failure.httpCode).toBe('403');
		} finally {
			bed.server.store.update('Report', 'Sales Voucher Totals', {
				roles: [{ role: 'System Manager' }],
			});
		}
	});
});
