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
			description: 'Required. The secret key from the API keys page of the OpenAI dashboard (starts with sk-).',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			description:
				'Optional. Only for users who belong to several organizations: sent as the OpenAI-Organization header when set.',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			description: 'Optional. Bills usage to this project: sent as the OpenAI-Project header when set.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: DEFAULT_BASE_URL,
			description:
				'Optional. Keep the default for OpenAI; change it for a gateway or an OpenAI-compatible server (vLLM, Ollama, LocalAI, LM Studio), e.g. http://localhost:11434/v1',
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
