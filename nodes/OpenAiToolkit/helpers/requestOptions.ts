import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { AUTO_START } from '../transport/adaptiveConcurrency';
import { DEFAULT_MAX_WAIT_MS } from '../transport/retryAfter';
import { checkNumber } from './checks';
import { versionOf, type NodeVersion } from './nodeVersion';

export interface RequestOptions {
	/** The pool size: the number set, or where Auto starts (an operation that cannot follow Auto uses it as is). */
	concurrency: number;
	/** Concurrency "Auto" (version 2 with no Concurrency set): the pool follows the rate limits and latency. */
	autoConcurrency: boolean;
	maxRetries: number;
	timeoutMs: number;
	/** Longest wait a server may ask for before a retry or between rate-limit windows. */
	maxWaitMs: number;
}

export const REQUEST_OPTION_DEFAULTS = {
	concurrency: 5,
	maxRetries: 2,
	timeoutSeconds: 600,
	maxWaitSeconds: DEFAULT_MAX_WAIT_MS / 1000,
} as const;

/** The ranges every value is read with (an expression can bypass the editor's own limits). */
export const REQUEST_OPTION_LIMITS = {
	concurrency: { min: 1, max: 100, integer: true },
	maxRetries: { min: 0, max: 10, integer: true },
	/** 1 s to 24 h; beyond that a timer would overflow and fire at once. */
	timeoutSeconds: { min: 1, max: 86_400 },
	maxWaitSeconds: { min: 0, max: 86_400 },
} as const;

/** Node-level options that apply to every operation: how many items run at once, retries and timeout (version 1). */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100 },
			default: REQUEST_OPTION_DEFAULTS.concurrency,
			description:
				"How many items are sent to OpenAI at the same time. Output order is kept. 1 sends one item at a time. When OpenAI's rate-limit headers say the requests or tokens are used up, new requests wait for the reset.",
		},
		{
			displayName: 'Max Retries',
			name: 'maxRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: REQUEST_OPTION_DEFAULTS.maxRetries,
			description:
				'How often a request is retried after a rate limit (429), a server error (5xx), a timeout or a dropped connection. Waits as long as OpenAI asks (retry-after). An exhausted quota is never retried.',
			hint: 'A retry after a timeout or a dropped connection can be billed twice if OpenAI had already finished the request',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 86_400 },
			default: REQUEST_OPTION_DEFAULTS.timeoutSeconds,
			description: 'How long one request may take before it is aborted (and retried, if retries are left). 1 second to 24 hours.',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 86_400 },
			default: REQUEST_OPTION_DEFAULTS.maxWaitSeconds,
			description:
				"The longest wait OpenAI may ask for before a retry (retry-after) or until a rate limit resets. A longer one fails the item with \"OpenAI asked to wait N s\" instead of stalling the run. Never longer than the timeout.",
		},
	],
};

const AUTO_CONCURRENCY_DESCRIPTION =
	"Leave unset for Auto: as many at once as the account's rate limits for the model allow, found from OpenAI's rate-limit headers (or from how fast answers come, on servers without them), without 429s. A number sends exactly that many items at the same time. Output order is kept.";

/**
 * Version 2's Request Options: the same options, but Concurrency left unset means Auto. The option keeps its name
 * and type (a number set means a fixed pool, in both versions); only what leaving it unset does differs, so a
 * version 1 node keeps its pool of 5.
 */
const version2RequestOptionsField: INodeProperties = {
	...requestOptionsField,
	options: (requestOptionsField.options as INodeProperties[]).map((option) =>
		option.name === 'concurrency' ? { ...option, description: AUTO_CONCURRENCY_DESCRIPTION } : option,
	),
};

export function requestOptionsFieldFor(version: NodeVersion): INodeProperties {
	return version === 1 ? requestOptionsField : version2RequestOptionsField;
}

/**
 * The node-level options, read from the first item (they apply to the whole run). A value that is not a number
 * or out of its range fails the run before anything is sent, naming the field.
 */
export function getRequestOptions(context: IExecuteFunctions): RequestOptions {
	const raw = context.getNodeParameter('requestOptions', 0, {}) as Record<string, unknown>;
	const read = (key: string, label: string, fallback: number, limits: { min: number; max: number; integer?: boolean }) =>
		checkNumber(context, 0, raw[key], label, limits) ?? fallback;
	// Unset (or an expression that gives nothing): Auto in version 2, 5 at once in version 1.
	const setConcurrency = checkNumber(context, 0, raw.concurrency, 'Concurrency', REQUEST_OPTION_LIMITS.concurrency);
	const autoConcurrency = setConcurrency === undefined && versionOf(context) !== 1;
	const concurrency = setConcurrency ?? (autoConcurrency ? AUTO_START : REQUEST_OPTION_DEFAULTS.concurrency);
	const maxRetries = read('maxRetries', 'Max Retries', REQUEST_OPTION_DEFAULTS.maxRetries, REQUEST_OPTION_LIMITS.maxRetries);
	const timeoutSeconds = read('timeout', 'Timeout (Seconds)', REQUEST_OPTION_DEFAULTS.timeoutSeconds, REQUEST_OPTION_LIMITS.timeoutSeconds);
	const maxWaitSeconds = read('maxWait', 'Max Wait (Seconds)', REQUEST_OPTION_DEFAULTS.maxWaitSeconds, REQUEST_OPTION_LIMITS.maxWaitSeconds);
	return {
		concurrency,
		autoConcurrency,
		maxRetries,
		timeoutMs: Math.round(timeoutSeconds * 1000),
		maxWaitMs: Math.round(maxWaitSeconds * 1000),
	};
}
