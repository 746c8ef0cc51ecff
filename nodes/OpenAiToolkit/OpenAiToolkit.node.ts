import { VersionedNodeType } from 'n8n-workflow';

import { OpenAiToolkitVersion, baseDescription } from './actions/toolkitNode';
import { NODE_VERSIONS } from './helpers/nodeVersion';

/**
 * The OpenAI Toolkit node. Version 1 is what saved workflows were built with and stays as it was; a new node is
 * version 2 (see actions/version2/).
 */
export class OpenAiToolkit extends VersionedNodeType {
	constructor() {
		super(Object.fromEntries(NODE_VERSIONS.map((version) => [version, new OpenAiToolkitVersion(version)])), baseDescription);
	}
}
