import { APIError } from 'openai';
import type { Batch } from 'openai/resources/batches';
import { NodeOperationError, type IDataObject, type INode } from 'n8n-workflow';

import type { ToolkitClient } from '../../transport/client';
import { customIdFor } from './jsonl';

/** One line of a batch's output or error file. */
export interface BatchResultLine extends IDataObject {
	id?: string;
	custom_id: string;
	response?: { status_code?: number; request_id?: string; body?: IDataObject } | null;
	error?: { code?: string | null; message?: string | null } | null;
}

/** The statuses after which a batch no longer changes. */
export const TERMINAL_BATCH_STATUSES = ['completed', 'failed', 'expired', 'cancelled'];

export function isBatchFinished(batch: Pick<Batch, 'status'>): boolean {
	return TERMINAL_BATCH_STATUSES.includes(batch.status);
}

/** Parses a result file: one JSON object per non-blank line; anything else (not a result line) is skipped. */
export function parseResultLines(text: string): BatchResultLine[] {
	const lines: BatchResultLine[] = [];
	for (const raw of text.split('\n')) {
		if (raw.trim() === '') continue;
		let parsed: unknown;
		try {
			parsed = JSON.parse(raw);
		} catch {
			continue;
		}
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'custom_id' in parsed) {
			lines.push(parsed as BatchResultLine);
		}
	}
	return lines;
}

/** Orders result lines by custom_id, numerically where the IDs are numbers ("2" before "10"). */
export function sortByCustomId(lines: BatchResultLine[]): BatchResultLine[] {
	return [...lines].sort((a, b) => String(a.custom_id).localeCompare(String(b.custom_id), 'en', { numeric: true }));
}

/** Downloads a batch's output and error files (those it has) and returns their lines. */
export async function downloadResultLines(
	client: ToolkitClient,
	batch: Pick<Batch, 'output_file_id' | 'error_file_id'>,
): Promise<{ output: BatchResultLine[]; errors: BatchResultLine[] }> {
	const read = async (fileId: string | null | undefined) => {
		if (!fileId) return [];
		const response = await client.files.content(fileId);
		return parseResultLines(await response.text());
	};
	const [output, errors] = await Promise.all([read(batch.output_file_id), read(batch.error_file_id)]);
	return { output, errors };
}

/** Whether a result line is a failure: it has an error, or its response has an HTTP error status. */
export function isFailedLine(line: BatchResultLine): boolean {
	if (line.error) return true;
	const status = line.response?.status_code;
	return typeof status === 'number' && status >= 400;
}

/** What one input item of a finished batch comes out as. */
export type ItemResult = { ok: true; body: IDataObject; line: BatchResultLine } | { ok: false; error: Error };

function describeBatch(batch: Batch): string {
	return `batch ${batch.id} (status ${batch.status})`;
}

/** The error of a failed line, shaped like the API error the request would have got on its own. */
export function lineError(node: INode, line: BatchResultLine, itemIndex: number, batch: Batch): Error {
	const prefix = `The batch request of item ${itemIndex} failed`;
	const status = line.response?.status_code;
	const apiError = (line.response?.body?.error as IDataObject | undefined) ?? undefined;
	if (typeof status === 'number' && status >= 400) {
		const message = `${prefix}: ${String(apiError?.message ?? `HTTP ${status}`)}`;
		const headers = new Headers();
		if (line.response?.request_id) headers.set('x-request-id', line.response.request_id);
		return new APIError(status, { ...(apiError ?? {}), message }, message, headers);
	}
	const code = line.error?.code ? String(line.error.code) : undefined;
	return new NodeOperationError(node, `${prefix}: ${line.error?.message ?? 'no reason given'}`, {
		itemIndex,
		description: [code ? `code: ${code}` : undefined, `custom_id: ${line.custom_id}`, describeBatch(batch)]
			.filter(Boolean)
			.join(', '),
	});
}

/** The error of an item the batch has no line for: it never ran. */
function missingError(node: INode, itemIndex: number, batch: Batch): Error {
	let reason: string;
	if (batch.status === 'failed') {
		const errors = (batch.errors?.data ?? [])
			.map((entry) => [entry.message, entry.line ? `(line ${entry.line})` : undefined].filter(Boolean).join(' '))
			.filter(Boolean);
		reason = `the batch ${batch.id} failed${errors.length ? `: ${errors.join('; ')}` : ''}`;
	} else if (batch.status === 'expired') {
		reason = `the batch ${batch.id} expired before this request ran`;
	} else if (batch.status === 'cancelled') {
		reason = `the batch ${batch.id} was cancelled before this request ran`;
	} else {
		reason = `the ${describeBatch(batch)} has no result for it`;
	}
	return new NodeOperationError(node, `The batch request of item ${itemIndex} did not run: ${reason}`, {
		itemIndex,
		description: `custom_id: ${customIdFor(itemIndex)}`,
	});
}

/**
 * Maps a finished batch's result lines back to the input items it was made of, whatever the order of the
 * lines: by `custom_id`. A line from the error file (or with an error status) becomes the item's error; an
 * item without any line gets an error that says why (the batch failed, expired or was cancelled).
 */
export function mapResultsToItems(
	node: INode,
	itemIndexes: number[],
	batch: Batch,
	lines: { output: BatchResultLine[]; errors: BatchResultLine[] },
): Map<number, ItemResult> {
	const byCustomId = new Map<string, BatchResultLine>();
	// Output lines win over error lines for the same custom_id (a retried request may leave both).
	for (const line of [...lines.errors, ...lines.output]) byCustomId.set(String(line.custom_id), line);
	const results = new Map<number, ItemResult>();
	for (const itemIndex of itemIndexes) {
		const line = byCustomId.get(customIdFor(itemIndex));
		if (!line) results.set(itemIndex, { ok: false, error: missingError(node, itemIndex, batch) });
		else if (isFailedLine(line)) results.set(itemIndex, { ok: false, error: lineError(node, line, itemIndex, batch) });
		else results.set(itemIndex, { ok: true, body: line.response?.body ?? {}, line });
	}
	return results;
}
