/**
 * Cross-item packing for embeddings: the texts of many items go into as few requests as OpenAI allows, and
 * every text keeps track of the item (and position) it came from so that the vectors can be split back.
 */

/** OpenAI takes at most 2,048 inputs per embeddings request… */
export const MAX_INPUTS_PER_REQUEST = 2048;
/** …and at most 300,000 tokens summed over all inputs of a request. */
export const MAX_TOKENS_PER_REQUEST = 300_000;

/**
 * A conservative token estimate from the length alone (no tokenizer in the package): English averages about 4
 * characters per token, so counting one token per 2 ASCII characters leaves a wide margin even for code and
 * numbers; characters outside ASCII (accents, CJK, emoji) count 2 tokens per UTF-16 unit, more than the tokenizers
 * use. Every input also counts 1 for its own boundary.
 */
export function estimateTokens(text: string): number {
	let ascii = 0;
	let other = 0;
	for (let i = 0; i < text.length; i++) {
		if (text.charCodeAt(i) < 128) ascii++;
		else other++;
	}
	return Math.ceil(ascii / 2) + other * 2 + 1;
}

/** One text to embed and where it came from. */
export interface Slot {
	itemIndex: number;
	/** Its position in the item's input (0 for a single text). */
	textIndex: number;
	text: string;
	tokens: number;
}

/**
 * Splits the texts, in order, into requests of at most `maxInputs` inputs and `maxTokens` estimated tokens. A
 * single text over the token budget still gets a request of its own (the API then judges it, for its item alone).
 */
export function packSlots(
	slots: readonly Slot[],
	limits: { maxInputs?: number; maxTokens?: number } = {},
): Slot[][] {
	const maxInputs = limits.maxInputs ?? MAX_INPUTS_PER_REQUEST;
	const maxTokens = limits.maxTokens ?? MAX_TOKENS_PER_REQUEST;
	const requests: Slot[][] = [];
	let current: Slot[] = [];
	let tokens = 0;
	for (const slot of slots) {
		if (current.length > 0 && (current.length >= maxInputs || tokens + slot.tokens > maxTokens)) {
			requests.push(current);
			current = [];
			tokens = 0;
		}
		current.push(slot);
		tokens += slot.tokens;
	}
	if (current.length > 0) requests.push(current);
	return requests;
}

/** The item indexes of some slots, in order of first appearance. */
export function itemsOf(slots: readonly Slot[]): number[] {
	return [...new Set(slots.map((slot) => slot.itemIndex))];
}

/** Splits a request's slots into two halves along item boundaries (an item's texts stay together). */
export function splitByItems(slots: readonly Slot[]): [Slot[], Slot[]] {
	const items = itemsOf(slots);
	const firstHalf = new Set(items.slice(0, Math.ceil(items.length / 2)));
	return [slots.filter((slot) => firstHalf.has(slot.itemIndex)), slots.filter((slot) => !firstHalf.has(slot.itemIndex))];
}
