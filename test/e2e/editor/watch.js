// Browser console errors and failed requests that come from our node: any whose text or URL names the
// package or node (openai-toolkit / openAiToolkit), and every 404 of a node output schema n8n asks for
// (/schemas/<node type>/<version>/<resource>/<operation>.json). n8n's own look-up of community packages on
// the npm registry names the package too, but is n8n's (and fails here, with no internet): not counted.
'use strict';

const OURS = /openai-toolkit|openAiToolkit/i;
const NOT_OURS = [/^https:\/\/registry\.npmjs\.org\//, /^https:\/\/api\.n8n\.io\//];

const notOurs = (url) => NOT_OURS.some((pattern) => pattern.test(url));

/** Starts watching `page`; take() returns what was seen since the last take() and forgets it. */
function watchOurErrors(page) {
	let seen = [];
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		const url = message.location()?.url ?? '';
		// A failed load is reported by the network events below, with its status.
		if (notOurs(url) || message.text().startsWith('Failed to load resource')) return;
		if (OURS.test(message.text()) || (OURS.test(url) && !notOurs(url))) seen.push(`console error: ${message.text().slice(0, 300)}`);
	});
	page.on('pageerror', (error) => {
		if (OURS.test(`${error.message}\n${error.stack ?? ''}`)) seen.push(`uncaught error in the editor: ${error.message.slice(0, 300)}`);
	});
	page.on('requestfailed', (request) => {
		if (OURS.test(request.url()) && !notOurs(request.url())) seen.push(`request failed: ${request.url()} (${request.failure()?.errorText})`);
	});
	page.on('response', (response) => {
		const url = response.url();
		if (response.status() < 400 || notOurs(url) || !OURS.test(url)) return;
		const what = /\/schemas\//.test(url) ? 'node output schema missing' : 'request failed';
		seen.push(`${what}: HTTP ${response.status()} ${url.replace(/^https?:\/\/[^/]+/, '')}`);
	});
	return {
		take() {
			const out = seen;
			seen = [];
			return out;
		},
	};
}

module.exports = { watchOurErrors };
