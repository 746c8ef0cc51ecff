import { audio } from './audio';
import { batch } from './batch';
import { chat } from './chat';
import { completion } from './completion';
import { customApiCall } from './customApiCall';
import { edit } from './edit';
import { embedding } from './embedding';
import { file } from './file';
import { fineTuningJob } from './fineTuningJob';
import { image } from './image';
import { model } from './model';
import { moderation } from './moderation';
import { response } from './response';
import type { ResourceModule } from './types';

/**
 * Every resource of the node, keyed by its parameter value. The Resource dropdown, the router and the
 * description are all built from this one list: adding a resource is one import and one line here.
 */
export const resources: Record<string, ResourceModule> = {
	chat,
	completion,
	edit,
	moderation,
	embedding,
	image,
	audio,
	response,
	batch,
	model,
	file,
	fineTuningJob,
	customApiCall,
};
