import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as generateSpeech from './generateSpeech.operation';
import * as transcribe from './transcribe.operation';
import * as translate from './translate.operation';

export const audio: ResourceModule = {
	option: {
		name: 'Audio',
		value: 'audio',
		description: 'Transcribe or translate audio, or turn text into speech',
	},
	description: [
		operationSelector(
			'audio',
			[
				{
					name: 'Generate Speech',
					value: 'generateSpeech',
					action: 'Generate speech from text',
					description: 'Turn text into spoken audio, output as binary data',
				},
				{
					name: 'Transcribe',
					value: 'transcribe',
					action: 'Transcribe audio',
					description: 'Turn the speech in an audio file into text in the language spoken',
				},
				{
					name: 'Translate',
					value: 'translate',
					action: 'Translate audio into English',
					description: 'Turn the speech in an audio file into English text',
				},
			],
			'transcribe',
		),
		...transcribe.description,
		...translate.description,
		...generateSpeech.description,
	],
	operations: { transcribe, translate, generateSpeech },
};
