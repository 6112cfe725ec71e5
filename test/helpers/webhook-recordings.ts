// The webhook recordings of a real Frappe 15.44.2 (test/fixtures/frappe-15.44.2/webhooks), typed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { FIXTURES } from './fixtures';

export const WEBHOOK_FIXTURES = join(FIXTURES, 'webhooks');

export interface RecordedWebhookConfig {
	name: string;
	webhook_doctype: string;
	webhook_docevent: string;
	enabled: number;
	condition?: string;
	request_url: string;
	request_method: string;
	request_structure: string;
	enable_security: number;
	timeout: number;
	background_jobs_queue?: string;
	webhook_json?: string;
	webhook_secret: string | null;
	webhook_headers: Array<{ key: string; value: string }>;
	webhook_data: Array<{ fieldname: string; key: string }>;
	[key: string]: unknown;
}

export interface DeliveryRecording {
	file: string;
	id: string;
	title: string;
	event: string;
	webhook: RecordedWebhookConfig;
	trigger: {
		action: string;
		doctype: string;
		docname: string;
		has_non_ascii: boolean;
		description_length: number | null;
	};
	secret: string | null;
	request: {
		method: string;
		path: string;
		headers: Array<[string, string]>;
		body_length: number;
		body_base64: string;
		body_text: string;
	};
	signature_header: string | null;
	recomputed_signature: string | null;
	matches: boolean | null;
	volatile: string[];
	notes: string;
}

export interface ExchangeRecording {
	file: string;
	id: string;
	title: string;
	request: {
		method: string;
		path: string;
		query?: Record<string, string>;
		headers: Record<string, string>;
		body: { kind: string; value?: unknown };
	};
	response: { status: number; headers: Record<string, unknown>; body: unknown };
	volatile: string[];
	notes: string;
}

function load<T>(file: string): T {
	return {
		file,
		...(JSON.parse(readFileSync(join(WEBHOOK_FIXTURES, file), 'utf8')) as object),
	} as T;
}

const files = readdirSync(WEBHOOK_FIXTURES)
	.filter((file) => file.endsWith('.json'))
	.sort();

export const deliveryRecordings: DeliveryRecording[] = files
	.map((file) => load<DeliveryRecording & { kind?: string }>(file))
	.filter((recording) => recording.kind === 'webhook-delivery');

export const exchangeRecordings: ExchangeRecording[] = files
	.map((file) => load<ExchangeRecording & { kind?: string }>(file))
	.filter((recording) => recording.kind !== 'webhook-delivery');

export function bodyOf(recording: DeliveryRecording): Buffer {
	return Buffer.from(recording.request.body_base64, 'base64');
}

export function headerOf(recording: DeliveryRecording, name: string): string | undefined {
	return recording.request.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}
