/**
 * Proxy support. Node's global fetch ignores HTTP_PROXY / HTTPS_PROXY / NO_PROXY, and n8n's global proxy agent
 * covers only the http/https modules, so the SDK's requests would bypass a proxy that the rest of n8n honours.
 * When a proxy variable is set, requests go through undici's fetch with its EnvHttpProxyAgent (the fetch and the
 * dispatcher must come from the same undici package); otherwise the global fetch is used as it is.
 */
import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici';

import type { FetchLike } from './fetch';

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

/** One agent (and so one connection pool) per proxy setting, shared by every execution. */
const agents = new Map<string, EnvHttpProxyAgent>();

function agentFor(environment: ProxyEnvironment): EnvHttpProxyAgent {
	const key = JSON.stringify([environment.httpProxy, environment.httpsProxy, environment.noProxy]);
	let agent = agents.get(key);
	if (!agent) {
		// Empty strings, not undefined: undici would read process.env again for an undefined option. As in
		// undici (and Node's own env proxy), an https URL uses HTTP_PROXY when HTTPS_PROXY is not set.
		agent = new EnvHttpProxyAgent({
			httpProxy: environment.httpProxy ?? '',
			httpsProxy: environment.httpsProxy ?? '',
			noProxy: environment.noProxy ?? '',
		});
		agents.set(key, agent);
	}
	return agent;
}

/** The fetch for the current environment: the global one without a proxy variable, undici's through the proxy with one. */
export function fetchForEnvironment(environment: ProxyEnvironment = readProxyEnvironment()): FetchLike {
	if (!hasProxy(environment)) return globalThis.fetch;
	const dispatcher = agentFor(environment);
	return (async (input: string | URL | Request, init?: RequestInit) => {
		// The SDK's multipart bodies are the global FormData; undici's fetch takes it (it recognises FormData by
		// shape, not by class), as the upload test through the proxy shows.
		const options = { ...(init ?? {}), dispatcher };
		return await undiciFetch(input as Parameters<typeof undiciFetch>[0], options as Parameters<typeof undiciFetch>[1]);
	}) as unknown as FetchLike;
}
