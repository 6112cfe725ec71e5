// A small cache of promised values for one process: at most `size` entries, the oldest going first,
// each kept for its time to live (a number, or a function of the value). A value that fails (or is
// `undefined`) is forgotten, so the next caller asks again. Callers that come while a value is
// being made share its promise. Pure.

interface Entry<T> {
	expires: number;
	value: Promise<T | undefined>;
}

export class TtlCache<T> {
	private readonly entries = new Map<string, Entry<T>>();

	constructor(
		private readonly size: number,
		private readonly timeToLiveMs: number | ((value: T) => number),
		private readonly now: () => number = () => Date.now(),
	) {}

	/** The cached value of `key`, or the one `make` gives (then cached). */
	async get(key: string, make: () => Promise<T | undefined>): Promise<T | undefined> {
		const started = this.now();
		const cached = this.entries.get(key);
		if (cached && cached.expires > started) return await cached.value;
		const entry: Entry<T> = { expires: Infinity, value: Promise.resolve(undefined) };
		entry.value = make().then(
			(made) => {
				if (made === undefined) this.forget(key, entry);
				else entry.expires = started + this.timeToLiveOf(made);
				return made;
			},
			(error: unknown) => {
				this.forget(key, entry);
				throw error;
			},
		);
		this.entries.delete(key);
		this.entries.set(key, entry);
		while (this.entries.size > this.size) {
			this.entries.delete(this.entries.keys().next().value as string);
		}
		return await entry.value;
	}

	get count(): number {
		return this.entries.size;
	}

	private timeToLiveOf(value: T): number {
		return typeof this.timeToLiveMs === 'function' ? this.timeToLiveMs(value) : this.timeToLiveMs;
	}

	private forget(key: string, entry: Entry<T>) {
		if (this.entries.get(key) === entry) this.entries.delete(key);
	}
}
