import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkNumber, fieldError, requireText, textOf } from '../../helpers/checks';
import { getModel, withAdditionalBodyFields } from '../../helpers/fields';
import { METADATA_LABEL, readStructuredOutput } from '../../helpers/modelOptions';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';
import { readTemperatureAndTopP } from '../../helpers/textOptions';
import { responseTextFormat } from './fields';
import { buildInput } from './input';
import { buildTools } from './tools';

type ResponseOptions = IDataObject & {
	additionalBodyFields?: unknown;
	maxOutputTokens?: unknown;
	metadata?: unknown;
	parallelToolCalls?: boolean;
	previousResponseId?: unknown;
	reasoningEffort?: string;
	reasoningSummary?: string;
	serviceTier?: string;
	store?: boolean;
	toolChoice?: string;
	truncation?: string;
};

/** The body's `text`: the shared structured output in the Responses API's shape (text.format). */
function readTextFormat(context: IExecuteFunctions, itemIndex: number): IDataObject | undefined {
	const output = readStructuredOutput(context, itemIndex, responseTextFormat);
	return output ? { format: output } : undefined;
}

/** The options collection: every value checked (numbers with their ranges), and only what is set is sent. */
function readOptions(context: IExecuteFunctions, itemIndex: number, options: ResponseOptions): IDataObject {
	const body: IDataObject = {};
	if (options.previousResponseId !== undefined) {
		const previousResponseId = textOf(options.previousResponseId).trim();
		if (!previousResponseId) throw fieldError(context, itemIndex, "The field 'Previous Response ID' is empty");
		body.previous_response_id = previousResponseId;
	}
	if (options.reasoningEffort !== undefined || options.reasoningSummary !== undefined) {
		const reasoning: IDataObject = {};
		if (options.reasoningEffort !== undefined) reasoning.effort = options.reasoningEffort;
		if (options.reasoningSummary !== undefined) reasoning.summary = options.reasoningSummary;
		body.reasoning = reasoning;
	}
	if (options.store !== undefined) body.store = options.store;
	const metadata = parseMetadataParameter(context, options.metadata, METADATA_LABEL, itemIndex);
	if (metadata) body.metadata = metadata;
	// The spec's minimum is 16 tokens.
	const maxOutputTokens = checkNumber(context, itemIndex, options.maxOutputTokens, 'Max Output Tokens', {
		min: 16,
		integer: true,
	});
	if (maxOutputTokens !== undefined) body.max_output_tokens = maxOutputTokens;
	Object.assign(body, readTemperatureAndTopP(context, itemIndex, options));
	if (options.truncation !== undefined) body.truncation = options.truncation;
	if (options.serviceTier !== undefined) body.service_tier = options.serviceTier;
	if (options.toolChoice !== undefined) body.tool_choice = options.toolChoice;
	if (options.parallelToolCalls !== undefined) body.parallel_tool_calls = options.parallelToolCalls;
	return body;
}

/**
 * The body of POST /responses for one item, from the fields in `responseFields`. Shared with Batch → Create,
 * which writes it as one line of the batch's JSONL. Every check runs before anything is sent.
 */
export async function buildResponseBody(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const model = requireText(this, itemIndex, getModel(this, itemIndex), 'Model');
	const body: IDataObject = { model, input: await buildInput(this, itemIndex) };

	const instructions = textOf(this.getNodeParameter('instructions', itemIndex, ''));
	if (instructions.trim() !== '') body.instructions = instructions;

	const tools = buildTools(this, itemIndex);
	if (tools.length > 0) body.tools = tools;

	const text = readTextFormat(this, itemIndex);
	if (text) body.text = text;

	const options = this.getNodeParameter('responseOptions', itemIndex, {}) as ResponseOptions;
	Object.assign(body, readOptions(this, itemIndex, options));
	return withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
}
