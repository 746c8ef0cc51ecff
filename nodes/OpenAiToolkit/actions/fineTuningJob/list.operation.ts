import type { JobListParams } from 'openai/resources/fine-tuning/jobs/jobs';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { parseJsonObjectField } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import type { OperationContext } from '../types';

/** Page size asked for when following the cursor. */
const PAGE_SIZE = 100;

export const description: INodeProperties[] = showOnlyFor('fineTuningJob', 'list', [
	...returnAllOrLimitFields(50),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Metadata Filter (JSON)',
				name: 'metadata',
				type: 'json',
				default: '{}',
				placeholder: '{"team": "support"}',
				description: 'Only list jobs whose metadata has all these key-value pairs',
			},
		],
	},
]);

/** GET /fine_tuning/jobs, newest first, following the cursor (`after`) across pages. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const limit = readResultLimit(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { metadata?: unknown };
	const metadata = parseJsonObjectField(this, itemIndex, options.metadata, 'Metadata Filter (JSON)');
	const query: JobListParams = { limit: Math.min(limit ?? PAGE_SIZE, PAGE_SIZE) };
	if (metadata && Object.keys(metadata).length) {
		query.metadata = Object.fromEntries(Object.entries(metadata).map(([key, value]) => [key, String(value)]));
	}
	const jobs = await collect(client.fineTuning.jobs.list(query), limit);
	return toItems(jobs, itemIndex);
}
