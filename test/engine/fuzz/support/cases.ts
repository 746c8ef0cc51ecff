/**
 * The operations to fuzz, read from the node's resources (so a new one is fuzzed without editing the suite),
 * and the arbitrary of one fuzz case: a few input items, each with its own parameter values (as expressions
 * would give) and maybe a binary, plus how the server and the node are set up.
 */
import fc from 'fast-check';
import type { IBinaryData, INodeProperties } from 'n8n-workflow';

import { resourcesFor } from '../../../../nodes/OpenAiToolkit/actions/resources';
import type { OperationModule } from '../../../../nodes/OpenAiToolkit/actions/types';
import { binaryFrom, nodeDescription } from '../../../support/executeContext';
import { makeJpegStub, makePng, makeWav } from '../../../support/media-files';
import { hostileText, parametersArbitrary, type KnownValues } from './arbitraries';
import { serverBehaviour, type ServerBehaviour } from './hostileServer';

export interface FuzzOperation {
	resource: string;
	operation: string;
	module: OperationModule;
	properties: INodeProperties[];
	/** The node version the case runs on: every operation of version 1 and of version 2 is fuzzed. */
	version: 1 | 2;
}

/** The fields version 2 shows for one operation (its names differ from version 1's where version 2 renamed). */
function version2Fields(resource: string, operation: string): INodeProperties[] {
	return nodeDescription(2).properties.filter((property) => {
		const show = property.displayOptions?.show;
		return (show?.resource as string[] | undefined)?.includes(resource) && (show?.operation as string[] | undefined)?.includes(operation);
	});
}

export function allOperations(): FuzzOperation[] {
	return ([1, 2] as const).flatMap((version) =>
		Object.entries(resourcesFor(version)).flatMap(([resource, resourceModule]) =>
			Object.entries(resourceModule.operations).map(([operation, module]) => ({
				resource,
				operation,
				module,
				properties: version === 1 ? module.description : version2Fields(resource, operation),
				version,
			})),
		),
	);
}

export interface ItemSpec {
	parameters: Record<string, unknown>;
	/** The item's binary property `data`, if it has one. */
	binary?: IBinaryData;
}

export interface FuzzCase {
	items: ItemSpec[];
	server: ServerBehaviour;
	continueOnFail: boolean;
	/** "Continue (using error output)": failed items also carry the error object itself. */
	errorOutput: boolean;
	concurrency: number;
}

const JSONL = '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}\n';

const binaryContent = fc.constantFrom(
	() => binaryFrom(makePng(), 'image.png', 'image/png'),
	() => binaryFrom(makeWav({ seconds: 0.05 }), 'audio.wav', 'audio/wav'),
	() => binaryFrom(JSONL, 'train.jsonl', 'application/jsonl'),
	() => binaryFrom(makeJpegStub(), 'photo.jpg', 'image/jpeg'),
	() => binaryFrom(Buffer.from([0, 1, 2, 255, 254]), 'junk.bin', 'application/octet-stream'),
	() => binaryFrom(Buffer.alloc(0), 'empty.png', 'image/png'),
);

/** A binary with maybe a hostile file name or MIME type. */
const binaryArbitrary: fc.Arbitrary<IBinaryData> = fc
	.record({
		make: binaryContent,
		fileName: fc.option(hostileText, { freq: 4 }),
		mimeType: fc.option(fc.oneof(hostileText, fc.constantFrom('image/png', 'text/plain')), { freq: 4 }),
	})
	.map(({ make, fileName, mimeType }) => {
		const binary = make();
		if (fileName !== null) binary.fileName = fileName;
		if (mimeType !== null) binary.mimeType = mimeType;
		return binary;
	});

export function caseArbitrary(operation: FuzzOperation, known: KnownValues): fc.Arbitrary<FuzzCase> {
	const item = fc.record({
		parameters: parametersArbitrary(operation.properties, known),
		binary: fc.option(binaryArbitrary, { freq: 3, nil: undefined }),
	});
	return fc.record({
		items: fc.array(item, { minLength: 1, maxLength: 3 }),
		server: serverBehaviour,
		// Mostly with Continue On Fail (every item must come out); sometimes without (only n8n errors may escape).
		continueOnFail: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
		errorOutput: fc.boolean(),
		concurrency: fc.integer({ min: 1, max: 5 }),
	});
}
