import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { checkNumber, fieldError, parseJsonObjectField, requireText, textOf } from '../../helpers/checks';
import { getModel, withAdditionalBodyFields } from '../../helpers/fields';
import { METADATA_LABEL, readStructuredOutput } from '../../helpers/modelOptions';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';
import { readTemperatureAndTopP } from '../../helpers/textOptions';
import { responseTextFormat } from './fields';
import { buildInput } from './input';
import { addMcpSecrets, buildMcpTools } from './mcp';
import { optionalId } from './requestBody';
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
	// Version 2 only (createFields.ts): absent in version 1.
	compactContext?: boolean;
	compactThreshold?: unknown;
	conversation?: unknown;
	include?: string[];
	maxToolCalls?: unknown;
	promptCacheKey?: unknown;
	promptCacheRetention?: string;
	promptTemplate?: { template?: { id?: unknown; version?: unknown; variables?: unknown } };
	safetyIdentifier?: unknown;
	toolChoiceJson?: unknown;
	topLogprobs?: unknown;
	verbosity?: string;
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
	Object.assign(body, readVersion2Options(context, itemIndex, options));
	return body;
}

/** An optional text option: undefined when not added or blank, trimmed otherwise. */
function optionalText(value: unknown): string | undefined {
	const text = textOf(value).trim();
	return text === '' ? undefined : text;
}

/** The prompt template (id, version, variables); its ID is required once the template is added. */
function readPromptTemplate(context: IExecuteFunctions, itemIndex: number, options: ResponseOptions): IDataObject | undefined {
	const template = options.promptTemplate?.template;
	if (!template) return undefined;
	const prompt: IDataObject = { id: requireText(context, itemIndex, template.id, 'Prompt ID').trim() };
	const version = optionalText(template.version);
	if (version) prompt.version = version;
	const variables = parseJsonObjectField(context, itemIndex, template.variables, 'Variables (JSON)');
	if (variables && Object.keys(variables).length > 0) prompt.variables = variables;
	return prompt;
}

/** Version 2's options (createFields.ts); each is absent in version 1, so nothing is sent there. */
function readVersion2Options(context: IExecuteFunctions, itemIndex: number, options: ResponseOptions): IDataObject {
	const body: IDataObject = {};
	const conversation = optionalId(context, itemIndex, options.conversation, 'Conversation ID');
	if (conversation) {
		if (options.previousResponseId !== undefined) {
			throw fieldError(context, itemIndex, "'Conversation ID' and 'Previous Response ID' cannot be used together", 'Remove one of them.');
		}
		body.conversation = conversation;
	}
	if (options.include?.length) body.include = options.include;
	const prompt = readPromptTemplate(context, itemIndex, options);
	if (prompt) body.prompt = prompt;
	const safetyIdentifier = optionalText(options.safetyIdentifier);
	if (safetyIdentifier !== undefined) {
		if (safetyIdentifier.length > 64) {
			throw fieldError(context, itemIndex, "The field 'Safety Identifier' has more than 64 characters", 'Send a hash of the user ID instead.');
		}
		body.safety_identifier = safetyIdentifier;
	}
	const promptCacheKey = optionalText(options.promptCacheKey);
	if (promptCacheKey !== undefined) body.prompt_cache_key = promptCacheKey;
	if (options.promptCacheRetention !== undefined) body.prompt_cache_retention = options.promptCacheRetention;
	// The spec gives no bound; fewer than one call is what Tool Choice 'None' is for.
	const maxToolCalls = checkNumber(context, itemIndex, options.maxToolCalls, 'Max Tool Calls', { min: 1, integer: true });
	if (maxToolCalls !== undefined) body.max_tool_calls = maxToolCalls;
	const topLogprobs = checkNumber(context, itemIndex, options.topLogprobs, 'Top Logprobs', { min: 0, max: 20, integer: true });
	if (topLogprobs !== undefined) body.top_logprobs = topLogprobs;
	const toolChoice = parseJsonObjectField(context, itemIndex, options.toolChoiceJson, 'Tool Choice (JSON)');
	if (toolChoice) {
		if (options.toolChoice !== undefined) {
			throw fieldError(context, itemIndex, "'Tool Choice (JSON)' and 'Tool Choice' cannot be used together", 'Remove one of them.');
		}
		body.tool_choice = toolChoice;
	}
	const threshold = checkNumber(context, itemIndex, options.compactThreshold, 'Compact Threshold', { min: 1000, integer: true });
	if (options.compactContext === false && threshold !== undefined) {
		throw fieldError(context, itemIndex, "'Compact Threshold' needs 'Compact Context' on");
	}
	if (options.compactContext === true || threshold !== undefined) {
		const compaction: IDataObject = { type: 'compaction' };
		if (threshold !== undefined) compaction.compact_threshold = threshold;
		body.context_management = [compaction];
	}
	return body;
}

/**
 * The body of POST /responses for one item, from the fields in `responseFields`. Shared with Batch → Create,
 * which writes it as one line of the batch's JSONL. Every check runs before anything is sent. `secrets` gets
 * the MCP tools' authorization and header values, for the router to scrub.
 */
export async function buildResponseBody(this: IExecuteFunctions, itemIndex: number, secrets?: string[]): Promise<IDataObject> {
	const model = requireText(this, itemIndex, getModel(this, itemIndex), 'Model');
	const body: IDataObject = { model, input: await buildInput(this, itemIndex) };

	const instructions = textOf(this.getNodeParameter('instructions', itemIndex, ''));
	if (instructions.trim() !== '') body.instructions = instructions;

	const tools = [...buildTools(this, itemIndex), ...buildMcpTools(this, itemIndex)];
	if (tools.length > 0) body.tools = tools;

	const options = this.getNodeParameter('responseOptions', itemIndex, {}) as ResponseOptions;
	const format = readTextFormat(this, itemIndex);
	if (format || options.verbosity !== undefined) {
		body.text = { ...format, ...(options.verbosity !== undefined ? { verbosity: options.verbosity } : {}) };
	}

	Object.assign(body, readOptions(this, itemIndex, options));
	const full = withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
	if (secrets) addMcpSecrets(full, secrets);
	return full;
}
