// getdoctype asset keys of ToDo as Frappe 15.44.2 sends them (from the rpc/27 recording).
export const TODO_ASSETS: Record<string, unknown> = {
	__js: '\n\n/* Adding apps/frappe/frappe/desk/doctype/todo/todo.js */\n\n// bind events\n\nfrappe.ui.form.on("ToDo", {\n\tonload: function (frm) {\n\t\tfrm.set_query("reference_type", function (txt) {\n\t\t\treturn {\n\t\t\t\tfilters: {\n\t\t\t\t\tissingle: 0,\n\t\t\t\t},\n\t\t\t};\n\t\t});\n\t},\n\trefresh: function (frm) {\n\t\tif (frm.doc.reference_type && frm.doc.reference_name) {\n\t\t\tfrm.add_custom_button(__(frm.doc.reference_name), function () {\n\t\t\t\tfrappe.set_route("Form", frm.doc.reference_type, frm.doc.reference_name);\n\t\t\t});\n\t\t}\n\n\t\tif (!frm.doc.__islocal) {\n\t\t\tif (frm.doc.status !== "Closed") {\n\t\t\t\tfrm.add_custom_button(\n\t\t\t\t\t__("Close"),\n\t\t\t\t\tfunction () {\n\t\t\t\t\t\tfrm.set_value("status", "Closed");\n\t\t\t\t\t\tfrm.save(null, function () {\n\t\t\t\t\t\t\t// back to list\n\t\t\t\t\t\t\tfrappe.set_route("List", "ToDo");\n\t\t\t\t\t\t});\n\t\t\t\t\t},\n\t\t\t\t\t"fa fa-check",\n\t\t\t\t\t"btn-success"\n\t\t\t\t);\n\t\t\t} else {\n\t\t\t\tfrm.add_custom_button(\n\t\t\t\t\t__("Reopen"),\n\t\t\t\t\tfunction () {\n\t\t\t\t\t\tfrm.set_value("status", "Open");\n\t\t\t\t\t\tfrm.save();\n\t\t\t\t\t},\n\t\t\t\t\tnull,\n\t\t\t\t\t"btn-default"\n\t\t\t\t);\n\t\t\t}\n\t\t\tfrm.add_custom_button(\n\t\t\t\t__("New"),\n\t\t\t\tfunction () {\n\t\t\t\t\tfrappe.new_doc("ToDo");\n\t\t\t\t},\n\t\t\t\tnull,\n\t\t\t\t"btn-default"\n\t\t\t);\n\t\t}\n\t},\n});\n\n\n//# sourceURL=todo__js',
	__list_js:
		'\n\n/* Adding apps/frappe/frappe/desk/doctype/todo/todo_list.js */\n\nfrappe.listview_settings["ToDo"] = {\n\thide_name_column: true,\n\tadd_fields: ["reference_type", "reference_name"],\n\n\tonload: function (me) {\n\t\tme.page.set_title(__("To Do"));\n\t},\n\n\tbutton: {\n\t\tshow: function (doc) {\n\t\t\treturn doc.reference_name;\n\t\t},\n\t\tget_label: function () {\n\t\t\treturn __("Open", null, "Access");\n\t\t},\n\t\tget_description: function (doc) {\n\t\t\treturn __("Open {0}", [`${__(doc.reference_type)}: ${doc.reference_name}`]);\n\t\t},\n\t\taction: function (doc) {\n\t\t\tfrappe.set_route("Form", doc.reference_type, doc.reference_name);\n\t\t},\n\t},\n};\n\n\n//# sourceURL=todo__list_js',
	__calendar_js:
		'\n\n/* Adding apps/frappe/frappe/desk/doctype/todo/todo_calendar.js */\n\n// Copyright (c) 2015, Frappe Technologies Pvt. Ltd. and Contributors\n// License: GNU General Public License v3. See license.txt\n\nfrappe.views.calendar["ToDo"] = {\n\tfield_map: {\n\t\tstart: "date",\n\t\tend: "date",\n\t\tid: "name",\n\t\ttitle: "description",\n\t\tallDay: "allDay",\n\t\tprogress: "progress",\n\t},\n\tgantt: true,\n\tfilters: [\n\t\t{\n\t\t\tfieldtype: "Link",\n\t\t\tfieldname: "reference_type",\n\t\t\toptions: "Task",\n\t\t\tlabel: __("Task"),\n\t\t},\n\t\t{\n\t\t\tfieldtype: "Dynamic Link",\n\t\t\tfieldname: "reference_name",\n\t\t\toptions: "reference_type",\n\t\t\tlabel: __("Task"),\n\t\t},\n\t],\n\tget_events_method: "frappe.desk.calendar.get_events",\n};\n\n\n//# sourceURL=todo__calendar_js',
	__custom_js: '\n\n//# sourceURL=todo__custom_js',
	__custom_list_js: '\n\n//# sourceURL=todo__custom_list_js',
	__assets_loaded: true,
	__css: null,
	__map_js: null,
	__linked_with: null,
	__messages: null,
	__print_formats: [],
	__workflow_docs: [],
	__form_grid_templates: null,
	__listview_template: null,
	__tree_js: null,
	__dashboard: {
		transactions: [],
		non_standard_fieldnames: {},
		internal_links: {},
	},
	__kanban_column_fields: [],
	__templates: null,
};
