// The Report and Print pickers the way the editor calls them, as the clerk (a Desk User without System Manager):
// reports with their type and doctype, a report's filter names from its definitions (mandatory marked), the print
// formats of a doctype with Standard first, and the letter heads.
import type { IDataObject } from 'n8n-workflow';

import { frappeNode, Testbed } from '../file/support';

let bed: Testbed;

beforeAll(async () => {
	bed = await Testbed.start();
});

afterAll(async () => await bed.close());

const node = (parameters: IDataObject) => frappeNode(bed.clerk, parameters);
const rl = (value: string) => ({ __rl: true, mode: 'list', value });

it('reports: searched by name, shown with their type and doctype, linked to their desk page', async () => {
	const { results } = await bed.harness.listSearch(
		node({ resource: 'report', operation: 'run' }),
		'searchReports',
		'sales',
	);
	expect(results.map((result) => result.name)).toEqual([
		'Sales by Territory (Script Report · Sales Voucher)',
		'Sales Voucher Totals (Query Report · Sales Voucher)',
		'Sales Voucher Totals Prepared (Query Report · Sales Voucher, prepared)',
	]);
	expect(results[0]).toMatchObject({
		value: 'Sales by Territory',
		url: `${bed.server.url}/app/query-report/Sales%20by%20Territory`,
	});
	const builder = await bed.harness.listSearch(
		node({ resource: 'report' }),
		'searchReports',
		'submitted',
	);
	expect(builder.results[0].url).toBe(
		`${bed.server.url}/app/sales-voucher/view/report/Submitted%20Vouchers%20by%20Total`,
	);
});

it("a report's filters: from its JavaScript (never run) or its Report Filter table, mandatory ones marked", async () => {
	const script = await bed.harness.loadOptions(
		node({ resource: 'report', operation: 'run', report: rl('Sales by Territory') }),
		'getReportFilters',
	);
	expect(script.map((option) => [option.name, option.value])).toEqual([
		['From Date *', 'from_date'],
		['To Date *', 'to_date'],
		['Document Status', 'docstatus'],
		['Customer', 'customer'],
	]);
	expect(script[2].description).toBe(
		"docstatus · Select (Draft, Submitted) · the desk's default: Submitted",
	);
	// the Query Report's roles leave the clerk out: as Administrator
	const table = await bed.harness.loadOptions(
		frappeNode(bed.admin, {
			resource: 'report',
			operation: 'run',
			report: rl('Sales Voucher Totals'),
		}),
		'getReportFilters',
	);
	expect(table.map((option) => option.name)).toEqual(['Document Status *']);
});

it('print formats: Standard first, then the enabled formats of the doctype', async () => {
	const parameters = {
		resource: 'print',
		operation: 'getPdf',
		doctype: { __rl: true, mode: 'name', value: 'Sales Voucher' },
	};
	const { results } = await bed.harness.listSearch(node(parameters), 'searchPrintFormats', '');
	expect(results.map((result) => result.value)).toEqual([
		'Standard',
		'Sales Voucher Broken',
		'Sales Voucher Letter',
	]);
	const other = await bed.harness.listSearch(
		node({ ...parameters, doctype: { __rl: true, mode: 'name', value: 'ToDo' } }),
		'searchPrintFormats',
		'',
	);
	expect(other.results.map((result) => result.value)).toEqual(['Standard']);
});

it('letter heads: the default, none, and every enabled one', async () => {
	const options = await bed.harness.loadOptions(
		node({ resource: 'print', operation: 'getPdf' }),
		'getLetterHeads',
	);
	expect(options.map((option) => [option.name, option.value])).toEqual([
		['Default', ''],
		['No Letter Head', '__none__'],
		['Demo Letter Head (site default)', 'Demo Letter Head'],
	]);
});
