import { NodeApiError, NodeOperationError, type INode } from 'n8n-workflow';
import type { Batch } from 'openai/resources/batches';

import {
	mapResultsToItems,
	parseResultLines,
	sortByCustomId,
	type BatchResultLine,
} from '../../../../nodes/OpenAiToolkit/actions/batch/results';
import { errorToItemJson, toNodeError } from '../../../../nodes/OpenAiToolkit/helpers/errors';

const node: INode = { id: 'n', name: 'OpenAI Toolkit', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };

const batch = (status: Batch['status'], extra: Partial<Batch> = {}) =>
	({ id: 'batch_1', object: 'batch', status, endpoint: '/v1/chat/completions', ...extra }) as Batch;

const ok = (customId: string, content: string): BatchResultLine => ({
	id: `batch_req_${customId}`,
	custom_id: customId,
	response: { status_code: 200, request_id: `req_${customId}`, body: { id: `chatcmpl-${customId}`, choices: [{ message: { content } }] } },
	error: null,
});

describe('Batch results', () => {
	test('parses JSONL result files, skipping blank lines and anything that is not a result line', () => {
		const text = `${JSON.stringify(ok('2', 'b'))}\n\n${JSON.stringify(ok('0', 'a'))}\nnot json\n"a string"\n`;
		expect(parseResultLines(text).map((line) => line.custom_id)).toEqual(['2', '0']);
	});

	test('orders lines by custom_id numerically', () => {
		const lines = ['10', '2', '0', '1'].map((id) => ok(id, id));
		expect(sortByCustomId(lines).map((line) => line.custom_id)).toEqual(['0', '1', '2', '10']);
	});

	test('maps an out-of-order output file and an error file back to the items by custom_id', () => {
		const output = [ok('4', 'four'), ok('0', 'zero'), ok('3', 'three')];
		const errors: BatchResultLine[] = [
			{
				id: 'batch_req_2',
				custom_id: '2',
				response: {
					status_code: 404,
					request_id: 'req_2',
					body: { error: { message: "The model 'nope' does not exist", type: 'invalid_request_error', param: 'model', code: 'model_not_found' } },
				},
				error: null,
			},
			{ id: 'batch_req_1', custom_id: '1', response: null, error: { code: 'batch_expired', message: 'Not run before the window ended.' } },
		];
		const results = mapResultsToItems(node, [0, 1, 2, 3, 4], batch('completed'), { output, errors });
		expect([...results.keys()]).toEqual([0, 1, 2, 3, 4]);
		const bodies = [0, 3, 4].map((i) => {
			const result = results.get(i)!;
			return result.ok ? result.body.id : 'failed';
		});
		expect(bodies).toEqual(['chatcmpl-0', 'chatcmpl-3', 'chatcmpl-4']);

		const apiFailure = results.get(2)!;
		expect(apiFailure.ok).toBe(false);
		const apiError = toNodeError(node, (apiFailure as { error: Error }).error, 2, []);
		expect(apiError).toBeInstanceOf(NodeApiError);
		expect(errorToItemJson(apiError)).toMatchObject({
			error: "The batch request of item 2 failed: The model 'nope' does not exist",
			status: 404,
			code: 'model_not_found',
			param: 'model',
			requestId: 'req_2',
		});

		const lineFailure = results.get(1)!;
		expect(lineFailure.ok).toBe(false);
		const lineError = (lineFailure as { error: Error }).error as NodeOperationError;
		expect(lineError.message).toBe('The batch request of item 1 failed: Not run before the window ended.');
		expect(lineError.description).toBe('code: batch_expired, custom_id: 1, batch batch_1 (status completed)');
	});

	test('an output line wins over an error line for the same custom_id', () => {
		const results = mapResultsToItems(node, [0], batch('completed'), {
			output: [ok('0', 'fine')],
			errors: [{ custom_id: '0', response: null, error: { code: 'x', message: 'earlier failure' } }],
		});
		expect(results.get(0)!.ok).toBe(true);
	});

	test.each([
		['failed', { errors: { object: 'list', data: [{ code: 'invalid_json_line', message: 'This line is not valid JSON.', line: 3 }] } }, 'the batch batch_1 failed: This line is not valid JSON. (line 3)'],
		['expired', {}, 'the batch batch_1 expired before this request ran'],
		['cancelled', {}, 'the batch batch_1 was cancelled before this request ran'],
		['completed', {}, 'the batch batch_1 (status completed) has no result for it'],
	] as const)('an item without a line in a %s batch says why it did not run', (status, extra, reason) => {
		const results = mapResultsToItems(node, [5], batch(status, extra as Partial<Batch>), { output: [], errors: [] });
		const result = results.get(5)!;
		expect(result.ok).toBe(false);
		expect((result as { error: Error }).error.message).toBe(`The batch request of item 5 did not run: ${reason}`);
	});
});
