// Seeds: 'empty' (users, roles, core doctypes), 'contract' (what the recordings' replay needs), 'demo' (a pleasant set).
import { createHash } from 'node:crypto';
import { CUSTOMER_SPEC, SALES_VOUCHER_ITEM_SPEC, SALES_VOUCHER_SPEC } from './doctypes';
import { hashName } from './naming';
import { seedReportsAndPrinting } from './seed-reports';
import type { Store } from './store';
import type { Doc } from './types';
import { CLERK_ROLE, TestUsers, type TestUser } from './users';

export type SeedName = 'demo' | 'contract' | 'empty';

/** The run id of the recordings: the contract seed tags its data like the recorded run did. */
export const CONTRACT_RUN_ID = 'mwu4d8i4';

const SYSTEM_SETTINGS: Doc = {
	name: 'System Settings',
	owner: 'Administrator',
	modified: '2026-11-24 08:01:46.255805',
	modified_by: 'Administrator',
	docstatus: 0,
	idx: '0',
	app_name: 'Frappe',
	enable_onboarding: 0,
	setup_complete: 0,
	disable_document_sharing: 0,
	date_format: 'yyyy-mm-dd',
	time_format: 'HH:mm:ss',
	number_format: '#,###.##',
	use_number_format_from_currency: 0,
	first_day_of_the_week: 'Sunday',
	float_precision: '',
	currency_precision: '',
	rounding_method: "Banker's Rounding (legacy)",
	apply_strict_user_permissions: 0,
	allow_older_web_view_links: 0,
	session_expiry: '170:00',
	document_share_key_expiry: 30,
	deny_multiple_sessions: 0,
	disable_user_pass_login: 0,
	allow_login_using_mobile_number: 0,
	allow_login_using_user_name: 0,
	login_with_email_link: 1,
	login_with_email_link_expiry: 10,
	rate_limit_email_link_login: 0,
	allow_consecutive_login_attempts: 10,
	allow_login_after_fail: 60,
	enable_two_factor_auth: 0,
	bypass_2fa_for_retricted_ip_users: 0,
	bypass_restrict_ip_check_if_2fa_enabled: 0,
	two_factor_method: 'OTP App',
	lifespan_qrcode_image: 0,
	otp_issuer_name: 'Frappe Framework',
	logout_on_password_reset: 1,
	force_user_to_reset_password: 0,
	reset_password_link_expiry_duration: '1200',
	password_reset_limit: 3,
	enable_password_policy: 1,
	minimum_password_score: '2',
	email_retry_limit: 3,
	disable_standard_email_footer: 0,
	hide_footer_in_auto_email_reports: 0,
	attach_view_link: 1,
	store_attached_pdf_document: 1,
	max_file_size: 0,
	allow_guests_to_upload_files: 0,
	force_web_capture_mode_for_uploads: 0,
	strip_exif_metadata_from_uploaded_images: 1,
	disable_system_update_notification: 0,
	disable_change_log_notification: 0,
	backup_limit: 3,
	encrypt_backup: 0,
	max_auto_email_report_per_user: 20,
	enable_scheduler: 0,
	dormant_days: 4,
	allow_error_traceback: 1,
	enable_telemetry: 1,
	link_field_results_limit: 10,
};

const ALL_PTYPES = [
	'read',
	'write',
	'create',
	'delete',
	'submit',
	'cancel',
	'amend',
	'report',
	'export',
	'share',
	'print',
	'email',
	'select',
];

function addUser(store: Store, u: TestUser, email: string): void {
	store.insertDoc(
		'User',
		{
			name: u.email,
			email,
			first_name: u.firstName,
			last_name: u.lastName ?? null,
			user_type: u.userType,
			roles:
				u.email === 'Administrator'
					? [{ role: 'Administrator' }, { role: 'System Manager' }]
					: u.roles.map((role) => ({ role })),
			api_key: u.apiKey,
			api_secret: u.apiSecret,
		},
		{ ignorePermissions: true, keepName: true },
	);
	store.setPassword('User', u.email, 'password', u.password);
}

/** users, roles, System Settings, the Home folders: what every seed has */
export function seedBase(store: Store): void {
	for (const role of ['Administrator', 'System Manager', 'All', 'Guest', 'Desk User', CLERK_ROLE]) {
		store.insertDoc(
			'Role',
			{ role_name: role, desk_access: role === 'Guest' ? 0 : 1 },
			{ ignorePermissions: true },
		);
	}
	store.insertDoc(
		'User',
		{ name: 'Guest', email: 'guest@example.com', first_name: 'Guest', user_type: 'Website User' },
		{ ignorePermissions: true, keepName: true },
	);
	addUser(store, TestUsers.administrator, 'admin@example.com');
	addUser(store, TestUsers.limited, TestUsers.limited.email);
	addUser(store, TestUsers.clerk, TestUsers.clerk.email);
	store.setSingle('System Settings', { ...SYSTEM_SETTINGS, modified: store.clock.timestamp() });
	store.insertDoc(
		'File',
		{ name: 'Home', file_name: 'Home', is_folder: 1, is_home_folder: 1, folder: null },
		{ ignorePermissions: true, keepName: true },
	);
	store.insertDoc(
		'File',
		{
			name: 'Home/Attachments',
			file_name: 'Attachments',
			is_folder: 1,
			is_attachments_folder: 1,
			folder: 'Home',
		},
		{ ignorePermissions: true, keepName: true },
	);
	for (const dt of [
		'ToDo',
		'Note',
		'Sales Voucher',
		'Sales Voucher Item',
		'File',
		'Customer',
		'Tag',
	])
		store.grant(dt, CLERK_ROLE, ALL_PTYPES);
}

function defineSalesVoucher(store: Store): void {
	store.defineDocType(SALES_VOUCHER_ITEM_SPEC, { custom: true, viaApi: true });
	store.defineDocType(SALES_VOUCHER_SPEC, { custom: true, viaApi: true });
}

/**
 * The data the recorded run worked on, so that the recordings in test/fixtures/frappe-15.44.2 replay: the users, the
 * Sales Voucher doctypes, two old ToDos, 25 ToDos and 3 Sales Vouchers named after the run id (`rec-<run>-list …`).
 */
export function seedContract(store: Store, runId = CONTRACT_RUN_ID): void {
	seedBase(store);
	defineSalesVoucher(store);
	const opts = { ignorePermissions: true, keepName: true };
	// two ToDos older than everything else (the rate-limit recordings list ToDos without order_by: name order)
	store.insertDoc(
		'ToDo',
		{
			name: '00' + hashName().slice(2),
			description: 'first todo from curl',
			status: 'Closed',
			priority: 'High',
		},
		opts,
	);
	store.insertDoc(
		'ToDo',
		{
			name: '01' + hashName().slice(2),
			description: 'webhook test: Grüße ✓ "quoted"',
			status: 'Closed',
			priority: 'Low',
		},
		opts,
	);
	const statuses = ['Open', 'Open', 'Open', 'Closed', 'Cancelled'];
	const priorities = ['Low', 'Medium', 'High'];
	for (let i = 0; i < 25; i++) {
		const date =
			i < 20
				? `2024-01-${String(i + 1).padStart(2, '0')}`
				: `2024-02-${String(i - 19).padStart(2, '0')}`;
		store.insertDoc(
			'ToDo',
			{
				description: `rec-${runId}-list item ${String(i).padStart(2, '0')}`,
				status: statuses[i % 5],
				priority: priorities[i % 3],
				date,
				sender: i < 20 ? 'sender@example.com' : null,
			},
			{ ignorePermissions: true },
		);
	}
	const vouchers: [string, number, string][] = [
		['A', 50, 'Widget'],
		['B', 150, 'Gadget'],
		['C', 250, 'Widget'],
	];
	for (const [suffix, total, item] of vouchers) {
		store.insertDoc(
			'Sales Voucher',
			{
				customer: `rec-${runId}-list cust ${suffix}`,
				posting_date: '2024-03-01',
				grand_total: total,
				items: [{ item, qty: 1, rate: total }],
			},
			{ ignorePermissions: true },
		);
	}
}

/** a pleasant demo data set */
export function seedDemo(store: Store): void {
	seedBase(store);
	defineSalesVoucher(store);
	store.defineDocType(CUSTOMER_SPEC, { custom: true });
	const ip = { ignorePermissions: true };
	const customers = [
		['Acme Corporation', 'Commercial', 'North America', 'orders@acme.example.com', 50000],
		['Globex Ltd', 'Commercial', 'Europe', 'buying@globex.example.com', 25000],
		['Initech GmbH', 'Commercial', 'Europe', 'einkauf@initech.example.com', 10000],
		['Café Zürich', 'Individual', 'Europe', 'hallo@cafe-zuerich.example.com', 2000],
		['Umbrella Health', 'Non Profit', 'Asia', 'procurement@umbrella.example.com', 0],
	] as const;
	for (const [customer_name, customer_group, territory, email_id, credit_limit] of customers) {
		store.insertDoc(
			'Customer',
			{ customer_name, customer_group, territory, email_id, credit_limit },
			ip,
		);
	}
	const todos: [string, string, string, string | null][] = [
		['Call Acme about the renewal', 'Open', 'High', 'Administrator'],
		['Prepare the Q3 sales report', 'Open', 'Medium', 'Administrator'],
		['Review the Globex quotation', 'Open', 'Medium', 'clerk@example.com'],
		['Book the team offsite venue', 'Closed', 'Low', null],
		['Renew the SSL certificate', 'Open', 'High', 'Administrator'],
		['Archive last year invoices', 'Cancelled', 'Low', null],
		['Send the welcome pack to Café Zürich', 'Open', 'Medium', 'clerk@example.com'],
		['Update the price list', 'Closed', 'Medium', null],
	];
	const todoNames: string[] = [];
	todos.forEach(([description, status, priority, allocated_to], i) => {
		const d = store.insertDoc(
			'ToDo',
			{ description, status, priority, allocated_to, date: `2025-0${(i % 9) + 1}-1${i % 10}` },
			ip,
		);
		todoNames.push(d.doc.name as string);
	});
	store.insertDoc(
		'Note',
		{ title: 'Welcome', public: 1, content: '<p>This is a Frappe-compatible test server.</p>' },
		ip,
	);
	store.insertDoc(
		'Note',
		{ title: 'Meeting notes 2025-03-03', content: '<ul><li>Pricing</li><li>Hiring</li></ul>' },
		ip,
	);
	store.insertDoc(
		'Note',
		{ title: 'Wi-Fi password', content: '<p>ask the office manager</p>' },
		ip,
	);
	const vouchers: [string, string, [string, number, number][], number][] = [
		[
			'Acme Corporation',
			'2025-01-15',
			[
				['Widget', 10, 25],
				['Gadget', 2, 120],
			],
			1,
		],
		['Globex Ltd', '2025-02-03', [['Gizmo', 5, 40]], 1],
		[
			'Initech GmbH',
			'2025-02-20',
			[
				['Widget', 3, 25],
				['Service hour', 8, 95],
			],
			0,
		],
		['Café Zürich', '2025-03-01', [['Coffee beans 1kg', 12, 18.5]], 0],
	];
	for (const [customer, posting_date, items, submit] of vouchers) {
		const grand_total = items.reduce((s, [, q, r]) => s + q * r, 0);
		const res = store.insertDoc(
			'Sales Voucher',
			{
				customer,
				posting_date,
				grand_total,
				items: items.map(([item, qty, rate]) => ({ item, qty, rate })),
			},
			ip,
		);
		if (submit) store.submitDoc('Sales Voucher', res.doc.name as string, ip);
	}
	store.insertDoc('Tag', { name: 'urgent' }, { ...ip, keepName: true });
	store.insertDoc('Tag', { name: 'customer' }, { ...ip, keepName: true });
	const readme = Buffer.from('Hello from the Frappe test server.\n');
	store.putFile('/files/readme.txt', readme);
	store.insertDoc(
		'File',
		{
			file_name: 'readme.txt',
			file_url: '/files/readme.txt',
			is_private: 0,
			folder: 'Home',
			file_size: readme.length,
			content_hash: Store_contentHash(readme),
			file_type: 'TXT',
		},
		ip,
	);
	const secret = Buffer.from('Only logged-in users can read this.\n');
	store.putFile('/private/files/renewal-notes.txt', secret);
	store.insertDoc(
		'File',
		{
			file_name: 'renewal-notes.txt',
			file_url: '/private/files/renewal-notes.txt',
			is_private: 1,
			folder: 'Home/Attachments',
			file_size: secret.length,
			content_hash: Store_contentHash(secret),
			file_type: 'TXT',
			attached_to_doctype: 'ToDo',
			attached_to_name: todoNames[0],
		},
		ip,
	);
	seedReportsAndPrinting(store);
}

function Store_contentHash(b: Buffer): string {
	return createHash('md5').update(b).digest('hex');
}

export function seed(store: Store, name: SeedName): void {
	if (name === 'empty') seedBase(store);
	else if (name === 'contract') seedContract(store);
	else seedDemo(store);
}
