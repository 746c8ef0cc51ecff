import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { InputTokenCountParams } from 'openai/resources/responses/input-tokens';

import { fieldError, parseJsonField } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import type { OperationContext } from '../types';
import { buildRequestBody, optionalId } from './requestBody';
import { countInputTokensOptions, requestInputFields } from './requestFields';

export const description: INodeProperties[] = showOnlyFor('response', 'countInputTokens', [
	...requestInputFields,
	countInputTokensOptions,
]);

/** The options only token counts take: conversation, reasoning effort, tools. */
function addCountOptions(context: IExecuteFunctions, itemIndex: number, options: IDataObject, body: IDataObject): void {
	const conversation = optionalId(context, itemIndex, options.conversation, 'Conversation ID');
	if (conversation) body.conversation = conversation;
	if (options.reasoningEffort !== undefined) body.reasoning = { effort: options.reasoningEffort };
	const tools = parseJsonField<unknown>(context, itemIndex, options.tools, 'Tools (JSON)');
	if (tools !== undefined && !Array.isArray(tools)) {
		throw fieldError(context, itemIndex, "Field 'Tools (JSON)' must be a JSON list", 'Got a single value; wrap it in [ ].');
	}
	if (Array.isArray(tools) && tools.length > 0) body.tools = tools as IDataObject[];
}

/** POST /responses/input_tokens: how many input tokens a request would use, without running the model. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body = await buildRequestBody(this, itemIndex, options, (built) => addCountOptions(this, itemIndex, options, built));
	const counted = await client.responses.inputTokens.count(body as unknown as InputTokenCountParams);
	return [{ json: counted as unknown as IDataObject, pairedItem: { item: itemIndex } }];
}
