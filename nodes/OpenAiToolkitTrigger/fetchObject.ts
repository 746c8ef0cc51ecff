import { APIError } from 'openai';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Batch } from 'openai/resources/batches';

import { downloadResultLines, sortByCustomId } from '../OpenAiToolkit/actions/batch/results';
import type { ToolkitClient } from '../OpenAiToolkit/transport/client';
import { scrubDeep, scrubSecrets } from '../OpenAiToolkit/helpers/scrub';
import { objectKindOf } from './events';
import type { WebhookEvent } from './verify';

/** A fetch after the 200 has gone out: a few quick retries, and no request may hang the trigger for long. */
export const FETCH_CLIENT_SETTINGS = { maxRetries: 2, timeoutMs: 2 * 60 * 1000 };

export interface FetchOptions {
	/** For batch.completed: one item per line of the batch's output and error files instead of the batch. */
	resultLines: boolean;
	/** Scrubbed from everything the trigger outputs (the API key, the signing secret). */
	secrets: string[];
}

/** The batch's result lines, in custom_id order as Batch → Get Results gives them (the one reader of them). */
async function batchResultLines(client: ToolkitClient, batch: IDataObject): Promise<IDataObject[]> {
	const { output, errors } = await downloadResultLines(client, batch as unknown as Batch);
	return sortByCustomId([...output, ...errors]);
}

async function retrieve(client: ToolkitClient, event: WebhookEvent): Promise<IDataObject | undefined> {
	const id = String(event.data.id ?? '');
	if (!id) return undefined;
	switch (objectKindOf(event.type)) {
		case 'batch':
			return (await client.batches.retrieve(id)) as unknown as IDataObject;
		case 'fineTuningJob':
			return (await client.fineTuning.jobs.retrieve(id)) as unknown as IDataObject;
		case 'response':
			return (await client.responses.retrieve(id)) as unknown as IDataObject;
		default:
			return undefined;
	}
}

/** Why a fetch failed, for the item: OpenAI's message and status, scrubbed. */
function fetchError(error: unknown, secrets: string[]): IDataObject {
	const message = error instanceof Error ? error.message : String(error);
	return {
		message: scrubSecrets(message, secrets),
		status: error instanceof APIError && typeof error.status === 'number' ? error.status : null,
	};
}

/**
 * The items the trigger outputs with Fetch the Object on: the batch, fine-tuning job or response the event
 * names, with the event under `event`; for batch.completed with Result Lines on, one item per result line
 * (the batch itself when it has none). An event without an object to fetch (eval runs, calls) comes out as it
 * came. A failed fetch does not lose the event: it comes out with `fetchError` (the delivery was answered 200
 * already, so OpenAI will not send it again).
 */
export async function fetchEventItems(client: ToolkitClient, event: WebhookEvent, options: FetchOptions): Promise<INodeExecutionData[]> {
	const scrub = <T>(value: T) => scrubDeep(value, options.secrets);
	let object: IDataObject | undefined;
	try {
		object = await retrieve(client, event);
		if (object && event.type === 'batch.completed' && options.resultLines) {
			const lines = await batchResultLines(client, object);
			if (lines.length > 0) return lines.map((line) => ({ json: scrub(line) }));
		}
	} catch (error) {
		return [{ json: scrub({ ...event, fetchError: fetchError(error, options.secrets) }) }];
	}
	if (!object) return [{ json: scrub(event) }];
	return [{ json: scrub({ ...object, event }) }];
}
