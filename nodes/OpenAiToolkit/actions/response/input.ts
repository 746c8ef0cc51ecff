import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError, requireText, textOf } from '../../helpers/checks';
import { binaryImageDataUrl } from '../../helpers/dataUrl';
import { withResponseFiles } from './files';

type MessageEntry = {
	role?: string;
	content?: unknown;
	imageUrls?: unknown;
	imageBinaryProperties?: unknown;
	imageDetail?: string;
};

/** Splits a comma / newline separated list, dropping blanks. */
export function splitList(value: unknown): string[] {
	return textOf(value)
		.split(/[\s,]+/)
		.map((entry) => entry.trim())
		.filter(Boolean);
}

async function buildMessages(context: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const collection = context.getNodeParameter('inputMessages', itemIndex, {}) as { message?: MessageEntry[] };
	const entries = collection.message ?? [];
	if (entries.length === 0) throw fieldError(context, itemIndex, "The field 'Messages' has no message");
	const messages: IDataObject[] = [];
	for (const [position, entry] of entries.entries()) {
		const where = `Message ${position + 1}`;
		const role = entry.role ?? 'user';
		const text = textOf(entry.content);
		const urls = splitList(entry.imageUrls);
		const binaryNames = splitList(entry.imageBinaryProperties);
		const hasImages = urls.length + binaryNames.length > 0;
		if (hasImages && role !== 'user') {
			throw fieldError(context, itemIndex, `${where}: images can only be sent in a user message (this one is '${role}')`);
		}
		if (!hasImages) {
			if (text.trim() === '') throw fieldError(context, itemIndex, `${where}: the field 'Content' is empty`);
			messages.push({ role, content: text });
			continue;
		}
		const detail = entry.imageDetail ?? 'auto';
		const content: IDataObject[] = [];
		if (text.trim() !== '') content.push({ type: 'input_text', text });
		for (const url of urls) content.push({ type: 'input_image', image_url: url, detail });
		for (const name of binaryNames) {
			const imageUrl = await binaryImageDataUrl(context, itemIndex, name, `${where}, field 'Image Binary Fields'`);
			content.push({ type: 'input_image', image_url: imageUrl, detail });
		}
		messages.push({ role, content });
	}
	return messages;
}

/**
 * The `input` of a response: one text, or the messages (with images in user messages); with version 2's Files
 * list (Response → Create only), the files join the last user message.
 */
export async function buildInput(context: IExecuteFunctions, itemIndex: number): Promise<string | IDataObject[]> {
	const inputMode = context.getNodeParameter('inputMode', itemIndex, 'text') as string;
	const input =
		inputMode === 'messages'
			? await buildMessages(context, itemIndex)
			: requireText(context, itemIndex, context.getNodeParameter('inputText', itemIndex, ''), 'Input');
	return await withResponseFiles(context, itemIndex, input);
}
