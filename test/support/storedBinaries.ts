/**
 * Runs the node with input binaries kept "in n8n's binary store", as the filesystem mode keeps them: each
 * binary has an `id` and its content is only reachable through getBinaryStream, which hands it out in small
 * chunks (so lines and UTF-8 characters are split across chunks, as a file stream may split them).
 */
import type { IBinaryData, INodeExecutionData } from 'n8n-workflow';
import { Readable } from 'node:stream';

import { createExecuteContext, nodeTypeOf, type ContextOptions } from './executeContext';

export interface StoredFile {
	content: Buffer;
	fileName: string;
	mimeType: string;
	/** Overrides the size the binary reports (to test limits without making huge files). */
	reportedBytes?: number;
}

export interface StoreRun {
	output: INodeExecutionData[];
	/** Every binary ID opened with getBinaryStream, in order. */
	opened: string[];
}

export function storedBinary(id: string, file: StoredFile): IBinaryData {
	return {
		data: 'filesystem-v2',
		id: `filesystem-v2:${id}`,
		mimeType: file.mimeType,
		fileName: file.fileName,
		fileExtension: file.fileName.split('.').pop(),
		fileSize: `${file.reportedBytes ?? file.content.length} B`,
		bytes: file.reportedBytes ?? file.content.length,
	};
}

/** Runs the node; `files` are keyed by binary ID, `items` refer to them through storedBinary(). */
export async function runNodeWithStore(
	options: ContextOptions & { files: Record<string, StoredFile>; chunkSize?: number },
): Promise<StoreRun> {
	const opened: string[] = [];
	const { context } = createExecuteContext(options);
	const chunkSize = options.chunkSize ?? 7;
	context.helpers.getBinaryStream = async (binaryId: string) => {
		opened.push(binaryId);
		const file = options.files[binaryId.replace(/^filesystem-v2:/, '')];
		if (!file) throw new Error(`No binary data with ID ${binaryId}`);
		const chunks: Buffer[] = [];
		for (let at = 0; at < file.content.length; at += chunkSize) chunks.push(file.content.subarray(at, at + chunkSize));
		return Readable.from(chunks);
	};
	const [output] = (await nodeTypeOf(options.typeVersion).execute!.call(context)) as INodeExecutionData[][];
	return { output, opened };
}

/** Same as runNodeWithStore, returning the error the node threw. */
export async function runNodeWithStoreExpectingError(
	options: ContextOptions & { files: Record<string, StoredFile>; chunkSize?: number },
): Promise<Error & { description?: string }> {
	try {
		await runNodeWithStore(options);
	} catch (error) {
		return error as Error;
	}
	throw new Error('Expected the node to throw, but it returned normally');
}
