/**
 * The Tools input run by n8n-core's real engine: version 2's inputs worked out from the parameters, tool
 * sub-nodes connected with `ai_tool` and handed over by the engine's getInputConnectionData — one supplying a
 * LangChain tool (as n8n's Calculator does), one a plain node n8n turns into a tool from its $fromAI() parameters
 * (as it does for HTTP Request) — each call run by n8n (the tool nodes have run data), the results sent back,
 * the answer and the transcript output.
 */
import {
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	type ISupplyDataFunctions,
	type SupplyData,
} from 'n8n-workflow';
import { z } from 'zod';

import { OpenAiToolkit } from '../../nodes/OpenAiToolkit/OpenAiToolkit.node';
import { defaultNodeTypes, outputOf, runWorkflow, taskOf } from './support/runWorkflow';
import { useFakeOpenAi } from './support/fakeServer';
import { chain, testCredentials, toolkitNode } from './support/workflow';

// LangChain's tool class, as n8n's tool nodes use it. Loaded untyped: type-checking LangChain's declarations
// takes minutes.
type ToolClass = new (fields: Record<string, unknown>) => object;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DynamicStructuredTool } = require('@langchain/core/tools') as { DynamicStructuredTool: ToolClass };

const ADDER_TYPE = 'engineTest.adderTool';
const ECHO_TYPE = 'engineTest.echoTool';

const toolDescription = (name: string, description: string, properties: INodeTypeDescription['properties'] = []): INodeTypeDescription => ({
	displayName: name,
	name,
	group: ['transform'],
	version: 1,
	description,
	defaults: { name },
	inputs: [],
	outputs: [NodeConnectionTypes.AiTool],
	properties,
});

/** Supplies a LangChain tool whose runs it records the way n8n's own tool nodes do. */
class AdderTool implements INodeType {
	description = toolDescription(ADDER_TYPE, 'Adds two numbers');

	async supplyData(this: ISupplyDataFunctions): Promise<SupplyData> {
		const tool = new DynamicStructuredTool({
			name: 'add',
			description: 'Adds two numbers',
			schema: z.object({ a: z.number().describe('The first number'), b: z.number() }),
			func: async ({ a, b }: { a: number; b: number }) => {
				const { index } = this.addInputData(NodeConnectionTypes.AiTool, [[{ json: { a, b } }]]);
				const response = String(a + b);
				this.addOutputData(NodeConnectionTypes.AiTool, index, [[{ json: { response } }]]);
				return response;
			},
		});
		return { response: tool };
	}
}

/** A plain node with an ai_tool output: n8n makes it a tool whose arguments are its $fromAI() parameters. */
class EchoTool implements INodeType {
	description = toolDescription(ECHO_TYPE, 'Says the text back', [{ displayName: 'Text', name: 'text', type: 'string', default: '' }]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [[{ json: { echo: String(this.getNodeParameter('text', 0)).toUpperCase() } }]];
	}
}

const toolNode = (name: string, type: string, parameters = {}): INode => ({ id: `node-${name.toLowerCase()}`, name, type, typeVersion: 1, position: [0, 300], parameters });

function withTools(asking: INode) {
	const workflow = chain(asking);
	workflow.nodes.push(toolNode('Adder', ADDER_TYPE), toolNode('Echo', ECHO_TYPE, { text: "={{ $fromAI('text', 'What to say back', 'string') }}" }));
	for (const tool of ['Adder', 'Echo']) workflow.connections[tool] = { ai_tool: [[{ node: asking.name, type: 'ai_tool', index: 0 }]] };
	return workflow;
}

const nodeTypes = () => ({ ...defaultNodeTypes(), [ADDER_TYPE]: new AdderTool(), [ECHO_TYPE]: new EchoTool() });
const ROUNDS = [[{ name: 'add', arguments: { a: 2, b: 40 } }, { name: 'Echo', arguments: { text: 'hello' } }]];
const PROMPT = `Use both #tool-script ${JSON.stringify(ROUNDS)}`;

describe('engine: the Tools input', () => {
	const fake = useFakeOpenAi();

	test('version 2 has a Tools input on Chat → Create Completion and Response → Create only; version 1 never', () => {
		const node = new OpenAiToolkit();
		const inputsOf = (typeVersion: 1 | 2, parameters: Record<string, string>) => {
			const toolkit: INode = { id: 'n', name: 'Toolkit', type: 'toolkit', typeVersion, position: [0, 0], parameters };
			const workflow = new Workflow({ nodes: [toolkit], connections: {}, active: false, nodeTypes: { getByName: () => node, getByNameAndVersion: () => node.getNodeType(typeVersion), getKnownTypes: () => ({}) } });
			const inputs = NodeHelpers.getNodeInputs(workflow, workflow.getNode('Toolkit')!, node.getNodeType(typeVersion).description);
			return inputs.map((input) => (typeof input === 'string' ? input : input.type));
		};
		expect(inputsOf(2, {})).toEqual(['main', 'ai_tool']);
		expect(inputsOf(2, { resource: 'chat', operation: 'createCompletion' })).toEqual(['main', 'ai_tool']);
		expect(inputsOf(2, { resource: 'response', operation: 'create' })).toEqual(['main', 'ai_tool']);
		expect(inputsOf(2, { resource: 'response', operation: 'retrieve' })).toEqual(['main']);
		expect(inputsOf(2, { resource: 'image', operation: 'generate' })).toEqual(['main']);
		expect(inputsOf(1, { resource: 'chat', operation: 'createCompletion' })).toEqual(['main']);
	});

	test.each([
		['Chat → Create Completion', { resource: 'chat', operation: 'createCompletion', messages: { values: [{ role: 'user', content: PROMPT }] } }],
		['Response → Create', { resource: 'response', operation: 'create', inputText: PROMPT }],
	])('%s: both tools called in one round, run by n8n, the answer and the transcript output', async (_name, parameters) => {
		const workflow = withTools(toolkitNode('Ask', parameters, { typeVersion: 2 }));
		const run = await runWorkflow(workflow, { credentials: testCredentials(fake.server.url), nodeTypes: nodeTypes() });
		expect(run.status).toBe('success');

		const [item] = outputOf(run, 'Ask');
		expect(item.json.text).toBe('tools answered: 42 | [{"echo":"HELLO"}]');
		expect(item.json.tool_calls_transcript).toEqual([
			{ iteration: 1, call_id: 'call_1_1', name: 'add', arguments: { a: 2, b: 40 }, result: '42', duration_ms: expect.any(Number) },
			{ iteration: 1, call_id: 'call_1_2', name: 'Echo', arguments: { text: 'hello' }, result: [{ echo: 'HELLO' }], duration_ms: expect.any(Number) },
		]);

		// Offered: both tools (in the order n8n lists the connections) with their schemas (zod from this test and from
		// n8n-core's $fromAI()).
		const first = fake.server.requests[0].body;
		const offered = (first.tools as Array<Record<string, any>>).map((tool) => tool.function ?? tool);
		expect(offered.map((tool) => [tool.name, tool.parameters]).sort()).toEqual([
			['Echo', { type: 'object', properties: { text: { type: 'string', description: 'What to say back' } }, required: ['text'] }],
			['add', { type: 'object', properties: { a: { type: 'number', description: 'The first number' }, b: { type: 'number' } }, required: ['a', 'b'] }],
		]);
		expect(fake.server.requests).toHaveLength(2);

		// n8n ran each tool as a sub-node run of its own, shown in the execution.
		expect(taskOf(run, 'Adder').data?.ai_tool?.[0]?.[0]?.json).toEqual({ response: '42' });
		expect(taskOf(run, 'Echo').data?.ai_tool?.[0]?.[0]?.json).toEqual({ response: [{ echo: 'HELLO' }] });
	});
});
