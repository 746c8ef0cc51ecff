// n8n shows what a node will output before it has run from the node's output schema files
// (/schemas/<node type>/<version>/<resource>/<operation>.json): it asks for them when the panel of a node
// after ours opens while ours has no data yet. So a No Operation node is added after ours and its panel
// opened; a 404 of our schema is caught by watch.js. Afterwards our node's panel is open again.
'use strict';

const { selectOption, settle } = require('./ui');

/** Shows resource → operation first when given. Returns { problems, asked } (the schema URLs asked for, with status). */
async function openNodeAfterOurs(page, { nodeType, resourceName, operationName, log }) {
	const asked = [];
	const onResponse = (response) => {
		if (/\/schemas\//.test(response.url())) asked.push(`${response.status()} ${response.url().replace(/^https?:\/\/[^/]+/, '')}`);
	};
	page.on('response', onResponse);
	try {
		// The operation whose schema the editor is to ask for.
		if (resourceName && operationName) {
			await selectOption(page, 'resource', resourceName);
			await selectOption(page, 'operation', operationName);
			await settle(page);
		}
		await page.locator('[data-test-id=ndv-close-button]').click();
		const ours = page.locator(`[data-test-id=canvas-node][data-node-type="${nodeType}"]`).first();
		await ours.locator('[data-test-id=canvas-handle-plus]').first().click();
		await page.locator('[data-test-id=node-creator-search-bar]').fill('no operation');
		await settle(page, '[data-test-id=node-creator]', 300, 5000);
		await page.locator('[data-test-id=node-creator-item-name]', { hasText: /^No Operation/ }).first().click();
		await page.locator('[data-test-id=ndv] [data-test-id=ndv-input-panel]').waitFor();
		await page.waitForResponse((response) => /\/schemas\//.test(response.url()), { timeout: 10000 }).catch(() => {});
		await settle(page, '[data-test-id=ndv] [data-test-id=ndv-input-panel]', 300, 5000);
		await page.locator('[data-test-id=ndv-close-button]').click();
		await page.locator('[data-test-id=ndv]').waitFor({ state: 'hidden' }).catch(() => {});
		await ours.dblclick();
		await page.locator('[data-test-id=ndv] [data-test-id=parameter-input-resource]').waitFor();
	} finally {
		page.off('response', onResponse);
	}
	log(`browser: the editor asked for ${asked.length ? asked.join(', ') : 'no output schema of our node'}`);
	return { problems: [], asked };
}

module.exports = { openNodeAfterOurs };
