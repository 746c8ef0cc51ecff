import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRequiredText } from '../../helpers/checks';
import { additionalBodyFieldsOption } from '../../helpers/fields';
import type { WaitFieldSpec } from '../../helpers/wait';
import { HYPERPARAMETERS } from './hyperparameters';

/** The Job ID field of every operation on one job (Fusion: "ID of the job"). */
export const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'fineTuningJobId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'ftjob-abc123',
	description: 'The ID of the fine-tuning job, as Create or List returns it',
};

/** Reads the Job ID field, refusing an empty one before anything is sent. */
export function getJobId(context: IExecuteFunctions, itemIndex: number): string {
	return readRequiredText(context, itemIndex, 'fineTuningJobId', 'Job ID');
}

/** Create's Wait For Completion fields (their names, defaults and 1 ms minimum are those saved workflows have). */
export const createWaitSpec: WaitFieldSpec = {
	intervalName: 'waitPollInterval',
	timeoutName: 'waitTimeout',
	intervalDefault: 30,
	timeoutDefault: 120,
	intervalMin: 0.001,
	subject: 'the job',
	displayOptions: { show: { waitForCompletion: [true] } },
	timeoutNote: 'The job goes on at OpenAI after a timeout.',
};

/** List Events' Stream fields. */
export const streamWaitSpec: WaitFieldSpec = {
	intervalName: 'streamPollInterval',
	timeoutName: 'streamTimeout',
	intervalDefault: 10,
	timeoutDefault: 120,
	intervalMin: 0.001,
	subject: 'the job',
	displayOptions: { show: { stream: [true] } },
	timeoutNote:
		'The job goes on at OpenAI after a timeout. Under Continue On Fail the events collected until then are output before the error.',
};

export const methodField: INodeProperties = {
	displayName: 'Method',
	name: 'fineTuningMethod',
	type: 'options',
	options: [
		{
			name: 'DPO (Direct Preference Optimization)',
			value: 'dpo',
			description: 'Learn from pairs of preferred and non-preferred answers',
		},
		{
			name: 'Reinforcement',
			value: 'reinforcement',
			description: 'Learn from a grader that scores answers (reasoning models)',
		},
		{ name: 'Supervised', value: 'supervised', description: 'Learn from example conversations' },
	],
	default: 'supervised',
	description: 'How the model learns from the training file; each method expects its own file format',
};

export const graderField: INodeProperties = {
	displayName: 'Grader (JSON)',
	name: 'grader',
	type: 'json',
	required: true,
	default:
		'{\n  "type": "string_check",\n  "name": "exact answer",\n  "input": "{{sample.output_text}}",\n  "reference": "{{item.answer}}",\n  "operation": "eq"\n}',
	displayOptions: { show: { fineTuningMethod: ['reinforcement'] } },
	description:
		"How answers are scored: a grader object (string_check, text_similarity, python, score_model or multi), as in OpenAI's reinforcement fine-tuning guide",
	hint: 'The {{sample…}} and {{item…}} placeholders are read by OpenAI, not by n8n',
};

const autoOrNumberHint = "'auto' (OpenAI picks) or a number. Leave empty to let OpenAI pick.";

/** The Hyperparameters collection: each value 'auto' or a number, shown only for the methods that take it. */
export const hyperparametersField: INodeProperties = {
	displayName: 'Hyperparameters',
	name: 'hyperparameters',
	type: 'collection',
	placeholder: 'Add hyperparameter',
	default: {},
	options: [
		...Object.entries(HYPERPARAMETERS).map(
			([name, spec]): INodeProperties => ({
				displayName: spec.label,
				name,
				type: 'string',
				default: 'auto',
				placeholder: 'auto',
				description: `${spec.description} ${autoOrNumberHint}`,
				...(spec.methods.length < 3 ? { displayOptions: { show: { '/fineTuningMethod': spec.methods } } } : {}),
			}),
		),
		{
			displayName: 'Reasoning Effort',
			name: 'reasoningEffort',
			type: 'options',
			options: [
				{ name: 'Default', value: 'default' },
				{ name: 'High', value: 'high' },
				{ name: 'Low', value: 'low' },
				{ name: 'Medium', value: 'medium' },
			],
			default: 'default',
			description: 'Reasoning effort during reinforcement training',
			displayOptions: { show: { '/fineTuningMethod': ['reinforcement'] } },
		},
	],
};

export const createOptionsField: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		additionalBodyFieldsOption,
		{
			displayName: 'Integrations (JSON)',
			name: 'integrations',
			type: 'json',
			default: '[{"type": "wandb", "wandb": {"project": "my-project"}}]',
			description:
				'Where to send training metrics: a list of integrations. Weights & Biases: {"type": "wandb", "wandb": {"project": "…", "entity": "…", "tags": […]}}; {"project": "…"} alone is read as that.',
		},
		{
			displayName: 'Metadata (JSON)',
			name: 'metadata',
			type: 'json',
			default: '{}',
			description: 'Up to 16 key-value pairs (text values) stored with the job, e.g. {"team": "support"}',
		},
		{
			displayName: 'Seed',
			name: 'seed',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 2147483647 },
			default: 42,
			description: 'Makes the job reproducible: the same seed and parameters should give the same result',
		},
		{
			displayName: 'Suffix',
			name: 'suffix',
			type: 'string',
			default: '',
			placeholder: 'support-bot',
			description:
				"Up to 64 characters added to the fine-tuned model's name, e.g. ft:gpt-4o-mini:my-org:<strong>support-bot</strong>:abc123",
		},
		{
			displayName: 'Validation File ID',
			name: 'validationFileId',
			type: 'string',
			default: '',
			placeholder: 'file-def456',
			description: "A JSONL file (purpose 'fine-tune') to measure the model on during training; not the training data",
		},
	],
};
