import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError, requireText, textOf } from '../../helpers/checks';
import { splitList } from './input';

interface McpServerEntry {
	serverLabel?: unknown;
	serverUrl?: unknown;
	connectorId?: string;
	authorization?: unknown;
	allowedTools?: unknown;
	requireApproval?: string;
	serverDescription?: unknown;
	headers?: { header?: Array<{ name?: unknown; value?: unknown }> };
}

/** OpenAI's rule for a server label: it names the server in tool calls. */
const SERVER_LABEL = /^[A-Za-z0-9_-]+$/;

function mcpTool(context: IExecuteFunctions, itemIndex: number, entry: McpServerEntry, position: number): IDataObject {
	const where = `MCP Server ${position + 1}`;
	const label = requireText(context, itemIndex, entry.serverLabel, `${where}: Server Label`).trim();
	if (!SERVER_LABEL.test(label)) {
		throw fieldError(context, itemIndex, `${where}: the field 'Server Label' may hold only letters, digits, '-' and '_'`);
	}
	const tool: IDataObject = { type: 'mcp', server_label: label };
	const connector = entry.connectorId ?? 'none';
	const url = textOf(entry.serverUrl).trim();
	if (connector !== 'none') {
		if (url) throw fieldError(context, itemIndex, `${where}: choose either 'Server URL' or 'Connector', not both`);
		tool.connector_id = connector;
	} else {
		requireText(context, itemIndex, url, `${where}: Server URL`);
		if (!/^https?:\/\/[^\s/]+/i.test(url)) {
			throw fieldError(context, itemIndex, `${where}: the field 'Server URL' must be an http(s) URL`, `Got '${url}'.`);
		}
		tool.server_url = url;
	}
	const authorization = textOf(entry.authorization).trim();
	if (authorization) tool.authorization = authorization;
	const allowed = splitList(entry.allowedTools);
	if (allowed.length > 0) tool.allowed_tools = allowed;
	tool.require_approval = entry.requireApproval ?? 'never';
	const description = textOf(entry.serverDescription).trim();
	if (description) tool.server_description = description;
	const headers: Record<string, string> = {};
	for (const [index, header] of (entry.headers?.header ?? []).entries()) {
		const name = textOf(header.name).trim();
		if (!name) throw fieldError(context, itemIndex, `${where}, header ${index + 1}: the field 'Name' is empty`);
		if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
			throw fieldError(context, itemIndex, `${where}, header ${index + 1}: '${name}' is not a valid header name`);
		}
		headers[name] = textOf(header.value);
	}
	if (Object.keys(headers).length > 0) tool.headers = headers;
	return tool;
}

/** The MCP Servers field (version 2) as `mcp` tools; version 1 has none. */
export function buildMcpTools(context: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const field = context.getNodeParameter('mcpServers', itemIndex, {}) as { server?: McpServerEntry[] };
	return (field.server ?? []).map((entry, position) => mcpTool(context, itemIndex, entry, position));
}

/**
 * The secrets of every `mcp` tool in a body (authorization and header values), however they got there (the MCP
 * Servers field, Function Tools (JSON) or Additional Body Fields): the router scrubs them from outputs and errors.
 */
export function addMcpSecrets(body: IDataObject, secrets: string[]): void {
	const tools = Array.isArray(body.tools) ? (body.tools as unknown[]) : [];
	const add = (value: unknown) => {
		if (typeof value !== 'string' || value === '') return;
		// "Bearer <token>": the token alone is a secret too (a server may echo it without the scheme).
		const token = /^[A-Za-z]+\s+(\S+)$/.exec(value)?.[1];
		for (const secret of token ? [value, token] : [value]) if (!secrets.includes(secret)) secrets.push(secret);
	};
	for (const tool of tools) {
		if (tool === null || typeof tool !== 'object' || (tool as IDataObject).type !== 'mcp') continue;
		const { authorization, headers } = tool as IDataObject;
		add(authorization);
		if (headers !== null && typeof headers === 'object') Object.values(headers).forEach(add);
	}
}
