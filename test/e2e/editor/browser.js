// The browser layer of `npm run test:e2e:editor` (issue 14): the machine's Chromium, driven by
// playwright-core, uses our node in n8n's editor like a person: finds it in the node panel, makes and tests
// the credential, goes through every resource → operation, checks the model dropdowns, runs the node and
// checks the icon in both themes. Every check that fails is collected; the run fails at the end listing all.
// Screenshots go to test/e2e/editor/output/ (gitignored); with UPDATE_DOCS_IMAGES=1 three of them are copied
// to docs/images/ for the README.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { launchChromium } = require('./chromium');
const { createAndTestCredential } = require('./credential');
const { newestNodeType, resourcesAndOperations } = require('./description');
const { checkModelLists } = require('./models');
const { addNodeThroughSearch } = require('./nodeCreator');
const { checkEveryOperation } = require('./nodePanel');
const { runChatCompletion, shootWorkflow } = require('./run');
const { openNodeAfterOurs } = require('./schemaPreview');
const { checkIconThemes } = require('./theme');
const { shot, signIn } = require('./ui');
const { watchOurErrors } = require('./watch');

const ROOT = path.resolve(__dirname, '../../..');
const OUTPUT_DIR = path.join(__dirname, 'output');
const DOCS_IMAGES = { 'workflow.png': 'workflow', 'operation-panel.png': 'run', 'credential-dialog.png': 'credential-dialog' };

/**
 * options: { origin, fakeUrl, nodeTypes (GET /types/nodes.json), packageName, nodeType, owner: { email, password },
 * log(message) }. Resolves with a summary line; rejects with every problem found.
 */
async function runBrowserChecks({ origin, fakeUrl, nodeTypes, packageName, nodeType, owner, log }) {
	const { type, version } = newestNodeType(nodeTypes, nodeType);
	const catalogue = resourcesAndOperations(type, version);
	const names = (resource, operation) => {
		const entry = catalogue.find((r) => r.resource === resource);
		return [entry?.resourceName, entry?.operations.find((o) => o.value === operation)?.name];
	};
	const chat = catalogue.find((r) => r.resource === 'chat')?.operations.find((o) => o.value === 'createCompletion');
	fs.rmSync(OUTPUT_DIR, { recursive: true, force: true });
	fs.mkdirSync(OUTPUT_DIR, { recursive: true });

	const problems = [];
	const browser = await launchChromium();
	const { page } = browser;
	const watcher = watchOurErrors(page);
	const started = Date.now();
	/** One step: its problems (and a thrown error) are collected, with the browser errors seen meanwhile. */
	const step = async (name, fn) => {
		const stepStarted = Date.now();
		try {
			const found = (await fn()) ?? [];
			problems.push(...found.map((problem) => `${name}: ${problem}`));
		} catch (error) {
			problems.push(`${name}: ${String(error.message ?? error).split('\n')[0]}`);
			await shot(page, OUTPUT_DIR, `failed-${name.replace(/\W+/g, '-')}`).catch(() => {});
		}
		problems.push(...watcher.take().map((seen) => `${name}: ${seen}`));
		log(`browser: ${name} (${((Date.now() - stepStarted) / 1000).toFixed(1)} s)`);
	};
	let operations = 0;
	try {
		await step('sign in', () => signIn(page, origin, owner));
		watcher.take(); // n8n asks who is signed in before the form: a 401 that is not ours
		await step('add the node from the node panel', () =>
			addNodeThroughSearch(page, origin, { displayName: type.displayName, action: chat?.action ?? '' }),
		);
		await step('credential dialog', async () => {
			const result = await createAndTestCredential(page, { apiKey: 'sk-browser-key-777', baseUrl: fakeUrl, outputDir: OUTPUT_DIR });
			return result.problems;
		});
		await step('every operation', async () => {
			const result = await checkEveryOperation(page, { type, version, outputDir: OUTPUT_DIR, watcher });
			operations = result.operations;
			return result.problems;
		});
		await step('model dropdowns', () => checkModelLists(page, { type, version, names }));
		await step('output schema preview', async () => {
			const [resourceName, operationName] = names('chat', 'createCompletion');
			return (await openNodeAfterOurs(page, { nodeType, resourceName, operationName, log })).problems;
		});
		await step('run Chat → Create Completion', async () => {
			const [resourceName, operationName] = names('chat', 'createCompletion');
			const result = await runChatCompletion(page, { resourceName, operationName, message: 'Hello from the browser', outputDir: OUTPUT_DIR });
			return result.problems;
		});
		await step('workflow on the canvas', async () => {
			await shootWorkflow(page, OUTPUT_DIR);
		});
		await step('icon in light and dark theme', async () => (await checkIconThemes(page, { type, packageName, outputDir: OUTPUT_DIR })).problems);
	} finally {
		await browser.close();
	}
	if (process.env.UPDATE_DOCS_IMAGES === '1') {
		const docs = path.join(ROOT, 'docs/images');
		fs.mkdirSync(docs, { recursive: true });
		for (const [file, source] of Object.entries(DOCS_IMAGES)) {
			const from = path.join(OUTPUT_DIR, `${source}.png`);
			if (fs.existsSync(from)) fs.copyFileSync(from, path.join(docs, file));
			else problems.push(`docs image ${file}: ${source}.png was not made`);
		}
		log(`browser: copied ${Object.keys(DOCS_IMAGES).join(', ')} to docs/images/`);
	}
	const took = ((Date.now() - started) / 1000).toFixed(1);
	if (problems.length) {
		throw new Error(`the editor in Chromium (${took} s, screenshots in ${path.relative(ROOT, OUTPUT_DIR)}/) found ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
	}
	return `${type.displayName} v${version} in Chromium: found by search, credential tested, ${operations} operations, model lists, a run and both themes OK (${took} s)`;
}

module.exports = { runBrowserChecks, OUTPUT_DIR };
