import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export interface RequestOptions {
	concurrency: number;
	maxRetries: number;
	timeoutMs: number;
}

export const REQUEST_OPTION_DEFAULTS = { concurrency: 5, maxRetries: 2, timeoutSeconds: 600 } as const;

/** Node-level options that apply to every operation: how many items run at once, retries and timeout. */
export const requestOptionsField: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	placeholder: 'Add option',
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
			typeOptions: { minValue: 1 },
			default: REQUEST_OPTION_DEFAULTS.timeoutSeconds,
			description: 'How long one request may take before it is aborted (and retried, if retries are left)',
		},
	],
};

export function getRequestOptions(context: IExecuteFunctions): RequestOptions {
	const raw = context.getNodeParameter('requestOptions', 0, {}) as {
		concurrency?: number;
		maxRetries?: number;
		timeout?: number;
	};
	const concurrency = Math.max(1, Math.floor(raw.concurrency ?? REQUEST_OPTION_DEFAULTS.concurrency));
	const maxRetries = Math.max(0, Math.floor(raw.maxRetries ?? REQUEST_OPTION_DEFAULTS.maxRetries));
	const timeoutSeconds = Math.max(1, raw.timeout ?? REQUEST_OPTION_DEFAULTS.timeoutSeconds);
	return { concurrency, maxRetries, timeoutMs: Math.round(timeoutSeconds * 1000) };
}
