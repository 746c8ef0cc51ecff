import type { JobCreateParams } from 'openai/resources/fine-tuning/jobs/jobs';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkNumber, fieldError, readRequiredText, requireText, textOf } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { getModel, modelField, withAdditionalBodyFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { parseMetadataParameter } from '../../helpers/openAiMetadata';
import { readWait, waitFields } from '../../helpers/wait';
import type { OperationContext } from '../types';
import { createOptionsField, createWaitSpec, graderField, hyperparametersField, methodField } from './fields';
import { readGrader } from './grader';
import { readHyperparameters, type MethodType } from './hyperparameters';
import { readIntegrations } from './integrations';
import { waitForJob } from './jobs';

export const description: INodeProperties[] = showOnlyFor('fineTuningJob', 'create', [
	modelField({
		kind: 'fineTunable',
		defaultModel: 'gpt-4o-mini-2024-07-18',
		description: "The base model to fine-tune. Only some models can be fine-tuned (see OpenAI's fine-tuning guide).",
	}),
	{
		displayName: 'Training File ID',
		name: 'trainingFileId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'file-abc123',
		description: "The ID of a JSONL file uploaded with purpose 'fine-tune' (File → Upload returns it)",
	},
	methodField,
	graderField,
	hyperparametersField,
	{
		displayName: 'Wait For Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the job has succeeded, failed or been cancelled, and output it then. A failed job fails the item with its own error message.',
		hint: 'Fine-tuning can take hours; the execution stays open while it waits',
	},
	...waitFields(createWaitSpec),
	createOptionsField,
]);

interface CreateOptions {
	integrations?: unknown;
	metadata?: unknown;
	seed?: unknown;
	suffix?: unknown;
	validationFileId?: unknown;
	additionalBodyFields?: unknown;
}

/** The request body, every field checked; nothing is sent when one is wrong. */
function buildBody(context: IExecuteFunctions, itemIndex: number): JobCreateParams {
	const model = requireText(context, itemIndex, getModel(context, itemIndex), 'Model');
	const trainingFile = readRequiredText(context, itemIndex, 'trainingFileId', 'Training File ID');
	const method = context.getNodeParameter('fineTuningMethod', itemIndex, 'supervised') as MethodType;
	const options = context.getNodeParameter('options', itemIndex, {}) as CreateOptions;

	const hyperparameters = readHyperparameters(
		context,
		itemIndex,
		method,
		context.getNodeParameter('hyperparameters', itemIndex, {}) as IDataObject,
	);
	const methodSettings: IDataObject = {};
	if (method === 'reinforcement') methodSettings.grader = readGrader(context, itemIndex);
	if (hyperparameters) methodSettings.hyperparameters = hyperparameters;

	const suffix = textOf(options.suffix).trim();
	if (suffix.length > 64) {
		throw fieldError(context, itemIndex, `The field 'Suffix' is ${suffix.length} characters; at most 64 are allowed`);
	}
	const seed = checkNumber(context, itemIndex, options.seed, 'Seed', { min: 0, max: 2147483647, integer: true });
	const metadata = parseMetadataParameter(context, options.metadata, 'Metadata (JSON)', itemIndex);
	const integrations = readIntegrations(context, itemIndex, options.integrations);
	const validationFile = textOf(options.validationFileId).trim();

	const body: JobCreateParams = {
		model,
		training_file: trainingFile,
		method: {
			type: method,
			...(Object.keys(methodSettings).length ? { [method]: methodSettings } : {}),
		} as JobCreateParams.Method,
	};
	if (validationFile) body.validation_file = validationFile;
	if (suffix) body.suffix = suffix;
	if (seed !== undefined) body.seed = seed;
	if (metadata) body.metadata = metadata;
	if (integrations?.length) body.integrations = integrations;
	return withAdditionalBodyFields(context, body, options.additionalBodyFields, itemIndex);
}

/** POST /fine_tuning/jobs (Fusion: "Fine-tune a model from a dataset"), optionally waiting for the end. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const body = buildBody(this, itemIndex);
	// Read before the job is created: a bad wait setting must not leave a job running unwatched.
	const wait = this.getNodeParameter('waitForCompletion', itemIndex, false) ? readWait(this, itemIndex, createWaitSpec) : undefined;
	const job = await ctx.client.fineTuning.jobs.create(body);
	return toItems(wait ? await waitForJob(this, itemIndex, ctx, job, wait) : job, itemIndex);
}
