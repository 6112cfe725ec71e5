// What the doctype definitions share: full permissions, the desk properties most core doctypes have, a field helper.
import type { FieldSpec, PermSpec } from '../meta';

export const FULL: Omit<PermSpec, 'role'> = {
	read: 1,
	write: 1,
	create: 1,
	delete: 1,
	report: 1,
	export: 1,
	share: 1,
	print: 1,
	email: 1,
};

export const ALL_DESK_PROPS = { editable_grid: 0, allow_rename: 0, index_web_pages_for_search: 0 };

export const f = (
	fieldname: string,
	fieldtype: string,
	label?: string,
	extra: Partial<FieldSpec> = {},
): FieldSpec => ({
	fieldname,
	fieldtype,
	...(label !== undefined ? { label } : {}),
	...extra,
});
