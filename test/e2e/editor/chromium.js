// Launches the machine's own Chromium (Debian's `chromium` package, or CHROMIUM_PATH) through playwright-core,
// headless with a fresh profile: no browser is ever downloaded. The flags keep Chromium from reaching out to
// Google's services, which this machine's closed network refuses (many failed connections at every start).
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { chromium } = require('playwright-core');

const ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

/** scripts/ensure-chromium.sh: prints the path, installing Debian's chromium first when missing and root. */
function chromiumPath() {
	try {
		const out = execFileSync('bash', [path.join(__dirname, '../../../scripts/ensure-chromium.sh')], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		return out.trim().split('\n').pop();
	} catch {
		throw new Error('No Chromium for the editor test: see scripts/ensure-chromium.sh above (apt-get install chromium, or set CHROMIUM_PATH)');
	}
}

/** { context, page, close() }: one page of 1440×900 in a profile folder that close() removes again. */
async function launchChromium() {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'openai-toolkit-chromium-'));
	// launchPersistentContext is how playwright takes a profile folder: it passes it as --user-data-dir.
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath(),
		headless: true,
		args: ARGS,
		viewport: { width: 1440, height: 900 },
		timeout: 60000,
	});
	// Generous: the machine may be busy; the editor's first load alone can take many seconds then.
	context.setDefaultTimeout(30000);
	context.setDefaultNavigationTimeout(90000);
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(profile, { recursive: true, force: true });
		},
	};
}

module.exports = { launchChromium, chromiumPath };
