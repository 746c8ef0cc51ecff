import { Readable } from 'node:stream';
import type { IBinaryData } from 'n8n-workflow';

import { createExecuteContext } from '../../support/executeContext';
import { formatBytes } from '../../../nodes/OpenAiToolkit/helpers/uploads';

/** A context whose items hold binaries "in n8n's binary store": each has an id and is read as a stream. */
export function storedBinaryContext(files: Record<string, { content: Buffer; fileName: string; mimeType: string }>) {
	const opened: string[] = [];
	const binary: Record<string, IBinaryData> = {};
	for (const [property, file] of Object.entries(files)) {
		binary[property] = {
			data: 'filesystem-v2',
			id: `filesystem-v2:test/${property}`,
			mimeType: file.mimeType,
			fileName: file.fileName,
			fileSize: formatBytes(file.content.length),
			bytes: file.content.length,
		};
	}
	const test = createExecuteContext({ parameters: {}, items: [{ json: {}, binary }] });
	test.context.helpers.getBinaryStream = async (id: string) => {
		opened.push(id);
		const property = id.split('/').pop()!;
		const content = files[property].content;
		// Several chunks, as a file stream gives them.
		return Readable.from([content.subarray(0, 5), content.subarray(5)]);
	};
	return { ...test, opened };
}
