import OpenAI from 'openai';
import type { FinalRequestOptions } from 'openai/internal/request-options';
import type { IExecuteFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';

import { DEFAULT_BASE_URL } from '../../../credentials/OpenAiToolkitApi.credentials';
import { createToolkitFetch, type FetchLike, type RequestHooks } from './fetch';
import { fetchForEnvironment } from './proxy';
import { DEFAULT_MAX_WAIT_MS } from './retryAfter';

export const CREDENTIAL_NAME = 'openAiToolkitApi';

export interface ToolkitCredentials {
	apiKey: string;
	organizationId?: string;
	projectId?: string;
	baseUrl?: string;
}

export interface ClientSettings {
	maxRetries: number;
	/** Per request, in milliseconds. */
	timeoutMs: number;
	/**
	 * Longest wait a server may ask for (retry-after, rate-limit reset) before a request of ours; a longer one fails
	 * the item. Bounded by timeoutMs too. DEFAULT_MAX_WAIT_MS when not given.
	 */
	maxWaitMs?: number;
	/** Aborts in-flight requests and pending retries when the n8n execution is cancelled. */
	cancelSignal?: AbortSignal;
	/** E.g. a RateLimiter's hooks: waits before each attempt, sees every response. */
	hooks?: RequestHooks;
	/** The fetch underneath (tests); by default ours over http/https (see httpFetch.ts), or undici's when a proxy variable is set. */
	baseFetch?: FetchLike;
}

export const DEFAULT_CLIENT_SETTINGS: ClientSettings = { maxRetries: 2, timeoutMs: 10 * 60 * 1000 };

export function normalizeBaseUrl(baseUrl: string | undefined): string {
	const trimmed = (baseUrl ?? '').trim().replace(/\/+$/, '');
	return trimmed === '' ? DEFAULT_BASE_URL : trimmed;
}

/**
 * The SDK client with these additions: the execution's cancel signal is attached to every request (the SDK then
 * stops retrying too), the `beforeRequest` hook (the rate limiter) may hold each attempt before it starts — so
 * a wait for a rate-limit reset does not eat into the request's timeout — and the default headers are exactly
 * ours (the SDK would merge OPENAI_CUSTOM_HEADERS).
 *
 * The SDK adds an abort listener to a request's signal for every attempt and never removes it. On the one cancel
 * signal of an execution that would pile up a listener per item (each adding costs a walk over all the others,
 * and each keeps its attempt's objects alive until the execution ends). So every attempt gets a signal of its
 * own, and the cancel signal has a single listener that aborts the attempts in flight.
 */
export class ToolkitClient extends OpenAI {
	readonly toolkitBaseUrl: string;

	private readonly cancelSignal?: AbortSignal;

	private readonly beforeRequest?: RequestHooks['beforeRequest'];

	/** The attempts waiting for their response headers, aborted together when the execution is cancelled. */
	private readonly attemptsInFlight = new Set<AbortController>();

	constructor(
		options: ConstructorParameters<typeof OpenAI>[0] & {
			cancelSignal?: AbortSignal;
			beforeRequest?: RequestHooks['beforeRequest'];
		},
	) {
		const { cancelSignal, beforeRequest, ...clientOptions } = options ?? {};
		super(clientOptions);
		this.cancelSignal = cancelSignal;
		this.beforeRequest = beforeRequest;
		cancelSignal?.addEventListener(
			'abort',
			() => {
				for (const attempt of this.attemptsInFlight) attempt.abort();
			},
			{ once: true },
		);
		this.toolkitBaseUrl = this.baseURL;
		this._options.defaultHeaders = clientOptions.defaultHeaders;
	}

	/** Runs before every attempt, the first and each retry, before the SDK builds the request. */
	protected override async prepareOptions(options: FinalRequestOptions): Promise<void> {
		if (this.cancelSignal && !options.signal) options.signal = this.cancelSignal;
		await this.beforeRequest?.(options.signal ?? undefined, options);
		await super.prepareOptions(options);
	}

	override async fetchWithTimeout(
		url: RequestInfo,
		init: RequestInit | undefined,
		ms: number,
		controller: AbortController,
	): Promise<Response> {
		const signal = init?.signal;
		if (!this.cancelSignal || signal !== this.cancelSignal) return await super.fetchWithTimeout(url, init, ms, controller);
		const attempt = new AbortController();
		this.attemptsInFlight.add(attempt);
		if (signal.aborted) attempt.abort();
		try {
			return await super.fetchWithTimeout(url, { ...init, signal: attempt.signal }, ms, controller);
		} finally {
			this.attemptsInFlight.delete(attempt);
		}
	}
}

/** How long a server may make one request wait: Max Wait, and never longer than the request's own timeout. */
export function allowedWaitMs(settings: Pick<ClientSettings, 'maxWaitMs' | 'timeoutMs'>): number {
	return Math.min(settings.maxWaitMs ?? DEFAULT_MAX_WAIT_MS, settings.timeoutMs);
}

/** The one place that builds the SDK client. Every option is explicit: nothing comes from OPENAI_* variables. */
export function buildClient(credentials: ToolkitCredentials, settings: ClientSettings = DEFAULT_CLIENT_SETTINGS) {
	return new ToolkitClient({
		apiKey: credentials.apiKey,
		organization: credentials.organizationId?.trim() || null,
		project: credentials.projectId?.trim() || null,
		adminAPIKey: null,
		webhookSecret: null,
		baseURL: normalizeBaseUrl(credentials.baseUrl),
		maxRetries: settings.maxRetries,
		timeout: settings.timeoutMs,
		logLevel: 'off',
		defaultHeaders: {},
		defaultQuery: undefined,
		fetch: createToolkitFetch(settings.hooks, settings.baseFetch ?? fetchForEnvironment(), {
			maxWaitMs: allowedWaitMs(settings),
		}),
		cancelSignal: settings.cancelSignal,
		beforeRequest: settings.hooks?.beforeRequest,
	});
}

/** The API credential of an operation, a list search or the trigger's Fetch the Object. */
export async function getToolkitCredentials(
	context: IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions,
): Promise<ToolkitCredentials> {
	const credentials = await context.getCredentials<ToolkitCredentials & Record<string, unknown>>(CREDENTIAL_NAME);
	return {
		apiKey: String(credentials.apiKey ?? ''),
		organizationId: credentials.organizationId ? String(credentials.organizationId) : undefined,
		projectId: credentials.projectId ? String(credentials.projectId) : undefined,
		baseUrl: credentials.baseUrl ? String(credentials.baseUrl) : undefined,
	};
}

export function isOpenAiBaseUrl(baseUrl: string): boolean {
	try {
		return new URL(baseUrl).hostname === 'api.openai.com';
	} catch {
		return false;
	}
}
