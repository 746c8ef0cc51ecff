/*
 * One run of every operation against the fake OpenAI server, the way a user would first run it: what its output
 * looks like is what the output-schema files say (n8n's editor shows them before the node has run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeExecutionData } from 'n8n-workflow';

import { makePng, makeWav } from '../../support/media-files';
import { binaryFrom } from '../../support/executeContext';

export interface Sample {
	parameters: Record<string, unknown>;
	items?: INodeExecutionData[];
	/** Brings the seeded objects to the state the operation needs (a batch that ended, a running job). */
	prepare?: (url: string) => Promise<void>;
}

/** Asks the fake server for an object until it is in one of the states (each GET moves it one step on). */
async function until(url: string, path: string, done: (body: Record<string, unknown>) => boolean): Promise<void> {
	for (let step = 0; step < 20; step++) {
		const body = (await (await fetch(`${url}${path}`)).json()) as Record<string, unknown>;
		if (done(body)) return;
	}
	throw new Error(`${path} did not reach the state a sample needs`);
}

/** The IDs the fuzz suite's seed makes on the fake server, in its order. */
export interface SeededIds {
	trainingFile: string;
	batchFile: string;
	batchId: string;
	jobId: string;
	fineTunedModel: string;
}

const png = () => [{ json: {}, binary: { data: binaryFrom(makePng(), 'picture.png', 'image/png') } }];
const wav = () => [{ json: {}, binary: { data: binaryFrom(makeWav(), 'hello.wav', 'audio/wav') } }];
const say = (content: string) => ({ messages: { values: [{ role: 'user', content }] } });
const id = (value: string) => ({ __rl: true, mode: 'id', value });

/**
 * Keyed `resource.operation`; an operation without a sample fails the output-schema test. Resources added later
 * bring theirs in a file of `./samples/` (exporting `samples(ids)` like this one), read here.
 */
export function samples(ids: SeededIds): Record<string, Sample> {
	const more = fs
		.readdirSync(path.join(__dirname, 'samples'))
		.filter((file) => file.endsWith('.ts'))
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sample files are found at run time
		.map((file) => (require(path.join(__dirname, 'samples', file)) as { samples: (ids: SeededIds) => Record<string, Sample> }).samples(ids));
	return Object.assign(original(ids), ...more);
}

function original(ids: SeededIds): Record<string, Sample> {
	return {
		'chat.createCompletion': { parameters: say('Hello') },
		'response.create': { parameters: { inputText: 'Hello' } },
		'image.generate': { parameters: { prompt: 'A red fox in the snow' } },
		'image.edit': { parameters: { prompt: 'Add a hat' }, items: png() },
		'image.createVariation': { parameters: {}, items: png() },
		'audio.transcribe': { parameters: {}, items: wav() },
		'audio.translate': { parameters: {}, items: wav() },
		'audio.generateSpeech': { parameters: { input: 'Hello there' } },
		'embedding.create': { parameters: { input: 'The food was delicious' } },
		'moderation.create': { parameters: { moderationInput: { values: [{ type: 'text', text: 'Hello' }] } } },
		'file.upload': { parameters: { purpose: 'assistants' }, items: png() },
		'file.list': { parameters: {} },
		'file.retrieve': { parameters: { fileId: ids.trainingFile } },
		'file.retrieveContent': { parameters: { fileId: ids.trainingFile } },
		'file.delete': { parameters: { fileId: ids.batchFile } },
		'batch.create': { parameters: { endpoint: 'chatCompletions', ...say('Hello') } },
		'batch.retrieve': { parameters: { batchId: ids.batchId } },
		'batch.list': { parameters: {} },
		'batch.cancel': { parameters: { batchId: ids.batchId } },
		'batch.getResults': {
			parameters: { batchId: ids.batchId },
			prepare: (url) => until(url, `/batches/${ids.batchId}`, (batch) => batch.status === 'completed'),
		},
		'fineTuningJob.create': { parameters: { trainingFileId: ids.trainingFile } },
		'fineTuningJob.retrieve': { parameters: { fineTuningJobId: ids.jobId } },
		'fineTuningJob.list': { parameters: {} },
		'fineTuningJob.cancel': { parameters: { fineTuningJobId: ids.jobId } },
		'fineTuningJob.listEvents': { parameters: { fineTuningJobId: ids.jobId } },
		'fineTuningJob.listCheckpoints': {
			parameters: { fineTuningJobId: ids.jobId },
			prepare: (url) => until(url, `/fine_tuning/jobs/${ids.jobId}`, (job) => job.status === 'succeeded'),
		},
		'fineTuningJob.pause': {
			parameters: { fineTuningJobId: ids.jobId },
			prepare: (url) => until(url, `/fine_tuning/jobs/${ids.jobId}`, (job) => job.status === 'running'),
		},
		'fineTuningJob.resume': {
			parameters: { fineTuningJobId: ids.jobId },
			prepare: async (url) => {
				await until(url, `/fine_tuning/jobs/${ids.jobId}`, (job) => job.status === 'running');
				await fetch(`${url}/fine_tuning/jobs/${ids.jobId}/pause`, { method: 'POST' });
			},
		},
		'fineTuningJob.deleteModel': { parameters: { modelId: ids.fineTunedModel } },
		'model.list': { parameters: {} },
		'model.retrieve': { parameters: { modelId: id('gpt-4o-mini') } },
		'model.delete': { parameters: { modelId: ids.fineTunedModel } },
		'completion.create': { parameters: { prompt: 'Once upon a time' } },
		'edit.create': { parameters: { input: 'Helo wrld', instruction: 'Fix the spelling' } },
		'customApiCall.makeRequest': { parameters: { url: '/models', method: 'GET' } },
	};
}
