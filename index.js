// n8n reads the `n8n` block of package.json to find the node and credential; this entry only makes the
// package importable for people who want the compiled classes directly.
module.exports = {
	OpenAiToolkit: require('./dist/nodes/OpenAiToolkit/OpenAiToolkit.node.js').OpenAiToolkit,
	OpenAiToolkitApi: require('./dist/credentials/OpenAiToolkitApi.credentials.js').OpenAiToolkitApi,
};
