/** Helpers of sdkInternals.test.ts: a recording fake fetch, SDK clients over it, and the failure message format. */
import * as fs from 'node:fs';
import * as path from 'node:path';

import OpenAI from 'openai';
import type { FinalRequestOptions } from 'openai/internal/request-options';

import { TEST_API_KEY } from '../../support/constants';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const SDK_DIR = path.join(ROOT, 'node_modules', 'openai');
export const SDK_VERSION = (JSON.parse(fs.readFileSync(path.join(SDK_DIR, 'package.json'), 'utf8')) as { version: string }).version;
export const BASE_URL = 'http://sdk-internals.test/v1';

/** One test per internal; a failure names the internal, what we rely on, and the files to revisit. */
export function sdkInternal(name: string, reliedOn: string, dependents: string[], check: () => void | Promise<void>) {
	test(name, async () => {
		try {
			await check();
		} catch (error) {
			throw new Error(
				`openai ${SDK_VERSION}: the SDK internal "${name}" changed.\n` +
					`We rely on: ${reliedOn}\n` +
					`Files that depend on it: ${dependents.join(', ')}\n` +
					'Adapt them (or keep openai on the version range in package.json) before upgrading.\n\n' +
					`What failed: ${(error as Error).message}`,
			);
		}
	});
}

export interface FetchCall {
	url: string;
	init: RequestInit;
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const modelList = json(200, { object: 'list', data: [] });
/** A retryable failure that asks for a 1 ms wait, so retries do not slow the tests. */
export const failure = (status: number) => json(status, { error: { message: `failed with ${status}` } }, { 'retry-after-ms': '1' });

/** A fetch that answers from `answers` in turn (then with an empty model list) and records every call. */
export function fakeFetch(answers: Array<() => Response> = []) {
	const calls: FetchCall[] = [];
	const fetch = async (url: string | URL | Request, init?: RequestInit) => {
		calls.push({ url: String(url), init: init ?? {} });
		return (answers.shift() ?? modelList)();
	};
	return { calls, fetch: Object.assign(fetch, { Response: globalThis.Response }) };
}

export function sdkClient(fetch: ReturnType<typeof fakeFetch>['fetch'], options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) {
	return new OpenAI({ apiKey: TEST_API_KEY, baseURL: BASE_URL, logLevel: 'off', fetch, ...options });
}

/** Records what the SDK hands to the two methods ToolkitClient overrides. */
export class ObservedClient extends OpenAI {
	prepared: FinalRequestOptions[] = [];

	fetched: Array<{ init: RequestInit | undefined; ms: number }> = [];

	signalToSet?: AbortSignal;

	protected override async prepareOptions(options: FinalRequestOptions): Promise<void> {
		this.prepared.push(options);
		if (this.signalToSet) options.signal = this.signalToSet;
		await super.prepareOptions(options);
	}

	override async fetchWithTimeout(url: RequestInfo, init: RequestInit | undefined, ms: number, controller: AbortController) {
		this.fetched.push({ init, ms });
		return await super.fetchWithTimeout(url, init, ms, controller);
	}
}
