// Runs Chat → Create Completion from its panel (Execute step) against the fake server, which answers
// "echo: <message>", and reads the output's Table view: the answer's column `text` must be one of the first
// two columns and hold the echo.
'use strict';

const { selectOption, settle, shot } = require('./ui');

const OUTPUT = '[data-test-id=ndv] [data-test-id=output-panel]';

/** Types `text` into the message field: a text box whose path ends in content/prompt/text, or the first one. */
async function typeMessage(page, text) {
	const boxes = page.locator('[data-test-id=ndv] [data-test-id=node-parameters] textarea').filter({ visible: true });
	const named = page
		.locator('[data-test-id=ndv] [data-test-id=node-parameters] [data-parameter-path$=".content"] textarea, [data-test-id=ndv] [data-test-id=node-parameters] [data-parameter-path$=".text"] textarea, [data-test-id=ndv] [data-test-id=node-parameters] [data-parameter-path$="prompt"] textarea')
		.filter({ visible: true });
	const box = (await named.count()) ? named.first() : boxes.first();
	await box.fill(text);
	await box.blur();
}

/** Returns { problems, screenshot }. */
async function runChatCompletion(page, { resourceName, operationName, message, outputDir }) {
	const problems = [];
	await selectOption(page, 'resource', resourceName);
	await selectOption(page, 'operation', operationName);
	await settle(page);
	await typeMessage(page, message);
	await page.locator('[data-test-id=ndv] [data-test-id=node-execute-button]').click();
	const ran = await page
		.locator(`${OUTPUT} [data-test-id=node-run-status-success]`)
		.waitFor({ timeout: 60000 })
		.then(
			() => true,
			() => false,
		);
	if (!ran) {
		const text = (await page.locator(OUTPUT).innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 400);
		problems.push(`${resourceName} → ${operationName}: Execute step did not succeed (output panel: ${text})`);
		return { problems, screenshot: await shot(page, outputDir, 'run') };
	}
	await page.locator(`${OUTPUT} [data-test-id=radio-button-table]`).first().click();
	const table = page.locator(`${OUTPUT} table`).first();
	await table.waitFor();
	const headers = await table.locator('thead th').evaluateAll((cells) => cells.map((cell) => cell.innerText.trim()));
	const firstRow = await table.locator('tbody tr').first().locator('td').evaluateAll((cells) => cells.map((cell) => cell.innerText.trim()));
	const column = headers.indexOf('text');
	const expected = `echo: ${message}`;
	if (column < 0 || column > 1) {
		problems.push(`${resourceName} → ${operationName}: the output table's first columns are ${headers.slice(0, 4).join(', ')}: no column "text" among the first two`);
	} else if (!firstRow[column]?.includes(expected)) {
		problems.push(`${resourceName} → ${operationName}: the output's "text" column holds "${firstRow[column]}", not "${expected}"`);
	}
	return { problems, screenshot: await shot(page, outputDir, 'run') };
}

/** Closes the node panel and shoots the canvas with the workflow. */
async function shootWorkflow(page, outputDir) {
	await page.locator('[data-test-id=ndv-close-button]').click();
	await page.locator('[data-test-id=ndv]').waitFor({ state: 'hidden' }).catch(() => {});
	await page.locator('[data-test-id=zoom-to-fit]').click();
	await page.waitForTimeout(800);
	return shot(page, outputDir, 'workflow');
}

module.exports = { runChatCompletion, shootWorkflow };
