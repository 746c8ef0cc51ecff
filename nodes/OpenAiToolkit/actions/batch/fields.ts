import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRequiredText } from '../../helpers/checks';
import type { WaitFieldSpec } from '../../helpers/wait';

/** The Batch ID field of Retrieve, Cancel and Get Results. */
export const batchIdField: INodeProperties = {
	displayName: 'Batch ID',
	name: 'batchId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'batch_abc123',
	description: 'The ID of the batch, as Batch → Create or Batch → List output it',
};

export function getBatchId(context: IExecuteFunctions, itemIndex: number): string {
	return readRequiredText(context, itemIndex, 'batchId', 'Batch ID');
}

/** The wait fields (names, defaults and minimums as saved workflows have them). */
export const batchWaitSpec: WaitFieldSpec = {
	intervalName: 'pollInterval',
	timeoutName: 'waitTimeout',
	intervalDefault: 60,
	timeoutDefault: 1440,
	intervalMin: 1,
	timeoutMin: 1,
	subject: 'the batch',
	displayOptions: { show: { waitForCompletion: [true] } },
	timeoutNote: 'The batch keeps running at OpenAI; its results stay available.',
};
