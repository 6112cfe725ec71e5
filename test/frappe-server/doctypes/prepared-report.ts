// Prepared Report (frappe/core/doctype/prepared_report): a report run in the background. `queued_by` and
// `queued_at` are properties of the controller (owner, creation), not columns.
import type { DocTypeSpec } from '../meta';
import { ALL_DESK_PROPS, f } from './common';
import type { CoreDocType } from './controller';

export const PREPARED_REPORT_SPEC: DocTypeSpec = {
	name: 'Prepared Report',
	module: 'Core',
	autoname: 'hash',
	...ALL_DESK_PROPS,
	fields: [
		f('status', 'Select', 'Status', {
			options: 'Error\nQueued\nCompleted\nStarted',
			default: 'Queued',
			in_list_view: 1,
		}),
		f('report_name', 'Data', 'Report Name', { reqd: 1, in_list_view: 1 }),
		f('queued_by', 'Data', 'Queued By', { is_virtual: 1 }),
		f('job_id', 'Data', 'Job ID'),
		f('queued_at', 'Datetime', 'Queued At', { is_virtual: 1 }),
		f('report_end_time', 'Datetime', 'Report End Time'),
		f('error_message', 'Text', 'Error Message'),
		f('filters', 'Small Text', 'Filters'),
	],
	permissions: [
		{
			role: 'System Manager',
			read: 1,
			write: 1,
			create: 1,
			delete: 1,
			report: 1,
			export: 1,
			print: 1,
			email: 1,
			share: 1,
		},
		{ role: 'Prepared Report User', read: 1, report: 1, export: 1, print: 1, email: 1, share: 1 },
	],
};

export const PREPARED_REPORT: CoreDocType = {
	spec: PREPARED_REPORT_SPEC,
	controller: {
		virtualFields: {
			queued_by: (doc) => doc.owner,
			queued_at: (doc) => doc.creation,
		},
	},
};
