// Small steps in n8n's editor that every check uses: signing in, picking a dropdown option in the node
// panel, waiting for the panel to settle, screenshots. Selectors are n8n's data-test-id attributes.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exactly = (text) => new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);

/** The sign-in form, with the owner editor-load.js set up through the REST API. */
async function signIn(page, origin, { email, password }) {
	await page.goto(`${origin}/signin`);
	await page.fill('input[name=emailOrLdapLoginId]', email);
	await page.fill('input[name=password]', password);
	await page.click('[data-test-id=form-submit-button]');
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { timeout: 30000 });
}

/** Resolves once the element's HTML has stopped changing for `quietMs` (lists loading, fields appearing). */
async function settle(page, selector = '[data-test-id=ndv] [data-test-id=node-parameters]', quietMs = 250, timeoutMs = 8000) {
	const until = Date.now() + timeoutMs;
	let last = '';
	let quietSince = Date.now();
	while (Date.now() < until) {
		// A missing element counts as settled (empty), without waiting for it to appear.
		const now = await page.evaluate((css) => document.querySelector(css)?.innerHTML ?? '', selector).catch(() => '');
		if (now !== last) {
			last = now;
			quietSince = Date.now();
		} else if (Date.now() - quietSince >= quietMs) return;
		await page.waitForTimeout(50);
	}
}

const visibleDropdown = (page) => page.locator('.el-select-dropdown:visible, .el-popper:visible .el-select-dropdown').first();

/** The text an option-type field of the node panel shows. */
async function shownOption(page, parameterName) {
	return page.locator(`[data-test-id=ndv] [data-test-id=parameter-input-${parameterName}] input`).first().inputValue();
}

/**
 * Picks the option named `optionName` of an options field of the node panel. `nth` picks among options of the
 * same name (our "Custom API Call" resource beside n8n's own entry of that name).
 */
async function selectOption(page, parameterName, optionName, nth = 0) {
	if (nth === 0 && (await shownOption(page, parameterName)) === optionName) return;
	await page.locator(`[data-test-id=ndv] [data-test-id=parameter-input-${parameterName}]`).first().click();
	const dropdown = visibleDropdown(page);
	await dropdown.waitFor({ state: 'visible' });
	const item = dropdown
		.locator('[data-test-id=parameter-input-item]')
		.filter({ has: page.locator('.option-headline', { hasText: exactly(optionName) }) })
		.nth(nth);
	await item.click();
}

/** Screenshot into `dir` (made when missing); returns the file. JPEG (quicker to make) when `jpeg`. */
async function shot(page, dir, name, { jpeg = false } = {}) {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${name}.${jpeg ? 'jpg' : 'png'}`);
	await page.screenshot(jpeg ? { path: file, type: 'jpeg', quality: 70 } : { path: file });
	return file;
}

module.exports = { exactly, signIn, settle, selectOption, shownOption, shot };
