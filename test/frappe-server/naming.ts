// Names and timestamps the way Frappe 15 makes them.
import { randomBytes, randomInt } from 'node:crypto';

const B32 = '0123456789abcdefghijklmnopqrstuv';

/**
 * Frappe 15 "hash" names: 10 characters of base32 (0-9a-v); the first 4 are the current time in deciseconds
 * (modulo 32^4), so names sort roughly by creation time, the other 6 are random.
 */
export function hashName(atMs: number = Date.now()): string {
	let ds = Math.floor(atMs / 100) % 32 ** 4;
	let prefix = '';
	for (let i = 0; i < 4; i++) {
		prefix = B32[ds % 32] + prefix;
		ds = Math.floor(ds / 32);
	}
	let rest = '';
	for (let i = 0; i < 6; i++) rest += B32[randomInt(32)];
	return prefix + rest;
}

/** frappe.generate_hash(length=10): hex (File names, OAuth secrets) */
export function hexHash(length = 10): string {
	return randomBytes(Math.ceil(length / 2))
		.toString('hex')
		.slice(0, length);
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A monotonic clock producing Frappe datetime strings ("YYYY-MM-DD HH:MM:SS.ffffff", site local time). */
export class Clock {
	private lastMicros = 0;
	constructor(private readonly nowMs: () => number = Date.now) {}

	now(): number {
		return this.nowMs();
	}

	/** a new, strictly increasing timestamp */
	timestamp(): string {
		let micros = this.nowMs() * 1000 + Math.floor(Math.random() * 1000);
		if (micros <= this.lastMicros) micros = this.lastMicros + 1;
		this.lastMicros = micros;
		return formatDatetime(micros);
	}

	today(): string {
		return formatDate(this.nowMs());
	}
}

export function formatDatetime(micros: number): string {
	const ms = Math.floor(micros / 1000);
	const d = new Date(ms);
	const frac = String(micros % 1_000_000).padStart(6, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${frac}`;
}

export function formatDate(ms: number): string {
	const d = new Date(ms);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
