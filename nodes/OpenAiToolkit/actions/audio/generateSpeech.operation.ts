import type { SpeechCreateParams } from 'openai/resources/audio/speech';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkNumber, fieldError, requireText } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, getModel, modelField, withAdditionalBodyFields } from '../../helpers/fields';
import type { OperationContext } from '../types';

export const SPEECH_INPUT_MAX_CHARS = 4096;
const SPEED_MIN = 0.25;
const SPEED_MAX = 4;

type SpeechFormat = 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';

/** What each format is, as a file: the MIME type n8n shows and the extension. */
export const SPEECH_FORMATS: Record<SpeechFormat, { mimeType: string; extension: string }> = {
	mp3: { mimeType: 'audio/mpeg', extension: 'mp3' },
	opus: { mimeType: 'audio/opus', extension: 'opus' },
	aac: { mimeType: 'audio/aac', extension: 'aac' },
	flac: { mimeType: 'audio/flac', extension: 'flac' },
	wav: { mimeType: 'audio/wav', extension: 'wav' },
	// Raw 24 kHz 16-bit signed little-endian mono samples, without a header.
	pcm: { mimeType: 'audio/pcm', extension: 'pcm' },
};

const VOICES = ['alloy', 'ash', 'ballad', 'cedar', 'coral', 'echo', 'fable', 'marin', 'nova', 'onyx', 'sage', 'shimmer', 'verse'];

export const description: INodeProperties[] = showOnlyFor('audio', 'generateSpeech', [
	modelField({
		kind: 'speech',
		defaultModel: 'tts-1',
		description: 'The text-to-speech model: tts-1, tts-1-hd, gpt-4o-mini-tts, or an ID',
	}),
	{
		displayName: 'Text',
		name: 'input',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 4 },
		placeholder: 'Hello! Your order has shipped.',
		hint: 'At most 4,096 characters (checked before sending)',
		description: 'The text to speak',
	},
	{
		displayName: 'Voice',
		name: 'voice',
		type: 'options',
		options: VOICES.map((voice) => ({ name: voice.charAt(0).toUpperCase() + voice.slice(1), value: voice })),
		default: 'alloy',
		description:
			'The voice to speak with. Previews are in OpenAI\'s text-to-speech guide. A custom voice can be set under Options.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			{
				displayName: 'Custom Voice ID',
				name: 'customVoiceId',
				type: 'string',
				default: '',
				placeholder: 'voice_1234',
				description: 'The ID of a custom voice; replaces the Voice field',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: 'speech',
				description: 'The name of the output file; the extension of the format is added when missing',
			},
			{
				displayName: 'Format',
				name: 'responseFormat',
				type: 'options',
				options: [
					{ name: 'AAC', value: 'aac', description: 'For digital audio compression, preferred by YouTube, Android, iOS' },
					{ name: 'FLAC', value: 'flac', description: 'Lossless compression, for archiving' },
					{ name: 'MP3', value: 'mp3', description: 'The general-purpose default' },
					{ name: 'Opus', value: 'opus', description: 'For streaming and communication, low latency' },
					{ name: 'PCM', value: 'pcm', description: 'Raw 24 kHz 16-bit little-endian samples, no header' },
					{ name: 'WAV', value: 'wav', description: 'Uncompressed, for low-latency applications' },
				],
				default: 'mp3',
				description: 'The audio format of the output file',
			},
			{
				displayName: 'Instructions',
				name: 'instructions',
				type: 'string',
				default: '',
				typeOptions: { rows: 2 },
				placeholder: 'Speak in a cheerful and positive tone.',
				description: 'How the voice should sound (tone, accent, pace). Works with gpt-4o-mini-tts, not with tts-1 or tts-1-hd.',
			},
			{
				displayName: 'Put Output File in Field',
				name: 'binaryPropertyOutput',
				type: 'string',
				default: 'data',
				description: 'The name of the output binary field that holds the audio',
			},
			{
				displayName: 'Speed',
				name: 'speed',
				type: 'number',
				typeOptions: { minValue: SPEED_MIN, maxValue: SPEED_MAX, numberPrecision: 2 },
				default: 1,
				description: 'How fast the voice speaks, from 0.25 to 4 (1 is normal)',
			},
		],
	},
]);

/** POST /audio/speech: the text spoken, as binary audio with the format's MIME type. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const model = getModel(this, itemIndex);
	const input = requireText(this, itemIndex, this.getNodeParameter('input', itemIndex, ''), 'Text');
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	if (input.length > SPEECH_INPUT_MAX_CHARS) {
		throw fieldError(
			this,
			itemIndex,
			`The field 'Text' has ${input.length.toLocaleString('en-US')} characters; OpenAI speaks at most 4,096 per request`,
			'Split the text into several items (e.g. by paragraph) and join the audio afterwards.',
		);
	}
	const speed = checkNumber(this, itemIndex, options.speed, 'Speed', { min: SPEED_MIN, max: SPEED_MAX });
	const instructions = typeof options.instructions === 'string' ? options.instructions.trim() : '';
	if (instructions && /^tts-1(-hd)?($|-)/i.test(model)) {
		throw fieldError(
			this,
			itemIndex,
			`The option 'Instructions' does not work with ${model}`,
			'Choose gpt-4o-mini-tts to steer the voice with instructions, or remove them.',
		);
	}

	const format = ((options.responseFormat as SpeechFormat | undefined) ?? 'mp3') as SpeechFormat;
	const fileFormat = SPEECH_FORMATS[format] ?? { mimeType: 'application/octet-stream', extension: format };
	const customVoiceId = typeof options.customVoiceId === 'string' ? options.customVoiceId.trim() : '';
	const voice = customVoiceId ? { id: customVoiceId } : String(this.getNodeParameter('voice', itemIndex, 'alloy'));

	const body: IDataObject = { model, input, voice, response_format: format };
	if (speed !== undefined) body.speed = speed;
	if (instructions) body.instructions = instructions;
	const params = withAdditionalBodyFields(this, body, options.additionalBodyFields, itemIndex);

	const response = await ctx.client.audio.speech.create(params as unknown as SpeechCreateParams);
	const audio = Buffer.from(await response.arrayBuffer());

	const baseName = (typeof options.fileName === 'string' && options.fileName.trim()) || 'speech';
	const fileName = /\.[a-z0-9]{2,5}$/i.test(baseName) ? baseName : `${baseName}.${fileFormat.extension}`;
	const outputField = (typeof options.binaryPropertyOutput === 'string' && options.binaryPropertyOutput.trim()) || 'data';
	const binary = await this.helpers.prepareBinaryData(audio, fileName, fileFormat.mimeType);
	return [
		{
			json: {
				model,
				voice: customVoiceId || (voice as string),
				format,
				mimeType: fileFormat.mimeType,
				fileName,
				bytes: audio.length,
			},
			binary: { [outputField]: binary },
			pairedItem: { item: itemIndex },
		},
	];
}
