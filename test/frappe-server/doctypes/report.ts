// Report and its child tables Report Filter and Report Column (frappe/core/doctype/report): the reports the test
// server runs (routes/reports.ts). Desk Users may read Report documents; who may run one is its `roles`.
import type { DocTypeSpec } from '../meta';
import { ALL_DESK_PROPS, f } from './common';
import type { CoreDocType } from './controller';

export const REPORT_FILTER_SPEC: DocTypeSpec = {
	name: 'Report Filter',
	module: 'Core',
	istable: 1,
	autoname: 'hash',
	...ALL_DESK_PROPS,
	fields: [
		f('label', 'Data', 'Label', { reqd: 1, in_list_view: 1 }),
		f('fieldtype', 'Select', 'Fieldtype', { reqd: 1, in_list_view: 1 }),
		f('fieldname', 'Data', 'Fieldname', { reqd: 1, in_list_view: 1 }),
		f('mandatory', 'Check', 'Mandatory', { default: '0' }),
		f('wildcard_filter', 'Check', 'Wildcard Filter', { default: '0' }),
		f('options', 'Small Text', 'Options'),
	],
};

export const REPORT_COLUMN_SPEC: DocTypeSpec = {
	name: 'Report Column',
	module: 'Core',
	istable: 1,
	autoname: 'hash',
	...ALL_DESK_PROPS,
	fields: [
		f('fieldname', 'Data', 'Fieldname', { reqd: 1 }),
		f('label', 'Data', 'Label', { reqd: 1 }),
		f('fieldtype', 'Select', 'Fieldtype', { reqd: 1 }),
		f('options', 'Data', 'Options'),
		f('width', 'Int', 'Width'),
	],
};

export const REPORT_SPEC: DocTypeSpec = {
	name: 'Report',
	module: 'Core',
	autoname: 'field:report_name',
	naming_rule: 'By fieldname',
	...ALL_DESK_PROPS,
	fields: [
		f('report_name', 'Data', 'Report Name', { reqd: 1, unique: 1 }),
		f('ref_doctype', 'Link', 'Ref DocType', { options: 'DocType', reqd: 1, in_list_view: 1 }),
		f('reference_report', 'Data', 'Reference Report'),
		f('is_standard', 'Select', 'Is Standard', { options: 'No\nYes', reqd: 1 }),
		f('module', 'Link', 'Module', { options: 'Module Def' }),
		f('add_total_row', 'Check', 'Add Total Row', { default: '0' }),
		f('report_type', 'Select', 'Report Type', {
			options: 'Report Builder\nQuery Report\nScript Report\nCustom Report',
			reqd: 1,
			in_list_view: 1,
		}),
		f('disabled', 'Check', 'Disabled', { default: '0' }),
		f('prepared_report', 'Check', 'Prepared Report', { default: '0' }),
		f('timeout', 'Int', 'Timeout (In Seconds)', { default: '0' }),
		f('query', 'Code', 'Query'),
		f('javascript', 'Code', 'Javascript'),
		f('json', 'Code', 'JSON'),
		f('report_script', 'Code', 'Script'),
		f('roles', 'Table', 'Roles', { options: 'Has Role' }),
		f('filters', 'Table', 'Filters', { options: 'Report Filter' }),
		f('columns', 'Table', 'Columns', { options: 'Report Column' }),
	],
	permissions: [
		{
			role: 'Administrator',
			read: 1,
			write: 1,
			create: 1,
			delete: 1,
			report: 1,
			print: 1,
			email: 1,
			share: 1,
		},
		{
			role: 'System Manager',
			read: 1,
			write: 1,
			create: 1,
			delete: 1,
			report: 1,
			print: 1,
			email: 1,
			share: 1,
		},
		{ role: 'Desk User', read: 1, report: 1, print: 1, email: 1 },
	],
};

export const REPORT: CoreDocType = { spec: REPORT_SPEC };
export const REPORT_FILTER: CoreDocType = { spec: REPORT_FILTER_SPEC };
export const REPORT_COLUMN: CoreDocType = { spec: REPORT_COLUMN_SPEC };
