// How much memory the Frappe node uses to upload or download a 20 MB file. Not a jest test; run with
//   node --expose-gc -r ts-node/register/transpile-only test/bench/file-memory.ts [megabytes]
//
// Each operation runs in a fresh child process (after a warm-up with a 64 KB file), against a Frappe-like server in
// another process (so the server's buffers do not count): it reads and drops uploads, answering like upload_file,
// and serves the file for downloads. Three figures per operation:
// - copies: every Buffer or base64 string of at least half the file's size made while the operation runs (Buffer
//   allocations and base64 encodings are traced), i.e. how many times the file's content is held;
// - peak: V8 heap + external memory (Buffers) sampled every millisecond, above a baseline taken after a full GC with
//   the input item already built (n8n's in-memory binary mode keeps it as base64 text in the item); it includes
//   garbage not yet collected (e.g. the socket's chunks once copied), and may miss a copy freed between samples;
// - retained: what is left after the run and a full GC (for a download: the output item, which is the result).
/* eslint-disable no-console */
import './user-folder';

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import type { IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import { FrappeApi } from '../../credentials/FrappeApi.credentials';
import { N8nHarness } from '../harness';

// `Frappe.node` would resolve to the codex file Frappe.node.json outside jest, so the .ts file is named in full.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Frappe } =
	require('../../nodes/Frappe/Frappe.node.ts') as typeof import('../../nodes/Frappe/Frappe.node');

const MB = 1024 * 1024;
const SMALL = 64 * 1024;

const SERVER = (size: number) => `
const http = require('node:http');
const files = { '/private/files/bench.bin': require('node:crypto').randomBytes(${size}), '/private/files/small.bin': Buffer.alloc(${SMALL}, 1) };
http.createServer((req, res) => {
	let received = 0;
	req.on('data', (chunk) => { received += chunk.length; });
	req.on('end', () => {
		if (req.url.startsWith('/api/method/upload_file')) {
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ message: { name: 'bench', file_url: '/private/files/bench.bin', is_private: 1, received } }));
		} else {
			res.setHeader('content-type', 'application/octet-stream');
			res.end(files[req.url]);
		}
	});
}).listen(0, '127.0.0.1', function () { process.stdout.write(String(this.address().port) + '\\n'); });
`;

interface Copy {
	what: string;
	bytes: number;
}

/** Records every Buffer allocation and base64 encoding of at least `threshold` bytes while `tracing` is on. */
function traceCopies(threshold: number) {
	const copies: Copy[] = [];
	let tracing = false;
	let depth = 0;
	const record = (what: string, bytes: number) => {
		if (tracing && depth === 0 && bytes >= threshold) copies.push({ what, bytes });
	};
	const wrap = <K extends 'alloc' | 'allocUnsafe' | 'allocUnsafeSlow' | 'from' | 'concat'>(
		name: K,
	) => {
		const original = Buffer[name] as (...args: unknown[]) => Buffer;
		(Buffer as unknown as Record<string, unknown>)[name] = function (
			this: unknown,
			...args: unknown[]
		) {
			// Buffer.concat allocates through Buffer.allocUnsafe: count the outer call only.
			depth += 1;
			let result: Buffer;
			try {
				result = original.apply(this, args);
			} finally {
				depth -= 1;
			}
			record(`Buffer.${name}`, result.length);
			return result;
		};
	};
	for (const name of ['alloc', 'allocUnsafe', 'allocUnsafeSlow', 'from', 'concat'] as const)
		wrap(name);
	const toString = Buffer.prototype.toString;
	Buffer.prototype.toString = function (
		this: Buffer,
		encoding?: BufferEncoding,
		...rest: number[]
	) {
		const result = toString.call(this, encoding, ...rest);
		if (encoding === 'base64') record('base64 text', result.length);
		return result;
	} as typeof Buffer.prototype.toString;
	return {
		copies,
		start: () => {
			copies.length = 0;
			tracing = true;
		},
		stop: () => {
			tracing = false;
		},
	};
}

function used(): number {
	const usage = process.memoryUsage();
	return usage.heapUsed + usage.external;
}

async function child(operation: 'upload' | 'download', size: number, siteUrl: string) {
	const gc = (globalThis as { gc?: () => void }).gc!;
	const makeInput = (bytes: number): INodeExecutionData => ({
		json: {},
		binary: {
			data: {
				data: randomBytes(bytes).toString('base64'),
				mimeType: 'application/octet-stream',
				fileName: 'bench.bin',
				fileExtension: 'bin',
				bytes,
			},
		},
	});
	let input: INodeExecutionData = operation === 'upload' ? makeInput(SMALL) : { json: {} };
	const source: INodeType = {
		description: {
			displayName: 'Prebuilt',
			name: 'prebuilt',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: { name: 'Prebuilt' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			return [[input]];
		},
	};
	const harness = new N8nHarness({
		nodeTypes: { 'n8n-nodes-frappe.frappe': new Frappe(), 'bench.prebuilt': source },
		credentialTypes: [new FrappeApi()],
	});
	const credential = harness.addCredential('frappeApi', { siteUrl, apiKey: 'k', apiSecret: 's' });
	const run = async (fileUrl: string, expected: number) => {
		const parameters =
			operation === 'upload'
				? { resource: 'file', operation: 'upload', isPrivate: true }
				: {
						resource: 'file',
						operation: 'download',
						file: { __rl: true, mode: 'url', value: fileUrl },
					};
		const result = await harness.runChain([
			{ type: 'bench.prebuilt', name: 'Source', parameters: {} },
			{
				type: 'n8n-nodes-frappe.frappe',
				name: 'Frappe',
				parameters: { authentication: 'frappeApi', ...parameters } as never,
				credentials: { frappeApi: credential },
			},
		]);
		if (result.status !== 'success')
			throw new Error(`${operation} failed: ${result.data.resultData.error?.message}`);
		const item = result.data.resultData.runData.Frappe[0].data!.main[0]![0];
		const bytes =
			operation === 'upload' ? Number(item.json.received) : Number(item.binary!.data.bytes);
		if (bytes < expected) throw new Error(`${operation} moved only ${bytes} bytes`);
		return result;
	};

	await run('/private/files/small.bin', SMALL);
	if (operation === 'upload') input = makeInput(size);
	const tracer = traceCopies(size / 2);
	gc();
	await new Promise((resolve) => setTimeout(resolve, 20));
	gc();
	const baseline = used();
	let peak = baseline;
	const sampler = setInterval(() => {
		peak = Math.max(peak, used());
	}, 1);
	tracer.start();
	let result: unknown = await run('/private/files/bench.bin', size);
	tracer.stop();
	clearInterval(sampler);
	peak = Math.max(peak, used());
	// Backing stores of freed Buffers are released shortly after a GC, not during it.
	for (let round = 0; round < 3; round++) {
		gc();
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	const retained = used() - baseline;
	const times = (bytes: number) => `${(bytes / size).toFixed(2)}×`;
	const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
	const copies = tracer.copies.map((copy) => `${copy.what} ${mb(copy.bytes)}`).join(', ') || 'none';
	console.log(
		`${operation === 'upload' ? 'Upload  ' : 'Download'}: copies of the file made: ${tracer.copies.length} (${copies})`,
	);
	console.log(
		`          peak above baseline ${mb(peak - baseline)} (${times(peak - baseline)} the file); retained ${mb(retained)} (${times(retained)})`,
	);
	result = undefined;
	void result;
}

async function main() {
	const size = Math.round(Number(process.argv[2] ?? 20) * MB);
	const operation = process.argv[3];
	if (operation === 'upload' || operation === 'download')
		return await child(operation, size, process.argv[4]);

	const server = spawn(process.execPath, ['-e', SERVER(size)], {
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	process.on('exit', () => server.kill());
	const port = await new Promise<string>((resolve) =>
		server.stdout.once('data', (data: Buffer) => resolve(data.toString().trim())),
	);
	console.log(
		`File of ${(size / MB).toFixed(1)} MB; n8n binary data in its in-memory mode (N8N_DEFAULT_BINARY_DATA_MODE=default: base64 text in the item), the mode the engine uses when no binary data store is set up`,
	);
	for (const op of ['upload', 'download']) {
		await new Promise<void>((resolve, reject) => {
			const worker = spawn(
				process.execPath,
				[
					'--expose-gc',
					'-r',
					'ts-node/register/transpile-only',
					__filename,
					String(size / MB),
					op,
					`http://127.0.0.1:${port}`,
				],
				{ stdio: 'inherit' },
			);
			worker.on('exit', (code) =>
				code === 0 ? resolve() : reject(new Error(`${op} run exited with ${code}`)),
			);
		});
	}
	server.kill();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
