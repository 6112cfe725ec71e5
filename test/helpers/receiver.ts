// The receiving side for tests of the server's webhooks: a plain node:http server that keeps every request's exact
// bytes and raw headers (order and case as sent). Nothing here knows about the trigger.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
	method: string;
	path: string;
	/** name/value pairs in the order and case they arrived */
	headers: Array<[string, string]>;
	body: Buffer;
}

export interface Receiver {
	url: string;
	requests: ReceivedRequest[];
	/** status (and body) to answer with; default 200 {"ok":true} */
	respond: (request: ReceivedRequest) => { status: number; body?: string; delayMs?: number };
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const requests: ReceivedRequest[] = [];
	const receiver: Receiver = {
		url: '',
		requests,
		respond: () => ({ status: 200, body: '{"ok":true}' }),
		close: async () => undefined,
	};
	const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const headers: Array<[string, string]> = [];
			for (let i = 0; i < req.rawHeaders.length; i += 2)
				headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
			const request: ReceivedRequest = {
				method: req.method ?? '',
				path: req.url ?? '',
				headers,
				body: Buffer.concat(chunks),
			};
			requests.push(request);
			const answer = receiver.respond(request);
			const send = () => {
				res.statusCode = answer.status;
				res.setHeader('content-type', 'application/json');
				res.end(answer.body ?? '{"ok":true}');
			};
			if (answer.delayMs) setTimeout(send, answer.delayMs);
			else send();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	receiver.close = async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	return receiver;
}

/** Polls `check` until it returns something truthy, at most `tries` times, `intervalMs` apart. */
export async function waitFor<T>(
	check: () => T | undefined | null | false,
	{ tries = 300, intervalMs = 10 } = {},
): Promise<T> {
	for (let i = 0; i < tries; i++) {
		const value = check();
		if (value) return value;
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
	throw new Error(`condition not met after ${tries} tries`);
}

export function header(
	request: Pick<ReceivedRequest, 'headers'>,
	name: string,
): string | undefined {
	return request.headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}
