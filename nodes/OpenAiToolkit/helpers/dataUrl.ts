import type { IExecuteFunctions } from 'n8n-workflow';

import { fieldError } from './checks';

async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
	return Buffer.concat(chunks);
}

/**
 * An image from an input binary field as a `data:` URL, which is how the chat and moderation endpoints take
 * image bytes. `where` names the field for the error when the binary field is missing or is not an image.
 */
export async function binaryImageDataUrl(
	context: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	where: string,
): Promise<string> {
	const name = propertyName.trim();
	if (name === '') throw fieldError(context, itemIndex, `${where}: the input binary field name is empty`);
	const binary = context.getInputData()[itemIndex]?.binary?.[name];
	if (!binary) {
		const available = Object.keys(context.getInputData()[itemIndex]?.binary ?? {});
		throw fieldError(
			context,
			itemIndex,
			`${where}: the input item has no binary field '${name}'`,
			available.length ? `Binary fields on this item: ${available.join(', ')}.` : 'This item has no binary data at all.',
		);
	}
	const checked = context.helpers.assertBinaryData(itemIndex, name);
	const mimeType = (checked.mimeType ?? '').split(';')[0].trim();
	if (!mimeType.startsWith('image/')) {
		throw fieldError(
			context,
			itemIndex,
			`${where}: the binary field '${name}' is not an image (MIME type '${mimeType || 'unknown'}')`,
		);
	}
	const bytes = checked.id
		? await readAll(await context.helpers.getBinaryStream(checked.id))
		: Buffer.from(checked.data, 'base64');
	return `data:${mimeType};base64,${bytes.toString('base64')}`;
}
