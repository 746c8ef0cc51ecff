import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as createCharacter from './createCharacter.operation';
import * as deleteVideo from './delete.operation';
import * as downloadContent from './downloadContent.operation';
import * as edit from './edit.operation';
import * as extend from './extend.operation';
import * as generate from './generate.operation';
import * as list from './list.operation';
import * as remix from './remix.operation';
import * as retrieve from './retrieve.operation';
import * as retrieveCharacter from './retrieveCharacter.operation';

export const video: ResourceModule = {
	option: {
		name: 'Video',
		value: 'video',
		description: 'Generate, remix, edit and extend videos with Sora, and download them',
	},
	description: [
		operationSelector(
			'video',
			[
				{
					name: 'Create Character',
					value: 'createCharacter',
					action: 'Create a video character',
					description: 'Make a character from a video of it, to cast in new videos',
				},
				{ name: 'Delete', value: 'delete', action: 'Delete a video', description: 'Delete a video and its files' },
				{
					name: 'Download Content',
					value: 'downloadContent',
					action: 'Download a video',
					description: 'Get the MP4, its thumbnail or its spritesheet as a file',
				},
				{ name: 'Edit', value: 'edit', action: 'Edit a video', description: 'Make a new video by changing an existing one' },
				{ name: 'Extend', value: 'extend', action: 'Extend a video', description: 'Make a video longer by continuing it' },
				{
					name: 'Generate',
					value: 'generate',
					action: 'Generate a video',
					description: 'Make a video from a prompt, optionally starting from an image',
				},
				{ name: 'List', value: 'list', action: 'List videos', description: 'List the videos of the project' },
				{ name: 'Remix', value: 'remix', action: 'Remix a video', description: 'Make a variation of a video with a new prompt' },
				{ name: 'Retrieve', value: 'retrieve', action: 'Retrieve a video', description: 'Get the status and details of one video' },
				{
					name: 'Retrieve Character',
					value: 'retrieveCharacter',
					action: 'Retrieve a video character',
					description: 'Get one character',
				},
			],
			'generate',
		),
		...generate.description,
		...remix.description,
		...edit.description,
		...extend.description,
		...retrieve.description,
		...list.description,
		...deleteVideo.description,
		...downloadContent.description,
		...createCharacter.description,
		...retrieveCharacter.description,
	],
	operations: {
		generate,
		remix,
		edit,
		extend,
		retrieve,
		list,
		delete: deleteVideo,
		downloadContent,
		createCharacter,
		retrieveCharacter,
	},
};
