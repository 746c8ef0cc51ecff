import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildChatCompletionBody, chatCompletionFields } from '../chat/createCompletion.operation';
import { buildCompletionRequest, completionFields } from '../completion/create.operation';
import { buildEmbeddingBody, embeddingFields } from '../embedding/create.operation';
import { buildModerationBody, moderationFields } from '../moderation/create.operation';
import { buildResponseBody } from '../response/create.operation';
import { responseFields } from '../response/fields';

/**
 * What a batch can run: for each endpoint, the fields of the matching operation (their own descriptions, shown
 * again under Batch → Create) and that operation's body builder, which makes one item's request.
 */
export interface BatchEndpoint {
	/** The value of the Endpoint field. */
	value: string;
	name: string;
	description: string;
	/** The fields one request is built from, without display options. */
	fields: INodeProperties[];
	/** One item's request: the URL its JSONL line names and the body. */
	build: (this: IExecuteFunctions, itemIndex: number) => Promise<{ url: string; body: object }>;
}

/** Fields of an operation that mean nothing inside a batch. */
const NOT_FOR_BATCHES: Record<string, string[]> = {
	// Embedding → Create's cap on vectors per execution; a batch returns each request's vectors as they are.
	embeddings: ['limit'],
};

export const batchEndpoints: BatchEndpoint[] = [
	{
		value: 'chatCompletions',
		name: 'Chat Completions',
		description: 'POST /v1/chat/completions, with the fields of Chat → Create Completion',
		fields: chatCompletionFields,
		build: async function (itemIndex) {
			return { url: '/v1/chat/completions', body: await buildChatCompletionBody.call(this, itemIndex) };
		},
	},
	{
		value: 'completions',
		name: 'Completions',
		description:
			'POST /v1/completions, with the fields of Completion → Create (its Chat Messages input goes to /v1/chat/completions, in a batch of its own)',
		fields: completionFields,
		build: async function (itemIndex) {
			return await buildCompletionRequest.call(this, itemIndex);
		},
	},
	{
		value: 'embeddings',
		name: 'Embeddings',
		description: 'POST /v1/embeddings, with the fields of Embedding → Create',
		fields: embeddingFields,
		build: async function (itemIndex) {
			return { url: '/v1/embeddings', body: await buildEmbeddingBody.call(this, itemIndex) };
		},
	},
	{
		value: 'moderations',
		name: 'Moderations',
		description: 'POST /v1/moderations, with the fields of Moderation → Create',
		fields: moderationFields,
		build: async function (itemIndex) {
			return { url: '/v1/moderations', body: await buildModerationBody.call(this, itemIndex) };
		},
	},
	{
		value: 'responses',
		name: 'Responses',
		description: 'POST /v1/responses, with the fields of Response → Create',
		fields: responseFields,
		build: async function (itemIndex) {
			return { url: '/v1/responses', body: await buildResponseBody.call(this, itemIndex) };
		},
	},
];

export function findBatchEndpoint(value: string): BatchEndpoint | undefined {
	return batchEndpoints.find((endpoint) => endpoint.value === value);
}

/** Each endpoint's fields, shown only while that endpoint is selected. */
export function endpointFields(): INodeProperties[] {
	return batchEndpoints.flatMap((endpoint) =>
		endpoint.fields
			.filter((field) => !(NOT_FOR_BATCHES[endpoint.value] ?? []).includes(field.name))
			.map((field) => ({
				...field,
				displayOptions: {
					...field.displayOptions,
					show: { ...field.displayOptions?.show, endpoint: [endpoint.value] },
				},
			})),
	);
}
