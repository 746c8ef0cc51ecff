import { APIError } from 'openai';
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from 'openai/resources/embeddings';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkNumber, readNumber, readTextOrTexts, requireText } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, modelField, userField, userOf, withAdditionalBodyFields } from '../../helpers/fields';
import { mapWithConcurrency } from '../../helpers/pool';
import { getRequestOptions } from '../../helpers/requestOptions';
import type { ItemOutcome, OperationContext } from '../types';
import { estimateTokens, itemsOf, packSlots, splitByItems, type Slot } from './packing';

const INPUT_FIELD = 'Input Text to Embed';

/** Every field of Embedding → Create, without resource/operation display options (Batch → Create reuses them). */
export const embeddingFields: INodeProperties[] = [
	modelField({ kind: 'embedding', defaultModel: 'text-embedding-3-small' }),
	{
		displayName: INPUT_FIELD,
		name: 'input',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		placeholder: 'e.g. The food was delicious and the waiter was friendly.',
		description: 'The text to turn into a vector, or a list of texts mapped with an expression',
		hint: 'An expression that returns a list (e.g. {{ $json.chunks }}) embeds every entry: one output item per text',
	},
	userField,
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'The most embedding vectors this node outputs per execution, over all input items; texts past the limit are not sent. 0 means no limit.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			{
				displayName: 'Dimensions',
				name: 'dimensions',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 1536,
				description: 'How many dimensions the vectors have (text-embedding-3 models and newer can shorten them)',
			},
			{
				displayName: 'Encoding Format',
				name: 'encodingFormat',
				type: 'options',
				options: [
					{ name: 'Float', value: 'float', description: 'A list of numbers' },
					{ name: 'Base64', value: 'base64', description: 'Little-endian float32 values as one base64 text: smaller output' },
				],
				default: 'float',
				description: 'How the vectors are returned',
			},
		],
	},
];

export const description: INodeProperties[] = showOnlyFor('embedding', 'create', embeddingFields);

/**
 * One item's embeddings request (its own texts only; Embedding → Create packs many items per request in
 * executeBatch). The encoding format is always sent, so the SDK never switches to base64 behind our back.
 */
export async function buildEmbeddingBody(this: IExecuteFunctions, itemIndex: number): Promise<EmbeddingCreateParams> {
	const model = requireText(this, itemIndex, getModel(this, itemIndex), 'Model');
	const input = readTextOrTexts(this, itemIndex, 'input', INPUT_FIELD);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const encodingFormat = (options.encodingFormat as 'float' | 'base64' | undefined) ?? 'float';
	const body: EmbeddingCreateParams = { model, input, encoding_format: encodingFormat };
	const dimensions = checkNumber(this, itemIndex, options.dimensions, 'Dimensions', { min: 1, integer: true });
	if (dimensions !== undefined) body.dimensions = dimensions;
	const user = userOf(this.getNodeParameter('user', itemIndex, ''));
	if (user) body.user = user;
	return withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);
}

type RequestSettings = Omit<EmbeddingCreateParams, 'input'>;

interface Vector {
	embedding: unknown;
	model: string;
	usage: CreateEmbeddingResponse['usage'];
	requestInputs: number;
}

/** A rejected request whose fault may lie with one of its inputs (too long, empty): worth splitting. */
function mayBeOneInputsFault(error: unknown): boolean {
	return error instanceof APIError && error.status === 400;
}

/** Sends packed requests and records, per text, its vector or, per item, the error it ended with. */
class PackedSender {
	readonly vectors = new Map<Slot, Vector>();

	readonly failures = new Map<number, Error>();

	constructor(private readonly ctx: OperationContext) {}

	/** One try: the vectors are recorded on success, the error returned on failure. */
	private async attempt(settings: RequestSettings, slots: Slot[]): Promise<Error | undefined> {
		try {
			const response = await this.ctx.client.embeddings.create({ ...settings, input: slots.map((slot) => slot.text) });
			const data = [...(response.data ?? [])].sort((a, b) => a.index - b.index);
			if (data.length !== slots.length) {
				return new Error(`The server returned ${data.length} embeddings for ${slots.length} texts`);
			}
			data.forEach((entry, position) => {
				this.vectors.set(slots[position], {
					embedding: entry.embedding,
					model: response.model,
					usage: response.usage,
					requestInputs: slots.length,
				});
			});
			return undefined;
		} catch (error) {
			return error instanceof Error ? error : new Error(String(error));
		}
	}

	private failAll(slots: Slot[], error: Error): void {
		for (const itemIndex of itemsOf(slots)) if (!this.failures.has(itemIndex)) this.failures.set(itemIndex, error);
	}

	/**
	 * Sends one packed request. When the API rejects it (400) and it carries several items, the request is split in
	 * halves along item boundaries until the item at fault is found: one bad text fails its own item only. When
	 * both halves fail alike, the fault is the request's settings (model, dimensions…), and all its items fail.
	 */
	async send(settings: RequestSettings, slots: Slot[], knownError?: Error): Promise<void> {
		const error = knownError ?? (await this.attempt(settings, slots));
		if (!error) return;
		if (!mayBeOneInputsFault(error) || itemsOf(slots).length < 2) {
			this.failAll(slots, error);
			return;
		}
		const [left, right] = splitByItems(slots);
		const leftError = await this.attempt(settings, left);
		const rightError = await this.attempt(settings, right);
		if (leftError && rightError && leftError.message === rightError.message) {
			this.failAll(slots, leftError);
			return;
		}
		if (leftError) await this.send(settings, left, leftError);
		if (rightError) await this.send(settings, right, rightError);
	}
}

/**
 * POST /embeddings for all items at once (Fusion: Create an embedding). The texts of all items are packed into
 * as few requests as OpenAI allows (items with different settings go to different requests), and every vector
 * goes back to its item as one output item, in order.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	itemIndexes: number[],
	ctx: OperationContext,
): Promise<ItemOutcome[]> {
	const continueOnFail = this.continueOnFail();
	const outcomes = new Map<number, ItemOutcome>();
	const finish = () => itemIndexes.map((itemIndex) => outcomes.get(itemIndex) ?? []);

	// Limit: the most vectors per execution (0: no limit); texts past it are not sent at all.
	const limit = readNumber(this, 0, 'limit', 0, 'Limit', { min: 0, integer: true });
	// Check every item before sending anything: a bad item fails alone (or, without Continue On Fail, stops all).
	const prepared: Array<{ itemIndex: number; key: string; settings: RequestSettings; texts: string[] }> = [];
	for (const itemIndex of itemIndexes) {
		try {
			const { input, ...settings } = await buildEmbeddingBody.call(this, itemIndex);
			const texts = (Array.isArray(input) ? input : [input]).map(String);
			prepared.push({ itemIndex, key: JSON.stringify(settings), settings, texts });
		} catch (error) {
			outcomes.set(itemIndex, error as Error);
			if (!continueOnFail) return finish();
		}
	}

	let remaining = limit > 0 ? limit : Number.POSITIVE_INFINITY;
	const groups = new Map<string, { settings: RequestSettings; slots: Slot[] }>();
	const slotsOfItem = new Map<number, Slot[]>();
	for (const { itemIndex, key, settings, texts } of prepared) {
		const taken = texts.slice(0, Math.max(0, Math.min(texts.length, remaining)));
		remaining -= taken.length;
		const group = groups.get(key) ?? { settings, slots: [] };
		groups.set(key, group);
		const slots = taken.map((text, textIndex) => ({ itemIndex, textIndex, text, tokens: estimateTokens(text) }));
		for (const slot of slots) group.slots.push(slot);
		slotsOfItem.set(itemIndex, slots);
	}

	const requests = [...groups.values()].flatMap(({ settings, slots }) =>
		packSlots(slots).map((packed) => ({ settings, slots: packed })),
	);
	const sender = new PackedSender(ctx);
	const { concurrency } = getRequestOptions(this);
	await mapWithConcurrency(
		requests,
		concurrency,
		async ({ settings, slots }) => await sender.send(settings, slots),
		// Without Continue On Fail the run fails at the first error: send no further requests.
		() => !continueOnFail && sender.failures.size > 0,
	);

	for (const { itemIndex } of prepared) {
		const failure = sender.failures.get(itemIndex);
		if (failure) {
			outcomes.set(itemIndex, failure);
			continue;
		}
		const items: INodeExecutionData[] = [];
		for (const slot of slotsOfItem.get(itemIndex) ?? []) {
			const vector = sender.vectors.get(slot);
			if (!vector) break; // its request was not sent: an earlier request failed without Continue On Fail
			items.push({
				json: {
					object: 'embedding',
					index: slot.textIndex,
					embedding: vector.embedding as IDataObject,
					model: vector.model,
					usage: vector.usage as unknown as IDataObject,
					requestInputs: vector.requestInputs,
				},
				pairedItem: { item: itemIndex },
			});
		}
		outcomes.set(itemIndex, items);
	}
	return finish();
}
