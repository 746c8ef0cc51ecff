import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';

import { answerOutput } from '../../helpers/answer';
import { requireText } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, modelField, withAdditionalBodyFields } from '../../helpers/fields';
import {
	numberOfChoicesOption,
	readSamplingOptions,
	temperatureOption,
	topPOption,
} from '../../helpers/textOptions';
import { refuseStreaming } from '../chat/output';
import type { OperationContext } from '../types';

/** What the emulated edit tells the model: apply the instruction, answer with nothing but the edited text. */
export const EDIT_SYSTEM_PROMPT =
	'You are a text editor. Apply the instruction to the text and reply with the edited text only: no explanation, no introduction, no quotation marks or code fences around it. Keep everything the instruction does not ask to change exactly as it is. If the text is empty, write what the instruction asks for.';

/** The user message of an emulated edit: the instruction, then the text to edit. */
export function editUserMessage(instruction: string, input: string): string {
	return `Instruction:\n${instruction}\n\nText:\n${input}`;
}

/** Every field of Edit → Create, without resource/operation display options (Batch → Create may reuse them). */
export const editFields: INodeProperties[] = [
	modelField({
		kind: 'chat',
		defaultModel: 'gpt-4o-mini',
		description:
			'The model to use. Any chat model applies the instruction by default; with the legacy /edits endpoint, use an edit model your server serves (e.g. text-davinci-edit-001).',
	}),
	{
		displayName: 'Input',
		name: 'input',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. What day of the wek is it?',
		description: 'The text to edit. May be empty: the instruction then says what to write.',
	},
	{
		displayName: 'Instruction',
		name: 'instruction',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		placeholder: 'e.g. Fix the spelling mistakes',
		description: 'How the model should edit the input',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			{
				displayName: 'Endpoint',
				name: 'endpoint',
				type: 'options',
				options: [
					{
						name: 'Chat Completion (Emulated Edit)',
						value: 'chatCompletion',
						description: 'One chat completion that applies the instruction; works with every current model',
					},
					{
						name: 'Legacy /edits',
						value: 'legacyEdits',
						description: 'The old /edits endpoint, which OpenAI has removed; for servers that still serve it',
					},
				],
				default: 'chatCompletion',
				description: 'Where the edit is made. The output has the shape of an edit either way.',
			},
			numberOfChoicesOption,
			temperatureOption,
			topPOption,
		],
	},
];

export const description: INodeProperties[] = showOnlyFor('edit', 'create', editFields);

/** The body the legacy /edits endpoint takes. */
export interface LegacyEditBody {
	model: string;
	input: string;
	instruction: string;
	n?: number;
	temperature?: number;
	top_p?: number;
}

export type EditRequest =
	| { url: '/v1/chat/completions'; body: ChatCompletionCreateParamsNonStreaming }
	| { url: '/v1/edits'; body: LegacyEditBody };

/** One item's edit request: an emulating chat completion, or the legacy /edits body. */
export async function buildEditRequest(this: IExecuteFunctions, itemIndex: number): Promise<EditRequest> {
	const model = requireText(this, itemIndex, getModel(this, itemIndex), 'Model');
	const inputValue = this.getNodeParameter('input', itemIndex, '');
	const input = inputValue === undefined || inputValue === null ? '' : String(inputValue);
	const instruction = requireText(this, itemIndex, this.getNodeParameter('instruction', itemIndex, ''), 'Instruction');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { n, temperature, top_p } = readSamplingOptions(this, itemIndex, {
		n: options.n,
		temperature: options.temperature,
		topP: options.topP,
	});
	const sampling = {
		...(n !== undefined ? { n } : {}),
		...(temperature !== undefined ? { temperature } : {}),
		...(top_p !== undefined ? { top_p } : {}),
	};

	if (options.endpoint === 'legacyEdits') {
		const body: LegacyEditBody = { model, input, instruction, ...sampling };
		return { url: '/v1/edits', body: withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex) };
	}
	const body: ChatCompletionCreateParamsNonStreaming = {
		model,
		messages: [
			{ role: 'system', content: EDIT_SYSTEM_PROMPT },
			{ role: 'user', content: editUserMessage(instruction, input) },
		],
		...sampling,
	};
	return { url: '/v1/chat/completions', body: withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex) };
}

/** A chat completion in the shape of the legacy edit object, so that Fusion-style mappings keep working. */
export function chatCompletionAsEdit(response: ChatCompletion): IDataObject {
	const choices = (response.choices ?? []).map((choice) => ({
		text: choice.message?.content ?? '',
		index: choice.index,
	}));
	const usage = response.usage
		? {
				prompt_tokens: response.usage.prompt_tokens,
				completion_tokens: response.usage.completion_tokens,
				total_tokens: response.usage.total_tokens,
			}
		: null;
	return {
		object: 'edit',
		created: response.created,
		model: response.model,
		choices,
		usage,
		text: choices[0]?.text ?? null,
	};
}

/** Simplified edit (version 2): the edited text, model and usage. */
const simplifiedEdit = (full: IDataObject): IDataObject => ({ model: full.model, usage: full.usage });

/** Fusion's "Create an edit": by default one chat completion, shaped like an edit; optionally the legacy /edits. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const request = await buildEditRequest.call(this, itemIndex);
	refuseStreaming(this, itemIndex, request.body);
	if (request.url === '/v1/edits') {
		const response = await client.post<IDataObject>('/edits', { body: request.body });
		const first = (response.choices as Array<{ text?: unknown }> | undefined)?.[0]?.text;
		const full = { ...response, text: typeof first === 'string' ? first : null };
		return [{ json: answerOutput(this, itemIndex, full, simplifiedEdit), pairedItem: { item: itemIndex } }];
	}
	const response = await client.chat.completions.create(request.body);
	return [{ json: answerOutput(this, itemIndex, chatCompletionAsEdit(response), simplifiedEdit), pairedItem: { item: itemIndex } }];
}
