import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { Completion, CompletionCreateParamsNonStreaming } from 'openai/resources/completions';

import { checkNumber, requireText } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, modelField, withAdditionalBodyFields } from '../../helpers/fields';
import {
	frequencyPenaltyOption,
	logitBiasOption,
	numberOfChoicesOption,
	presencePenaltyOption,
	readSamplingOptions,
	seedOption,
	stopOption,
	temperatureOption,
	topPOption,
	userOption,
} from '../../helpers/textOptions';
import { buildMessages, messagesFields } from '../chat/messages';
import { answerOutput, simplifiedChat } from '../../helpers/answer';
import { chatCompletionOutput, refuseStreaming } from '../chat/output';
import type { OperationContext } from '../types';

const promptOnly = { show: { '/inputType': ['prompt'] } };
const forChat = (property: INodeProperties): INodeProperties => ({
	...property,
	displayOptions: {
		...property.displayOptions,
		show: { ...property.displayOptions?.show, inputType: ['chatMessages'] },
	},
});

/** Every field of Completion → Create, without resource/operation display options (Batch → Create reuses them). */
export const completionFields: INodeProperties[] = [
	{
		displayName: 'Input Type',
		name: 'inputType',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Prompt',
				value: 'prompt',
				description: 'A text prompt, sent to /completions (gpt-3.5-turbo-instruct, davinci-002, babbage-002)',
			},
			{
				name: 'Chat Messages',
				value: 'chatMessages',
				description: 'A list of messages, sent to /chat/completions (gpt-4o, gpt-4.1, o-series, …)',
			},
		],
		default: 'prompt',
		description: 'Whether to complete a prompt or a chat',
	},
	{
		...modelField({ kind: 'completion', defaultModel: 'gpt-3.5-turbo-instruct' }),
		displayOptions: { show: { inputType: ['prompt'] } },
	},
	forChat(modelField({ kind: 'chat', defaultModel: 'gpt-4o-mini' })),
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. Write a tagline for an ice cream shop.',
		description: 'The text to complete',
		displayOptions: { show: { inputType: ['prompt'] } },
	},
	...messagesFields.map(forChat),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			{
				displayName: 'Best Of',
				name: 'bestOf',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: 1,
				description:
					'Generates this many completions server-side and returns the best (highest log probability per token). Must be greater than Number of Choices; every candidate is billed.',
				displayOptions: promptOnly,
			},
			{
				displayName: 'Echo',
				name: 'echo',
				type: 'boolean',
				default: false,
				description: 'Whether to return the prompt in front of the completion',
				displayOptions: promptOnly,
			},
			frequencyPenaltyOption,
			{
				displayName: 'Log Probabilities',
				name: 'logprobs',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 5 },
				default: 0,
				description: 'Return the log probabilities of this many most likely tokens at each position (0–5)',
				displayOptions: promptOnly,
			},
			logitBiasOption,
			{
				displayName: 'Max Tokens',
				name: 'maxTokens',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 256,
				description:
					'The most tokens the completion may use (the API default is 16 for prompts). Sent as max_completion_tokens for chat messages.',
			},
			numberOfChoicesOption,
			presencePenaltyOption,
			seedOption,
			stopOption,
			{
				displayName: 'Suffix',
				name: 'suffix',
				type: 'string',
				default: '',
				placeholder: 'e.g. \\n\\nThe end.',
				description: 'Text that comes after the completion, for inserting text (gpt-3.5-turbo-instruct only)',
				displayOptions: promptOnly,
			},
			temperatureOption,
			topPOption,
			userOption,
		],
	},
];

export const description: INodeProperties[] = showOnlyFor('completion', 'create', completionFields);

export type CompletionRequest =
	| { url: '/v1/completions'; body: CompletionCreateParamsNonStreaming }
	| { url: '/v1/chat/completions'; body: ChatCompletionCreateParamsNonStreaming };

/**
 * One item's request: the endpoint (as a Batch JSONL line names it) and its body, Additional Body Fields
 * included. Prompt input goes to /completions, chat messages to /chat/completions.
 */
export async function buildCompletionRequest(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<CompletionRequest> {
	const inputType = this.getNodeParameter('inputType', itemIndex, 'prompt') as string;
	const model = requireText(this, itemIndex, getModel(this, itemIndex), 'Model');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const sampling = readSamplingOptions(this, itemIndex, options);
	const maxTokens = checkNumber(this, itemIndex, options.maxTokens, 'Max Tokens', { min: 1, integer: true });

	if (inputType === 'chatMessages') {
		const messages = await buildMessages(this, itemIndex);
		const body: ChatCompletionCreateParamsNonStreaming = { model, messages, ...sampling };
		if (maxTokens !== undefined) body.max_completion_tokens = maxTokens;
		return { url: '/v1/chat/completions', body: withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex) };
	}

	const prompt = requireText(this, itemIndex, this.getNodeParameter('prompt', itemIndex, ''), 'Prompt');
	const body: CompletionCreateParamsNonStreaming = { model, prompt, ...sampling };
	if (maxTokens !== undefined) body.max_tokens = maxTokens;
	if (typeof options.suffix === 'string' && options.suffix !== '') body.suffix = options.suffix;
	const bestOf = checkNumber(this, itemIndex, options.bestOf, 'Best Of', { min: 1, max: 20, integer: true });
	if (bestOf !== undefined) body.best_of = bestOf;
	const logprobs = checkNumber(this, itemIndex, options.logprobs, 'Log Probabilities', { min: 0, max: 5, integer: true });
	if (logprobs !== undefined) body.logprobs = logprobs;
	if (typeof options.echo === 'boolean') body.echo = options.echo;
	return { url: '/v1/completions', body: withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex) };
}

/** Simplified completion (version 2): why it stopped, model, usage. */
function simplifiedCompletion(full: IDataObject): IDataObject {
	const choice = (full.choices as Array<{ finish_reason?: string }> | undefined)?.[0];
	return { finish_reason: choice?.finish_reason, model: full.model, usage: full.usage, id: full.id };
}

/** The completion as an output item: the response plus `text`, the first choice's text. */
export function completionOutput(response: Completion): IDataObject {
	return { ...(response as unknown as IDataObject), text: response.choices?.[0]?.text ?? null };
}

/** POST /completions or /chat/completions (Fusion: Create a completion, for a prompt or a chat). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const request = await buildCompletionRequest.call(this, itemIndex);
	refuseStreaming(this, itemIndex, request.body);
	if (request.url === '/v1/chat/completions') {
		const response = await client.chat.completions.create(request.body);
		const full = chatCompletionOutput(this, itemIndex, response, request.body);
		return [{ json: answerOutput(this, itemIndex, full, simplifiedChat), pairedItem: { item: itemIndex } }];
	}
	const response = await client.completions.create(request.body);
	return [{ json: answerOutput(this, itemIndex, completionOutput(response), simplifiedCompletion), pairedItem: { item: itemIndex } }];
}
