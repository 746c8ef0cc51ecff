import type { FileListParams } from 'openai/resources/files';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import type { OperationContext } from '../types';

/** The most files OpenAI returns on one page. */
const MAX_PAGE_SIZE = 10000;

export const description: INodeProperties[] = showOnlyFor('file', 'list', [
	...returnAllOrLimitFields(50),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Purpose',
				name: 'purpose',
				type: 'options',
				options: [
					{ name: 'Assistants', value: 'assistants' },
					{ name: 'Assistants Output', value: 'assistants_output' },
					{ name: 'Batch', value: 'batch' },
					{ name: 'Batch Output', value: 'batch_output' },
					{ name: 'Evals', value: 'evals' },
					{ name: 'Fine-Tune', value: 'fine-tune' },
					{ name: 'Fine-Tune Results', value: 'fine-tune-results' },
					{ name: 'User Data', value: 'user_data' },
					{ name: 'Vision', value: 'vision' },
				],
				default: 'fine-tune',
				description: 'Only list files with this purpose',
			},
			{
				displayName: 'Sort Order',
				name: 'order',
				type: 'options',
				options: [
					{ name: 'Newest First', value: 'desc' },
					{ name: 'Oldest First', value: 'asc' },
				],
				default: 'desc',
				description: 'The order of the files, by the time they were uploaded',
			},
		],
	},
]);

/** GET /files, following the cursor (`after`) across pages: one output item per file. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const limit = readResultLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { purpose?: string; order?: 'asc' | 'desc' };
	const query: FileListParams = {};
	if (options.purpose) query.purpose = options.purpose;
	if (options.order) query.order = options.order;
	if (limit !== undefined) query.limit = Math.min(limit, MAX_PAGE_SIZE);
	const files = await collect(client.files.list(query), limit);
	return toItems(files, itemIndex);
}
