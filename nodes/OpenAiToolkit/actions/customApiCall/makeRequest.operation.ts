import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { fieldError, requireText } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { parseJsonObjectParameter, parseJsonParameter } from '../../helpers/json';
import type { OperationContext } from '../types';
import { responseFileName } from './fileName';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const description: INodeProperties[] = showOnlyFor('customApiCall', 'makeRequest', [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'models',
		description:
			"Path relative to the credential's Base URL, e.g. <code>models</code> or <code>/vector_stores</code>. A full URL is accepted only on the Base URL's own origin.",
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
		description: 'The HTTP method of the request',
	},
	{
		displayName: 'Headers',
		name: 'headers',
		type: 'json',
		default: '{}',
		description:
			'Extra request headers as a JSON object. Authorization, OpenAI-Organization and OpenAI-Project are added from the credential.',
	},
	{
		displayName: 'Query String',
		name: 'queryString',
		type: 'json',
		default: '{}',
		placeholder: '{"limit": 10}',
		description: 'Query parameters as a JSON object',
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'json',
		default: '{}',
		description: 'The JSON request body. Not sent with GET.',
		displayOptions: { hide: { method: ['GET'] } },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyOutput',
		type: 'string',
		default: 'data',
		hint: 'Where a response that is not JSON (audio, a file) is stored as binary data',
		description: 'The name of the output binary field for a response that is not JSON',
	},
]);

/**
 * Turns the URL field into a path the SDK sends to the Base URL. An absolute URL on another origin is refused:
 * the SDK would send the API key along with it.
 */
export function resolveRequestPath(url: string, baseUrl: string): string {
	const trimmed = url.trim();
	if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
		if (!URL.canParse(trimmed)) throw new Error(`The field 'URL' is not a valid URL ('${trimmed}')`);
		const target = new URL(trimmed);
		const base = new URL(baseUrl);
		if (target.origin !== base.origin) {
			throw new Error(
				`The URL '${target.origin}${target.pathname}' is not on the credential's Base URL (${base.origin}). Use a path relative to the Base URL; the API key is only sent there.`,
			);
		}
		return target.toString();
	}
	return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** Fusion's "Make a custom API call": any OpenAI endpoint, with the credential's auth added. */
const SECRET_HEADER = /authorization|api[-_]?key|token|secret|password|cookie/i;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	{ client, baseUrl, secrets }: OperationContext,
): Promise<INodeExecutionData[]> {
	const url = requireText(this, itemIndex, this.getNodeParameter('url', itemIndex, ''), 'URL');
	const method = this.getNodeParameter('method', itemIndex, 'GET') as Method;
	let path: string;
	try {
		path = resolveRequestPath(url, baseUrl);
	} catch (error) {
		throw fieldError(this, itemIndex, (error as Error).message);
	}
	const headers = parseJsonObjectParameter(this, this.getNodeParameter('headers', itemIndex, '{}'), 'Headers', itemIndex);
	// A credential in a custom header (Azure's api-key, a gateway token) is scrubbed like the API key.
	for (const [name, value] of Object.entries(headers ?? {})) {
		if (SECRET_HEADER.test(name) && typeof value === 'string' && !secrets.includes(value)) secrets.push(value);
	}
	const query = parseJsonObjectParameter(
		this,
		this.getNodeParameter('queryString', itemIndex, '{}'),
		'Query String',
		itemIndex,
	);
	const body =
		method === 'GET'
			? undefined
			: parseJsonParameter(this, this.getNodeParameter('body', itemIndex, '{}'), 'Body', itemIndex);

	const response = await client
		.request({
			method: method.toLowerCase() as Lowercase<Method>,
			path,
			query: query && Object.keys(query).length ? query : undefined,
			body: body as IDataObject | undefined,
			headers: headers as Record<string, string> | undefined,
		})
		.asResponse();

	const contentType = response.headers.get('content-type') ?? '';
	if (/\bjson\b/i.test(contentType)) {
		const text = await response.text();
		const parsed = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
		const json =
			typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
				? (parsed as IDataObject)
				: { data: parsed as IDataObject };
		return [{ json, pairedItem: { item: itemIndex } }];
	}

	const binaryPropertyOutput = String(this.getNodeParameter('binaryPropertyOutput', itemIndex, 'data'));
	const buffer = Buffer.from(await response.arrayBuffer());
	const mimeType = contentType.split(';')[0].trim() || 'application/octet-stream';
	const binary = await this.helpers.prepareBinaryData(buffer, responseFileName(response.headers.get('content-disposition'), path), mimeType);
	return [
		{
			json: { status: response.status, contentType, size: buffer.length },
			binary: { [binaryPropertyOutput]: binary },
			pairedItem: { item: itemIndex },
		},
	];
}
