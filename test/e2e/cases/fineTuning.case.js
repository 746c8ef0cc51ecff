// Files and fine-tuning inside real n8n: a JSONL made in a Code node goes all the way to a fine-tuned model and
// back out (upload, create, events, retrieve, cancel; and wait, stream, checkpoints, download, deletes).
'use strict';

const { assert, chain, codeNode, toolkitNode } = require('../support');

const EXAMPLES = [
	['What is n8n?', 'A workflow automation tool.'],
	['Vad är en JSONL-fil?', 'En rad JSON per exempel. ✓'],
	['Who fine-tunes?', 'You do, from n8n.'],
];
const JSONL = EXAMPLES.map(([q, a]) => JSON.stringify({ messages: [{ role: 'user', content: q }, { role: 'assistant', content: a }] })).join('\n') + '\n';

/** A Code node that outputs the training data as binary data (the way n8n's Code node can). */
function makeJsonl(name) {
	return codeNode(
		name,
		`const examples = ${JSON.stringify(EXAMPLES)};
const text = examples.map(([q, a]) => JSON.stringify({ messages: [{ role: 'user', content: q }, { role: 'assistant', content: a }] })).join('\\n') + '\\n';
return [{ json: { examples: examples.length }, binary: { data: { data: Buffer.from(text, 'utf8').toString('base64'), mimeType: 'application/jsonl', fileName: 'train.jsonl' } } }];`,
	);
}

const job = (operation, extra = {}) => ({ resource: 'fineTuningJob', operation, fineTuningJobId: "={{ $('Create job').item.json.id }}", ...extra });

module.exports = [
	{
		name: 'File → Upload a JSONL made in a Code node, Fine-Tuning Job → Create, List Events, Retrieve, Cancel',
		compat: true,
		workflow: chain(
			makeJsonl('Make JSONL'),
			toolkitNode('Upload', { resource: 'file', operation: 'upload', purpose: 'fine-tune' }),
			toolkitNode('Create job', {
				resource: 'fineTuningJob',
				operation: 'create',
				model: { __rl: true, mode: 'id', value: 'gpt-4o-mini-2024-07-18' },
				trainingFileId: '={{ $json.id }}',
				hyperparameters: { nEpochs: '2' },
				options: { suffix: 'e2e', metadata: '{"source": "n8n e2e"}' },
			}),
			toolkitNode('List events', job('listEvents', { returnAll: true })),
			// List Events gave one item per event: look at the job once.
			{ ...toolkitNode('Retrieve job', job('retrieve')), executeOnce: true },
			toolkitNode('Cancel job', job('cancel')),
		),
		check({ json, fake }) {
			const upload = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/files');
			assert.equal(upload.body.purpose, 'fine-tune');
			assert.equal(upload.body.file.filename, 'train.jsonl');
			assert.equal(upload.body.file.content.toString('utf8'), JSONL);
			const [file] = json('Upload');
			assert.equal(file.object, 'file');
			assert.equal(file.bytes, Buffer.byteLength(JSONL));

			const create = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/fine_tuning/jobs');
			assert.deepEqual(create.body, {
				model: 'gpt-4o-mini-2024-07-18',
				training_file: file.id,
				suffix: 'e2e',
				metadata: { source: 'n8n e2e' },
				method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2 } } },
			});
			const [created] = json('Create job');
			assert.equal(created.status, 'validating_files');

			const events = json('List events');
			assert.deepEqual(events.map((e) => e.message), [`Validating training file: ${file.id}`, `Created fine-tuning job: ${created.id}`]);

			assert.equal(json('Retrieve job')[0].status, 'queued');
			const [cancelled] = json('Cancel job');
			assert.equal(cancelled.id, created.id);
			assert.equal(cancelled.status, 'cancelled');
			assert.deepEqual(
				fake.requests.map((r) => `${r.method} ${r.path}`),
				['POST /v1/files', 'POST /v1/fine_tuning/jobs', `GET /v1/fine_tuning/jobs/${created.id}/events`, `GET /v1/fine_tuning/jobs/${created.id}`, `POST /v1/fine_tuning/jobs/${created.id}/cancel`],
			);
		},
	},
	{
		name: 'Fine-tuning to the end: wait for completion, stream events, checkpoints, download the training file, delete file and model',
		workflow: chain(
			makeJsonl('Make JSONL'),
			toolkitNode('Upload', { resource: 'file', operation: 'upload', purpose: 'fine-tune' }),
			toolkitNode('Create job', {
				resource: 'fineTuningJob',
				operation: 'create',
				model: { __rl: true, mode: 'id', value: 'gpt-4o-mini-2024-07-18' },
				trainingFileId: '={{ $json.id }}',
				options: { suffix: 'done' },
				waitForCompletion: true,
				waitPollInterval: 0.01,
				waitTimeout: 1,
			}),
			toolkitNode('Stream events', job('listEvents', { stream: true, streamPollInterval: 0.01, streamTimeout: 1 })),
			{ ...toolkitNode('Checkpoints', job('listCheckpoints', { returnAll: true })), executeOnce: true },
			{ ...toolkitNode('Download', { resource: 'file', operation: 'retrieveContent', fileId: "={{ $('Upload').item.json.id }}" }), executeOnce: true },
			{ ...toolkitNode('Delete file', { resource: 'file', operation: 'delete', fileId: "={{ $('Upload').item.json.id }}" }), executeOnce: true },
			{
				...toolkitNode('Delete model', {
					resource: 'fineTuningJob',
					operation: 'deleteModel',
					modelId: "={{ $('Create job').item.json.fine_tuned_model }}",
				}),
				executeOnce: true,
			},
		),
		check({ json, output, fake }) {
			const [finished] = json('Create job');
			assert.equal(finished.status, 'succeeded');
			assert.equal(finished.fine_tuned_model, `ft:gpt-4o-mini-2024-07-18:fake-org:done:${finished.id}`);

			const events = json('Stream events');
			assert.equal(events[0].message, `Created fine-tuning job: ${finished.id}`);
			assert.equal(events[events.length - 1].message, 'The job has successfully completed');
			assert.equal(new Set(events.map((e) => e.id)).size, events.length);

			assert.deepEqual(json('Checkpoints').map((c) => c.step_number), [2]);

			const [download] = output('Download');
			assert.equal(download.binary.data.fileName, 'train.jsonl');
			assert.equal(download.binary.data.mimeType, 'application/jsonl');
			assert.equal(json('Delete file')[0].deleted, true);
			assert.deepEqual(json('Delete model')[0], { id: finished.fine_tuned_model, object: 'model', deleted: true });
			assert.ok(!fake.state.models.includes(finished.fine_tuned_model));
			assert.equal(fake.state.files.length, 0);
		},
	},
];
