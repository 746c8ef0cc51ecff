// The node's icon on the canvas in n8n's light and dark theme: the image n8n shows is the one the node
// declares for that theme (iconUrl light / dark) and it loads. n8n keeps the theme in localStorage N8N_THEME.
'use strict';

const { shot } = require('./ui');

/** The icon file the node declares for `theme` (a themed iconUrl, or one for both). */
function declaredIcon(type, theme) {
	const url = type.iconUrl;
	return typeof url === 'string' ? url : url?.[theme];
}

async function ourIcon(page, packageName) {
	const img = page.locator(`[data-test-id=canvas-node] img[src*="${packageName}"]`).first();
	await img.waitFor({ timeout: 30000 });
	return img.evaluate((element) => ({ src: element.getAttribute('src'), loaded: element.complete && element.naturalWidth > 0 }));
}

async function useTheme(page, theme) {
	await page.evaluate((value) => localStorage.setItem('N8N_THEME', value), theme);
	await page.reload();
	await page.locator('[data-test-id=canvas-node]').first().waitFor({ timeout: 60000 });
}

/** Returns { problems, shots: { light, dark } }. */
async function checkIconThemes(page, { type, packageName, outputDir }) {
	const problems = [];
	const shots = {};
	if (/\/workflow\/new/.test(page.url())) {
		// Not saved yet: a reload would lose it.
		await page.keyboard.press('Control+s');
		await page.waitForURL((url) => !url.pathname.endsWith('/workflow/new'), { timeout: 20000 }).catch(() => {});
	}
	// The editor starts in the light theme (a fresh profile): check it as it is, then reload once in dark.
	for (const theme of ['light', 'dark']) {
		if (theme === 'dark') await useTheme(page, theme);
		const expected = declaredIcon(type, theme);
		const shown = await ourIcon(page, packageName).catch(() => undefined);
		if (!shown) problems.push(`${theme} theme: the node shows no icon of ${packageName} on the canvas`);
		else {
			if (!shown.loaded) problems.push(`${theme} theme: the node's icon ${shown.src} does not load`);
			if (expected && !shown.src.endsWith(expected.replace(/^\/?/, ''))) problems.push(`${theme} theme: the node shows ${shown.src}, not ${expected}`);
		}
		if (!expected) problems.push(`the node declares no icon for the ${theme} theme`);
		shots[theme] = await shot(page, outputDir, `icon-${theme}`);
	}
	await page.evaluate(() => localStorage.setItem('N8N_THEME', 'light'));
	return { problems, shots };
}

module.exports = { checkIconThemes };
