import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as createVariation from './createVariation.operation';
import * as edit from './edit.operation';
import * as generate from './generate.operation';

export const image: ResourceModule = {
	option: {
		name: 'Image',
		value: 'image',
		description: 'Generate and edit images, or make variations',
	},
	description: [
		operationSelector(
			'image',
			[
				{
					name: 'Create Variation',
					value: 'createVariation',
					action: 'Create image variations',
					description: 'Make variations of an image from a binary field (dall-e-2)',
				},
				{
					name: 'Edit',
					value: 'edit',
					action: 'Edit an image',
					description: 'Edit or extend an image from a binary field following a text description, with an optional mask',
				},
				{
					name: 'Generate',
					value: 'generate',
					action: 'Generate images',
					description: 'Create images from a text description; each image comes out as binary data',
				},
			],
			'generate',
		),
		...generate.description,
		...edit.description,
		...createVariation.description,
	],
	operations: { generate, edit, createVariation },
};
