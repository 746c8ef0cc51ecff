/**
 * Runs one fuzz case through the node's router (OpenAiToolkit.execute) with the unit tests' execute context
 * against one fake OpenAI server, and checks the invariants:
 *
 * 1. Only n8n errors escape: with Continue On Fail nothing is thrown; without it, only a NodeApiError or
 *    NodeOperationError.
 * 2. Items stay paired: every output is paired (`pairedItem`: `{ item }`, a list of those, or a number) with
 *    inputs of the run, in input order; an error item with exactly one. A failed item has exactly one error
 *    item, its last output (results before it only where a wait hands over what it collected, wait.ts's
 *    withPartialOutput). A successful item may give a list (zero or more outputs: list operations, n > 1, split
 *    segments, batch results).
 * 3. Pre-send checks send nothing. An item "failed a pre-send check" when its error carries checks.ts's
 *    fieldError mark "Item N (index i)." with its own index i. Run alone against an honest server, such an
 *    item must fail the same way with no request. The converse holds too (fieldError is the one pre-send
 *    format): a failure without a status that, run alone, comes back the same with no request sent must carry
 *    the mark. (A failure that does not come back alone is not the item's own — in a batch, fields read from
 *    the first item may cause it — and is not re-checked.) An error naming another item is a violation unless
 *    that item failed with the same message (a batch failing as a whole names the item at fault).
 * 4. The API key never appears in anything that leaves the node: output JSON, binary metadata (file name, MIME
 *    type; a file's contents are delivered as the server sent them, never rewritten),
 *    error items (and the error objects under "Continue (using error output)"), thrown errors — message,
 *    description, context, cause, stack, everything.
 * 5. Every wait the node asks for (sleeps, poll intervals and timeouts) is a finite number within 0..7 days,
 *    and a case ends (waits are shortened, see waitCaps.ts): a hang is a violation.
 */
import { NodeApiError, NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import { createExecuteContext, nodeTypeOf } from '../../../support/executeContext';
import type { FakeOpenAi } from '../../../support/fake-openai';
import type { FuzzCase, FuzzOperation, ItemSpec } from './cases';
import { deepText } from './deepText';
import { applyBehaviour } from './hostileServer';
import { askedWaits } from './waitCaps';

/** A key no fake answer contains unless it echoes what the node sent. */
export const FUZZ_API_KEY = 'sk-fuzz-Zq7XkP2vB9mR4wT8nL1c';
const CASE_DEADLINE_MS = 10_000;
const MAX_WAIT_MS = 7 * 24 * 3600 * 1000;
const FIELD_MARK = /Item (\d+) \(index (\d+)\)\./;


export interface Violation {
	kind: string;
	detail: string;
	item?: number;
}

export interface CaseStats {
	items: number;
	requests: number;
	checkFailures: number;
	apiErrors: number;
	otherErrors: number;
	successes: number;
	thrown: number;
}

interface RunResult {
	output?: INodeExecutionData[];
	thrown?: unknown;
	requests: number;
	hung: boolean;
}

/** The seeded objects of the fake server; filled by seedServer. */
export type Seeder = (server: FakeOpenAi) => Promise<void>;

async function runOnce(
	server: FakeOpenAi,
	operation: FuzzOperation,
	items: ItemSpec[],
	setup: Pick<FuzzCase, 'continueOnFail' | 'errorOutput' | 'concurrency'>,
	seed: Seeder,
	honest: boolean,
	behaviour: FuzzCase['server'],
): Promise<RunResult> {
	server.reset();
	await seed(server);
	server.requests.length = 0;
	if (!honest) applyBehaviour(server, behaviour);
	const names = new Set(items.flatMap((item) => Object.keys(item.parameters)));
	const parameters: Record<string, unknown> = {
		resource: operation.resource,
		operation: operation.operation,
		requestOptions: { maxRetries: 0, timeout: 30, concurrency: setup.concurrency },
	};
	for (const name of names) parameters[name] = (itemIndex: number) => items[itemIndex]?.parameters[name];
	const abort = new AbortController();
	const { context, node } = createExecuteContext({
		parameters,
		items: items.map((item, index) => ({ json: { index }, ...(item.binary ? { binary: { data: item.binary } } : {}) })),
		credentials: { apiKey: FUZZ_API_KEY, baseUrl: server.url },
		continueOnFail: setup.continueOnFail,
		cancelSignal: abort.signal,
		typeVersion: operation.version,
	});
	if (setup.errorOutput) node.onError = 'continueErrorOutput';
	let hung = false;
	const timer = setTimeout(() => {
		hung = true;
		abort.abort();
	}, CASE_DEADLINE_MS);
	try {
		const [output] = (await nodeTypeOf(operation.version).execute!.call(context)) as INodeExecutionData[][];
		return { output, requests: server.requests.length, hung };
	} catch (thrown) {
		return { thrown, requests: server.requests.length, hung };
	} finally {
		clearTimeout(timer);
	}
}

/** An output item that is a failed item's error (errorToItemJson's shape). */
function isErrorItem(item: INodeExecutionData): boolean {
	const json = item.json ?? {};
	return typeof json.error === 'string' && 'status' in json && 'requestId' in json;
}

function short(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	return text.length > 160 ? `${text.slice(0, 160)}… (${text.length} chars)` : text;
}

/** The error's fieldError mark, as the item index it names. */
function markedIndex(text: string | undefined): number | undefined {
	const match = FIELD_MARK.exec(text ?? '');
	return match ? Number(match[2]) : undefined;
}

export interface CaseReport {
	violations: Violation[];
	stats: CaseStats;
	/** The messages of the failed items (for the bench's and a reader's view of what failed). */
	errors: string[];
}

/** A failure's message without the item it names, to compare a failure in a case with the same item run alone. */
function failureText(message: unknown): string {
	return String(message ?? '').replace(/\s*\[item \d+\]/g, '').replace(FIELD_MARK, '');
}

/** The input indexes an output is paired with (n8n takes `{ item }`, a list of those, or a bare number). */
function pairedIndexes(item: INodeExecutionData): unknown[] {
	const paired = item.pairedItem as unknown;
	const list = Array.isArray(paired) ? paired : [paired];
	return list.map((entry) => (typeof entry === 'number' ? entry : (entry as { item?: unknown } | undefined)?.item));
}

/** A failure to re-check alone: the item, its message, whether it carried fieldError's mark for itself. */
interface SoloCheck {
	index: number;
	message: string;
	marked: boolean;
}

/** An item's binary entries without their contents (base64 `data`): what the node wrote about each file. */
function binaryMetadata(binary: INodeExecutionData['binary']): Record<string, unknown> | undefined {
	if (!binary) return undefined;
	return Object.fromEntries(Object.entries(binary).map(([name, entry]) => [name, { ...entry, data: undefined }]));
}

/** Invariants 2 and 4 on the items a run output; returns the failures to re-check alone. */
function checkOutput(output: INodeExecutionData[], fuzzCase: FuzzCase, report: CaseReport): SoloCheck[] {
	const { violations, stats } = report;
	const withoutContents = output.map((item) => ({ ...item, binary: binaryMetadata(item.binary) }));
	if (deepText(withoutContents).includes(FUZZ_API_KEY)) {
		violations.push({ kind: 'key in output', detail: short(deepText(withoutContents).split('\n').find((line) => line.includes(FUZZ_API_KEY))) });
	}
	const byItem = new Map<number, INodeExecutionData[]>();
	let last = -1;
	for (const item of output) {
		const indexes = pairedIndexes(item);
		const valid = indexes.filter((index): index is number => typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < fuzzCase.items.length);
		if (valid.length === 0 || valid.length !== indexes.length || (isErrorItem(item) && valid.length !== 1)) {
			violations.push({ kind: 'unpaired output', detail: `pairedItem ${short(item.pairedItem ?? null)}` });
			continue;
		}
		const first = Math.min(...valid);
		if (first < last) violations.push({ kind: 'outputs out of order', item: first, detail: `after item ${last}` });
		last = Math.max(last, first);
		for (const index of valid) byItem.set(index, [...(byItem.get(index) ?? []), item]);
	}
	const failureOf = (index: number) => (byItem.get(index) ?? []).find(isErrorItem)?.json as { error: string; description?: string; status: number | null } | undefined;
	const checks: SoloCheck[] = [];
	fuzzCase.items.forEach((_, index) => {
		const outs = byItem.get(index) ?? [];
		const json = failureOf(index);
		if (!json) {
			if (outs.length > 0 || !fuzzCase.continueOnFail) stats.successes++;
			return;
		}
		report.errors.push(json.error);
		// One error item, the item's last output (results before it: what a wait collected before it failed).
		if (outs.filter(isErrorItem).length !== 1 || !isErrorItem(outs[outs.length - 1])) {
			violations.push({ kind: 'failed item has several error outputs or results after its error', item: index, detail: `${outs.length} outputs` });
		}
		const marked = markedIndex(json.description);
		if (marked !== undefined) stats.checkFailures++;
		else if (json.status !== null) stats.apiErrors++;
		else stats.otherErrors++;
		// A batch that fails as a whole may name the item at fault, if that item failed the same way.
		if (marked !== undefined && marked !== index && failureOf(marked)?.error !== json.error) {
			violations.push({ kind: 'error names another item', item: index, detail: `${short(json.error)} / ${short(json.description)}` });
		}
		if (marked === index || (fuzzCase.server.mode === 'honest' && json.status === null)) {
			checks.push({ index, message: json.error, marked: marked === index });
		}
	});
	return checks;
}

/** Invariant 1 (and 4) on an error the run threw; returns the failure to re-check alone, if any. */
function checkThrown(thrown: unknown, fuzzCase: FuzzCase, report: CaseReport): SoloCheck[] {
	const { violations } = report;
	report.stats.thrown = 1;
	const error = thrown as Error & { description?: string; context?: { itemIndex?: number } };
	if (fuzzCase.continueOnFail) {
		violations.push({ kind: 'escaped under Continue On Fail', detail: `${error?.constructor?.name}: ${short(error?.message)}` });
	} else if (!(error instanceof NodeApiError || error instanceof NodeOperationError)) {
		violations.push({ kind: 'non-n8n error escaped', detail: `${error?.constructor?.name}: ${short(error?.message)}` });
	}
	if (deepText(thrown).includes(FUZZ_API_KEY)) violations.push({ kind: 'key in thrown error', detail: short(error?.message) });
	const index = error?.context?.itemIndex;
	if (typeof index !== 'number' || error instanceof NodeApiError) return [];
	return [{ index, message: String(error?.message), marked: markedIndex(error?.description) === index }];
}

export async function runCase(server: FakeOpenAi, operation: FuzzOperation, fuzzCase: FuzzCase, seed: Seeder): Promise<CaseReport> {
	askedWaits.length = 0;
	const report: CaseReport = {
		violations: [],
		errors: [],
		stats: { items: fuzzCase.items.length, requests: 0, checkFailures: 0, apiErrors: 0, otherErrors: 0, successes: 0, thrown: 0 },
	};
	const { violations } = report;
	const run = await runOnce(server, operation, fuzzCase.items, fuzzCase, seed, fuzzCase.server.mode === 'honest', fuzzCase.server);
	report.stats.requests = run.requests;
	if (run.hung) violations.push({ kind: 'hang', detail: `the case did not end within ${CASE_DEADLINE_MS} ms (waits are shortened)` });
	for (const wait of askedWaits) {
		if (!Number.isFinite(wait.ms) || wait.ms < 0 || wait.ms > MAX_WAIT_MS) {
			violations.push({ kind: 'unbounded wait', detail: `${wait.kind} of ${wait.ms} ms` });
		}
	}
	const checks = run.thrown !== undefined ? checkThrown(run.thrown, fuzzCase, report) : checkOutput(run.output ?? [], fuzzCase, report);
	if (run.hung) return report;

	// Invariant 3: each failure again with the item alone, against an honest server. Only a failure that comes
	// back the same is the item's own (in a batch, fields read from the first item may have caused it).
	for (const check of checks) {
		const alone = await runOnce(server, operation, [fuzzCase.items[check.index]], { continueOnFail: true, errorOutput: false, concurrency: 1 }, seed, true, fuzzCase.server);
		const failure = alone.output?.find(isErrorItem)?.json as { error?: string; description?: string } | undefined;
		if (alone.hung || !failure || failureText(failure.error) !== failureText(check.message)) continue;
		if (check.marked && alone.requests > 0) {
			violations.push({ kind: 'request sent for an item whose own check failed', item: check.index, detail: `${alone.requests} request(s); error: ${short(failure.error)}` });
		}
		if (!check.marked && alone.requests === 0) {
			violations.push({ kind: 'pre-send error without the fieldError format', item: check.index, detail: `${short(failure.error)} / description: ${short(failure.description ?? null)}` });
		}
	}
	return report;
}

/** The fields an item set, for a readable violation report (huge values shortened). */
export function describeCase(fuzzCase: FuzzCase): string {
	return JSON.stringify(
		fuzzCase,
		(_, value: unknown) => {
			if (typeof value === 'string' && value.length > 120) return `${value.slice(0, 40)}… (${value.length} chars)`;
			if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
			if (value && typeof value === 'object' && 'data' in value && 'mimeType' in value) {
				const binary = value as { fileName?: string; mimeType?: string; fileSize?: string };
				return { fileName: binary.fileName, mimeType: binary.mimeType, fileSize: binary.fileSize };
			}
			return value;
		},
		1,
	);
}
