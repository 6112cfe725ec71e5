/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { isolatedModules: true }],
	},
	setupFiles: ['<rootDir>/test/harness/setup-env.ts'],
	testTimeout: 30000,
};
