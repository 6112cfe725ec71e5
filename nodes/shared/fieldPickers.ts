// Field pickers (loadOptions) every node uses, from the doctype's meta as any user who can read the
// doctype gets it (`frappe.desk.form.load.getdoctype` on v1, `/api/v2/doctype/{dt}/meta` on v2),
// never from /api/resource/DocType, which only System Managers may read. When the meta cannot be
// read the user can still type a field name in an expression.
import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { STANDARD_FIELDS, type DocField } from './doctypeMeta';
import { loadMeta } from './meta';
import { doctypeOf } from './parameters';

function option(field: DocField): INodePropertyOptions {
	const target =
		field.options && /^(Link|Table|Table MultiSelect|Dynamic Link)$/.test(field.fieldtype)
			? ` → ${field.options}`
			: '';
	return {
		name: field.label === field.fieldname ? field.fieldname : `${field.label} (${field.fieldname})`,
		value: field.fieldname,
		description: `${field.fieldtype}${target}${field.reqd ? ', mandatory' : ''}`,
	};
}

async function doctypeFields(context: ILoadOptionsFunctions): Promise<DocField[]> {
	const doctype = doctypeOf(context);
	if (doctype === '') return [];
	return (await loadMeta(context, doctype)).fields;
}

function byName(a: INodePropertyOptions, b: INodePropertyOptions): number {
	return a.name.localeCompare(b.name);
}

/**
 * Fields to write: the doctype's own fields (child tables included) and `name`, for doctypes named
 * by prompt.
 */
export async function getFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const fields = await doctypeFields(this);
	return [...fields.map(option).sort(byName), option(STANDARD_FIELDS[0])];
}

/** Fields to filter or read: the standard fields every document has, then the doctype's own. */
export async function getFilterFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const fields = await doctypeFields(this);
	return [...STANDARD_FIELDS.map(option), ...fields.map(option).sort(byName)];
}

/** Fields Get Many can return: all of them (`*`), or a choice. */
export async function getListFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return [
		{
			name: 'All Fields (*)',
			value: '*',
			description: 'Every field of the doctype (no child tables)',
		},
		...(await getFilterFields.call(this)),
	];
}
