import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type {
	ChatCompletionCreateParamsNonStreaming,
	ChatCompletionTool,
	ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';

import { checkNumber, fieldError, requireText } from '../../helpers/checks';
import { getModel, withAdditionalBodyFields } from '../../helpers/fields';
import { parseJsonParameter } from '../../helpers/json';
import { METADATA_LABEL, readStructuredOutput } from '../../helpers/modelOptions';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';
import { readSamplingOptions } from '../../helpers/textOptions';
import { chatResponseFormat } from './fields';
import { buildMessages } from './messages';

type Body = ChatCompletionCreateParamsNonStreaming;

function readTools(context: IExecuteFunctions, itemIndex: number, value: unknown): ChatCompletionTool[] | undefined {
	const field = 'Tools (JSON)';
	const parsed = parseJsonParameter(context, value, field, itemIndex);
	if (parsed === undefined) return undefined;
	const list = Array.isArray(parsed) ? parsed : [parsed];
	if (list.length === 0) return undefined;
	return list.map((tool, index) => {
		if (typeof tool !== 'object' || tool === null || Array.isArray(tool)) {
			throw fieldError(context, itemIndex, `Tool ${index + 1} in '${field}' is not an object`);
		}
		const entry = tool as IDataObject;
		if (typeof entry.type === 'string') return entry as unknown as ChatCompletionTool;
		if (typeof entry.name === 'string') return { type: 'function', function: entry } as unknown as ChatCompletionTool;
		throw fieldError(
			context,
			itemIndex,
			`Tool ${index + 1} in '${field}' has neither a "type" nor a function "name"`,
			'Expected {"type": "function", "function": {"name": …}} or a plain function definition {"name": …, "parameters": …}.',
		);
	});
}

function readToolChoice(
	context: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): ChatCompletionToolChoiceOption | undefined {
	const choice = options.toolChoice as string | undefined;
	if (!choice) return undefined;
	if (choice !== 'function') return choice as ChatCompletionToolChoiceOption;
	const name = requireText(context, itemIndex, options.toolChoiceFunctionName, 'Tool Choice Function Name').trim();
	return { type: 'function', function: { name } };
}

/** The response_format of the body: the shared structured output in Chat Completions' shape. */
function readResponseFormat(context: IExecuteFunctions, itemIndex: number): Body['response_format'] {
	const output = readStructuredOutput(context, itemIndex, chatResponseFormat);
	if (output?.type !== 'json_schema') return output;
	const { name, schema, strict } = output;
	return { type: 'json_schema', json_schema: { name, schema, strict } };
}

/** Max Completion Tokens, Log Probabilities and Top Log Probabilities (which turns Log Probabilities on). */
function readTokenOptions(context: IExecuteFunctions, itemIndex: number, options: IDataObject): Partial<Body> {
	const body: Partial<Body> = {};
	const maxCompletionTokens = checkNumber(context, itemIndex, options.maxCompletionTokens, 'Max Completion Tokens', {
		min: 1,
		integer: true,
	});
	if (maxCompletionTokens !== undefined) body.max_completion_tokens = maxCompletionTokens;
	if (typeof options.logprobs === 'boolean') body.logprobs = options.logprobs;
	const topLogprobs = checkNumber(context, itemIndex, options.topLogprobs, 'Top Log Probabilities', {
		min: 0,
		max: 20,
		integer: true,
	});
	if (topLogprobs !== undefined) {
		body.logprobs = true;
		body.top_logprobs = topLogprobs;
	}
	return body;
}

/**
 * The request body of one item's chat completion: everything but the HTTP call, Additional Body Fields included.
 * Batch → Create builds its JSONL lines with it. Every check runs before anything is sent.
 */
export async function buildChatCompletionBody(this: IExecuteFunctions, itemIndex: number): Promise<Body> {
	const model = requireText(this, itemIndex, getModel(this, itemIndex), 'Model');
	const messages = await buildMessages(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const body: Body = { model, messages, ...readSamplingOptions(this, itemIndex, options) };
	Object.assign(body, readTokenOptions(this, itemIndex, options));
	const tools = readTools(this, itemIndex, options.tools);
	if (tools) body.tools = tools;
	const toolChoice = readToolChoice(this, itemIndex, options);
	if (toolChoice) body.tool_choice = toolChoice;
	if (typeof options.parallelToolCalls === 'boolean') body.parallel_tool_calls = options.parallelToolCalls;
	if (options.reasoningEffort) body.reasoning_effort = options.reasoningEffort as Body['reasoning_effort'];
	if (options.serviceTier) body.service_tier = options.serviceTier as Body['service_tier'];
	if (typeof options.store === 'boolean') body.store = options.store;
	const metadata = parseMetadataParameter(this, options.metadata, METADATA_LABEL, itemIndex);
	if (metadata) body.metadata = metadata;
	const responseFormat = readResponseFormat(this, itemIndex);
	if (responseFormat) body.response_format = responseFormat;
	return withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
}
