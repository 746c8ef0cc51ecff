import type { ImagesResponse } from 'openai/resources/images';
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { fieldError } from '../../helpers/checks';
import { download, DownloadError } from '../../transport/download';
import type { OperationContext } from '../types';
import { detectImageFormat, IMAGE_EXTENSIONS, IMAGE_MIME_TYPES, type ImageFormat } from './png';

/* The images of an answer as output items: binary data decoded from base64 or downloaded from their URLs. */

export interface ImageOutputSettings {
	keepUrlsOnly: boolean;
	binaryPropertyOutput: string;
	/** What the file names start with, e.g. "image" gives image-1.png, image-2.png… */
	fileNamePrefix: string;
}

export function getImageOutputSettings(options: IDataObject, fileNamePrefix: string): ImageOutputSettings {
	return {
		keepUrlsOnly: options.keepUrlsOnly === true,
		binaryPropertyOutput: String(options.binaryPropertyOutput ?? 'data').trim() || 'data',
		fileNamePrefix,
	};
}

/** An image URL from the answer, through transport/download.ts: no API key, the proxy, cancel, timeout, size cap. */
async function downloadImage(
	context: IExecuteFunctions,
	itemIndex: number,
	url: string,
	position: number,
	ctx: OperationContext,
): Promise<{ buffer: Buffer; contentType: string | null }> {
	const outcome = await download(url, { timeoutMs: ctx.client.timeout, signal: ctx.cancelSignal }).then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	if ('value' in outcome) return outcome.value;
	const { error } = outcome;
	// A cancelled execution ends as every other request does.
	if (!(error instanceof DownloadError)) throw error;
	const expired = error.status !== undefined ? "OpenAI's image URLs are valid for 60 minutes. " : '';
	throw fieldError(
		context,
		itemIndex,
		`Could not download image ${position} from the URL OpenAI returned: ${error.message}`,
		`${expired}Turn on 'Keep URLs Only' to output the URL instead.`,
	);
}

function formatFromContentType(contentType: string | null | undefined): ImageFormat | undefined {
	const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (type === 'image/png') return 'png';
	if (type === 'image/jpeg' || type === 'image/jpg') return 'jpeg';
	if (type === 'image/webp') return 'webp';
	return undefined;
}

/**
 * One output item per image: the image as binary data (decoded from base64, or downloaded from its URL unless
 * Keep URLs Only is on) and the URL / revised prompt and the response's details in JSON. The usage (billed
 * once per request) is on the first item only.
 */
export async function imagesToItems(
	context: IExecuteFunctions,
	itemIndex: number,
	response: ImagesResponse,
	settings: ImageOutputSettings,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const images = response.data ?? [];
	const items: INodeExecutionData[] = [];
	for (const [index, image] of images.entries()) {
		const json: IDataObject = { index, created: response.created };
		if (image.url) json.url = image.url;
		if (image.revised_prompt) json.revised_prompt = image.revised_prompt;
		for (const key of ['background', 'output_format', 'quality', 'size'] as const) {
			if (response[key] !== undefined) json[key] = response[key];
		}
		if (index === 0 && response.usage) json.usage = response.usage as unknown as IDataObject;

		let buffer: Buffer | undefined;
		let contentType: string | null | undefined;
		if (image.b64_json) {
			buffer = Buffer.from(image.b64_json, 'base64');
		} else if (image.url && !settings.keepUrlsOnly) {
			({ buffer, contentType } = await downloadImage(context, itemIndex, image.url, index + 1, ctx));
		}
		const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
		if (buffer) {
			const format =
				detectImageFormat(buffer) ??
				formatFromContentType(contentType) ??
				(response.output_format === 'jpeg' || response.output_format === 'webp' ? response.output_format : 'png');
			const fileName = `${settings.fileNamePrefix}-${index + 1}.${IMAGE_EXTENSIONS[format]}`;
			const binary: IBinaryKeyData = {
				[settings.binaryPropertyOutput]: await context.helpers.prepareBinaryData(buffer, fileName, IMAGE_MIME_TYPES[format]),
			};
			item.binary = binary;
		}
		items.push(item);
	}
	return items;
}
