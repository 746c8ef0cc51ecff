import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { returnAllOrLimitFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { collect, readResultLimit } from '../../helpers/paging';
import type { OperationContext } from '../types';
import { getJobId, jobIdField } from './fields';

/** Page size asked for when following the cursor. */
const PAGE_SIZE = 100;

export const description: INodeProperties[] = showOnlyFor('fineTuningJob', 'listCheckpoints', [
	{ ...jobIdField, description: 'The ID of the fine-tuning job whose checkpoints to list' },
	...returnAllOrLimitFields(50),
]);

/** GET /fine_tuning/jobs/{id}/checkpoints, newest first, following the cursor across pages. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	const jobId = getJobId(this, itemIndex);
	const limit = readResultLimit(this, itemIndex);
	const checkpoints = await collect(
		client.fineTuning.jobs.checkpoints.list(jobId, { limit: Math.min(limit ?? PAGE_SIZE, PAGE_SIZE) }),
		limit,
	);
	return toItems(checkpoints, itemIndex);
}
