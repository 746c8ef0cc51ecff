import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { ChatCompletionListParams } from 'openai/resources/chat/completions';

import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import type { OperationContext } from '../types';
import { listStoredOptions, pageSize, readListStoredQuery } from './storedFields';

export const description: INodeProperties[] = showOnlyFor('chat', 'listStored', [
	...returnAllOrLimitFields(50),
	{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options: listStoredOptions },
]);

/** GET /chat/completions (completions created with Store on), following the cursor: one item per completion. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const limit = readResultLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const query = { ...readListStoredQuery(this, itemIndex, options), limit: pageSize(limit) } as ChatCompletionListParams;
	return toItems(await collect(client.chat.completions.list(query), limit), itemIndex);
}
