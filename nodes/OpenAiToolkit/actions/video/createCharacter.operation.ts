import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fieldError, readRequiredText } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { binaryPropertyField } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { sendUpload } from '../../transport/uploadRetry';
import type { OperationContext } from '../types';
import { readVideoUpload } from './inputs';

/** The spec's limit for a character's name. */
export const MAX_CHARACTER_NAME = 80;

export const description: INodeProperties[] = showOnlyFor('video', 'createCharacter', [
	{
		displayName: 'Name',
		name: 'characterName',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Captain Whiskers',
		description: 'The name the character goes by, up to 80 characters',
	},
	binaryPropertyField({
		description: 'Name of the binary property of the input item that holds the video of the character (MP4, MOV or WebM)',
	}),
]);

/** POST /videos/characters (multipart): the video streams from n8n's binary store. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const name = readRequiredText(this, itemIndex, 'characterName', 'Name');
	if (name.length > MAX_CHARACTER_NAME) {
		throw fieldError(this, itemIndex, `The field 'Name' is ${name.length} characters long; OpenAI takes at most ${MAX_CHARACTER_NAME}`);
	}
	const propertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const upload = await readVideoUpload(this, itemIndex, propertyName);
	const character = await sendUpload(ctx, upload, async (video, requestOptions) =>
		await ctx.client.videos.createCharacter({ name, video }, requestOptions),
	);
	return toItems(character, itemIndex);
}
