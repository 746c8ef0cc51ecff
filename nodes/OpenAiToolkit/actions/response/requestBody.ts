import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError, parseJsonField, requireText, textOf } from '../../helpers/checks';
import { getModel, withAdditionalBodyFields } from '../../helpers/fields';
import { buildInput } from './input';

const INPUT_ITEMS = 'Input Items (JSON)';

/** A JSON list of objects (one object is taken as a list of one); entries that are not objects are refused. */
export function readJsonList(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	fieldName: string,
): IDataObject[] | undefined {
	const parsed = parseJsonField<unknown>(context, itemIndex, value, fieldName);
	if (parsed === undefined) return undefined;
	const list = Array.isArray(parsed) ? parsed : [parsed];
	list.forEach((entry, position) => {
		if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
			throw fieldError(context, itemIndex, `Field '${fieldName}': entry ${position + 1} is not a JSON object`);
		}
	});
	return list as IDataObject[];
}

/** The `input` of Count Input Tokens and Compact: a text, messages, JSON items, or none. */
async function readInput(context: IExecuteFunctions, itemIndex: number): Promise<string | IDataObject[] | undefined> {
	const mode = context.getNodeParameter('inputMode', itemIndex, 'text') as string;
	if (mode === 'none') return undefined;
	if (mode !== 'json') return await buildInput(context, itemIndex);
	const items = readJsonList(context, itemIndex, context.getNodeParameter('inputItems', itemIndex, '[]'), INPUT_ITEMS);
	if (!items?.length) throw fieldError(context, itemIndex, `The field '${INPUT_ITEMS}' has no item`);
	return items;
}

/** An optional ID option: undefined when not added, refused when added but left empty. */
export function optionalId(context: IExecuteFunctions, itemIndex: number, value: unknown, fieldName: string): string | undefined {
	if (value === undefined) return undefined;
	const id = textOf(value).trim();
	if (!id) throw fieldError(context, itemIndex, `The field '${fieldName}' is empty`);
	return id;
}

/**
 * The body shared by POST /responses/input_tokens and POST /responses/compact: model, input, instructions and
 * previous_response_id; `extra` adds what only one of them takes. Without input there must be something to
 * start from (a previous response, or for token counts a conversation).
 */
export async function buildRequestBody(
	context: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
	extra: (body: IDataObject) => void,
): Promise<IDataObject> {
	const body: IDataObject = { model: requireText(context, itemIndex, getModel(context, itemIndex), 'Model') };
	const input = await readInput(context, itemIndex);
	if (input !== undefined) body.input = input as IDataObject[];
	const instructions = textOf(context.getNodeParameter('instructions', itemIndex, ''));
	if (instructions.trim() !== '') body.instructions = instructions;
	const previousResponseId = optionalId(context, itemIndex, options.previousResponseId, 'Previous Response ID');
	if (previousResponseId) body.previous_response_id = previousResponseId;
	extra(body);
	if (input === undefined && !body.previous_response_id && !body.conversation) {
		throw fieldError(
			context,
			itemIndex,
			"The Input Type is 'None', but the option 'Previous Response ID' is not set",
			'Choose an input, or add Previous Response ID (for token counts, Conversation ID works too).',
		);
	}
	return withAdditionalBodyFields(context, body, options.additionalBodyFields, itemIndex);
}
