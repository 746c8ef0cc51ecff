/**
 * Proxy support. Node's global fetch ignores HTTP_PROXY / HTTPS_PROXY / NO_PROXY, and n8n's global proxy agent
 * covers only the http/https modules, so the SDK's requests would bypass a proxy that the rest of n8n honours.
 * When a proxy variable is set, requests go through undici's fetch with its EnvHttpProxyAgent (the fetch and the
 * dispatcher must come from the same undici package); otherwise they go straight out (see httpFetch.ts).
 */
import type * as Undici from 'undici';

import type { FetchLike } from './fetch';
import { directFetch } from './httpFetch';

export interface ProxyEnvironment {
	httpProxy?: string;
	httpsProxy?: string;
	noProxy?: string;
}

/** The proxy variables as undici reads them: the lowercase name wins over the uppercase one. */
export function readProxyEnvironment(env: NodeJS.ProcessEnv = process.env): ProxyEnvironment {
	const pick = (name: string) => {
		const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
		return value && value.trim() !== '' ? value.trim() : undefined;
	};
	return { httpProxy: pick('http_proxy'), httpsProxy: pick('https_proxy'), noProxy: pick('no_proxy') };
}

export function hasProxy(environment: ProxyEnvironment): boolean {
	return Boolean(environment.httpProxy || environment.httpsProxy);
}

let undiciModule: typeof Undici | undefined;

/**
 * Loads undici on first use only, and without its side effect: on import, undici installs its own Agent as the
 * process-wide dispatcher that Node's built-in fetch uses when none is set yet — that would route every fetch of
 * n8n and its other nodes through this copy of undici. Node sets its own the first time its fetch runs.
 */
function loadUndici(): typeof Undici {
	if (!undiciModule) {
		const dispatcherKey = Symbol.for('undici.globalDispatcher.1');
		const globals = globalThis as unknown as Record<symbol, unknown>;
		const before = globals[dispatcherKey];
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous, so nothing runs between the import and the restore below
		undiciModule = require('undici') as typeof Undici;
		if (before === undefined && globals[dispatcherKey] !== undefined) globals[dispatcherKey] = undefined;
	}
	return undiciModule;
}

/** One agent (and so one connection pool) per proxy setting, shared by every execution. */
const agents = new Map<string, Undici.EnvHttpProxyAgent>();

function agentFor(environment: ProxyEnvironment): Undici.EnvHttpProxyAgent {
	const key = JSON.stringify([environment.httpProxy, environment.httpsProxy, environment.noProxy]);
	let agent = agents.get(key);
	if (!agent) {
		// Empty strings, not undefined: undici would read process.env again for an undefined option. As in
		// undici (and Node's own env proxy), an https URL uses HTTP_PROXY when HTTPS_PROXY is not set.
		agent = new (loadUndici().EnvHttpProxyAgent)({
			httpProxy: environment.httpProxy ?? '',
			httpsProxy: environment.httpsProxy ?? '',
			noProxy: environment.noProxy ?? '',
		});
		agents.set(key, agent);
	}
	return agent;
}

/** The fetch for the current environment: a direct one without a proxy variable, undici's through the proxy with one. */
export function fetchForEnvironment(environment: ProxyEnvironment = readProxyEnvironment()): FetchLike {
	if (!hasProxy(environment)) return directFetch;
	const dispatcher = agentFor(environment);
	const undiciFetch = loadUndici().fetch;
	return (async (input: string | URL | Request, init?: RequestInit) => {
		// The SDK's multipart bodies are the global FormData; undici's fetch takes it (it recognises FormData by
		// shape, not by class), as the upload test through the proxy shows.
		const options = { ...(init ?? {}), dispatcher };
		return await undiciFetch(input as Parameters<typeof undiciFetch>[0], options as Parameters<typeof undiciFetch>[1]);
	}) as unknown as FetchLike;
}
