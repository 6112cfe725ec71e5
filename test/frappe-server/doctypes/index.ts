// The doctypes the server models, one module each with its spec and controller (ToDo, Note, User, File, Webhook,
// DocType, OAuth Client, Tag, ...), and a catalogue of other core doctype names. A doctype with behaviour is one
// module here plus its line in CORE.
import { buildDocType, type DocTypeDef, type NameGen } from '../meta';
import { CATALOGUE } from './catalogue';
import { COMMENT } from './comment';
import { ALL_DESK_PROPS } from './common';
import type { CoreDocType, DocTypeController } from './controller';
import { DELETED_DOCUMENT } from './deleted-document';
import { DOCFIELD, DOCPERM, DOCTYPE } from './doctype';
import { DOCSHARE } from './docshare';
import { FILE } from './file';
import { LETTER_HEAD } from './letter-head';
import { NOTE } from './note';
import { OAUTH_CLIENT, OAUTH_CLIENT_ROLE } from './oauth-client';
import { PREPARED_REPORT } from './prepared-report';
import { PRINT_FORMAT } from './print-format';
import { PRINT_SETTINGS } from './print-settings';
import { REPORT, REPORT_COLUMN, REPORT_FILTER } from './report';
import { SYSTEM_SETTINGS } from './system-settings';
import { TAG } from './tag';
import { TAG_LINK } from './tag-link';
import { TODO } from './todo';
import { HAS_ROLE, ROLE, USER } from './user';
import { VERSION } from './version';
import { WEBHOOK, WEBHOOK_DATA, WEBHOOK_HEADER, WEBHOOK_REQUEST_LOG } from './webhook';
import {
	WORKFLOW,
	WORKFLOW_ACTION_MASTER,
	WORKFLOW_DOCUMENT_STATE,
	WORKFLOW_STATE,
	WORKFLOW_TRANSITION,
} from './workflow';

export { CUSTOMER_SPEC, SALES_VOUCHER_ITEM_SPEC, SALES_VOUCHER_SPEC } from './custom';
export { EVENT_HOOKS } from './controller';
export type { CoreDocType, DocTypeController, PermissionContext } from './controller';

/** The core doctypes, in the order the server lists them. */
const CORE: CoreDocType[] = [
	DOCTYPE,
	DOCFIELD,
	DOCPERM,
	TODO,
	NOTE,
	USER,
	HAS_ROLE,
	ROLE,
	FILE,
	WEBHOOK,
	WEBHOOK_HEADER,
	WEBHOOK_DATA,
	WEBHOOK_REQUEST_LOG,
	OAUTH_CLIENT,
	OAUTH_CLIENT_ROLE,
	TAG,
	SYSTEM_SETTINGS,
	REPORT_FILTER,
	REPORT_COLUMN,
	REPORT,
	PREPARED_REPORT,
	PRINT_FORMAT,
	LETTER_HEAD,
	PRINT_SETTINGS,
	COMMENT,
	DOCSHARE,
	TAG_LINK,
	WORKFLOW_DOCUMENT_STATE,
	WORKFLOW_TRANSITION,
	WORKFLOW,
	WORKFLOW_STATE,
	WORKFLOW_ACTION_MASTER,
	VERSION,
	DELETED_DOCUMENT,
];

const CONTROLLERS = new Map(
	CORE.filter((doctype) => doctype.controller).map((doctype) => [
		doctype.spec.name,
		doctype.controller!,
	]),
);

/** frappe.get_controller(doctype): the controller of a core doctype, found by name; custom doctypes have none. */
export function controllerOf(doctype: string): DocTypeController | undefined {
	return CONTROLLERS.get(doctype);
}

/** Build the core DocTypeDefs (creation of standard doctypes is old; their rows were "migrated" at install time). */
export function coreDocTypes(installStamp: string, genName: NameGen): DocTypeDef[] {
	const out: DocTypeDef[] = [];
	for (const { spec, creation, modified, assets } of CORE) {
		const dt = buildDocType(
			spec,
			{ creation: creation ?? '2013-02-18 13:36:19', modified: installStamp },
			genName,
			{ custom: false },
		);
		dt.props.modified = modified ?? '2024-01-10 12:00:00.000000';
		if (assets) dt.assets = assets;
		out.push(dt);
	}
	for (const [name, module, istable, issingle, is_submittable] of CATALOGUE) {
		const dt = buildDocType(
			{ name, module, istable, issingle, is_submittable, autoname: 'hash', ...ALL_DESK_PROPS },
			{ creation: '2013-02-18 13:36:19', modified: '2024-01-10 12:00:00.000000' },
			genName,
			{ custom: false },
		);
		dt.catalogueOnly = true;
		out.push(dt);
	}
	return out;
}
