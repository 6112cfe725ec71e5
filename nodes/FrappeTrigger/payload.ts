// What the Webhooks the trigger creates send, and how a delivery becomes an n8n item. Pure
// functions.
//
// Frappe renders `webhook_json` with Jinja, then `json.loads` it; a template that produces invalid
// JSON for some document (e.g. `"{{ doc.description }}"` and a description with a double quote)
// sends nothing at all. So every value goes through `| tojson`, and fields are read with
// `doc["field"]`: `doc.items` would be the dict method.
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { FrappeEvent } from './events';

const FIELDNAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Splits "name, status,customer" into fieldnames; throws on anything that is not a Frappe
 * fieldname.
 */
export function parseFieldList(input: string | string[]): string[] {
	const parts = (Array.isArray(input) ? input : String(input).split(/[\s,]+/))
		.map((part) => part.trim())
		.filter((part) => part !== '');
	const invalid = parts.filter((part) => !FIELDNAME.test(part));
	if (invalid.length > 0) {
		throw new Error(
			`Not a Frappe fieldname: ${invalid.join(', ')} (use letters, digits and underscores)`,
		);
	}
	return [...new Set(parts)];
}

/**
 * What a Webhook the trigger creates sends: the event, the Webhook's name, the doctype and the
 * document. A Webhook made by hand with the template the node suggests (`{"doc": {{ doc | tojson
 * }}}`) sends the same without the labels.
 */
export interface Envelope {
	event?: string;
	webhook?: string;
	doctype?: string;
	doc: IDataObject;
}

export interface TemplateSpec {
	event: FrappeEvent;
	webhookName: string;
	/**
	 * Fieldnames to send (`name` is always added); undefined sends the whole document with its child
	 * tables.
	 */
	fields?: string[];
}

/** The `webhook_json` template of one Webhook: renders to valid JSON for any document content. */
export function buildWebhookTemplate(spec: TemplateSpec): string {
	let doc: string;
	if (spec.fields === undefined) {
		doc = '{{ doc | tojson }}';
	} else {
		const fields = ['name', ...spec.fields.filter((field) => field !== 'name')];
		for (const field of fields) {
			if (!FIELDNAME.test(field)) throw new Error(`Not a Frappe fieldname: ${field}`);
		}
		doc = `{ ${fields.map((field) => `"${field}": {{ doc["${field}"] | tojson }}`).join(', ')} }`;
	}
	// The literals are ASCII names without braces, so they can neither break the JSON nor open a
	// Jinja tag.
	const event = JSON.stringify(spec.event);
	const webhook = JSON.stringify(spec.webhookName);
	const doctype = '{{ doc.doctype | tojson }}';
	return `{ "event": ${event}, "webhook": ${webhook}, "doctype": ${doctype}, "doc": ${doc} }`;
}

function slug(value: string, max: number): string {
	return (
		value
			.replace(/[^A-Za-z0-9_]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, max) || 'x'
	);
}

/**
 * The name of the Webhook for one event of one trigger node: `n8n-<workflow>-<node>-<url
 * hash>-<event>`. The same workflow, node, URL and event always give the same name, so a Webhook
 * left behind is found and reused; the hash of the URL keeps the test URL's Webhooks apart from the
 * production URL's.
 */
export function webhookNameFor(
	workflowId: string,
	nodeId: string,
	webhookUrl: string,
	event: FrappeEvent,
): string {
	const urlHash = createHash('sha256').update(webhookUrl).digest('hex').slice(0, 8);
	return `n8n-${slug(workflowId, 40)}-${slug(nodeId, 40)}-${urlHash}-${event}`;
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * JSON.parse of the exact bytes (Frappe sends Python json.dumps text, usually without a
 * Content-Type).
 */
export function parseBody(raw: Buffer): ParsedBody {
	const text = raw.toString('utf8');
	if (text.trim() === '') return { ok: false, reason: 'The body is empty' };
	try {
		return { ok: true, value: JSON.parse(text) as unknown };
	} catch {
		return { ok: false, reason: 'The body is not JSON' };
	}
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ENVELOPE_KEYS = new Set(['event', 'webhook', 'doctype', 'doc']);

export function isEnvelope(value: unknown): value is Envelope {
	return (
		isObject(value) &&
		isObject(value.doc) &&
		(value.event === undefined || typeof value.event === 'string') &&
		Object.keys(value).every((key) => ENVELOPE_KEYS.has(key))
	);
}

export interface DeliveryLabels {
	/** The event, when the body does not carry it (a Webhook made by hand). */
	event?: string;
	doctype?: string;
}

/**
 * One item from a delivery: the document's fields, then `event`, `doctype` and (when known)
 * `webhook`, which win over document fields of the same name. A body that is not an object ends up
 * under `body`.
 */
export function deliveryItem(body: unknown, labels: DeliveryLabels = {}): IDataObject {
	let doc: IDataObject;
	let event = labels.event;
	let doctype: string | undefined;
	let webhook: string | undefined;
	if (isEnvelope(body)) {
		doc = body.doc;
		event = body.event ?? labels.event;
		webhook = typeof body.webhook === 'string' ? body.webhook : undefined;
		doctype = typeof body.doctype === 'string' ? body.doctype : undefined;
	} else if (isObject(body)) {
		doc = body;
	} else {
		doc = { body: body as IDataObject[keyof IDataObject] };
	}
	doctype ??= typeof doc.doctype === 'string' && doc.doctype !== '' ? doc.doctype : labels.doctype;
	const item: IDataObject = { ...doc };
	if (event) item.event = event;
	if (doctype) item.doctype = doctype;
	if (webhook) item.webhook = webhook;
	return item;
}
