// The credential, made the way a user makes it: "Create new credential" from the node's credential field,
// the API key and the fake server's URL typed into the dialog, Save (n8n tests it then). Then the dialog is
// opened again and Retry tests it once more: it must say "Connection tested successfully".
'use strict';

const { settle, shot } = require('./ui');

const MODAL = '[data-test-id=editCredential-modal]';
const SUCCESS = '[data-test-id=credentials-config-container-test-success]';

async function openNewCredentialDialog(page) {
	const emptyState = page.locator('[data-test-id=ndv] [data-test-id=node-credentials-empty-state] button');
	if (await emptyState.count()) {
		await emptyState.first().click();
		return;
	}
	// A credential of this type exists already (editor-load.js made one through the REST API).
	await page.locator('[data-test-id=ndv] [data-test-id=node-credentials-select]').click();
	await page.locator('[data-test-id=node-credentials-select-item-new]').filter({ visible: true }).first().click();
}

/** Returns the problems seen; `screenshot` gets the file of the dialog showing the test's success. */
async function createAndTestCredential(page, { apiKey, baseUrl, outputDir }) {
	const problems = [];
	await openNewCredentialDialog(page);
	const modal = page.locator(MODAL);
	await modal.waitFor();
	await modal.locator('[data-test-id=parameter-input-apiKey] input').fill(apiKey);
	await modal.locator('[data-test-id=parameter-input-baseUrl] input').fill(baseUrl);
	await modal.locator('[data-test-id=credential-save-button]').click();
	// n8n tests a new credential when it is saved and closes the dialog when the test passes.
	const closed = await modal.waitFor({ state: 'detached', timeout: 30000 }).then(
		() => true,
		() => false,
	);
	if (!closed) {
		const text = (await modal.innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300);
		problems.push(`the credential dialog stayed open after Save (it says: ${text})`);
		await modal.locator('[data-test-id=credential-save-button]').waitFor({ state: 'visible' }).catch(() => {});
	} else {
		await page.locator('[data-test-id=ndv] [data-test-id=credential-edit-button]').click();
		await modal.waitFor();
	}
	// Test it (again) with the dialog's Retry button and wait for the success banner.
	const retry = modal.locator(`${SUCCESS} button, [data-test-id=credentials-config-container-test-failure] button`).first();
	if (await retry.count()) {
		// The test n8n ran when the dialog opened may still be under way: wait for the one Retry sends.
		const sent = page.waitForRequest((request) => request.url().includes('/rest/credentials/test'), { timeout: 30000 });
		await retry.click();
		const request = await sent.catch(() => undefined);
		if (!request) problems.push('Retry in the credential dialog sent no credential test');
		else await request.response();
		await settle(page, MODAL, 400, 5000);
	}
	const success = await modal.locator(SUCCESS).waitFor({ state: 'visible', timeout: 30000 }).then(
		() => true,
		() => false,
	);
	if (!success) {
		const text = (await modal.innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, 300);
		problems.push(`the credential dialog does not say "Connection tested successfully" (it says: ${text})`);
	} else {
		const message = (await modal.locator(SUCCESS).innerText()).trim();
		if (!/tested successfully/i.test(message)) problems.push(`the credential test banner says "${message}"`);
	}
	const screenshot = await shot(page, outputDir, 'credential-dialog');
	await modal.locator('.el-dialog__headerbtn').first().click({ timeout: 5000 }).catch(() => page.keyboard.press('Escape'));
	await modal.waitFor({ state: 'detached', timeout: 10000 }).catch(() => page.keyboard.press('Escape'));
	return { problems, screenshot };
}

module.exports = { createAndTestCredential };
