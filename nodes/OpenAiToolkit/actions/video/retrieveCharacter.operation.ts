import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readRequiredText } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { toItems } from '../../helpers/items';
import type { OperationContext } from '../types';

export const description: INodeProperties[] = showOnlyFor('video', 'retrieveCharacter', [
	{
		displayName: 'Character ID',
		name: 'characterId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'char_123',
		description: 'The ID of the character, as Create Character returns it',
	},
]);

/** GET /videos/characters/{character_id}. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client }: OperationContext,
): Promise<INodeExecutionData[]> {
	return toItems(await client.videos.getCharacter(readRequiredText(this, itemIndex, 'characterId', 'Character ID')), itemIndex);
}
