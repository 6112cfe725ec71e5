// Frappe's outgoing webhooks (frappe/integrations/doctype/webhook/__init__.py and webhook.py, 15.x), on the test
// server's store:
//
// - run_webhooks: on every committed document event, the cached list of enabled Webhooks for the doctype is matched on
//   `webhook_docevent` and `condition` (Python, with the document as `doc`). The cache is dropped only when a Webhook
//   is saved (Webhook.on_update): a Webhook deleted while enabled stays in it, and keeps being queued, until then.
// - flush after commit: one job per (Webhook, document) of the transaction, the last state of the document winning.
// - enqueue_webhook, one job at a time (one worker): reload the Webhook (gone → the job fails, nothing is sent),
//   build the data (webhook_data rows, else the webhook_json template rendered and json.loads-ed), sign json.dumps(data)
//   with the secret, send json.dumps(data) with requests' headers, in requests' order, and no Content-Type unless a
//   header row adds one; up to 3 tries (a read timeout retries at once, any other failure waits 1, 4, 7 s — configurable
//   here); every try writes a Webhook Request Log.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

import {
	evalPythonExpression,
	pyJsonDumps,
	pyJsonLoads,
	renderTemplate,
	TemplateError,
	truthy,
	type PyDict,
	type PyValue,
} from '../python';
import type { Store } from '../store';
import type { Doc, DocEvent } from '../types';
import { docToPy } from './document';

export const SIGNATURE_HEADER = 'X-Frappe-Webhook-Signature';

/** What python-requests 2.34 sends before the request's own headers (session defaults), in order. */
const SESSION_HEADERS: Array<[string, string]> = [
	['User-Agent', 'python-requests/2.34.2'],
	['Accept-Encoding', 'gzip, deflate'],
	['Accept', '*/*'],
	['Connection', 'keep-alive'],
];

export interface WebhookEngineOptions {
	/** Waits after failed tries 1, 2 and 3 (Frappe sleeps 1, 4 and 7 seconds). */
	retryDelaysMs?: number[];
	/** Overrides every Webhook's `timeout` (seconds; default 5). */
	timeoutMs?: number;
}

/** One HTTP request the server made (or tried to make) for a Webhook. */
export interface DeliveryAttempt {
	webhook: string;
	doctype: string;
	docname: string;
	event: string;
	/** 1, 2 or 3 */
	attempt: number;
	method: string;
	url: string;
	/** as sent, in order */
	headers: Array<[string, string]>;
	body: Buffer;
	status?: number;
	response?: string;
	/** the Python exception line when the try failed */
	error?: string;
}

export interface WebhookJob {
	webhook: string;
	doctype: string;
	docname: string;
	event: string;
	state: 'queued' | 'running' | 'sent' | 'failed';
	/** why the job failed (no request log is written when the Webhook itself is gone) */
	error?: string;
}

interface CachedWebhook {
	name: string;
	condition: string | null;
	webhook_docevent: string;
	webhook_doctype: string;
}

interface QueuedJob {
	job: WebhookJob;
	event: DocEvent;
}

/** The data, body and headers Frappe computes for one Webhook and one document (get_webhook_data / _headers). */
export interface PreparedDelivery {
	data: PyValue;
	body: Buffer;
	/** get_webhook_headers: the signature (when security is on) and the Webhook Header rows, in order */
	headers: Array<[string, string]>;
	signature?: string;
}

class PyException extends Error {
	constructor(
		readonly pyType: string,
		message: string,
		readonly traceback: string,
		readonly response?: { status: number; text: string },
	) {
		super(message);
	}
}

const WEBHOOK_PY = 'apps/frappe/frappe/integrations/doctype/webhook/webhook.py';
const frame = (file: string, line: number, fn: string, code: string) =>
	`  File "${file}", line ${line}, in ${fn}\n    ${code}\n`;
const carets = (start: number, length: number) => `    ${' '.repeat(start)}${'^'.repeat(length)}\n`;

function dataFailureTraceback(error: unknown, viaHeaders: boolean): string {
	let tb = 'Traceback (most recent call last):\n';
	if (viaHeaders) {
		tb +=
			frame(WEBHOOK_PY, 165, 'enqueue_webhook', 'headers = get_webhook_headers(doc, webhook)') +
			carets(10, 33);
		tb +=
			frame(WEBHOOK_PY, 228, 'get_webhook_headers', 'data = get_webhook_data(doc, webhook)') +
			carets(7, 30);
	} else {
		tb +=
			frame(WEBHOOK_PY, 166, 'enqueue_webhook', 'data = get_webhook_data(doc, webhook)') +
			carets(7, 30);
	}
	if (error instanceof TemplateError) {
		tb +=
			frame(
				WEBHOOK_PY,
				253,
				'get_webhook_data',
				'data = frappe.render_template(webhook.webhook_json, get_context(doc))',
			) + carets(7, 68);
		tb += frame(
			'apps/frappe/frappe/utils/jinja.py',
			88,
			'render_template',
			'return get_jenv().from_string(template).render(context)',
		);
		return `${tb}${error.pyType}: ${error.message}\n`;
	}
	const message = (error as Error).message;
	tb += frame(WEBHOOK_PY, 254, 'get_webhook_data', 'data = json.loads(data)') + carets(7, 16);
	tb +=
		frame('<python-lib>/json/__init__.py', 346, 'loads', 'return _default_decoder.decode(s)') +
		carets(7, 26);
	tb +=
		frame(
			'<python-lib>/json/decoder.py',
			337,
			'decode',
			'obj, end = self.raw_decode(s, idx=_w(s, 0).end())',
		) + carets(11, 38);
	tb +=
		frame('<python-lib>/json/decoder.py', 353, 'raw_decode', 'obj, end = self.scan_once(s, idx)') +
		carets(11, 22);
	return `${tb}json.decoder.JSONDecodeError: ${message}\n`;
}

function requestTraceback(exceptionLine: string, raiseForStatus: boolean): string {
	let tb = 'Traceback (most recent call last):\n';
	if (raiseForStatus) {
		tb += frame(WEBHOOK_PY, 177, 'enqueue_webhook', 'r.raise_for_status()');
		tb += frame(
			'env/lib/python3.11/site-packages/requests/models.py',
			1024,
			'raise_for_status',
			'raise HTTPError(http_error_msg, response=self)',
		);
	} else {
		tb += frame(WEBHOOK_PY, 170, 'enqueue_webhook', 'r = requests.request(') + carets(8, 18);
		tb += frame(
			'env/lib/python3.11/site-packages/requests/adapters.py',
			713,
			'send',
			'raise ConnectionError(e, request=request)',
		);
	}
	return `${tb}${exceptionLine}\n`;
}

/** Python's dict update on a requests CaseInsensitiveDict: an existing key keeps its place and takes the new case. */
function mergeHeaders(
	base: Array<[string, string]>,
	extra: Array<[string, string]>,
): Array<[string, string]> {
	const out = base.map(([k, v]) => [k, v] as [string, string]);
	for (const [key, value] of extra) {
		const existing = out.find(([k]) => k.toLowerCase() === key.toLowerCase());
		if (existing) {
			existing[0] = key;
			existing[1] = value;
		} else out.push([key, value]);
	}
	return out;
}

export class WebhookEngine {
	/** Every HTTP try, in order. */
	readonly attempts: DeliveryAttempt[] = [];
	/** Every job queued after a commit, in order. */
	readonly jobs: WebhookJob[] = [];
	/** Conditions that raised while being evaluated (Frappe would fail the document's save). */
	readonly conditionErrors: Array<{
		webhook: string;
		doctype: string;
		docname: string;
		error: string;
	}> = [];

	private cache: CachedWebhook[] | null = null;
	private pendingHooks: Array<{ webhook: CachedWebhook; event: DocEvent }> = [];
	private flushScheduled = false;
	private readonly queue: QueuedJob[] = [];
	private running = false;
	private closed = false;
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly agent = new http.Agent({ keepAlive: true });
	private readonly httpsAgent = new https.Agent({ keepAlive: true });
	private readonly retryDelaysMs: number[];
	private detach?: () => void;

	constructor(
		private readonly store: Store,
		private readonly options: WebhookEngineOptions = {},
	) {
		this.retryDelaysMs = options.retryDelaysMs ?? [1000, 4000, 7000];
	}

	/** Listens to committed document events (the server's `onDocEvent`). */
	attach(onDocEvent: (listener: (event: DocEvent) => void) => () => void): this {
		this.detach = onDocEvent((event) => this.onEvent(event));
		return this;
	}

	/** Jobs queued or running, and events not yet turned into jobs. */
	get busy(): boolean {
		return (
			this.running || this.queue.length > 0 || this.pendingHooks.length > 0 || this.flushScheduled
		);
	}

	/** Whether Frappe's cached list of Webhooks is loaded (dropped whenever a Webhook is saved). */
	get cachedWebhookNames(): string[] | null {
		return this.cache ? this.cache.map((webhook) => webhook.name) : null;
	}

	async close(): Promise<void> {
		this.closed = true;
		this.detach?.();
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		this.agent.destroy();
		this.httpsAgent.destroy();
	}

	/** run_webhooks for an event that has been committed (also usable directly, e.g. for a recorded document). */
	onEvent(event: DocEvent): void {
		if (this.closed) return;
		if (event.doctype === 'Webhook' && event.event === 'on_update') this.cache = null;
		const webhooks = this.loadCache().filter(
			(webhook) => webhook.webhook_doctype === event.doctype,
		);
		for (const webhook of webhooks) {
			if (webhook.webhook_docevent !== event.event) continue;
			if (webhook.condition) {
				let met: boolean;
				try {
					met = truthy(evalPythonExpression(webhook.condition, { doc: event.doc, utils: {} }));
				} catch (error) {
					this.conditionErrors.push({
						webhook: webhook.name,
						doctype: event.doctype,
						docname: event.name,
						error: (error as Error).message,
					});
					continue;
				}
				if (!met) continue;
			}
			this.pendingHooks.push({ webhook, event });
		}
		if (this.pendingHooks.length > 0 && !this.flushScheduled) {
			this.flushScheduled = true;
			queueMicrotask(() => this.flush());
		}
	}

	private loadCache(): CachedWebhook[] {
		if (!this.cache) {
			this.cache = this.store
				.rowsOf('Webhook')
				.filter((row) => Number(row.enabled) === 1)
				.map((row) => ({
					name: row.name as string,
					condition: (row.condition as string | null) ?? null,
					webhook_docevent: row.webhook_docevent as string,
					webhook_doctype: row.webhook_doctype as string,
				}));
		}
		return this.cache;
	}

	/** flush_webhook_execution_queue: dedupe on (webhook, document), last state wins, order of last occurrence. */
	private flush(): void {
		this.flushScheduled = false;
		const all = this.pendingHooks;
		this.pendingHooks = [];
		const seen = new Set<string>();
		const unique: typeof all = [];
		for (let i = all.length - 1; i >= 0; i--) {
			const key = `${all[i].webhook.name}\u0000${all[i].event.name}`;
			if (seen.has(key)) continue;
			seen.add(key);
			unique.push(all[i]);
		}
		unique.reverse();
		for (const { webhook, event } of unique) {
			const job: WebhookJob = {
				webhook: webhook.name,
				doctype: event.doctype,
				docname: event.name,
				event: event.event,
				state: 'queued',
			};
			this.jobs.push(job);
			this.queue.push({ job, event });
		}
		void this.work();
	}

	private async work(): Promise<void> {
		if (this.running) return;
		this.running = true;
		try {
			while (this.queue.length > 0 && !this.closed) {
				const next = this.queue.shift()!;
				next.job.state = 'running';
				try {
					await this.runJob(next);
				} catch (error) {
					next.job.state = 'failed';
					next.job.error = (error as Error).message;
				}
			}
		} finally {
			this.running = false;
		}
	}

	private delay(ms: number): Promise<void> {
		return new Promise((resolve) => {
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				resolve();
			}, ms);
			this.timers.add(timer);
		});
	}

	// ---- get_webhook_data / get_webhook_headers -------------------------------------------------------------

	/** get_webhook_data: webhook_data rows, else the rendered webhook_json, else {}. */
	webhookData(webhook: Doc, doctype: string, doc: Doc): PyValue {
		const pyDoc = docToPy(this.store, doctype, doc);
		const rows = ((webhook.webhook_data as Doc[] | undefined) ?? []).filter(
			() => webhook.request_structure !== 'JSON',
		);
		if (rows.length > 0) {
			const data: PyDict = new Map();
			for (const row of rows) data.set(String(row.key), pyDoc.get(String(row.fieldname)) ?? null);
			return data;
		}
		if (webhook.webhook_json) {
			const text = renderTemplate(String(webhook.webhook_json), { doc: pyDoc });
			return pyJsonLoads(text);
		}
		return new Map();
	}

	/**
	 * get_webhook_headers: the signature over json.dumps(data) when security is on, then the header rows. Frappe
	 * computes the data here and again for the body; both are the same, so `data` is passed in when known.
	 */
	webhookHeaders(
		webhook: Doc,
		doctype: string,
		doc: Doc,
		data?: PyValue,
	): { headers: Array<[string, string]>; signature?: string } {
		const headers: Array<[string, string]> = [];
		let signature: string | undefined;
		if (Number(webhook.enable_security) === 1) {
			const signed = data ?? this.webhookData(webhook, doctype, doc);
			const secret = this.store.getPassword('Webhook', String(webhook.name), 'webhook_secret');
			if (secret === undefined)
				throw new PyException(
					'frappe.exceptions.AuthenticationError',
					`Password not found for Webhook ${String(webhook.name)} webhook_secret`,
					'',
				);
			signature = createHmac('sha256', Buffer.from(secret, 'utf8'))
				.update(pyJsonDumps(signed), 'utf8')
				.digest('base64');
			headers.push([SIGNATURE_HEADER, signature]);
		}
		for (const row of (webhook.webhook_headers as Doc[] | undefined) ?? []) {
			if (row.key && row.value) {
				const index = headers.findIndex(([k]) => k === row.key);
				if (index >= 0) headers[index] = [String(row.key), String(row.value)];
				else headers.push([String(row.key), String(row.value)]);
			}
		}
		return { headers, signature };
	}

	/** What one delivery of `doc` through `webhook` carries, without sending it. */
	prepare(webhook: Doc, doctype: string, doc: Doc): PreparedDelivery {
		const data = this.webhookData(webhook, doctype, doc);
		const { headers, signature } = this.webhookHeaders(webhook, doctype, doc, data);
		return { data, body: Buffer.from(pyJsonDumps(data), 'utf8'), headers, signature };
	}

	// ---- enqueue_webhook ------------------------------------------------------------------------------------

	private async runJob({ job, event }: QueuedJob): Promise<void> {
		const webhook = this.store.get('Webhook', job.webhook);
		if (!webhook) {
			job.state = 'failed';
			job.error = `frappe.exceptions.DoesNotExistError: Webhook ${job.webhook} not found`;
			return;
		}
		const url = String(webhook.request_url ?? '');
		const method = String(webhook.request_method || 'POST');
		const user = String(event.doc.modified_by ?? event.doc.owner ?? 'Administrator');
		let headers: Array<[string, string]> | null = null;
		let signature: string | undefined;
		let data: PyValue | null = null;
		try {
			const computed = this.webhookData(webhook, event.doctype, event.doc);
			({ headers, signature } = this.webhookHeaders(webhook, event.doctype, event.doc, computed));
			data = computed;
		} catch (error) {
			// with security off, get_webhook_headers (the header rows) ran before get_webhook_data failed
			if (Number(webhook.enable_security) !== 1)
				headers = this.webhookHeaders(webhook, event.doctype, event.doc, new Map()).headers;
			const traceback =
				error instanceof PyException
					? error.traceback
					: dataFailureTraceback(error, Number(webhook.enable_security) === 1);
			await this.log({
				webhook: job.webhook,
				docname: job.docname,
				url,
				user,
				headers,
				signature,
				data,
				traceback,
			});
			job.state = 'failed';
			job.error = (error as Error).message;
			return;
		}
		const body = Buffer.from(pyJsonDumps(data), 'utf8');
		const timeoutMs = this.options.timeoutMs ?? (Number(webhook.timeout) || 5) * 1000;
		for (let i = 0; i < 3; i++) {
			const target = new URL(url);
			const sent = mergeHeaders(
				[['Host', target.host], ...SESSION_HEADERS],
				[...headers, ['Content-Length', String(body.length)]],
			);
			const attempt: DeliveryAttempt = {
				webhook: job.webhook,
				doctype: job.doctype,
				docname: job.docname,
				event: job.event,
				attempt: i + 1,
				method,
				url,
				headers: sent,
				body,
			};
			this.attempts.push(attempt);
			try {
				const response = await this.send(target, method, sent, body, timeoutMs);
				attempt.status = response.status;
				attempt.response = response.text;
				if (response.status >= 400) {
					const kind = response.status < 500 ? 'Client' : 'Server';
					const line = `requests.exceptions.HTTPError: ${response.status} ${kind} Error: ${http.STATUS_CODES[response.status] ?? ''} for url: ${url}`;
					throw new PyException(
						'requests.exceptions.HTTPError',
						line,
						requestTraceback(line, true),
						response,
					);
				}
				await this.log({
					webhook: job.webhook,
					docname: job.docname,
					url,
					user,
					headers,
					signature,
					data,
					response: response.text,
					traceback: '',
				});
				job.state = 'sent';
				return;
			} catch (error) {
				const pyError =
					error instanceof PyException ? error : this.connectionError(error, target, timeoutMs);
				attempt.error = pyError.message;
				await this.log({
					webhook: job.webhook,
					docname: job.docname,
					url,
					user,
					headers,
					signature,
					data,
					response: pyError.response?.text,
					traceback: pyError.traceback,
				});
				if (pyError.pyType === 'requests.exceptions.ReadTimeout') continue;
				await this.delay(this.retryDelaysMs[i] ?? 0);
			}
		}
		job.state = 'failed';
		job.error = this.attempts.at(-1)?.error;
	}

	private connectionError(error: unknown, target: URL, timeoutMs: number): PyException {
		const pool = `${target.protocol === 'https:' ? 'HTTPS' : 'HTTP'}ConnectionPool(host='${target.hostname}', port=${target.port || (target.protocol === 'https:' ? 443 : 80)})`;
		if ((error as Error).message === 'ReadTimeout') {
			const line = `requests.exceptions.ReadTimeout: ${pool}: Read timed out. (read timeout=${timeoutMs / 1000})`;
			return new PyException(
				'requests.exceptions.ReadTimeout',
				line,
				requestTraceback(line, false),
			);
		}
		const code = (error as { code?: string }).code ?? 'ECONNREFUSED';
		const line = `requests.exceptions.ConnectionError: ${pool}: Max retries exceeded with url: ${target.pathname}${target.search} (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object>: Failed to establish a new connection: ${code}'))`;
		return new PyException(
			'requests.exceptions.ConnectionError',
			line,
			requestTraceback(line, false),
		);
	}

	private send(
		target: URL,
		method: string,
		headers: Array<[string, string]>,
		body: Buffer,
		timeoutMs: number,
	): Promise<{ status: number; text: string }> {
		const isHttps = target.protocol === 'https:';
		const outgoing: http.OutgoingHttpHeaders = {};
		for (const [key, value] of headers) outgoing[key] = value;
		return new Promise((resolve, reject) => {
			const request = (isHttps ? https : http).request(
				{
					protocol: target.protocol,
					hostname: target.hostname,
					port: target.port || undefined,
					path: `${target.pathname}${target.search}`,
					method,
					headers: outgoing,
					agent: isHttps ? this.httpsAgent : this.agent,
					setHost: false,
				},
				(response) => {
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () =>
						resolve({
							status: response.statusCode ?? 0,
							text: Buffer.concat(chunks).toString('utf8'),
						}),
					);
					response.on('error', reject);
				},
			);
			request.setTimeout(timeoutMs, () => request.destroy(new Error('ReadTimeout')));
			request.on('error', reject);
			request.end(body);
		});
	}

	// ---- log_request ----------------------------------------------------------------------------------------

	private async log(entry: {
		webhook: string;
		docname: string;
		url: string;
		user: string;
		headers: Array<[string, string]> | null;
		signature?: string;
		data: PyValue | null;
		response?: string;
		traceback: string;
	}): Promise<void> {
		// the job runs outside any request: wait for a request's transaction to finish before writing
		for (let i = 0; i < 1000 && this.store.inTransaction; i++)
			await new Promise((resolve) => setImmediate(resolve));
		const headerDict: PyDict = new Map();
		for (const [key, value] of entry.headers ?? []) {
			// the signature is bytes in Python: frappe.as_json writes it as a list of byte values
			headerDict.set(
				key,
				key === SIGNATURE_HEADER && value === entry.signature ? [...Buffer.from(value)] : value,
			);
		}
		const hasData =
			entry.data !== null &&
			!(entry.data instanceof Map && entry.data.size === 0) &&
			!(Array.isArray(entry.data) && entry.data.length === 0) &&
			entry.data !== '';
		const record: Doc = {
			webhook: entry.webhook,
			reference_document: entry.docname,
			user: this.store.exists('User', entry.user) ? entry.user : null,
			url: entry.url,
			headers: headerDict.size > 0 ? pyJsonDumps(headerDict, { sortKeys: true, indent: 1 }) : null,
			data: hasData ? pyJsonDumps(entry.data as PyValue, { sortKeys: true, indent: 1 }) : null,
			response: entry.response ?? null,
			error: entry.traceback,
		};
		try {
			this.store.insert('Webhook Request Log', record);
		} catch {
			// like Frappe, a log that cannot be saved (e.g. its Webhook was deleted meanwhile) is lost
		}
	}
}
