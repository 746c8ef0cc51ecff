// Vector stores inside real n8n: the RAG example (examples/14-rag-with-a-vector-store.json) as a user imports
// it — a Code node's PDF → File → Upload → Vector Store → Create (wait) → Search → Response → Create with File
// Search — and Vector Store File → Add Many for 20 uploaded files, each file's status paired with its own item.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { assert, chain, codeNode, CREDENTIAL, toolkitNode, TOOLKIT_TYPE } = require('../support');

const EXAMPLE = path.join(__dirname, '..', '..', '..', 'examples', '14-rag-with-a-vector-store.json');

/** The example as shipped (version 2 nodes), with the e2e credential on every toolkit node. */
function loadExample() {
	const exported = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
	const toolkitNodes = exported.nodes.filter((node) => node.type === TOOLKIT_TYPE);
	for (const node of toolkitNodes) {
		assert.equal(node.typeVersion, 2, `${node.name} typeVersion`);
		assert.deepEqual(node.credentials, { openAiToolkitApi: { id: 'REPLACE_ME', name: 'OpenAI Toolkit account' } }, `${node.name} credentials`);
	}
	assert.equal(exported.nodes[0].type, 'n8n-nodes-base.manualTrigger');
	const rest = { ...exported };
	delete rest.name;
	return {
		...rest,
		nodes: exported.nodes.map((node) => (node.type === TOOLKIT_TYPE ? { ...node, credentials: { openAiToolkitApi: CREDENTIAL } } : node)),
	};
}

const calls = (fake) => fake.requests.map((r) => `${r.method} ${r.path}`);

const twentyFiles = codeNode(
	'Twenty notes',
	"return Array.from({ length: 20 }, (_, i) => ({ json: { note: i }, binary: { data: { data: Buffer.from(`Note ${i}: the meeting room ${i} has ${i + 2} chairs.`).toString('base64'), mimeType: 'text/plain', fileName: `note-${i}.txt` } } }));",
);

module.exports = [
	{
		name: 'Example 14-rag-with-a-vector-store.json: PDF → Upload → Vector Store (wait) → Search → Response with File Search',
		workflow: () => loadExample(),
		check({ json, output, fake }) {
			assert.deepEqual(calls(fake), [
				'POST /v1/files',
				'POST /v1/vector_stores',
				'GET /v1/vector_stores/vs_0001',
				'POST /v1/vector_stores/vs_0001/search',
				'POST /v1/responses',
			]);
			const [upload] = fake.requests;
			assert.equal(upload.body.purpose, 'assistants');
			assert.equal(upload.body.file.filename, 'x200-handbook.pdf');
			assert.equal(upload.body.file.type, 'application/pdf');
			assert.equal(upload.body.file.content.toString('latin1', 0, 8), '%PDF-1.4');
			assert.deepEqual(fake.requests[1].body, { name: 'X200 handbook', file_ids: ['file-000001'], expires_after: { anchor: 'last_active_at', days: 7 } });
			assert.deepEqual(fake.requests[3].body, { query: 'How long is the warranty of the X200?', max_num_results: 3 });

			const [store] = json('Create vector store');
			assert.equal(store.status, 'completed');
			assert.deepEqual(store.file_counts, { in_progress: 0, completed: 1, failed: 0, cancelled: 0, total: 1 });
			const hits = json('Search handbook');
			assert.equal(hits.length, 1);
			assert.equal(hits[0].file_id, 'file-000001');
			assert.equal(hits[0].filename, 'x200-handbook.pdf');
			assert.match(hits[0].text, /The warranty of the X200 lasts three years/);
			assert.equal(typeof hits[0].score, 'number');

			const response = fake.requests[4].body;
			assert.deepEqual(response.tools, [{ type: 'file_search', vector_store_ids: ['vs_0001'], max_num_results: 3 }]);
			assert.match(response.input, /Excerpt from x200-handbook\.pdf:\nAcme Router X200 handbook\nThe warranty of the X200 lasts three years/);
			assert.match(response.input, /Question: How long is the warranty of the X200\?$/);
			const answers = output('Answer question');
			assert.equal(answers.length, 1);
			assert.deepEqual(answers[0].pairedItem, { item: 0 });
			assert.match(answers[0].json.text, /^echo: Answer the question from the handbook excerpt/);
			assert.match(answers[0].json.text, /Question: How long is the warranty of the X200\?/);
		},
	},
	{
		name: 'Vector Store File → Add Many: 20 uploaded files in one batch, each status paired with its own item',
		before(fake) {
			// The seventh file uploaded fails to process: only the item it came from gets the error.
			fake.state.failingVectorFiles = ['file-000007'];
		},
		workflow: chain(
			toolkitNode('Create store', { resource: 'vectorStore', operation: 'create', vectorStoreName: 'Notes' }, { typeVersion: 2 }),
			twentyFiles,
			toolkitNode('Upload notes', { resource: 'file', operation: 'upload', binaryPropertyName: 'data', purpose: 'assistants' }, { typeVersion: 2 }),
			{
				...toolkitNode(
					'Add notes',
					{
						resource: 'vectorStoreFile',
						operation: 'addMany',
						vectorStoreId: { __rl: true, mode: 'id', value: "={{ $('Create store').first().json.id }}" },
						fileId: '={{ $json.id }}',
						waitUntilProcessed: true,
						processingPollInterval: 1,
						options: { attributes: '{"kind": "note"}' },
					},
					{ typeVersion: 2 },
				),
				onError: 'continueRegularOutput',
			},
		),
		check({ json, output, fake }) {
			const uploads = json('Upload notes');
			assert.equal(uploads.length, 20);
			const batches = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/vector_stores/vs_0001/file_batches');
			assert.equal(batches.length, 1);
			assert.deepEqual(batches[0].body, { file_ids: uploads.map((file) => file.id), attributes: { kind: 'note' } });
			assert.ok(calls(fake).includes('GET /v1/vector_stores/vs_0001/file_batches/vsfb_0001'));
			assert.ok(calls(fake).includes('GET /v1/vector_stores/vs_0001/file_batches/vsfb_0001/files'));
			const items = output('Add notes');
			assert.equal(items.length, 20);
			assert.equal(items.filter((item) => item.json.error).length, 1);
			items.forEach((item, i) => {
				assert.deepEqual(item.pairedItem, { item: i });
				if (uploads[i].id === 'file-000007') {
					assert.equal(item.json.error, 'OpenAI could not process the file file-000007: The file could not be parsed.');
					return;
				}
				assert.equal(item.json.id, uploads[i].id);
				assert.equal(item.json.status, 'completed');
				assert.equal(item.json.vector_store_id, 'vs_0001');
				assert.equal(item.json.file_batch_id, 'vsfb_0001');
				assert.deepEqual(item.json.attributes, { kind: 'note' });
			});
		},
	},
];
