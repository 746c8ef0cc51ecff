/**
 * The paces of this n8n process, one per account and model, shared by every execution (the limits are the
 * account's, not an execution's). Keyed by base URL, a hash of the key (with organization and project) and the
 * model: the key itself is never kept.
 */
import { createHash } from 'node:crypto';

import { ModelPace } from './pacer';

export interface PaceAccount {
	baseUrl: string;
	apiKey: string;
	organizationId?: string;
	projectId?: string;
}

/** Paces kept at most; the least recently used goes first (a long-running process sees many models). */
const MAX_PACES = 500;

export class PaceRegistry {
	private readonly paces = new Map<string, ModelPace>();

	constructor(
		private readonly tokenReserveShare: number,
		private readonly now: () => number,
	) {}

	get(accountKey: string, model: string): ModelPace {
		const key = `${accountKey}\n${model}`;
		let pace = this.paces.get(key);
		if (pace) {
			this.paces.delete(key);
		} else {
			pace = new ModelPace(this.tokenReserveShare, this.now);
			if (this.paces.size >= MAX_PACES) this.paces.delete(this.paces.keys().next().value!);
		}
		this.paces.set(key, pace);
		return pace;
	}

	clear(): void {
		this.paces.clear();
	}
}

/** Who an account is, for the registry: the base URL and a hash, never the key. */
export function accountKeyOf(account: PaceAccount): string {
	const hash = createHash('sha256')
		.update([account.apiKey, account.organizationId ?? '', account.projectId ?? ''].join('\n'))
		.digest('hex')
		.slice(0, 32);
	return `${account.baseUrl.replace(/\/+$/, '')} ${hash}`;
}

let shared: PaceRegistry | undefined;

/** The process-wide registry (the clock is the real one). */
export function sharedPaceRegistry(): PaceRegistry {
	shared ??= new PaceRegistry(0.01, Date.now);
	return shared;
}

/** Forgets every pace of the process (tests: each run starts as a fresh process would). */
export function resetSharedPaces(): void {
	shared?.clear();
}

/**
 * A request's tokens as OpenAI's limiter estimates them before it runs: the prompt's characters / 4 plus the
 * most output tokens the request allows. Non-JSON bodies (uploads) count 0.
 */
export function estimateTokens(body: unknown): number {
	if (!body || typeof body !== 'object' || Array.isArray(body) || isBinary(body)) return 0;
	const record = body as Record<string, unknown>;
	let characters = 0;
	const visit = (value: unknown, depth: number): void => {
		if (typeof value === 'string') characters += value.length;
		else if (Array.isArray(value)) for (const entry of value) visit(entry, depth + 1);
		else if (value && typeof value === 'object' && depth < 20 && !isBinary(value)) {
			for (const entry of Object.values(value)) visit(entry, depth + 1);
		}
	};
	for (const key of ['messages', 'input', 'prompt', 'instructions', 'tools', 'functions']) visit(record[key], 0);
	const maxOutput = [record.max_completion_tokens, record.max_tokens, record.max_output_tokens].find(
		(value): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0,
	);
	const choices = typeof record.n === 'number' && record.n > 1 ? record.n : 1;
	return Math.ceil(characters / 4) + (maxOutput ?? 0) * choices;
}

function isBinary(value: object): boolean {
	return (
		ArrayBuffer.isView(value) ||
		value instanceof ArrayBuffer ||
		(typeof Blob !== 'undefined' && value instanceof Blob) ||
		(typeof FormData !== 'undefined' && value instanceof FormData) ||
		typeof (value as { getReader?: unknown }).getReader === 'function' ||
		typeof (value as { pipe?: unknown }).pipe === 'function'
	);
}

/** The model a request names (its JSON body's `model`); '' when it names none (listing, files, …). */
export function modelOf(body: unknown): string {
	const model = body && typeof body === 'object' ? (body as { model?: unknown }).model : undefined;
	return typeof model === 'string' ? model : '';
}
