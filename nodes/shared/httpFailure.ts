// What n8n's request helpers throw when Frappe answers with an error status: an axios-shaped error
// (or a NodeApiError that keeps it as `cause`) with the response. Pure.

export interface HttpFailure {
	response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
	config?: { headers?: Record<string, unknown>; method?: string; url?: string; data?: unknown };
	code?: string;
	message?: string;
}

/** The HTTP failure behind an error thrown by n8n's request helpers. */
export function httpFailureOf(error: unknown): HttpFailure | undefined {
	for (const candidate of [error, (error as { cause?: unknown })?.cause]) {
		if (candidate && typeof candidate === 'object' && 'response' in candidate) {
			const failure = candidate as HttpFailure;
			if (failure.response && typeof failure.response === 'object') return failure;
		}
	}
	return undefined;
}

/** The failed response's body, as text when it came as bytes. */
export function responseBodyOf(failure: HttpFailure | undefined): unknown {
	const data = failure?.response?.data;
	return Buffer.isBuffer(data) ? data.toString('utf8') : data;
}

/** The network error code (ECONNREFUSED, ETIMEDOUT, …) of a request that got no answer. */
export function networkCodeOf(error: unknown): string | undefined {
	const code =
		(error as HttpFailure | undefined)?.code ?? (error as { cause?: HttpFailure })?.cause?.code;
	return typeof code === 'string' && code !== '' ? code : undefined;
}
