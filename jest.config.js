// Three jest projects, one per test layer; e2e runs outside jest (test/e2e/run-e2e.js) in a real n8n.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }];
const base = {
	// Installed copies of the package (e2e runs, npm start) are not part of the tests.
	modulePathIgnorePatterns: ['<rootDir>/.e2e/', '<rootDir>/.n8n-dev/'],
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
	projects: [
		{ ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
		{ ...base, displayName: 'engine', testMatch: ['<rootDir>/test/engine/**/*.test.ts'] },
		{
			...base,
			displayName: 'contract',
			testMatch: ['<rootDir>/test/contract/**/*.test.ts'],
			globalSetup: '<rootDir>/test/contract/globalSetup.js',
			globalTeardown: '<rootDir>/test/contract/globalTeardown.js',
		},
	],
};
