// Every class of Frappe error, as the Document operations report it through n8n's engine: Frappe's own message
// (no JSON, HTML or traceback), the HTTP code and a hint that fits; and Continue On Fail.
import type { NodeApiError } from 'n8n-workflow';

import { byName, byUrl, DocumentTestbed, fieldRows, VERSIONS } from './support';
import type { NodeRunResult } from '../../harness';

const SV = 'Sales Voucher';

let bed: DocumentTestbed;

beforeAll(async () => {
	bed = await DocumentTestbed.start();
	bed.server.registerDocMethod(SV, 'explode', {
		handler: () => {
			throw new Error('division by zero');
		},
	});
});

afterAll(async () => await bed.close());

function failure(result: NodeRunResult): {
	message: string;
	description: string;
	httpCode: string;
} {
	expect(result.status).toBe('error');
	const error = result.error as unknown as NodeApiError;
	const text = `${error.message}\n${error.description ?? ''}`;
	expect(text).not.toMatch(/Traceback|_server_messages|\{"|<html|<!DOCTYPE/i);
	return {
		message: error.message,
		description: String(error.description ?? ''),
		httpCode: String(error.httpCode),
	};
}

describe.each(VERSIONS)('Frappe errors on API %s', (apiVersion) => {
	it('401: a wrong API secret points at the credential', async () => {
		const wrong = bed.tokenCredential(
			{ apiKey: bed.server.users.administrator.apiKey, apiSecret: 'wrong' },
			'wrong secret',
		);
		const error = failure(
			await bed.run(
				{ apiVersion, operation: 'get', doctype: SV, documentName: byName('x') },
				{ credential: wrong },
			),
		);
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe(
			'Frappe rejected the API key or secret (401): check both values, or generate new keys for the user',
		);
		expect(error.description).toMatch(
			/did not accept the credential: check the API key and secret/,
		);
	});

	it('403: names the doctype and the missing permission', async () => {
		const name = bed.server.store.insert(SV, { customer: 'forbidden' }).name as string;
		const read = failure(
			await bed.run(
				{ apiVersion, operation: 'get', doctype: SV, documentName: byName(name) },
				{ credential: bed.limited },
			),
		);
		expect(read.httpCode).toBe('403');
		expect(read.description).toContain(`lacks the "read" permission on ${SV} "${name}"`);

		const create = failure(
			await bed.run(
				{
					apiVersion,
					operation: 'create',
					doctype: 'ToDo',
					fieldValues: fieldRows({ description: 'nope' }),
				},
				{ credential: bed.limited },
			),
		);
		expect(create.httpCode).toBe('403');
		expect(create.description).toContain('lacks the "create" permission on ToDo');
	});

	it('404: says which document was not found', async () => {
		const error = failure(
			await bed.run({
				apiVersion,
				operation: 'get',
				doctype: SV,
				documentName: byUrl(`${bed.server.url}/app/sales-voucher/NO%20SUCH`),
			}),
		);
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe(`${SV} NO SUCH not found`);
		expect(error.description).toContain(`Frappe could not find ${SV} "NO SUCH"`);
	});

	it('409: a duplicate name', async () => {
		const fields = fieldRows({ customer_name: `Duplicate ${apiVersion}` });
		await bed.ok({ apiVersion, operation: 'create', doctype: 'Customer', fieldValues: fields });
		const error = failure(
			await bed.run({ apiVersion, operation: 'create', doctype: 'Customer', fieldValues: fields }),
		);
		expect(error.httpCode).toBe('409');
		expect(error.message).toMatch(/Duplicate .*already exists/);
		expect(error.description).toBe('A document with this name already exists in Frappe.');
	});

	it('417: the validation message verbatim', async () => {
		const error = failure(
			await bed.run({
				apiVersion,
				operation: 'create',
				doctype: SV,
				fieldValues: fieldRows({ grand_total: '5' }),
			}),
		);
		expect(error.httpCode).toBe('417');
		expect(error.message).toBe('Error: Value missing for Sales Voucher: Customer');
		expect(error.description).toBe('Frappe rejected the data (MandatoryError).');
	});

	it('429: rate limited, with when to retry, and the message survives', async () => {
		bed.server.setRateLimit({ limit: 0.00001, window: 3600, costMicros: 1000 });
		try {
			await bed.run({ apiVersion, operation: 'count', doctype: SV });
			const error = failure(await bed.run({ apiVersion, operation: 'count', doctype: SV }));
			expect(error.httpCode).toBe('429');
			expect(error.message).not.toMatch(/batching/);
			expect(error.description).toMatch(
				/^Frappe's rate limit was reached\. Retry after \d+ seconds\.$/,
			);
		} finally {
			bed.server.setRateLimit(null);
		}
	});

	it('5xx: an internal error points at the Error Log', async () => {
		const name = bed.server.store.insert(SV, { customer: 'explodes' }).name as string;
		const error = failure(
			await bed.run({
				apiVersion,
				operation: 'runMethod',
				doctype: SV,
				documentName: byName(name),
				methodName: 'explode',
			}),
		);
		expect(error.httpCode).toBe('500');
		expect(error.description).toMatch(/internal error.*Error Log/);
	});

	it('an HTML page instead of JSON points at the Site URL', async () => {
		const wrongPrefix = bed.harness.addCredential('frappeApi', {
			siteUrl: `${bed.server.url}/erp`,
			apiKey: bed.server.users.administrator.apiKey,
			apiSecret: bed.server.users.administrator.apiSecret,
		});
		const error = failure(
			await bed.run({ apiVersion, operation: 'count', doctype: SV }, { credential: wrongPrefix }),
		);
		expect(error.message).toMatch(/HTML page instead of JSON/);
		expect(error.description).toMatch(/Check the Site URL/);
	});

	it('Continue On Fail: one error item per failed input item, the others go on', async () => {
		const good = bed.server.store.insert(SV, { customer: 'cof good' }).name as string;
		const result = await bed.run(
			{ apiVersion, operation: 'get', doctype: SV, documentName: byName('={{ $json.name }}') },
			{
				continueOnFail: true,
				input: [{ name: good }, { name: 'missing one' }, { name: good }, { name: 'missing two' }],
			},
		);
		expect(result.status).toBe('success');
		expect(result.items.map((item) => item.json.name ?? item.json.error)).toEqual([
			good,
			`${SV} missing one not found`,
			good,
			`${SV} missing two not found`,
		]);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect((result.items[1].error as NodeApiError).httpCode).toBe('404');
	});

	it('Continue On Fail also covers mistakes found before sending', async () => {
		const result = await bed.run(
			{
				apiVersion,
				operation: 'create',
				doctype: SV,
				specifyFields: 'json',
				jsonFields: '={{ $json.body }}',
			},
			{
				continueOnFail: true,
				input: [{ body: '{"customer": "cof json"}' }, { body: '{"customer": ' }],
			},
		);
		expect(result.status).toBe('success');
		expect(result.items[0].json.customer).toBe('cof json');
		expect(result.items[1].json.error).toMatch(/^Fields \(JSON\) is not valid JSON/);
	});
});
