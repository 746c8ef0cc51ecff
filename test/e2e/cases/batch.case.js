// Batch inside real n8n: 50 items → one JSONL → one batch → 50 results, each paired with its input item; the
// other Batch operations chained on a batch's ID; failures of single requests under Continue On Fail.
'use strict';

const { assert, chain, codeNode, toolkitNode } = require('../support');

const fiftyQuestions = codeNode('Fifty questions', 'return Array.from({ length: 50 }, (_, i) => ({ json: { q: `question ${i}` } }));');
const askEach = { values: [{ role: 'user', content: '={{ $json.q }}' }] };

/** The JSONL lines the fake server received in the upload request. */
function uploadedLines(fake) {
	const uploads = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/files');
	return uploads.map((upload) => upload.body.file.content.toString('utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)));
}

module.exports = [
	{
		name: 'Batch → Create with Wait For Completion: 50 items → one batch → 50 paired results',
		compat: true,
		workflow: chain(
			fiftyQuestions,
			toolkitNode('Batch of 50', { resource: 'batch', operation: 'create', endpoint: 'chatCompletions', messages: askEach, waitForCompletion: true, pollInterval: 1 }),
		),
		check({ output, fake }) {
			const items = output('Batch of 50');
			assert.equal(items.length, 50);
			items.forEach((item, i) => {
				assert.deepEqual(item.pairedItem, { item: i });
				assert.equal(item.json.object, 'chat.completion');
				assert.equal(item.json.choices[0].message.content, `echo: question ${i}`);
			});
			// One upload, one batch, polled until completed, then both result files.
			const calls = fake.requests.map((r) => `${r.method} ${r.path}`);
			assert.deepEqual(calls.filter((c) => c === 'POST /v1/files'), ['POST /v1/files']);
			assert.deepEqual(calls.filter((c) => c === 'POST /v1/batches'), ['POST /v1/batches']);
			assert.ok(calls.includes('GET /v1/batches/batch_0001'));
			const [lines] = uploadedLines(fake);
			assert.equal(lines.length, 50);
			lines.forEach((line, i) => {
				assert.deepEqual(line, {
					custom_id: String(i),
					method: 'POST',
					url: '/v1/chat/completions',
					body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `question ${i}` }] },
				});
			});
			assert.equal(fake.requests.find((r) => r.path === '/v1/files').body.purpose, 'batch');
			assert.deepEqual(fake.requests.find((r) => r.path === '/v1/batches').body, {
				input_file_id: 'file-000001',
				endpoint: '/v1/chat/completions',
				completion_window: '24h',
			});
			// The fake wrote its output file in reverse order; the node put every result back in place.
			const outputFile = fake.state.files.find((f) => f.id === fake.state.batches[0].output_file_id);
			assert.equal(JSON.parse(outputFile.content.toString('utf8').split('\n')[0]).custom_id, '49');
		},
	},
	{
		name: 'Batch → Create under Continue On Fail: requests that failed in the batch are error items, the others results',
		workflow: chain(
			codeNode('Items', "return Array.from({ length: 6 }, (_, i) => ({ json: { q: `q${i}`, model: i % 3 === 1 ? 'no-such-model' : 'gpt-4o-mini' } }));"),
			{
				...toolkitNode('Batch with failures', {
					resource: 'batch',
					operation: 'create',
					endpoint: 'chatCompletions',
					model: { __rl: true, mode: 'id', value: '={{ $json.model }}' },
					messages: askEach,
					waitForCompletion: true,
					pollInterval: 1,
				}),
				onError: 'continueRegularOutput',
			},
		),
		check({ output }) {
			const items = output('Batch with failures');
			assert.equal(items.length, 6);
			items.forEach((item, i) => {
				assert.deepEqual(item.pairedItem, { item: i });
				if (i % 3 === 1) {
					assert.equal(item.json.error, `The batch request of item ${i} failed: The model 'no-such-model' does not exist`);
					assert.equal(item.json.status, 404);
					assert.equal(item.json.code, 'model_not_found');
				} else {
					assert.equal(item.json.choices[0].message.content, `echo: q${i}`);
				}
			});
		},
	},
	{
		name: 'Batch → Create, Retrieve until completed, Get Results ordered by custom_id',
		workflow: chain(
			codeNode('Three texts', "return ['alpha', 'beta', 'gamma'].map((text) => ({ json: { text } }));"),
			toolkitNode('Create embeddings batch', {
				resource: 'batch',
				operation: 'create',
				endpoint: 'embeddings',
				model: { __rl: true, mode: 'id', value: 'text-embedding-3-small' },
				input: '={{ $json.text }}',
				batchOptions: { metadata: '{"job": "e2e"}' },
			}),
			toolkitNode('Check 1', { resource: 'batch', operation: 'retrieve', batchId: '={{ $json.id }}' }),
			toolkitNode('Check 2', { resource: 'batch', operation: 'retrieve', batchId: '={{ $json.id }}' }),
			toolkitNode('Results', { resource: 'batch', operation: 'getResults', batchId: '={{ $json.id }}' }),
		),
		check({ output, json, fake }) {
			const created = output('Create embeddings batch');
			assert.equal(created.length, 1);
			assert.deepEqual(created[0].pairedItem, [{ item: 0 }, { item: 1 }, { item: 2 }]);
			assert.equal(created[0].json.status, 'validating');
			assert.deepEqual(created[0].json.metadata, { job: 'e2e' });
			assert.equal(json('Check 1')[0].status, 'in_progress');
			assert.equal(json('Check 2')[0].status, 'completed');
			const results = json('Results');
			assert.deepEqual(results.map((line) => line.custom_id), ['0', '1', '2']);
			assert.ok(results.every((line) => line.response.status_code === 200 && line.response.body.object === 'list'));
			assert.deepEqual(uploadedLines(fake)[0].map((line) => line.body.input), ['alpha', 'beta', 'gamma']);
		},
	},
	{
		name: 'Batch → Create, Cancel, List',
		workflow: chain(
			codeNode('One prompt', "return [{ json: { q: 'cancel me' } }];"),
			toolkitNode('Create batch', { resource: 'batch', operation: 'create', endpoint: 'responses', inputText: '={{ $json.q }}' }),
			toolkitNode('Cancel batch', { resource: 'batch', operation: 'cancel', batchId: '={{ $json.id }}' }),
			toolkitNode('List batches', { resource: 'batch', operation: 'list', limit: 10 }),
		),
		check({ json, fake }) {
			assert.equal(json('Cancel batch')[0].status, 'cancelling');
			assert.deepEqual(json('List batches').map((b) => [b.id, b.endpoint]), [['batch_0001', '/v1/responses']]);
			assert.equal(uploadedLines(fake)[0][0].url, '/v1/responses');
		},
	},
];
