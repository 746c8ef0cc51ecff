/**
 * Builders for engine test workflows, shaped like the JSON n8n stores (and like test/e2e/support.js builds):
 * a manual trigger followed by a chain of nodes, each feeding the next.
 */
import type { ICredentialDataDecryptedObject, IConnections, IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { TEST_API_KEY } from '../../support/constants';

import { TOOLKIT_TYPE, type WorkflowJson } from './runWorkflow';
import { FIXED_ITEMS_TYPE, MANUAL_TRIGGER_TYPE } from './testNodes';

/** The credential every toolkit node in an engine test uses; runWorkflow's `credentials` are keyed by its ID. */
export const TEST_CREDENTIAL = { id: 'engineFakeCred', name: 'OpenAI Toolkit (fake server)' };

/** runWorkflow's `credentials` for TEST_CREDENTIAL: the test API key and the given Base URL. */
export function testCredentials(baseUrl: string, extra: ICredentialDataDecryptedObject = {}) {
	return { [TEST_CREDENTIAL.id]: { apiKey: TEST_API_KEY, baseUrl, ...extra } };
}

let position = 0;

function nodeId(name: string): string {
	return `node-${name.replace(/\W+/g, '-').toLowerCase()}`;
}

/** An OpenAI Toolkit node with the test credential; `settings` are node settings such as `onError`. */
export function toolkitNode(name: string, parameters: INodeParameters, settings: Partial<INode> = {}): INode {
	position += 220;
	return {
		id: nodeId(name),
		name,
		type: TOOLKIT_TYPE,
		typeVersion: 1,
		position: [position, 0],
		parameters,
		credentials: { openAiToolkitApi: TEST_CREDENTIAL },
		...settings,
	};
}

/** A node that outputs the given JSON objects as items. */
export function itemsNode(name: string, items: IDataObject[]): INode {
	position += 220;
	return {
		id: nodeId(name),
		name,
		type: FIXED_ITEMS_TYPE,
		typeVersion: 1,
		position: [position, 0],
		parameters: { items: JSON.stringify(items) },
	};
}

/** A manual trigger named "Start" followed by the nodes, each feeding the next. */
export function chain(...nodes: INode[]): WorkflowJson {
	const trigger: INode = { id: 'node-start', name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
	const all = [trigger, ...nodes];
	const connections: IConnections = {};
	for (let i = 0; i < all.length - 1; i++) {
		connections[all[i].name] = { main: [[{ node: all[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { nodes: all, connections };
}
