// Builders for e2e workflow cases: a case file describes nodes and checks, the runner makes them real
// workflows in a real n8n with the packed package installed (test/e2e/run-e2e.js).
'use strict';

const assert = require('node:assert/strict');

/** The node type as n8n names a package installed the Community Nodes way. */
const TOOLKIT_TYPE = 'n8n-nodes-openai-toolkit.openAiToolkit';
const CREDENTIAL = { id: 'toolkitFakeCred', name: 'OpenAI Toolkit (fake server)' };

let position = 0;

/** An OpenAI Toolkit node with the e2e credential; `typeVersion: 2` for what a new node is (version 1 is what saved workflows have). */
function toolkitNode(name, parameters, { typeVersion = 1 } = {}) {
	position += 220;
	return {
		parameters,
		id: `node-${name.replace(/\W+/g, '-').toLowerCase()}`,
		name,
		type: TOOLKIT_TYPE,
		typeVersion,
		position: [position, 0],
		credentials: { openAiToolkitApi: CREDENTIAL },
	};
}

/** Any other n8n node (Code, Set, …). */
function n8nNode(name, type, typeVersion, parameters) {
	position += 220;
	return { parameters, id: `node-${name.replace(/\W+/g, '-').toLowerCase()}`, name, type, typeVersion, position: [position, 0] };
}

/** A Code node that outputs the given items (JSON only). */
function codeItems(name, items) {
	return n8nNode(name, 'n8n-nodes-base.code', 2, {
		jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};`,
	});
}

/** A Code node running the given JavaScript (it must return items). */
function codeNode(name, jsCode) {
	return n8nNode(name, 'n8n-nodes-base.code', 2, { jsCode });
}

/** A manual trigger followed by the nodes, each feeding the next. */
function chain(...nodes) {
	const trigger = { parameters: {}, id: 'node-start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] };
	const all = [trigger, ...nodes];
	return { nodes: all, connections: inLine(all) };
}

/** The connections of nodes in a line, each feeding the next. */
function inLine(nodes) {
	const connections = {};
	for (let i = 0; i < nodes.length - 1; i++) connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	return connections;
}

module.exports = { assert, chain, inLine, codeItems, codeNode, n8nNode, toolkitNode, TOOLKIT_TYPE, CREDENTIAL };
