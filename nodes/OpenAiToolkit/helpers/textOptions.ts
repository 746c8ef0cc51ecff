import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkNumber, fieldError } from './checks';
import { parseJsonObjectParameter } from './json';

/**
 * The sampling settings Chat, Completion, Edit and Response share, each defined once: the option fields (for an options
 * collection) and the reader that turns them into API body fields after checking them.
 */
export const temperatureOption: INodeProperties = {
	displayName: 'Temperature',
	name: 'temperature',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 2, numberPrecision: 2 },
	default: 1,
	description:
		'Sampling temperature between 0 and 2. Higher values (0.8) make the output more random, lower values (0.2) more focused. Change this or Top P, not both.',
};

export const topPOption: INodeProperties = {
	displayName: 'Top P',
	name: 'topP',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
	default: 1,
	description:
		'Nucleus sampling between 0 and 1: 0.1 means only the tokens of the top 10% probability mass are considered. Change this or Temperature, not both.',
};

export const numberOfChoicesOption: INodeProperties = {
	displayName: 'Number of Choices',
	name: 'n',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 128 },
	default: 1,
	description: 'How many answers to generate (n). Every answer is billed; the Text output field holds the first.',
};

export const stopOption: INodeProperties = {
	displayName: 'Stop Sequences',
	name: 'stop',
	type: 'string',
	typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Stop Sequence' },
	default: [],
	placeholder: 'e.g. \\n\\nHuman:',
	description: 'Up to 4 sequences where the model stops generating; the returned text does not contain them',
};

export const presencePenaltyOption: INodeProperties = {
	displayName: 'Presence Penalty',
	name: 'presencePenalty',
	type: 'number',
	typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
	default: 0,
	description: 'Between -2 and 2. Positive values penalize tokens that already appeared, nudging the model to new topics.',
};

export const frequencyPenaltyOption: INodeProperties = {
	displayName: 'Frequency Penalty',
	name: 'frequencyPenalty',
	type: 'number',
	typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 2 },
	default: 0,
	description: 'Between -2 and 2. Positive values penalize tokens by how often they appeared, making verbatim repetition less likely.',
};

export const logitBiasOption: INodeProperties = {
	displayName: 'Logit Bias (JSON)',
	name: 'logitBias',
	type: 'json',
	default: '{}',
	placeholder: '{"50256": -100}',
	description:
		'A JSON object mapping token IDs to a bias from -100 (ban) to 100 (force). Values between -1 and 1 nudge the likelihood.',
};

export const seedOption: INodeProperties = {
	displayName: 'Seed',
	name: 'seed',
	type: 'number',
	default: 0,
	description: 'Makes sampling deterministic on a best-effort basis: the same seed and parameters should give the same result',
};

export const userOption: INodeProperties = {
	displayName: 'User',
	name: 'user',
	type: 'string',
	default: '',
	placeholder: 'user-1234',
	description: 'A stable identifier of your end user, which helps OpenAI detect abuse',
};

/** The body fields of the shared sampling options, in the names the API uses. */
export interface SamplingBody {
	temperature?: number;
	top_p?: number;
	n?: number;
	stop?: string[];
	presence_penalty?: number;
	frequency_penalty?: number;
	logit_bias?: Record<string, number>;
	seed?: number;
	user?: string;
}

/** Stop sequences from the multiple-value field, or from an expression giving a string or a list. */
export function readStopSequences(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	fieldName = 'Stop Sequences',
): string[] | undefined {
	if (value === undefined || value === null) return undefined;
	const list = (Array.isArray(value) ? value : [value]).map((entry) => (entry === null ? '' : String(entry)));
	const stop = list.filter((entry) => entry !== '');
	if (stop.length === 0) return undefined;
	if (stop.length > 4) {
		throw fieldError(context, itemIndex, `The field '${fieldName}' takes at most 4 sequences (got ${stop.length})`);
	}
	return stop;
}

export function readLogitBias(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
	fieldName = 'Logit Bias (JSON)',
): Record<string, number> | undefined {
	const parsed = parseJsonObjectParameter(context, value, fieldName, itemIndex);
	if (!parsed || Object.keys(parsed).length === 0) return undefined;
	const bias: Record<string, number> = {};
	for (const [token, raw] of Object.entries(parsed)) {
		if (!/^\d+$/.test(token)) {
			throw fieldError(
				context,
				itemIndex,
				`The field '${fieldName}' maps token IDs to numbers; '${token}' is not a token ID`,
				'Token IDs are whole numbers, as the tokenizer gives them.',
			);
		}
		const number = checkNumber(context, itemIndex, raw, `${fieldName}' entry '${token}`, { min: -100, max: 100 });
		if (number === undefined) {
			throw fieldError(context, itemIndex, `The field '${fieldName}' has no bias for token '${token}'`);
		}
		bias[token] = number;
	}
	return bias;
}

/** Temperature (0–2) and Top P (0–1), checked; each only when set. Response → Create takes just these two. */
export function readTemperatureAndTopP(
	context: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): Pick<SamplingBody, 'temperature' | 'top_p'> {
	const body: Pick<SamplingBody, 'temperature' | 'top_p'> = {};
	const temperature = checkNumber(context, itemIndex, options.temperature, 'Temperature', { min: 0, max: 2 });
	if (temperature !== undefined) body.temperature = temperature;
	const topP = checkNumber(context, itemIndex, options.topP, 'Top P', { min: 0, max: 1 });
	if (topP !== undefined) body.top_p = topP;
	return body;
}

/** Reads and checks whichever of the shared sampling options the user added. */
export function readSamplingOptions(context: IExecuteFunctions, itemIndex: number, options: IDataObject): SamplingBody {
	const body: SamplingBody = readTemperatureAndTopP(context, itemIndex, options);
	const n = checkNumber(context, itemIndex, options.n, 'Number of Choices', { min: 1, max: 128, integer: true });
	if (n !== undefined) body.n = n;
	const stop = readStopSequences(context, itemIndex, options.stop);
	if (stop) body.stop = stop;
	const presence = checkNumber(context, itemIndex, options.presencePenalty, 'Presence Penalty', { min: -2, max: 2 });
	if (presence !== undefined) body.presence_penalty = presence;
	const frequency = checkNumber(context, itemIndex, options.frequencyPenalty, 'Frequency Penalty', { min: -2, max: 2 });
	if (frequency !== undefined) body.frequency_penalty = frequency;
	const logitBias = readLogitBias(context, itemIndex, options.logitBias);
	if (logitBias) body.logit_bias = logitBias;
	const seed = checkNumber(context, itemIndex, options.seed, 'Seed', { integer: true });
	if (seed !== undefined) body.seed = seed;
	if (typeof options.user === 'string' && options.user.trim() !== '') body.user = options.user.trim();
	return body;
}
