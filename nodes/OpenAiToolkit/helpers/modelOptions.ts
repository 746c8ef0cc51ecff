import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldError } from './checks';
import { parseJsonObjectParameter } from './json';

/**
 * The options Chat → Create Completion and Response → Create (and Batch → Create, which shows their fields) share,
 * each defined once with its reader. Where the two operations save the same option under different parameter
 * names, the name is an argument: saved workflows keep theirs.
 */

/** OpenAI's rule for a schema or function name: letters, digits, underscores and dashes, at most 64 characters. */
export const OPENAI_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
export const OPENAI_NAME_RULE = 'letters, digits, underscores and dashes, at most 64 characters';

const EXAMPLE_SCHEMA = `{
  "type": "object",
  "properties": {
    "answer": { "type": "string" }
  },
  "required": ["answer"],
  "additionalProperties": false
}`;

/** What differs between the operations' structured output fields: the format field's name and label. */
export interface StructuredOutputSpec {
	/** Parameter name of the format field: 'responseFormat' (Chat), 'textFormat' (Response). */
	formatName: string;
	/** Its label: 'Response Format' (Chat), 'Output Format' (Response). */
	formatDisplayName: string;
}

export const SCHEMA_NAME_LABEL = 'Schema Name';
export const SCHEMA_LABEL = 'Schema (JSON)';

/**
 * The format field (Text, JSON Object, JSON Schema) and the JSON schema settings it shows. The schema fields keep
 * the names both operations save them under: jsonSchemaName, jsonSchema, jsonSchemaStrict.
 */
export function structuredOutputFields({ formatName, formatDisplayName }: StructuredOutputSpec): INodeProperties[] {
	const forSchema = { show: { [formatName]: ['json_schema'] } };
	return [
		{
			displayName: formatDisplayName,
			name: formatName,
			type: 'options',
			options: [
				{ name: 'Text', value: 'text', description: 'Plain text' },
				{
					name: 'JSON Object',
					value: 'json_object',
					description: 'Any valid JSON object (JSON mode); the Text output field holds the parsed object',
				},
				{
					name: 'JSON Schema',
					value: 'json_schema',
					description: 'JSON that matches the schema below (Structured Outputs); the Text output field holds the parsed object',
				},
			],
			default: 'text',
			description: 'The format the model must answer in',
		},
		{
			displayName: 'The input must ask for JSON (e.g. "Answer in JSON"), otherwise OpenAI refuses a JSON Object request',
			name: 'jsonObjectNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { [formatName]: ['json_object'] } },
		},
		{
			displayName: SCHEMA_NAME_LABEL,
			name: 'jsonSchemaName',
			type: 'string',
			default: 'response',
			placeholder: 'e.g. product_summary',
			description: `A name for the schema: ${OPENAI_NAME_RULE}`,
			displayOptions: forSchema,
		},
		{
			displayName: SCHEMA_LABEL,
			name: 'jsonSchema',
			type: 'json',
			default: EXAMPLE_SCHEMA,
			description: 'The JSON Schema the answer must follow',
			hint: 'With Strict on, every property must be listed in "required" and objects need "additionalProperties": false',
			displayOptions: forSchema,
		},
		{
			displayName: 'Strict',
			name: 'jsonSchemaStrict',
			type: 'boolean',
			default: true,
			description: 'Whether the model must follow the schema exactly (only a subset of JSON Schema is supported then)',
			displayOptions: forSchema,
		},
	];
}

export type StructuredOutput =
	| { type: 'json_object' }
	| { type: 'json_schema'; name: string; schema: IDataObject; strict: boolean };

/** The structured output asked for, checked; undefined for plain text (nothing is sent then). */
export function readStructuredOutput(
	context: IExecuteFunctions,
	itemIndex: number,
	{ formatName }: Pick<StructuredOutputSpec, 'formatName'>,
): StructuredOutput | undefined {
	const format = context.getNodeParameter(formatName, itemIndex, 'text') as string;
	if (format === 'json_object') return { type: 'json_object' };
	if (format !== 'json_schema') return undefined;
	const name = String(context.getNodeParameter('jsonSchemaName', itemIndex, 'response') ?? '').trim();
	if (!OPENAI_NAME_PATTERN.test(name)) {
		throw fieldError(context, itemIndex, `The field '${SCHEMA_NAME_LABEL}' ('${name}') may only contain ${OPENAI_NAME_RULE}`);
	}
	const raw = context.getNodeParameter('jsonSchema', itemIndex, '');
	const schema = parseJsonObjectParameter(context, raw, SCHEMA_LABEL, itemIndex);
	if (!schema || Object.keys(schema).length === 0) {
		throw fieldError(context, itemIndex, `The field '${SCHEMA_LABEL}' is empty`);
	}
	const strict = context.getNodeParameter('jsonSchemaStrict', itemIndex, true) !== false;
	return { type: 'json_schema', name, schema, strict };
}

/** Reasoning effort, in the order of how much the model thinks. */
export const reasoningEffortOption: INodeProperties = {
	displayName: 'Reasoning Effort',
	name: 'reasoningEffort',
	type: 'options',
	options: [
		{ name: 'None', value: 'none' },
		{ name: 'Minimal', value: 'minimal' },
		{ name: 'Low', value: 'low' },
		{ name: 'Medium', value: 'medium' },
		{ name: 'High', value: 'high' },
		{ name: 'Extra High', value: 'xhigh' },
	],
	default: 'medium',
	description:
		'How much reasoning models (gpt-5, o-series) think before answering; less is faster and cheaper. Not every model takes every value.',
};

export const serviceTierOption: INodeProperties = {
	displayName: 'Service Tier',
	name: 'serviceTier',
	type: 'options',
	options: [
		{ name: 'Auto', value: 'auto', description: "The project's setting" },
		{ name: 'Default', value: 'default', description: 'Standard price and speed' },
		{ name: 'Flex', value: 'flex', description: 'Cheaper, slower, may be unavailable at peak times' },
		{ name: 'Priority', value: 'priority', description: 'Faster, at a higher price' },
		{ name: 'Scale', value: 'scale', description: 'Scale Tier credits' },
	],
	default: 'auto',
	description: 'The processing tier the request is served with',
};

export const METADATA_LABEL = 'Metadata (JSON)';

/** The Metadata (JSON) option; read it with helpers/openAiMetadata.ts (16 keys, 64-character keys, 512-character values). */
export function metadataOption(storedWith: string, placeholder: string): INodeProperties {
	return {
		displayName: METADATA_LABEL,
		name: 'metadata',
		type: 'json',
		default: '{}',
		placeholder,
		description: `Up to 16 key-value pairs (text values) stored with the ${storedWith}, for filtering in the dashboard`,
	};
}
