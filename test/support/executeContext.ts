/**
 * A small stand-in for n8n's IExecuteFunctions, enough to run the node's `execute` in a unit test.
 * Parameters get their defaults the way n8n gives them (NodeHelpers.getNodeParameters over the node's real
 * description), so a test sets only what it changes. A parameter may be a function of the item index, like an
 * expression. Binary data is kept in memory as n8n's default mode does.
 */
import {
	BINARY_ENCODING,
	NodeHelpers,
	NodeOperationError,
	type IBinaryData,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { Readable } from 'node:stream';

import { OpenAiToolkit } from '../../nodes/OpenAiToolkit/OpenAiToolkit.node';
import { TEST_API_KEY } from './constants';
import { resetSharedPaces } from '../../nodes/OpenAiToolkit/transport/paceRegistry';


export type ParameterValue = unknown | ((itemIndex: number) => unknown);

export interface ContextOptions {
	parameters: Record<string, ParameterValue>;
	items?: INodeExecutionData[];
	credentials?: IDataObject;
	continueOnFail?: boolean;
	cancelSignal?: AbortSignal;
	/** The node's version (default 1, what saved workflows have; new nodes are 2). */
	typeVersion?: 1 | 2;
}

export interface TestContext {
	context: IExecuteFunctions;
	node: INode;
	/** Binary data written with prepareBinaryData, in order. */
	written: IBinaryData[];
}

const versionedNode = new OpenAiToolkit();

/** One version of the node, as n8n picks it for a node of that typeVersion. */
export function nodeTypeOf(version: 1 | 2 = 1): INodeType {
	return versionedNode.getNodeType(version);
}

/** The description of one version of the node (its parameters). */
export function nodeDescription(version: 1 | 2 = 1): INodeTypeDescription {
	return nodeTypeOf(version).description;
}

function resolveForItem(parameters: Record<string, ParameterValue>, itemIndex: number): INodeParameters {
	const resolved: INodeParameters = {};
	for (const [key, value] of Object.entries(parameters)) {
		resolved[key] = (typeof value === 'function' ? (value as (i: number) => unknown)(itemIndex) : value) as never;
	}
	return resolved;
}

function lookup(source: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], source);
}

/** Binary data the way n8n stores it in memory: base64 plus metadata. */
export function binaryFrom(content: Buffer | string, fileName: string, mimeType: string): IBinaryData {
	const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
	const extension = fileName.includes('.') ? fileName.split('.').pop() : undefined;
	return {
		data: buffer.toString(BINARY_ENCODING),
		mimeType,
		fileName,
		fileExtension: extension,
		fileSize: String(buffer.length),
	};
}

export function createExecuteContext(options: ContextOptions): TestContext {
	const items: INodeExecutionData[] = options.items ?? [{ json: {} }];
	const written: IBinaryData[] = [];
	const node: INode = {
		id: 'test-node',
		name: 'OpenAI Toolkit',
		type: 'n8n-nodes-openai-toolkit.openAiToolkit',
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: resolveForItem(options.parameters, 0),
	};
	// Resolving the whole description is the slow part of a call; an item's parameters do not change within a
	// run, so each item's are resolved once (tests with thousands of items stay fast).
	const resolvedParameters = new Map<number, INodeParameters>();
	const parametersFor = (itemIndex: number): INodeParameters => {
		const cached = resolvedParameters.get(itemIndex);
		if (cached) return cached;
		const resolved = resolveParametersFor(itemIndex);
		resolvedParameters.set(itemIndex, resolved);
		return resolved;
	};
	// Only the chosen resource's properties (and the node-wide ones) can be shown, so only they are resolved:
	// n8n gives the same values, and a resolution takes a fraction of the time over the whole description.
	const description = nodeDescription(options.typeVersion ?? 1);
	const allProperties = description.properties;
	const resourceProperty = allProperties.find((property) => property.name === 'resource');
	const resource = resolveForItem(options.parameters, 0).resource ?? resourceProperty?.default;
	const properties = allProperties.filter((property) => {
		const shownFor = property.displayOptions?.show?.resource as unknown[] | undefined;
		return !shownFor || shownFor.includes(resource);
	});
	const resolveParametersFor = (itemIndex: number) =>
		NodeHelpers.getNodeParameters(
			properties,
			resolveForItem(options.parameters, itemIndex),
			true,
			false,
			node,
			description,
		) ?? {};

	const binaryOf = (itemIndex: number, propertyName: string): IBinaryData => {
		const binary = items[itemIndex]?.binary?.[propertyName];
		if (!binary) {
			throw new NodeOperationError(node, `This operation expects the node's input data to contain a binary file '${propertyName}', but none was found [item ${itemIndex}]`, { itemIndex });
		}
		return binary;
	};

	const context = {
		getNode: () => node,
		getInputData: () => items,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: () => options.cancelSignal,
		getCredentials: async () => ({ apiKey: TEST_API_KEY, ...(options.credentials ?? {}) }),
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown, parameterOptions?: { extractValue?: boolean }) => {
			// A copy, as n8n gives: an operation that changes the value must not change the cached parameters.
			let value = structuredClone(lookup(parametersFor(itemIndex), name));
			if (value === undefined) value = fallback;
			// A resource locator ({ __rl, mode, value }) gives its value, as n8n's extractValue does.
			if (parameterOptions?.extractValue && value && typeof value === 'object' && 'mode' in value) {
				value = (value as unknown as { value: unknown }).value;
			}
			if (value === undefined) throw new Error(`Could not get parameter '${name}'`);
			return value;
		},
		helpers: {
			assertBinaryData: (itemIndex: number, propertyName: string) => binaryOf(itemIndex, propertyName),
			getBinaryDataBuffer: async (itemIndex: number, propertyName: string) =>
				Buffer.from(binaryOf(itemIndex, propertyName).data, BINARY_ENCODING),
			getBinaryStream: async (binaryDataId: string) => {
				throw new Error(`No binary store in unit tests (asked for ${binaryDataId})`);
			},
			getBinaryMetadata: async () => ({}),
			binaryToBuffer: async (body: Buffer | Readable) => {
				if (Buffer.isBuffer(body)) return body;
				const chunks: Buffer[] = [];
				for await (const chunk of body) chunks.push(Buffer.from(chunk));
				return Buffer.concat(chunks);
			},
			prepareBinaryData: async (data: Buffer | Readable, fileName?: string, mimeType?: string) => {
				const buffer = Buffer.isBuffer(data) ? data : await context.helpers.binaryToBuffer(data);
				const binary = binaryFrom(buffer, fileName ?? 'file', mimeType ?? 'application/octet-stream');
				written.push(binary);
				return binary;
			},
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], { itemData }: { itemData: { item: number } }) =>
				data.map((entry) => ({ ...entry, pairedItem: itemData })),
		},
		logger: { debug() {}, info() {}, warn() {}, error() {} },
	};
	return { context: context as unknown as IExecuteFunctions, node, written };
}

/** Runs the node once, the way n8n would call `execute`. */
export async function runNode(options: ContextOptions): Promise<{ output: INodeExecutionData[]; written: IBinaryData[] }> {
	// Each run starts with the rate-limit paces of a fresh process (they are shared process-wide otherwise).
	resetSharedPaces();
	const { context, written } = createExecuteContext(options);
	const [output] = (await nodeTypeOf(options.typeVersion).execute!.call(context)) as INodeExecutionData[][];
	return { output, written };
}

/** Runs the node and returns the error it threw (fails the test if it did not throw). */
export async function runNodeExpectingError(options: ContextOptions): Promise<Error & { description?: string; context?: IDataObject; httpCode?: string }> {
	try {
		await runNode(options);
	} catch (error) {
		return error as Error;
	}
	throw new Error('Expected the node to throw, but it returned normally');
}
