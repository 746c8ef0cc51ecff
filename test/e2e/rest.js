// What the e2e runners that drive a running n8n share: a REST client that keeps n8n's auth cookie, and a poll.
'use strict';

/** A tiny REST client for n8n's API: JSON in, parsed JSON (or text) out; a non-2xx answer throws with its body. */
function restClient(origin) {
	let cookie = '';
	return async (method, urlPath, body) => {
		const response = await fetch(`${origin}${urlPath}`, {
			method,
			headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) cookie = setCookie.split(';')[0];
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${urlPath} → ${response.status}: ${text.slice(0, 500)}`);
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	};
}

/** Polls `predicate` every half second until it holds; throws naming `what` after `timeoutMs`. */
async function waitFor(predicate, timeoutMs, what) {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		if (await predicate()) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

module.exports = { restClient, waitFor };
