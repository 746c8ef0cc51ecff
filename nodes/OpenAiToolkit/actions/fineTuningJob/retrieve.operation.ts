import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';
import { getJobId, jobIdField } from './fields';

export const description: INodeProperties[] = showOnlyFor('fineTuningJob', 'retrieve', [
	{ ...jobIdField, description: 'The ID of the fine-tuning job to look up' },
]);

/** GET /fine_tuning/jobs/{id} (Fusion: "Get information about a fine-tune job"). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const job = await client.fineTuning.jobs.retrieve(getJobId(this, itemIndex));
	return toItems(job, itemIndex);
}
