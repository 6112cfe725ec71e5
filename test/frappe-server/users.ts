// The users every seed creates, with fixed credentials so that tests and the contract replay can rely on them.

export interface TestUser {
	email: string;
	password: string;
	apiKey: string;
	apiSecret: string;
	fullName: string;
	firstName: string;
	lastName?: string;
	roles: string[];
	/** "System User" (desk) or "Website User" */
	userType: 'System User' | 'Website User';
}

export interface TestUsers {
	administrator: TestUser;
	limited: TestUser;
	clerk: TestUser;
}

export const TestUsers: TestUsers = {
	administrator: {
		email: 'Administrator',
		password: 'admin',
		apiKey: 'a1b2c3d4e5f6a7b',
		apiSecret: 's1e2c3r4e5t6a7b',
		fullName: 'Administrator',
		firstName: 'Administrator',
		roles: ['Administrator', 'System Manager'],
		userType: 'System User',
	},
	limited: {
		email: 'limited@example.com',
		password: 'limited-pass-123',
		apiKey: 'l1m2t3d4k5e6y7z',
		apiSecret: 'l1m2t3d4s5e6c7r',
		fullName: 'Limited User',
		firstName: 'Limited',
		lastName: 'User',
		roles: [],
		userType: 'Website User',
	},
	clerk: {
		email: 'clerk@example.com',
		password: 'clerk-pass-123',
		apiKey: 'c1l2e3r4k5k6e7y',
		apiSecret: 'c1l2e3r4k5s6e7c',
		fullName: 'Clerk User',
		firstName: 'Clerk',
		lastName: 'User',
		roles: ['Clerk'],
		userType: 'System User',
	},
};

/** The role the clerk has: read/write on ToDo, Note, Sales Voucher (+ Item) and File; no System Manager. */
export const CLERK_ROLE = 'Clerk';

export function tokenHeader(user: Pick<TestUser, 'apiKey' | 'apiSecret'>): string {
	return `token ${user.apiKey}:${user.apiSecret}`;
}

export function basicHeader(user: Pick<TestUser, 'apiKey' | 'apiSecret'>): string {
	return `Basic ${Buffer.from(`${user.apiKey}:${user.apiSecret}`).toString('base64')}`;
}
