/**
 * The tool loop both APIs share: send the request, run the function calls the model asks for (concurrently,
 * through the connected tools), hand the results back, and repeat until the model answers — at most Max Tool
 * Iterations rounds, so the loop always ends. How a request looks and how results go back is the API's part
 * (chat.ts, responses.ts).
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { abortError } from '../../transport/abort';
import type { ConnectedTool } from './connected';
import type { ToolLoopSettings } from './settings';

/** One function call the model asked for. */
export interface ToolCallRequest {
	/** The API's ID of the call, which its result refers to. */
	id: string;
	name: string;
	/** The arguments as the model wrote them (JSON text). */
	arguments: string;
}

/** One entry of the transcript an item outputs: a call, what the tool answered, and how long it took. */
export interface TranscriptEntry extends IDataObject {
	iteration: number;
	call_id: string;
	name: string;
	arguments: IDataObject | string;
	result: IDataObject | IDataObject[] | string | number | boolean | null;
	error?: string;
	duration_ms: number;
}

/** A call's outcome: the text that goes back to the model, and the transcript entry. */
export interface ToolCallResult {
	call: ToolCallRequest;
	output: string;
	entry: TranscriptEntry;
}

export interface ToolLoopSpec<R> {
	/** Sends the request as it stands (the first one, then one after each round of results). */
	send: () => Promise<R>;
	/** The function calls a response asks for; none means the model answered. */
	callsOf: (response: R) => ToolCallRequest[];
	/** Adds a response's calls and their results to the next request. */
	addResults: (response: R, results: ToolCallResult[]) => void;
}

export interface ToolLoopContext {
	context: IExecuteFunctions;
	itemIndex: number;
	tools: ConnectedTool[];
	/** Functions defined in the node's own tool fields, which the workflow runs itself. */
	fieldToolNames: readonly string[];
	settings: ToolLoopSettings;
	signal?: AbortSignal;
}

/** The text a tool's answer goes back to the model as. */
function outputText(value: unknown): string {
	if (typeof value === 'string') return value;
	if (value === undefined || value === null) return '';
	return JSON.stringify(value) ?? String(value);
}

/** A tool's answer for the transcript: the JSON a tool answered with as data, any other text as it is. */
function transcriptValue(text: string): TranscriptEntry['result'] {
	const trimmed = text.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
	try {
		return JSON.parse(trimmed) as IDataObject;
	} catch {
		return text;
	}
}

/** The model's arguments as an object, or why they are not one. */
function parseArguments(text: string): IDataObject | string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text === '' ? '{}' : text);
	} catch (error) {
		return errorMessage(error);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'the arguments are not a JSON object';
	return parsed as IDataObject;
}

/** A call that cannot reach a tool: its error, as the model (or the item, with Stop On Tool Error) gets it. */
function callError(loop: ToolLoopContext, message: string): NodeOperationError {
	return new NodeOperationError(loop.context.getNode(), message, { itemIndex: loop.itemIndex });
}

function errorMessage(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	return message || 'The tool failed without a message';
}

/** Runs one call: an unknown tool, arguments that are not JSON, or the tool's own failure are the call's error. */
async function runCall(loop: ToolLoopContext, call: ToolCallRequest, iteration: number): Promise<ToolCallResult> {
	const started = Date.now();
	const entry: TranscriptEntry = { iteration, call_id: call.id, name: call.name, arguments: call.arguments, result: null, duration_ms: 0 };
	let output: string;
	try {
		const tool = loop.tools.find((candidate) => candidate.name === call.name);
		if (!tool) throw callError(loop, `There is no tool named '${call.name}'. Tools: ${loop.tools.map((t) => t.name).join(', ')}`);
		const args = parseArguments(call.arguments);
		if (typeof args === 'string') throw callError(loop, `The arguments for '${call.name}' are not valid JSON: ${args}`);
		entry.arguments = args;
		output = outputText(await tool.invoke(args, loop.signal));
		entry.result = transcriptValue(output);
	} catch (error) {
		if (loop.signal?.aborted) throw abortError();
		const message = errorMessage(error);
		if (loop.settings.stopOnToolError) {
			throw new NodeOperationError(loop.context.getNode(), `The tool '${call.name}' failed: ${message}`, {
				itemIndex: loop.itemIndex,
				description: `Item ${loop.itemIndex + 1} (index ${loop.itemIndex}). Turn off 'Stop On Tool Error' to hand a tool's error to the model instead.`,
			});
		}
		entry.error = message;
		output = `Error: ${message}`;
		entry.result = output;
	}
	entry.duration_ms = Date.now() - started;
	return { call, output, entry };
}

function limitError(loop: ToolLoopContext): NodeOperationError {
	const { maxIterations } = loop.settings;
	return new NodeOperationError(
		loop.context.getNode(),
		`The model still asks for tools after ${maxIterations} tool iteration${maxIterations === 1 ? '' : 's'}`,
		{
			itemIndex: loop.itemIndex,
			description: `Item ${loop.itemIndex + 1} (index ${loop.itemIndex}). Raise 'Max Tool Iterations' (in Options) if the task needs more rounds, or check what the tools answer.`,
		},
	);
}

/**
 * Runs the loop and returns the model's final response with the transcript of every call. A response that
 * calls a function defined in the node's own tool fields (not a connected tool) ends the loop too: it is
 * output as it is, for the workflow to handle, as without connected tools.
 */
export async function runToolLoop<R>(
	loop: ToolLoopContext,
	spec: ToolLoopSpec<R>,
): Promise<{ response: R; transcript: TranscriptEntry[] }> {
	const transcript: TranscriptEntry[] = [];
	const connected = new Set(loop.tools.map((tool) => tool.name));
	for (let iteration = 1; ; iteration++) {
		if (loop.signal?.aborted) throw abortError();
		const response = await spec.send();
		const calls = spec.callsOf(response);
		if (calls.length === 0 || calls.some((call) => loop.fieldToolNames.includes(call.name) && !connected.has(call.name))) {
			return { response, transcript };
		}
		if (iteration > loop.settings.maxIterations) throw limitError(loop);
		// Parallel calls run at once; the results go back in the order the model asked.
		const results = await Promise.all(calls.map(async (call) => await runCall(loop, call, iteration)));
		transcript.push(...results.map((result) => result.entry));
		spec.addResults(response, results);
	}
}
