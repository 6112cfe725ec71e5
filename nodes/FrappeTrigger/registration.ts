// Activation and deactivation in automatic mode: one Frappe Webhook document per event, kept in
// step with the node's settings. The Webhook names, the secret and the URL live in the workflow's
// static data.
import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { frappeError } from '../shared/frappeError';
import { textParameterOf } from '../shared/parameters';
import { documentPath } from '../shared/paths';
import { frappeApiRequest } from '../shared/transport';
import { isFrappeEvent, type FrappeEvent } from './events';
import { buildWebhookTemplate, parseFieldList, webhookNameFor } from './payload';

export interface Registration {
	name: string;
	event: FrappeEvent;
}

export interface Settings {
	doctype: string;
	url: string;
	condition: string;
	fields?: string[];
	registrations: Registration[];
}

/** What the static data holds while the trigger is active. */
export interface StoredRegistration {
	webhookNames: string[];
	webhookSecret: string;
	webhookUrl: string;
	doctype: string;
	events: FrappeEvent[];
}

const STATIC_KEYS: Array<keyof StoredRegistration> = [
	'webhookNames',
	'webhookSecret',
	'webhookUrl',
	'doctype',
	'events',
];

export function isAutomatic(context: IHookFunctions): boolean {
	return context.getNodeParameter('mode', 'automatic') === 'automatic';
}

export function storedRegistration(context: IHookFunctions): Partial<StoredRegistration> {
	return context.getWorkflowStaticData('node') as Partial<StoredRegistration>;
}

function clearStored(context: IHookFunctions): void {
	const data = context.getWorkflowStaticData('node');
	for (const key of STATIC_KEYS) delete data[key];
}

/** After deactivation: the registration and the memory of recent deliveries (receive.ts). */
function clearAll(context: IHookFunctions): void {
	clearStored(context);
	delete context.getWorkflowStaticData('node').recentDeliveries;
}

/** The node's settings and the Webhooks they call for. */
export function readSettings(context: IHookFunctions): Settings {
	const node = context.getNode();
	const doctype = String(
		context.getNodeParameter('doctype', '', { extractValue: true }) ?? '',
	).trim();
	if (doctype === '')
		throw new NodeOperationError(node, 'Choose the doctype whose events start the workflow');
	const events = (context.getNodeParameter('events', []) as unknown[]).filter(isFrappeEvent);
	if (events.length === 0) throw new NodeOperationError(node, 'Choose at least one event');
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(node, 'n8n gave no webhook URL for this node');
	const condition = textParameterOf(context, 'condition');
	let fields: string[] | undefined;
	if (context.getNodeParameter('payload', 'document') === 'fields') {
		try {
			fields = parseFieldList(String(context.getNodeParameter('fields', '') ?? ''));
		} catch (error) {
			throw new NodeOperationError(node, (error as Error).message);
		}
	}
	const workflowId = String(context.getWorkflow().id ?? 'workflow');
	const registrations = [...new Set(events)].map((event) => ({
		event,
		name: webhookNameFor(workflowId, node.id, url, event),
	}));
	return { doctype, url, condition, fields, registrations };
}

function webhookPath(name?: string): string {
	return documentPath('v1', 'Webhook', name);
}

function hasStatus(error: unknown, status: number): boolean {
	return String((error as { httpCode?: unknown })?.httpCode ?? '') === String(status);
}

export const AUTOMATIC_MODE_NEEDS =
	'Automatic mode needs a Frappe user who may create and delete Webhooks: System Manager, or a role with create and delete on Webhook (Role Permission Manager). Or choose manual mode and create the Webhook in Frappe yourself.';

/**
 * An error of a Webhook request; a refusal adds what automatic mode needs of the credential's user.
 */
function webhookError(context: IHookFunctions, error: unknown, name?: string) {
	const made = frappeError(context, error, { doctype: 'Webhook', documentName: name });
	if (hasStatus(made, 403) && !String(made.description ?? '').includes(AUTOMATIC_MODE_NEEDS)) {
		made.description = `${made.description ? `${made.description} ` : ''}${AUTOMATIC_MODE_NEEDS}`;
	}
	return made;
}

/** The Webhook document, or undefined when Frappe has none by that name. */
export async function findWebhook(
	this: IHookFunctions,
	name: string,
): Promise<IDataObject | undefined> {
	try {
		const response = (await frappeApiRequest.call(this, {
			method: 'GET',
			url: webhookPath(name),
		})) as IDataObject;
		return (response.data ?? undefined) as IDataObject | undefined;
	} catch (error) {
		if (hasStatus(error, 404)) return undefined;
		throw webhookError(this, error, name);
	}
}

export function webhookBody(
	settings: Settings,
	registration: Registration,
	secret: string,
): IDataObject {
	return {
		name: registration.name,
		webhook_doctype: settings.doctype,
		webhook_docevent: registration.event,
		enabled: 1,
		condition: settings.condition,
		request_url: settings.url,
		request_method: 'POST',
		request_structure: 'JSON',
		webhook_json: buildWebhookTemplate({
			event: registration.event,
			webhookName: registration.name,
			fields: settings.fields,
		}),
		webhook_headers: [{ key: 'Content-Type', value: 'application/json' }],
		enable_security: 1,
		webhook_secret: secret,
	};
}

/** Creates the Webhook, or rewrites the one a previous activation left under the same name. */
async function putWebhook(this: IHookFunctions, body: IDataObject): Promise<void> {
	try {
		await frappeApiRequest.call(this, { method: 'POST', url: webhookPath(), body });
	} catch (error) {
		if (!hasStatus(error, 409)) throw webhookError(this, error);
		const { name, ...fields } = body;
		this.logger.debug(`Frappe Trigger: Webhook ${String(name)} exists already; updating it`);
		await frappeApiRequest.call(this, {
			method: 'PUT',
			url: webhookPath(String(name)),
			body: fields,
		});
	}
}

/**
 * Disables, then deletes a Webhook. Frappe refreshes its cached list of Webhooks only when a
 * Webhook is saved, so one deleted while enabled would go on being queued for every matching event;
 * saving it disabled first drops it from that list. A Webhook already gone is not an error. Returns
 * whether there was one to remove.
 */
export async function removeWebhook(this: IHookFunctions, name: string): Promise<boolean> {
	try {
		await frappeApiRequest.call(this, {
			method: 'PUT',
			url: webhookPath(name),
			body: { enabled: 0 },
		});
	} catch (error) {
		if (hasStatus(error, 404)) return false;
		throw webhookError(this, error, name);
	}
	try {
		await frappeApiRequest.call(this, { method: 'DELETE', url: webhookPath(name) });
	} catch (error) {
		if (hasStatus(error, 404)) return false;
		throw webhookError(this, error, name);
	}
	return true;
}

/**
 * checkExists: every Webhook still there, enabled, pointing at our URL, for our doctype and event.
 */
export async function registrationIsIntact(this: IHookFunctions): Promise<boolean> {
	const stored = storedRegistration(this);
	if (!stored.webhookSecret || !Array.isArray(stored.webhookNames)) return false;
	const settings = readSettings(this);
	const wanted = settings.registrations.map((registration) => registration.name);
	if (
		stored.webhookUrl !== settings.url ||
		stored.doctype !== settings.doctype ||
		stored.webhookNames.length !== wanted.length ||
		!wanted.every((name) => stored.webhookNames!.includes(name))
	) {
		return false;
	}
	for (const registration of settings.registrations) {
		const webhook = await findWebhook.call(this, registration.name);
		const problem = !webhook
			? 'no longer exists'
			: Number(webhook.enabled) !== 1
				? 'is disabled'
				: webhook.request_url !== settings.url
					? 'points at another URL'
					: webhook.webhook_doctype !== settings.doctype ||
						  webhook.webhook_docevent !== registration.event
						? 'fires on another doctype or event'
						: undefined;
		if (problem) {
			this.logger.info(
				`Frappe Trigger: Webhook ${registration.name} ${problem} in Frappe; it will be created again`,
			);
			return false;
		}
	}
	return true;
}

/** create: one Webhook per event with a fresh secret; all or nothing. */
export async function createRegistration(this: IHookFunctions): Promise<boolean> {
	const settings = readSettings(this);
	const stored = storedRegistration(this);
	const wanted = new Set(settings.registrations.map((registration) => registration.name));
	for (const name of stored.webhookNames ?? []) {
		if (!wanted.has(name)) await removeWebhook.call(this, name);
	}
	const secret = randomBytes(32).toString('hex');
	const done: string[] = [];
	try {
		for (const registration of settings.registrations) {
			await putWebhook.call(this, webhookBody(settings, registration, secret));
			done.push(registration.name);
		}
	} catch (error) {
		for (const name of done) {
			await removeWebhook.call(this, name).catch((cleanupError: unknown) => {
				this.logger.warn(
					`Frappe Trigger: could not remove Webhook ${name} after a failed activation`,
					{
						error: (cleanupError as Error).message,
					},
				);
				return false;
			});
		}
		clearStored(this);
		throw webhookError(this, error);
	}
	const registration: StoredRegistration = {
		webhookNames: settings.registrations.map((item) => item.name),
		webhookSecret: secret,
		webhookUrl: settings.url,
		doctype: settings.doctype,
		events: settings.registrations.map((item) => item.event),
	};
	Object.assign(this.getWorkflowStaticData('node'), registration);
	return true;
}

/**
 * delete: removes every Webhook this node made (those in static data, and those its settings name).
 */
export async function deleteRegistration(this: IHookFunctions): Promise<boolean> {
	const names = new Set(storedRegistration(this).webhookNames ?? []);
	if (isAutomatic(this)) {
		let settings: Settings | undefined;
		try {
			settings = readSettings(this);
		} catch (error) {
			this.logger.debug(
				`Frappe Trigger: settings incomplete, removing only the stored Webhooks (${(error as Error).message})`,
			);
		}
		for (const registration of settings?.registrations ?? []) names.add(registration.name);
	}
	const failures: string[] = [];
	const notRemoved: string[] = [];
	for (const name of names) {
		try {
			await removeWebhook.call(this, name);
		} catch (error) {
			notRemoved.push(name);
			failures.push(`${name}: ${(error as Error).message}`);
		}
	}
	if (notRemoved.length > 0) {
		storedRegistration(this).webhookNames = notRemoved;
		throw new NodeOperationError(
			this.getNode(),
			`Could not remove Webhooks from Frappe: ${failures.join('; ')}`,
		);
	}
	clearAll(this);
	return true;
}
