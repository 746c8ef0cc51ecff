import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { expectedNumber, fieldError, textOf, withinLimits, type NumberLimits } from '../../helpers/checks';

export type MethodType = 'supervised' | 'dpo' | 'reinforcement';

const ALL_METHODS: MethodType[] = ['supervised', 'dpo', 'reinforcement'];

interface HyperparameterSpec {
	/** The API's name. */
	api: string;
	label: string;
	description: string;
	methods: MethodType[];
	/** The range OpenAI's API reference gives (FineTune*Hyperparameters). */
	limits: NumberLimits;
}

/** Every numeric hyperparameter, keyed by its field name, in the order the collection shows them. */
export const HYPERPARAMETERS: Record<string, HyperparameterSpec> = {
	batchSize: {
		api: 'batch_size',
		label: 'Batch Size',
		description: 'Examples per batch.',
		methods: ALL_METHODS,
		limits: { min: 1, max: 256, integer: true },
	},
	beta: {
		api: 'beta',
		label: 'Beta',
		description: 'How strongly DPO sticks to the base model (higher: closer).',
		methods: ['dpo'],
		limits: { above: 0, max: 2 },
	},
	computeMultiplier: {
		api: 'compute_multiplier',
		label: 'Compute Multiplier',
		description: 'Compute spent exploring the search space.',
		methods: ['reinforcement'],
		limits: { above: 0.00001, max: 10 },
	},
	nEpochs: {
		api: 'n_epochs',
		label: 'Epochs',
		description: 'Full passes through the training file.',
		methods: ALL_METHODS,
		limits: { min: 1, max: 50, integer: true },
	},
	evalInterval: {
		api: 'eval_interval',
		label: 'Eval Interval',
		description: 'Training steps between evaluation runs.',
		methods: ['reinforcement'],
		limits: { min: 1, integer: true },
	},
	evalSamples: {
		api: 'eval_samples',
		label: 'Eval Samples',
		description: 'Samples per evaluation.',
		methods: ['reinforcement'],
		limits: { min: 1, integer: true },
	},
	learningRateMultiplier: {
		api: 'learning_rate_multiplier',
		label: 'Learning Rate Multiplier',
		description: 'Scales the learning rate.',
		methods: ALL_METHODS,
		limits: { above: 0 },
	},
};

/**
 * Reads the Hyperparameters collection for the method: each value 'auto' or a number in the API's range;
 * those the method does not take are left out. Undefined when none is set.
 */
export function readHyperparameters(
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
		const spec = HYPERPARAMETERS[key];
		if (!spec || !spec.methods.includes(method)) continue;
		const text = textOf(value).trim();
		if (text === '') continue;
		if (text.toLowerCase() === 'auto') {
			out[spec.api] = 'auto';
			continue;
		}
		const number = Number(text);
		if (!Number.isFinite(number) || !withinLimits(number, spec.limits)) {
			throw fieldError(
				context,
				itemIndex,
				`The hyperparameter '${spec.label}' must be 'auto' or ${expectedNumber(spec.limits)} (got '${text}')`,
			);
		}
		out[spec.api] = number;
	}
	return Object.keys(out).length ? out : undefined;
}
