// Three jest projects, named for what they run; e2e runs outside jest (test/e2e/run-e2e.js) in a real n8n.
//   operations  test/unit: each operation, helper and the transport against the fake OpenAI server (test/support)
//   engine      test/engine: workflows through n8n's real execution engine against the same fake server
//   contract    test/contract: requests checked by Prism against OpenAI's OpenAPI spec
// ts-jest type-checks every file it compiles (diagnostics on; a type error fails the test file). ts-jest checks
// types only when isolatedModules is off, hence tsconfig.jest.json; tsconfig.json keeps it on for tsc.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: true }];
const base = {
	// Installed copies of the package (e2e runs, npm start) are not part of the tests.
	modulePathIgnorePatterns: ['<rootDir>/.e2e/', '<rootDir>/.n8n-dev/'],
	testEnvironment: 'node',
	transform: { '^.+\\.ts$': tsJest },
	moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
	projects: [
		{ ...base, displayName: 'operations', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
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
