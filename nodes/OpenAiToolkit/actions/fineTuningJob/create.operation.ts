import type { FineTuningJob, JobCreateParams } from 'openai/resources/fine-tuning/jobs/jobs';
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';

import { checkNumber } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, modelField, withAdditionalBodyFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { parseJsonObjectParameter, parseJsonParameter } from '../../helpers/json';
import { pollUntil } from '../../helpers/pollUntil';
import type { OperationContext } from '../types';
import { durationMs, isTerminal } from './shared';

type MethodType = 'supervised' | 'dpo' | 'reinforcement';

const autoOrNumberHint = "'auto' (OpenAI picks) or a number. Leave empty to let OpenAI pick.";

/** A hyperparameter that is 'auto' or a number; shown only for the methods that take it. */
function hyperparameter(
	displayName: string,
	name: string,
	description: string,
	methods?: MethodType[],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: 'auto',
		placeholder: 'auto',
		description: `${description} ${autoOrNumberHint}`,
		...(methods ? { displayOptions: { show: { '/fineTuningMethod': methods } } } : {}),
	};
}

export const description: INodeProperties[] = showOnlyFor('fineTuningJob', 'create', [
	modelField({
		kind: 'fineTunable',
		defaultModel: 'gpt-4o-mini-2024-07-18',
		description: 'The base model to fine-tune. Only some models can be fine-tuned (see OpenAI\'s fine-tuning guide).',
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
	{
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
	},
	{
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
	},
	{
		displayName: 'Hyperparameters',
		name: 'hyperparameters',
		type: 'collection',
		placeholder: 'Add hyperparameter',
		default: {},
		options: [
			hyperparameter('Batch Size', 'batchSize', 'Examples per batch.'),
			hyperparameter('Beta', 'beta', 'How strongly DPO sticks to the base model (higher: closer).', ['dpo']),
			hyperparameter('Compute Multiplier', 'computeMultiplier', 'Compute spent exploring the search space.', [
				'reinforcement',
			]),
			hyperparameter('Epochs', 'nEpochs', 'Full passes through the training file.'),
			hyperparameter('Eval Interval', 'evalInterval', 'Training steps between evaluation runs.', ['reinforcement']),
			hyperparameter('Eval Samples', 'evalSamples', 'Samples per evaluation.', ['reinforcement']),
			hyperparameter('Learning Rate Multiplier', 'learningRateMultiplier', 'Scales the learning rate.'),
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
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
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
					'Up to 64 characters added to the fine-tuned model\'s name, e.g. ft:gpt-4o-mini:my-org:<strong>support-bot</strong>:abc123',
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
	},
	{
		displayName: 'Wait For Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the job has succeeded, failed or been cancelled, and output it then. A failed job fails the item with its own error message.',
		hint: 'Fine-tuning can take hours; the execution stays open while it waits',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'waitPollInterval',
		type: 'number',
		typeOptions: { minValue: 0.001, numberPrecision: 3 },
		default: 30,
		displayOptions: { show: { waitForCompletion: [true] } },
		description: 'How long to wait between two status checks',
	},
	{
		displayName: 'Timeout (Minutes)',
		name: 'waitTimeout',
		type: 'number',
		typeOptions: { minValue: 0.001, numberPrecision: 3 },
		default: 120,
		displayOptions: { show: { waitForCompletion: [true] } },
		description: 'How long to wait at most. The job goes on at OpenAI after a timeout; the item fails.',
	},
]);

interface CreateOptions {
	integrations?: unknown;
	metadata?: unknown;
	seed?: number;
	suffix?: string;
	validationFileId?: string;
	additionalBodyFields?: unknown;
}

const INTEGER_HYPERPARAMETERS = new Set(['nEpochs', 'batchSize', 'evalInterval', 'evalSamples']);
const HYPERPARAMETER_KEYS: Record<string, { api: string; label: string; methods: MethodType[] }> = {
	nEpochs: { api: 'n_epochs', label: 'Epochs', methods: ['supervised', 'dpo', 'reinforcement'] },
	batchSize: { api: 'batch_size', label: 'Batch Size', methods: ['supervised', 'dpo', 'reinforcement'] },
	learningRateMultiplier: {
		api: 'learning_rate_multiplier',
		label: 'Learning Rate Multiplier',
		methods: ['supervised', 'dpo', 'reinforcement'],
	},
	beta: { api: 'beta', label: 'Beta', methods: ['dpo'] },
	computeMultiplier: { api: 'compute_multiplier', label: 'Compute Multiplier', methods: ['reinforcement'] },
	evalInterval: { api: 'eval_interval', label: 'Eval Interval', methods: ['reinforcement'] },
	evalSamples: { api: 'eval_samples', label: 'Eval Samples', methods: ['reinforcement'] },
};

/** Reads the Hyperparameters collection for the method: each value 'auto' or a positive number. */
function readHyperparameters(
	context: IExecuteFunctions,
	itemIndex: number,
	method: MethodType,
	raw: IDataObject,
): IDataObject | undefined {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(raw)) {
		if (key === 'reasoningEffort') {
			if (method === 'reinforcement' && value) out.reasoning_effort = value;
			continue;
		}
		const spec = HYPERPARAMETER_KEYS[key];
		if (!spec || !spec.methods.includes(method)) continue;
		const text = String(value ?? '').trim();
		if (text === '') continue;
		if (text.toLowerCase() === 'auto') {
			out[spec.api] = 'auto';
			continue;
		}
		const number = Number(text);
		const integer = INTEGER_HYPERPARAMETERS.has(key);
		if (!Number.isFinite(number) || number <= 0 || (integer && !Number.isInteger(number))) {
			throw new NodeOperationError(
				context.getNode(),
				`The hyperparameter '${spec.label}' must be 'auto' or ${integer ? 'a whole number of at least 1' : 'a number above 0'} (got '${text}')`,
				{ itemIndex },
			);
		}
		out[spec.api] = number;
	}
	return Object.keys(out).length ? out : undefined;
}

function readMetadata(context: IExecuteFunctions, itemIndex: number, value: unknown): Record<string, string> | undefined {
	const metadata = parseJsonObjectParameter(context, value, 'Metadata (JSON)', itemIndex);
	if (!metadata || Object.keys(metadata).length === 0) return undefined;
	const entries = Object.entries(metadata);
	const problem =
		entries.length > 16
			? `has ${entries.length} keys; at most 16 are allowed`
			: entries
					.map(([key, entry]) =>
						typeof entry !== 'string'
							? `value of '${key}' must be text (got ${JSON.stringify(entry)})`
							: key.length > 64
								? `key '${key.slice(0, 20)}…' is longer than 64 characters`
								: entry.length > 512
									? `value of '${key}' is longer than 512 characters`
									: undefined,
					)
					.find(Boolean);
	if (problem) {
		throw new NodeOperationError(context.getNode(), `Field 'Metadata (JSON)': the ${problem}`, { itemIndex });
	}
	return metadata as Record<string, string>;
}

/** Integrations as a list; a single integration object, or a bare W&B settings object, is accepted too. */
function readIntegrations(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): JobCreateParams.Integration[] | undefined {
	const parsed = parseJsonParameter<unknown>(context, value, 'Integrations (JSON)', itemIndex);
	if (parsed === undefined || parsed === null) return undefined;
	const list = Array.isArray(parsed) ? parsed : [parsed];
	return list.map((entry) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw new NodeOperationError(
				context.getNode(),
				"Field 'Integrations (JSON)' must hold integration objects, e.g. [{\"type\": \"wandb\", \"wandb\": {\"project\": \"my-project\"}}]",
				{ itemIndex },
			);
		}
		const integration = entry as IDataObject;
		if (integration.type || integration.wandb) return { type: 'wandb', ...integration } as JobCreateParams.Integration;
		if (integration.project) return { type: 'wandb', wandb: integration } as unknown as JobCreateParams.Integration;
		throw new NodeOperationError(
			context.getNode(),
			"Field 'Integrations (JSON)': an integration needs a 'type' (\"wandb\") and its settings, e.g. {\"type\": \"wandb\", \"wandb\": {\"project\": \"my-project\"}}",
			{ itemIndex },
		);
	});
}

function readGrader(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const grader = parseJsonObjectParameter(context, context.getNodeParameter('grader', itemIndex, ''), 'Grader (JSON)', itemIndex);
	if (!grader || typeof grader.type !== 'string') {
		throw new NodeOperationError(
			context.getNode(),
			"Field 'Grader (JSON)' needs a grader object with a 'type' (string_check, text_similarity, python, score_model or multi)",
			{ itemIndex },
		);
	}
	return grader;
}

/** Waits for a job to end; a failed or cancelled job is an error, with the job's own message for a failure. */
export async function waitForJob(
	context: IExecuteFunctions,
	itemIndex: number,
	{ client, cancelSignal }: OperationContext,
	job: FineTuningJob,
	intervalMs: number,
	timeoutMs: number,
): Promise<FineTuningJob> {
	const final = await pollUntil({
		initial: job,
		fetch: async () => await client.fineTuning.jobs.retrieve(job.id),
		isDone: isTerminal,
		intervalMs,
		timeoutMs,
		signal: cancelSignal,
		onTimeout: (last) =>
			new NodeOperationError(
				context.getNode(),
				`The fine-tuning job ${job.id} did not finish within ${+(timeoutMs / 60000).toFixed(3)} minutes (status: ${last.status})`,
				{
					itemIndex,
					description:
						"The job goes on at OpenAI. Follow it with Retrieve or List Events, or raise 'Timeout (Minutes)'.",
				},
			),
	});
	if (final.status === 'failed') {
		const details = [
			`Fine-tuning job ${final.id} failed`,
			final.error?.code ? `code: ${final.error.code}` : undefined,
			final.error?.param ? `param: ${final.error.param}` : undefined,
		].filter(Boolean);
		throw new NodeOperationError(context.getNode(), final.error?.message || `The fine-tuning job ${final.id} failed`, {
			itemIndex,
			description: details.join(', '),
		});
	}
	if (final.status === 'cancelled') {
		throw new NodeOperationError(context.getNode(), `The fine-tuning job ${final.id} was cancelled`, { itemIndex });
	}
	return final;
}

/** POST /fine_tuning/jobs (Fusion: "Fine-tune a model from a dataset"), optionally waiting for the end. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const model = getModel(this, itemIndex);
	if (!model) throw new NodeOperationError(this.getNode(), "The field 'Model' is empty", { itemIndex });
	const trainingFile = String(this.getNodeParameter('trainingFileId', itemIndex, '') ?? '').trim();
	if (!trainingFile) throw new NodeOperationError(this.getNode(), "The field 'Training File ID' is empty", { itemIndex });
	const method = this.getNodeParameter('fineTuningMethod', itemIndex, 'supervised') as MethodType;
	const options = this.getNodeParameter('options', itemIndex, {}) as CreateOptions;

	const hyperparameters = readHyperparameters(
		this,
		itemIndex,
		method,
		this.getNodeParameter('hyperparameters', itemIndex, {}) as IDataObject,
	);
	const methodSettings: IDataObject = {};
	if (method === 'reinforcement') methodSettings.grader = readGrader(this, itemIndex);
	if (hyperparameters) methodSettings.hyperparameters = hyperparameters;

	const suffix = options.suffix?.trim();
	if (suffix && suffix.length > 64) {
		throw new NodeOperationError(this.getNode(), `The field 'Suffix' is ${suffix.length} characters; at most 64 are allowed`, {
			itemIndex,
		});
	}
	const seed = checkNumber(this, itemIndex, options.seed, 'Seed', { integer: true });
	const metadata = readMetadata(this, itemIndex, options.metadata);
	const integrations = readIntegrations(this, itemIndex, options.integrations);
	const validationFile = options.validationFileId?.trim();

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

	let job = await ctx.client.fineTuning.jobs.create(
		withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex),
	);
	if (this.getNodeParameter('waitForCompletion', itemIndex, false)) {
		const intervalMs = durationMs(this, itemIndex, 'waitPollInterval', 30, 'Poll Interval (Seconds)', 'seconds');
		const timeoutMs = durationMs(this, itemIndex, 'waitTimeout', 120, 'Timeout (Minutes)', 'minutes');
		job = await waitForJob(this, itemIndex, ctx, job, intervalMs, timeoutMs);
	}
	return toItems(job, itemIndex);
}
