// The example workflows (examples/workflows) and what the demo shows of each: which nodes' output, which columns.
import path from 'node:path';

import { EXAMPLES_DIR, nodeItems, readWorkflow } from './stack.mjs';

const items = (json) =>
	Array.isArray(json.items)
		? json.items.map((row) => `${row.item}×${row.qty}@${row.rate}`).join(', ')
		: '';

/**
 * readOnly: runs against a real site too (FRAPPE_URL), as it writes nothing.
 * trigger: started by a delivery (n8n start + activation), not by `n8n execute`; poll: by n8n's polling schedule.
 */
export const EXAMPLES = [
	{
		file: '01-open-todos-summary.json',
		readOnly: true,
		show: [
			{ node: 'Count open ToDos', columns: ['count'] },
			{
				node: 'Get open ToDos',
				columns: ['name', 'priority', 'allocated_to', 'description'],
				max: 6,
			},
			{ node: 'Summary', columns: ['priority', 'open_todos', 'of_all_open'] },
		],
	},
	{
		file: '02-sales-voucher-create-submit.json',
		show: [
			{
				node: 'Create Sales Voucher',
				columns: ['name', 'customer', 'docstatus', 'grand_total', ['items', items]],
			},
			{
				node: 'Read back',
				columns: ['name', 'customer', 'docstatus', 'grand_total', ['items', items]],
			},
		],
	},
	{
		file: '03-customers-upsert.json',
		show: [
			{
				node: 'Create or update customer',
				columns: [
					'name',
					'email_id',
					'territory',
					'credit_limit',
					['result', (j) => (j.creation === j.modified ? 'created' : 'updated')],
				],
			},
		],
	},
	{
		file: '04-call-method.json',
		readOnly: true,
		show: [{ node: 'Reminder', columns: ['todo', 'reminder'] }],
	},
	{
		file: '05-file-upload-attach-download.json',
		show: [
			{ node: 'Create a ToDo', columns: ['name', 'description'] },
			{
				node: 'Upload and attach',
				columns: ['name', 'file_url', 'attached_to_doctype', 'attached_to_name', 'file_size'],
			},
			{ node: 'Download', columns: [['binary', (_j, item) => describeBinary(item.binary?.data)]] },
			{ node: 'Read the file', columns: ['content'] },
		],
	},
	{
		file: '06-trigger-sales-voucher-submitted.json',
		trigger: true,
		show: [
			{
				node: 'Sales Voucher submitted',
				columns: ['name', 'event', 'customer', 'docstatus', 'grand_total', ['items', items]],
			},
			{ node: 'Notify', columns: ['message'] },
		],
	},
	{
		file: '07-poll-new-customers-to-sheet.json',
		trigger: true,
		poll: true,
		show: [
			{ node: 'New Customer', columns: ['name', 'event', 'doctype', 'territory', 'email_id'] },
			{ node: 'Sheet', columns: [['binary', (_j, item) => describeBinary(item.binary?.data)]] },
		],
	},
	{
		file: '08-approve-sales-voucher-under-1000.json',
		trigger: true,
		approval: true,
		show: [
			{
				node: 'New draft under 1,000',
				columns: ['name', 'event', 'customer', 'grand_total', 'workflow_state'],
			},
			{ node: 'Get Workflow Actions', columns: ['action', 'next_state', 'submits', 'condition'] },
			{ node: 'Apply Workflow Action', columns: ['name', 'workflow_state', 'docstatus'] },
			{ node: 'Comment', columns: ['reference_name', 'content'] },
		],
	},
	{
		file: '10-report-rows-summary.json',
		show: [
			{
				node: 'Run Sales by Territory',
				columns: ['name', 'parent_territory', 'vouchers', 'grand_total'],
			},
			{ node: 'Summary', columns: ['territory', 'customers', 'vouchers', 'sales'] },
		],
	},
	{
		file: '11-trigger-print-pdf-attach.json',
		trigger: true,
		// run like example 6: activated, a Sales Voucher submitted in the stand-in, the execution read back
		submitTrigger: true,
		show: [
			{
				node: 'Sales Voucher submitted',
				columns: ['name', 'customer', 'docstatus', 'grand_total'],
			},
			{
				node: 'PDF attached to the voucher',
				columns: [
					['binary', (_j, item) => describeBinary(item.binary?.data)],
					'pageCount',
					[
						'attached as',
						(j) => `${j.attachment?.file_url ?? ''} → ${j.attachment?.attached_to_name ?? ''}`,
					],
				],
			},
		],
	},
].map((example) => {
	const file = path.join(EXAMPLES_DIR, example.file);
	const workflow = readWorkflow(file);
	return { ...example, path: file, workflow, id: workflow.id, name: workflow.name };
});

function describeBinary(binary) {
	if (!binary) return '(none)';
	const size = binary.fileSize ?? binary.bytes ?? '';
	return `${binary.fileName} ${binary.mimeType}${size ? ` ${size}` : ''}`;
}

function cell(value, width = 70) {
	let text;
	if (value === undefined || value === null) text = '';
	else if (typeof value === 'string') text = value;
	else text = JSON.stringify(value);
	text = text.replace(/\n/g, '\\n');
	return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** A small text table of some items: a header, a rule, one row per item (at most `max`). */
export function table(rows, columns, { max = 10, indent = '    ' } = {}) {
	const heads = columns.map((c) => (Array.isArray(c) ? c[0] : c));
	const width = columns.length === 1 ? 110 : columns.length === 2 ? 95 : 70;
	const cells = rows
		.slice(0, max)
		.map((item) =>
			columns.map((c) =>
				Array.isArray(c) ? cell(c[1](item.json ?? {}, item), width) : cell(item.json?.[c], width),
			),
		);
	const widths = heads.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
	const line = (r) =>
		indent +
		r
			.map((v, i) => v.padEnd(widths[i]))
			.join('  ')
			.trimEnd();
	const out = [line(heads), indent + widths.map((w) => '-'.repeat(w)).join('  ')];
	for (const r of cells) out.push(line(r));
	if (rows.length > max) out.push(`${indent}… ${rows.length - max} more`);
	return out.join('\n');
}

/** What the demo prints for one example's run (an IRun from `n8n execute`, or an execution from the API). */
export function showRun(example, runOrExecution) {
	const out = [];
	for (const spec of example.show) {
		const rows = nodeItems(runOrExecution, spec.node);
		if (rows === undefined) {
			out.push(`  ${spec.node}: did not run`);
			continue;
		}
		out.push(`  ${spec.node} → ${rows.length} item${rows.length === 1 ? '' : 's'}`);
		if (rows.length > 0) out.push(table(rows, spec.columns, { max: spec.max ?? 10 }));
	}
	return out.join('\n');
}
