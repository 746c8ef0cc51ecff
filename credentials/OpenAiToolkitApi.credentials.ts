import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export class OpenAiToolkitApi implements ICredentialType {
	name = 'openAiToolkitApi';

	displayName = 'OpenAI Toolkit API';

	documentationUrl = 'https://platform.openai.com/docs/api-reference/authentication';

	icon = {
		light: 'file:../nodes/OpenAiToolkit/openAiToolkit.svg',
		dark: 'file:../nodes/OpenAiToolkit/openAiToolkit.dark.svg',
	} as const;

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'Secret key from the OpenAI dashboard (API keys page)',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			description:
				'For users who belong to several organizations. Sent as the OpenAI-Organization header only when set.',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description: 'Bills usage to this project. Sent as the OpenAI-Project header only when set.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Change it for Azure-style gateways or OpenAI-compatible servers (vLLM, Ollama, LocalAI, LM Studio), e.g. http://localhost:11434/v1',
		},
	];

	// Used by the credential test below (n8n sends an empty header when a field is empty, which OpenAI ignores);
	// the node itself sends these headers through the SDK client, and only when set.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
				'OpenAI-Organization': '={{$credentials.organizationId}}',
				'OpenAI-Project': '={{$credentials.projectId}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{$credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, '') : '${DEFAULT_BASE_URL}'}}`,
			url: '/models',
			method: 'GET',
		},
	};
}
