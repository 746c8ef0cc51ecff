// n8n's own lint rules for community node packages, on top of typescript-eslint's recommended set.
import { configs as n8nConfigs } from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.e2e/**', '.bench/**', '.n8n-dev/**'] },
	...tseslint.configs.recommended,
	{
		...n8nConfigs.recommendedWithoutN8nCloudSupport,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		rules: {
			...n8nConfigs.recommendedWithoutN8nCloudSupport.rules,
			// The package depends on the official openai SDK on purpose (retries, multipart, paging, typed
			// errors); that rules it out of n8n Cloud verification, not out of self-hosted installs.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
	{
		// The package.json rules read it as a JS expression.
		files: ['package.json'],
		rules: { '@typescript-eslint/no-unused-expressions': 'off' },
	},
	{
		files: ['**/*.js', '**/*.cjs'],
		languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
	{
		files: ['test/**/*.ts', 'bench/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
	},
);
