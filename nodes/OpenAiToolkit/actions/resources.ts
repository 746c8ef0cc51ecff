import { audio } from './audio';
import { batch } from './batch';
import { chat, chatVersion2 } from './chat';
import { completion } from './completion';
import { conversation } from './conversation';
import { conversationItem } from './conversationItem';
import { customApiCall } from './customApiCall';
import { edit } from './edit';
import { embedding } from './embedding';
import { file } from './file';
import { fineTuningJob } from './fineTuningJob';
import { image } from './image';
import { model } from './model';
import { moderation } from './moderation';
import type { NodeVersion } from '../helpers/nodeVersion';
import { response, responseVersion2 } from './response';
import type { ResourceModule } from './types';
import { vectorStore } from './vectorStore';
import { vectorStoreFile } from './vectorStoreFile';
import { video } from './video';

/**
 * Every resource of version 1, keyed by its parameter value, in the order the Resource dropdown lists them
 * (the most used first, the raw API call last). The dropdown, the router and the description are all built
 * from these lists: adding a resource is one import and one line.
 */
const VERSION_1_RESOURCES: Record<string, ResourceModule> = {
	chat,
	response,
	image,
	audio,
	embedding,
	moderation,
	file,
	batch,
	fineTuningJob,
	model,
	completion,
	edit,
	customApiCall,
};

/** Resources only version 2 has: version 1 nodes keep exactly what they were saved with. */
const VERSION_2_ONLY_RESOURCES: Record<string, ResourceModule> = {
	// Version 2's Response (more operations) takes version 1's place in the dropdown.
	response: responseVersion2,
	chat: chatVersion2,
	conversation,
	conversationItem,
	video,
	vectorStore,
	vectorStoreFile,
};

/** Version 2's dropdown: each new resource next to the one it belongs with; one not listed goes before the last. */
const VERSION_2_ORDER = [
	'chat',
	'response',
	'conversation',
	'conversationItem',
	'image',
	'video',
	'audio',
	'embedding',
	'vectorStore',
	'vectorStoreFile',
	'moderation',
	'file',
	'batch',
	'fineTuningJob',
	'model',
	'completion',
	'edit',
];

/** The resources of a node version, in dropdown order (the raw API call stays last). */
export function resourcesFor(version: NodeVersion): Record<string, ResourceModule> {
	if (version === 1) return VERSION_1_RESOURCES;
	const { customApiCall: last, ...all } = { ...VERSION_1_RESOURCES, ...VERSION_2_ONLY_RESOURCES };
	const rank = (name: string) => (VERSION_2_ORDER.includes(name) ? VERSION_2_ORDER.indexOf(name) : VERSION_2_ORDER.length);
	const ordered = Object.keys(all).sort((a, b) => rank(a) - rank(b));
	return { ...Object.fromEntries(ordered.map((name) => [name, all[name]])), customApiCall: last };
}
