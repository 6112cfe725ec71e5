// A small client for the Frappe stand-in (or a real site) over its REST API, with an API key: what the demo and the
// end-to-end tests do "in Frappe" (submit a Sales Voucher, make a Webhook by hand, read what n8n created there).
export function frappeClient(siteUrl, apiKey, apiSecret) {
	const auth = `token ${apiKey}:${apiSecret}`;
	const call = async (method, p, { qs, body } = {}) => {
		const url = new URL(siteUrl + p);
		for (const [k, v] of Object.entries(qs ?? {})) {
			if (v !== undefined) url.searchParams.set(k, typeof v === 'string' ? v : JSON.stringify(v));
		}
		const res = await fetch(url, {
			method,
			headers: {
				Authorization: auth,
				Accept: 'application/json',
				...(body ? { 'Content-Type': 'application/json' } : {}),
			},
			body: body ? JSON.stringify(body) : undefined,
			signal: AbortSignal.timeout(15000),
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		if (!res.ok) throw new Error(`${method} ${p}: HTTP ${res.status} ${text.slice(0, 300)}`);
		return json;
	};
	const resource = (doctype) => `/api/resource/${encodeURIComponent(doctype)}`;
	return {
		call,
		get: async (doctype, name) =>
			(await call('GET', `${resource(doctype)}/${encodeURIComponent(name)}`)).data,
		list: async (doctype, { fields = ['name'], filters, orderBy = 'name asc', limit = 500 } = {}) =>
			(
				await call('GET', resource(doctype), {
					qs: { fields, filters, order_by: orderBy, limit_page_length: limit },
				})
			).data,
		insert: async (doctype, doc) => (await call('POST', resource(doctype), { body: doc })).data,
		update: async (doctype, name, doc) =>
			(await call('PUT', `${resource(doctype)}/${encodeURIComponent(name)}`, { body: doc })).data,
		submit: async (doctype, name) =>
			(
				await call('PUT', `${resource(doctype)}/${encodeURIComponent(name)}`, {
					body: { docstatus: 1 },
				})
			).data,
		delete: async (doctype, name) =>
			call('DELETE', `${resource(doctype)}/${encodeURIComponent(name)}`),
		count: async (doctype, filters) =>
			(await call('GET', '/api/method/frappe.client.get_count', { qs: { doctype, filters } }))
				.message,
	};
}
