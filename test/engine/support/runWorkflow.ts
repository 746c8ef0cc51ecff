/**
 * Runs a workflow in-process through n8n-core's real engine (`WorkflowExecute`), the way n8n runs a manual
 * execution: the real Workflow (parameter defaults, expressions), the real ExecuteContext handed to the node
 * (getNodeParameter, getCredentials, continueOnFail, helpers), the real pairedItem handling and the real binary
 * data service (filesystem mode in a temporary folder). What n8n's server would normally provide (database
 * credentials, lifecycle hooks, URLs) is set up here with the smallest stand-ins that work.
 *
 * Usage: `afterAll(tearDownEngine)`, then `const run = await runWorkflow(workflow, { credentials })`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import {
	BinaryDataConfig,
	BinaryDataService,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	WorkflowExecute,
} from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	type IBinaryData,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type IConnections,
	type IDataObject,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type ITaskData,
	type IVersionedNodeType,
	type IWorkflowBase,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { OpenAiToolkitApi } from '../../../credentials/OpenAiToolkitApi.credentials';
import { OpenAiToolkit } from '../../../nodes/OpenAiToolkit/OpenAiToolkit.node';
import { FIXED_ITEMS_TYPE, FixedItems, MANUAL_TRIGGER_TYPE, ManualTrigger } from './testNodes';

/** The node type name n8n gives this package's node once installed (as in the e2e layer). */
export const TOOLKIT_TYPE = 'n8n-nodes-openai-toolkit.openAiToolkit';

export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
}

export interface RunOptions {
	/** Decrypted credential data by credential ID (the `id` in a node's `credentials`). */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Node types by type name; defaults to the toolkit node and the two tiny test nodes. */
	nodeTypes?: Record<string, INodeType | IVersionedNodeType>;
	mode?: WorkflowExecuteMode;
}

/*
 * n8n-core looks its services up in the `@n8n/di` container. Load the container (and the config classes) from
 * where n8n-core itself resolves them, so that this file configures the very instances the engine uses.
 */
const coreDir = dirname(require.resolve('n8n-core/package.json'));
function fromCore<T>(moduleName: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve(moduleName, { paths: [coreDir] })) as T;
}
const { Container } = fromCore<typeof import('@n8n/di')>('@n8n/di');
const { GlobalConfig, InstanceSettingsConfig } = fromCore<typeof import('@n8n/config')>('@n8n/config');

let engineFolder: string | undefined;
let runCounter = 0;

/** Points n8n-core at a temporary folder, silences its logger and starts the filesystem binary data store. */
export async function setUpEngine(): Promise<void> {
	if (engineFolder) return;
	engineFolder = mkdtempSync(join(tmpdir(), 'toolkit-engine-'));
	Container.get(GlobalConfig).logging.level = 'silent';
	// What N8N_USER_FOLDER and N8N_ENCRYPTION_KEY would set, without touching this process's environment.
	Object.assign(Container.get(InstanceSettingsConfig), {
		n8nFolder: join(engineFolder, '.n8n'),
		userHome: engineFolder,
		encryptionKey: 'engine-test-encryption-key',
		enforceSettingsFilePermissions: false,
	});

	const binaryConfig = Container.get(BinaryDataConfig);
	binaryConfig.mode = 'filesystem';
	binaryConfig.localStoragePath = join(engineFolder, 'binaryData');
	await Container.get(BinaryDataService).init();
}

/**
 * Stops what n8n-core leaves running (the SSH tunnel manager's cleanup interval would keep jest alive) and
 * removes the temporary folder. Call it in `afterAll`.
 */
export async function tearDownEngine(): Promise<void> {
	// Every ExecuteContext asks the container for the manager, which starts a 60 s interval; its own shutdown
	// clears it (and closes tunnels, of which there are none).
	Container.get(SSHClientsManager).onShutdown();
	if (engineFolder) rmSync(engineFolder, { recursive: true, force: true });
	engineFolder = undefined;
}

/** The node types a test workflow may use, looked up the way n8n's NodeTypes does. */
class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const found = this.types[nodeType];
		if (!found) throw new Error(`Unknown node type '${nodeType}' in an engine test workflow`);
		return found;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export function defaultNodeTypes(): Record<string, INodeType | IVersionedNodeType> {
	return {
		[TOOLKIT_TYPE]: new OpenAiToolkit(),
		[MANUAL_TRIGGER_TYPE]: new ManualTrigger(),
		[FIXED_ITEMS_TYPE]: new FixedItems(),
	};
}

const credentialTypes: Record<string, INodeProperties[]> = {
	openAiToolkitApi: new OpenAiToolkitApi().properties,
};

/**
 * Hands out test credentials as if n8n had decrypted them from its database, with the credential type's
 * defaults filled in (as n8n's CredentialsHelper does). Every other capability is unused by this node.
 */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly byId: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	async authenticate(_credentials: ICredentialDataDecryptedObject, _type: string, requestOptions: IHttpRequestOptions) {
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('Engine tests only hand out decrypted credentials');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = nodeCredentials.id ? this.byId[nodeCredentials.id] : undefined;
		if (!data) throw new Error(`No test credential with ID '${nodeCredentials.id}' (type ${type})`);
		const properties = this.getCredentialsProperties(type);
		return (NodeHelpers.getNodeParameters(properties, data as INodeParameters, true, false, null, null) ?? {}) as ICredentialDataDecryptedObject;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		const properties = credentialTypes[type];
		if (!properties) throw new Error(`Unknown credential type '${type}' in an engine test`);
		return properties;
	}
}

function unsupported(what: string) {
	return async () => {
		throw new Error(`${what} is not available in engine tests`);
	};
}

/** Runs the workflow from its trigger to the end and returns n8n's full run (IRun). */
export async function runWorkflow(workflowJson: WorkflowJson, options: RunOptions = {}): Promise<IRun> {
	await setUpEngine();
	runCounter += 1;
	const mode = options.mode ?? 'manual';
	const workflowId = `engine-workflow-${runCounter}`;
	const executionId = `engine-execution-${runCounter}`;
	// The engine fills parameter defaults into the nodes it is given: give it copies.
	const nodes = structuredClone(workflowJson.nodes);
	const connections = structuredClone(workflowJson.connections);
	const settings = { executionOrder: 'v1' as const };

	const workflow = new Workflow({
		id: workflowId,
		name: 'Engine test',
		nodes,
		connections,
		active: false,
		nodeTypes: new TestNodeTypes(options.nodeTypes ?? defaultNodeTypes()),
		settings,
	});
	const workflowData = {
		id: workflowId,
		name: 'Engine test',
		active: false,
		isArchived: false,
		activeVersionId: null,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes,
		connections,
		settings,
	} satisfies IWorkflowBase;

	const additionalData: IWorkflowExecuteAdditionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentials ?? {}),
		hooks: new ExecutionLifecycleHooks(mode, executionId, workflowData),
		externalSecretsProxy: new ExternalSecretsProxy(),
		executionId,
		currentNodeExecutionIndex: 0,
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		executeWorkflow: unsupported('Executing a sub-workflow'),
		getRunExecutionData: async () => undefined,
		startRunnerTask: unsupported('The task runner'),
		logAiEvent: () => {},
	};

	return await new WorkflowExecute(additionalData, mode).run({ workflow });
}

/** The task data of a node's first (only) run; fails loudly if the node did not run. */
export function taskOf(run: IRun, nodeName: string): ITaskData {
	const task = run.data.resultData.runData[nodeName]?.[0];
	if (!task) {
		const ran = Object.keys(run.data.resultData.runData).join(', ');
		throw new Error(`Node '${nodeName}' did not run (nodes that ran: ${ran || 'none'})`);
	}
	return task;
}

/** The items a node output on its first main output. */
export function outputOf(run: IRun, nodeName: string, outputIndex = 0): INodeExecutionData[] {
	return taskOf(run, nodeName).data?.main?.[outputIndex] ?? [];
}

/** The bytes of binary data a node wrote, read back through n8n-core's binary data service. */
export async function readBinary(binary: IBinaryData): Promise<Buffer> {
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}

/** The metadata (file name, MIME type, size) the binary data service stored next to the file. */
export async function binaryMetadata(binary: IBinaryData) {
	if (!binary.id) throw new Error('The binary data has no ID: it was not written to the binary data store');
	return await Container.get(BinaryDataService).getMetadata(binary.id);
}
