import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { textOf } from './checks';
import { parseJsonObjectParameter } from './json';

/** The kinds of model the "From List" search offers; each operation asks for the kind it can use. */
export type ModelKind =
	| 'chat'
	| 'completion'
	| 'embedding'
	| 'moderation'
	| 'image'
	| 'imageEdit'
	| 'imageVariation'
	| 'transcription'
	| 'translation'
	| 'speech'
	| 'fineTunable'
	| 'any';

/**
 * The Model field: a searchable list fed by GET /models, or an ID typed or mapped. `kind` selects which models
 * the list offers on api.openai.com (other servers name their models freely, so they see all).
 */
export function modelField(options: {
	kind: ModelKind;
	defaultModel: string;
	name?: string;
	displayName?: string;
	description?: string;
}): INodeProperties {
	return {
		displayName: options.displayName ?? 'Model',
		name: options.name ?? 'model',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: options.defaultModel },
		description:
			options.description ??
			'The model to use. Pick one from the list or type its ID; the Model → List operation shows them all.',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: {
					searchListMethod: `searchModels_${options.kind}`,
					searchable: true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: options.defaultModel,
			},
		],
	};
}

/** Reads a model field (list or ID mode) as the plain model ID. */
export function getModel(context: IExecuteFunctions, itemIndex: number, name = 'model'): string {
	const value = context.getNodeParameter(name, itemIndex, '', { extractValue: true });
	return String(value ?? '').trim();
}

export function binaryPropertyField(options: {
	name?: string;
	displayName?: string;
	description?: string;
	required?: boolean;
	defaultValue?: string;
} = {}): INodeProperties {
	return {
		displayName: options.displayName ?? 'Input Binary Field',
		name: options.name ?? 'binaryPropertyName',
		type: 'string',
		required: options.required ?? true,
		default: options.defaultValue ?? 'data',
		placeholder: 'data',
		hint: 'The name of the input binary field holding the file',
		description: options.description ?? 'Name of the binary property of the input item that holds the file',
	};
}

/**
 * The end-user ID OpenAI takes for abuse monitoring (`user`), one definition for every operation that sends it:
 * a top-level field (Embedding) or an option in a collection (Image).
 */
export const userField: INodeProperties = {
	displayName: 'User ID',
	name: 'user',
	type: 'string',
	default: '',
	placeholder: 'user-1234',
	description: 'A unique identifier of your end user, which helps OpenAI detect abuse',
};

/** The User ID to send, trimmed; undefined when blank (then nothing is sent). */
export function userOf(value: unknown): string | undefined {
	const user = textOf(value).trim();
	return user === '' ? undefined : user;
}

/** Return All / Limit, defined once for every list operation. */
export function returnAllOrLimitFields(defaultLimit = 50): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: defaultLimit,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** Reads Return All / Limit: undefined means no limit. */
export function getResultLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	if (returnAll) return undefined;
	// An expression can hand over anything; only a whole number of at least 1 is a limit.
	const limit = Number(context.getNodeParameter('limit', itemIndex, 50));
	if (!Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(context.getNode(), "The field 'Limit' must be a whole number of 1 or more", {
			itemIndex,
			description: `Got '${String(context.getNodeParameter('limit', itemIndex, ''))}'. Turn on Return All to get every result.`,
		});
	}
	return limit;
}

/** The escape hatch every operation has: body fields OpenAI adds tomorrow can be sent today. */
export const additionalBodyFieldsOption: INodeProperties = {
	displayName: 'Additional Body Fields (JSON)',
	name: 'additionalBodyFields',
	type: 'json',
	default: '{}',
	description:
		'Extra fields merged into the request body as they are, for parameters this node has no field for yet. They override fields set above.',
};

/** Merges the Additional Body Fields (JSON) option into a request body. */
export function withAdditionalBodyFields<T extends object>(
	context: IExecuteFunctions,
	body: T,
	additionalBodyFields: unknown,
	itemIndex: number,
): T {
	const extra = parseJsonObjectParameter(
		context,
		additionalBodyFields,
		'Additional Body Fields (JSON)',
		itemIndex,
	);
	return extra ? ({ ...body, ...(extra as IDataObject) } as T) : body;
}
