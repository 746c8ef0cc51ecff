import type { INodeProperties } from 'n8n-workflow';

import { toolLoopOptions } from '../../helpers/tools/settings';
import { createOptionFields, mcpServersField } from '../response/createFields';
import { chatFileFields } from '../chat/files';
import { largeUploadOptions } from '../file/largeUpload';
import { responseFileFields } from '../response/files';

/**
 * Fields only version 2 has, per operation: version 1 nodes keep exactly the fields they were saved with, and an
 * operation reads a field version 1 lacks with its default as the fallback. A new feature of an existing
 * operation adds one entry here; its fields are defined in the resource's own fields file.
 */
export interface Addition {
	resource: string;
	operation: string;
	fields: INodeProperties[];
	/** The name of the operation's collection the fields go into; without it they are top-level, before it. */
	into?: string;
}

export const VERSION_2_ADDITIONS: Addition[] = [
	// The Tools input (actions/toolkitNode.ts) and its loop's options: Max Tool Iterations, Stop On Tool Error.
	{ resource: 'chat', operation: 'createCompletion', into: 'options', fields: toolLoopOptions },
	{ resource: 'response', operation: 'create', into: 'responseOptions', fields: toolLoopOptions },
	// Response → Create reaches every request parameter of POST /responses but streaming (hosted MCP tools, …).
	{ resource: 'response', operation: 'create', fields: [mcpServersField] },
	{ resource: 'response', operation: 'create', into: 'responseOptions', fields: createOptionFields },
	// Documents as input: a Files list sent with the last user message (chat/files.ts, response/files.ts).
	{ resource: 'chat', operation: 'createCompletion', fields: chatFileFields },
	{ resource: 'response', operation: 'create', fields: responseFileFields },
	// Files over 512 MB go through the Uploads API in parts (file/largeUpload.ts); MD5 is checked on completion.
	{ resource: 'file', operation: 'upload', into: 'options', fields: largeUploadOptions },
];
