// What n8n shows and how it wires the node: identity, webhook description, credentials, fields and their hints.
import type { INodeProperties } from 'n8n-workflow';

import { FrappeTrigger } from '../../../nodes/FrappeTrigger/FrappeTrigger.node';
import type { TriggerUnderTest } from '../../harness';
import { waitFor } from '../../helpers';
import { api, automaticParameters, startSite, TRIGGER_TYPE, type Site } from './support';
import { TriggerUnderTest as Trigger } from '../../harness';

const node = new FrappeTrigger();
const { description } = node;
const property = (name: string) =>
	description.properties.find((candidate) => candidate.name === name) as INodeProperties;

describe('FrappeTrigger description', () => {
	test('identity and the webhook n8n registers', () => {
		expect(description).toMatchObject({
			name: 'frappeTrigger',
			displayName: 'Frappe Trigger',
			group: ['trigger'],
			inputs: [],
			version: 1,
		});
		expect(description.webhooks).toEqual([
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseData: '',
				path: 'webhook',
			},
		]);
		expect(Object.keys(node.webhookMethods.default)).toEqual(['checkExists', 'create', 'delete']);
		expect(description.icon).toEqual({
			light: 'file:frappeTrigger.svg',
			dark: 'file:frappeTrigger.dark.svg',
		});
	});

	test('any of the three credential types in automatic mode; the Webhook Secret credential in manual mode', () => {
		expect(description.credentials).toEqual([
			...['frappeApi', 'frappeOAuth2Api', 'frappeSessionApi'].map((name) => ({
				name,
				required: true,
				displayOptions: { show: { authentication: [name], mode: ['automatic'] } },
			})),
			{
				name: 'frappeWebhookSecretApi',
				required: true,
				testedBy: 'frappeWebhookSecretTest',
				displayOptions: { show: { mode: ['manual'], requireSignature: [true] } },
			},
		]);
		expect(property('authentication').displayOptions).toEqual({ show: { mode: ['automatic'] } });
	});

	test('automatic by default; Require Signature on by default, and turning it off says why that is dangerous', () => {
		expect(property('mode').default).toBe('automatic');
		expect(property('requireSignature')).toMatchObject({
			type: 'boolean',
			default: true,
			displayOptions: { show: { mode: ['manual'] } },
		});
		const warning = property('unsignedWarning');
		expect(warning).toMatchObject({
			type: 'notice',
			displayOptions: { show: { mode: ['manual'], requireSignature: [false] } },
		});
		expect(warning.displayName).toMatch(/anyone who knows this URL can start the workflow/i);
		expect(description.properties.some((candidate) => candidate.name === 'secret')).toBe(false);
	});

	test('doctype picker, events, condition, what to send', () => {
		expect(property('doctype')).toMatchObject({ type: 'resourceLocator', required: true });
		expect(property('doctype').modes?.[0]).toMatchObject({
			type: 'list',
			typeOptions: { searchListMethod: 'searchDoctypes' },
		});
		expect(typeof node.methods.listSearch.searchDoctypes).toBe('function');
		expect(property('events')).toMatchObject({ type: 'multiOptions', required: true });
		expect(property('condition')).toMatchObject({ type: 'string', default: '' });
		expect(property('payload').default).toBe('document');
		expect(property('fields').displayOptions).toEqual({
			show: { mode: ['automatic'], payload: ['fields'] },
		});
	});
});

describe('the other credential types manage Webhooks too', () => {
	let site: Site;
	let trigger: TriggerUnderTest;

	beforeAll(async () => {
		site = await startSite();
	});

	afterAll(async () => {
		await trigger?.close();
		await site.close();
	});

	test("the doctype picker lists doctypes through the trigger's credential, for a user without System Manager", async () => {
		const credential = site.harness.addCredential('frappeApi', {
			siteUrl: site.server.url,
			apiKey: site.server.users.clerk.apiKey,
			apiSecret: site.server.users.clerk.apiSecret,
		});
		const result = await site.harness.listSearch(
			{
				type: TRIGGER_TYPE,
				parameters: automaticParameters(),
				credentials: { frappeApi: credential },
			},
			'searchDoctypes',
			'Sales',
		);
		const names = result.results.map((entry) => entry.value);
		expect(names).toContain('Sales Voucher');
	});

	test('a session credential (username and password) logs in, creates, checks and deletes', async () => {
		const credential = site.harness.addCredential('frappeSessionApi', {
			siteUrl: site.server.url,
			username: site.server.users.administrator.email,
			password: site.server.users.administrator.password,
		});
		trigger = await new Trigger(site.harness, {
			type: TRIGGER_TYPE,
			parameters: {
				mode: 'automatic',
				authentication: 'frappeSessionApi',
				doctype: { __rl: true, mode: 'name', value: 'Note' },
				events: ['after_insert'],
				payload: 'document',
			},
			credentials: { frappeSessionApi: credential },
		}).listen();
		await trigger.activate();
		expect(await trigger.hook('checkExists')).toBe(true);
		expect(site.server.counters.logins).toBeGreaterThanOrEqual(1);
		expect(
			site.server.requests.some(
				(r) => r.path.startsWith('/api/resource/Webhook') && /sid=/.test(r.headers.cookie ?? ''),
			),
		).toBe(true);
		expect(
			(await api(site.server, 'POST', '/api/resource/Note', { title: 'by session' })).status,
		).toBe(200);
		await waitFor(() => trigger.executions.length === 1 && !site.webhooks.busy);
		expect(trigger.executions[0][0][0].json).toMatchObject({
			title: 'by session',
			doctype: 'Note',
			event: 'after_insert',
		});
		expect(await trigger.hook('delete')).toBe(true);
		expect(site.server.store.list('Webhook', { filters: [['name', 'like', 'n8n-%']] })).toEqual([]);
	});
});
