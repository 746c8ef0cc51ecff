// A new workflow with a Manual Trigger, then our node added from the editor's node panel ("What happens
// next?"): searching "openai" and "toolkit" must each list it. When search does not find it, that is noted
// and the node is taken from the AI category instead, so that the other checks still run.
'use strict';

const { exactly, settle } = require('./ui');

const ITEM = '[data-test-id=node-creator-item-name]';

async function listedItems(page) {
	await settle(page, '[data-test-id=node-creator]', 300, 5000);
	return page.locator(ITEM).evaluateAll((elements) => elements.map((element) => element.textContent.trim()));
}

async function search(page, term) {
	await page.locator('[data-test-id=node-creator-search-bar]').fill(term);
	return listedItems(page);
}

/** Opens the workflow editor on a new workflow with a Manual Trigger on it. */
async function newWorkflowWithTrigger(page, origin) {
	await page.goto(`${origin}/workflow/new`);
	await page.locator('[data-test-id=canvas-plus-button]').click({ timeout: 60000 });
	await search(page, 'manual trigger');
	await page.locator(ITEM, { hasText: exactly('Manual Trigger') }).first().click();
	await page.locator('[data-test-id=canvas-trigger-node]').first().waitFor();
}

/**
 * Adds the node through the node panel and picks `action` (an operation's action text) from its actions.
 * Returns the problems seen. The node's panel (NDV) is open afterwards.
 */
async function addNodeThroughSearch(page, origin, { displayName, action, terms = ['openai', 'toolkit'] }) {
	const problems = [];
	await newWorkflowWithTrigger(page, origin);
	await page.locator('[data-test-id=node-creator-plus-button]').click();
	let found = false;
	for (const term of terms) {
		const items = await search(page, term);
		found = items.includes(displayName);
		if (!found) problems.push(`searching "${term}" in the node panel does not list ${displayName} (listed: ${items.join(', ') || 'nothing'})`);
	}
	if (!found) {
		await search(page, '');
		await page.locator(ITEM, { hasText: exactly('AI') }).first().click();
		await listedItems(page);
	}
	await page.locator(ITEM, { hasText: exactly(displayName) }).first().click();
	const actions = await listedItems(page);
	const pick = actions.includes(action) ? action : actions[0];
	if (pick !== action) problems.push(`the node's actions do not list "${action}" (listed: ${actions.join(', ')})`);
	await page.locator(ITEM, { hasText: exactly(pick) }).first().click();
	await page.locator('[data-test-id=ndv] [data-test-id=parameter-input-resource]').waitFor();
	return problems;
}

module.exports = { addNodeThroughSearch };
