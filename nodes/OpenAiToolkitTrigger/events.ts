import type { INodePropertyOptions } from 'n8n-workflow';

/** What a Fetch the Object retrieves for an event: the object the event's `data.id` names. */
export type EventObjectKind = 'batch' | 'fineTuningJob' | 'response';

/**
 * The events of the `webhooks:` section of OpenAI's spec (test/contract/openai-openapi.yaml), by their `type`.
 * Note the spellings: OpenAI writes "cancelled" everywhere except for eval runs ("canceled").
 */
export const WEBHOOK_EVENTS: INodePropertyOptions[] = [
	{ name: 'batch.cancelled', value: 'batch.cancelled', description: 'A batch was cancelled' },
	{ name: 'batch.completed', value: 'batch.completed', description: 'A batch finished: its results are ready' },
	{ name: 'batch.expired', value: 'batch.expired', description: 'A batch did not finish within its completion window' },
	{ name: 'batch.failed', value: 'batch.failed', description: 'A batch failed (e.g. its input file was invalid)' },
	{ name: 'eval.run.canceled', value: 'eval.run.canceled', description: 'An eval run was canceled' },
	{ name: 'eval.run.failed', value: 'eval.run.failed', description: 'An eval run failed' },
	{ name: 'eval.run.succeeded', value: 'eval.run.succeeded', description: 'An eval run succeeded' },
	{ name: 'fine_tuning.job.cancelled', value: 'fine_tuning.job.cancelled', description: 'A fine-tuning job was cancelled' },
	{ name: 'fine_tuning.job.failed', value: 'fine_tuning.job.failed', description: 'A fine-tuning job failed' },
	{ name: 'fine_tuning.job.succeeded', value: 'fine_tuning.job.succeeded', description: 'A fine-tuning job succeeded: its model is ready' },
	{ name: 'live.call.incoming', value: 'live.call.incoming', description: 'A SIP session is waiting to be accepted (Live API)' },
	{ name: 'realtime.call.incoming', value: 'realtime.call.incoming', description: 'A SIP call is waiting to be accepted (Realtime API)' },
	{ name: 'response.cancelled', value: 'response.cancelled', description: 'A background response was cancelled' },
	{ name: 'response.completed', value: 'response.completed', description: 'A background response completed' },
	{ name: 'response.failed', value: 'response.failed', description: 'A background response failed' },
	{ name: 'response.incomplete', value: 'response.incomplete', description: 'A background response ended incomplete (e.g. it hit its token limit)' },
];

/** The object an event is about, when the API can retrieve it by the event's `data.id` alone. */
export function objectKindOf(type: string): EventObjectKind | undefined {
	if (type.startsWith('batch.')) return 'batch';
	if (type.startsWith('fine_tuning.job.')) return 'fineTuningJob';
	if (type.startsWith('response.')) return 'response';
	// Eval runs need their eval's ID too, which the event does not carry; calls have no object to retrieve.
	return undefined;
}
