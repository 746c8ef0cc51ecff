/**
 * Custom API Call → Make Request run by n8n-core's real engine: a JSON reply, a refused foreign URL as the
 * node error n8n records, Continue On Fail through the node setting the engine reads, and a non-JSON reply
 * stored by n8n-core's real binary data service.
 */
import { randomBytes } from 'node:crypto';

import type { NodeOperationError } from 'n8n-workflow';

import { TEST_API_KEY } from '../support/constants';
import { binaryMetadata, outputOf, readBinary, runWorkflow, taskOf } from './support/runWorkflow';
import { useFakeOpenAi } from './support/fakeServer';
import { chain, itemsNode, testCredentials, toolkitNode } from './support/workflow';

const makeRequest = { resource: 'customApiCall', operation: 'makeRequest' };
const REFUSED = /^The URL 'https:\/\/example\.com\/x' is not on the credential's Base URL \(http:\/\/127\.0\.0\.1:\d+\)/;

describe('engine: Custom API Call → Make Request', () => {
	const fake = useFakeOpenAi();

	test('GET models: the JSON reply is the output item, with the credential’s auth headers sent', async () => {
		const workflow = chain(toolkitNode('Call', { ...makeRequest, url: 'models', method: 'GET', queryString: '{"limit": 3}' }));
		const run = await runWorkflow(workflow, { credentials: testCredentials(fake.server.url, { projectId: 'proj_engine' }) });

		expect(run.status).toBe('success');
		const output = outputOf(run, 'Call');
		expect(output).toHaveLength(1);
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[0].json).toMatchObject({ object: 'list', has_more: true });
		expect((output[0].json.data as Array<{ id: string }>).map((m) => m.id)).toEqual(['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small']);

		expect(fake.server.requests).toHaveLength(1);
		const [request] = fake.server.requests;
		expect(request).toMatchObject({ method: 'GET', path: '/v1/models', query: { limit: '3' } });
		expect(request.headers.authorization).toBe(`Bearer ${TEST_API_KEY}`);
		expect(request.headers['openai-project']).toBe('proj_engine');
		expect(request.headers['openai-organization']).toBeUndefined();
	});

	test('an absolute URL on another origin is refused: the run fails with the node error, nothing is sent', async () => {
		const workflow = chain(toolkitNode('Call', { ...makeRequest, url: 'https://example.com/x' }));
		const run = await runWorkflow(workflow, { credentials: testCredentials(fake.server.url) });

		expect(run.status).toBe('error');
		expect(run.data.resultData.lastNodeExecuted).toBe('Call');
		const task = taskOf(run, 'Call');
		expect(task.executionStatus).toBe('error');
		expect(task.data).toBeUndefined();
		const error = task.error as NodeOperationError;
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toMatch(REFUSED);
		expect(error.node?.name).toBe('Call');
		expect(error.context.itemIndex).toBe(0);
		expect(run.data.resultData.error?.message).toBe(error.message);
		expect(fake.server.requests).toHaveLength(0);
	});

	test('Continue On Fail (onError: continueRegularOutput): failed items become error items, the others go on', async () => {
		const workflow = chain(
			itemsNode('Items', [{ url: 'models' }, { url: 'https://example.com/x' }, { url: 'models/no-such-model' }, { url: 'models/gpt-4o' }]),
			toolkitNode('Call', { ...makeRequest, url: '={{ $json.url }}' }, { onError: 'continueRegularOutput' }),
		);
		const run = await runWorkflow(workflow, { credentials: testCredentials(fake.server.url) });

		expect(run.status).toBe('success');
		expect(run.data.resultData.error).toBeUndefined();
		const output = outputOf(run, 'Call');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(output[0].json).toMatchObject({ object: 'list', has_more: false });
		expect(output[1].json).toMatchObject({ status: null, code: null, requestId: null });
		expect(output[1].json.error).toMatch(REFUSED);
		expect(output[2].json).toMatchObject({
			error: "The model 'no-such-model' does not exist",
			status: 404,
			code: 'model_not_found',
			param: 'model',
			type: 'invalid_request_error',
			requestId: expect.stringMatching(/^req_fake_\d+$/),
		});
		expect(output[3].json).toEqual({ id: 'gpt-4o', object: 'model', created: 1700000000, owned_by: 'openai' });
		// The refused item sent nothing; the others reached the fake.server.
		expect(fake.server.requests.map((r) => r.path).sort()).toEqual(['/v1/models', '/v1/models/gpt-4o', '/v1/models/no-such-model']);
	});

	test('Continue (using error output): failed items go to the error output, the others to the success output', async () => {
		const workflow = chain(
			itemsNode('Items', [{ url: 'models/gpt-4o' }, { url: 'models/no-such-model' }, { url: 'models/gpt-4o-mini' }]),
			toolkitNode('Call', { ...makeRequest, url: '={{ $json.url }}' }, { onError: 'continueErrorOutput' }),
		);
		const run = await runWorkflow(workflow, { credentials: testCredentials(fake.server.url) });

		expect(run.status).toBe('success');
		const success = outputOf(run, 'Call', 0);
		const failed = outputOf(run, 'Call', 1);
		expect(success.map((item) => item.json.id)).toEqual(['gpt-4o', 'gpt-4o-mini']);
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(failed).toHaveLength(1);
		expect(failed[0].json).toEqual({ error: "The model 'no-such-model' does not exist" });
		expect(failed[0].error?.message).toBe("The model 'no-such-model' does not exist");
		expect(failed[0].pairedItem).toEqual({ item: 1 });
	});

	test('a reply that is not JSON becomes binary data written by n8n-core’s binary data service', async () => {
		const transcript = Buffer.from('{"prompt": "a", "completion": "b"}\n{"prompt": "c", "completion": "d"}\n');
		const audio = randomBytes(256 * 1024);
		fake.server.on('GET', '/v1/files/file-abc/content', () => ({
			status: 200,
			body: transcript,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': 'attachment; filename="train.jsonl"' },
		}));
		fake.server.on('POST', '/v1/audio/speech', () => ({ status: 200, body: audio, headers: { 'content-type': 'audio/mpeg' } }));

		const workflow = chain(
			itemsNode('Items', [
				{ url: 'files/file-abc/content', method: 'GET' },
				{ url: 'audio/speech', method: 'POST' },
			]),
			toolkitNode('Call', {
				...makeRequest,
				url: '={{ $json.url }}',
				method: '={{ $json.method }}',
				body: '{"model": "tts-1", "input": "Hello", "voice": "alloy"}',
				binaryPropertyOutput: 'file',
			}),
		);
		const run = await runWorkflow(workflow, { credentials: testCredentials(fake.server.url) });

		expect(run.status).toBe('success');
		const [fileItem, audioItem] = outputOf(run, 'Call');
		expect(fake.server.requests[1].body).toEqual({ model: 'tts-1', input: 'Hello', voice: 'alloy' });

		expect(fileItem.pairedItem).toEqual({ item: 0 });
		expect(fileItem.json).toEqual({ status: 200, contentType: 'text/plain; charset=utf-8', size: transcript.length });
		const file = fileItem.binary!.file;
		expect(file).toMatchObject({ fileName: 'train.jsonl', fileExtension: 'jsonl', mimeType: 'text/plain', fileType: 'text', bytes: transcript.length });
		// Stored in the filesystem binary data store, not inline in the item.
		expect(file.id).toMatch(/^filesystem-v2:/);
		expect(file.data).toBe('filesystem-v2');
		expect(await readBinary(file)).toEqual(transcript);
		expect(await binaryMetadata(file)).toEqual({ fileName: 'train.jsonl', mimeType: 'text/plain', fileSize: transcript.length });

		expect(audioItem.pairedItem).toEqual({ item: 1 });
		const speech = audioItem.binary!.file;
		expect(speech).toMatchObject({ fileName: 'speech', mimeType: 'audio/mpeg', fileType: 'audio', bytes: audio.length });
		expect((await readBinary(speech)).equals(audio)).toBe(true);
	});
});
