import type { FileCreateParams, FilePurpose } from 'openai/resources/files';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getBinaryUpload } from '../../helpers/uploads';
import { sendUpload } from '../../transport/uploadRetry';
import { checkNumber, fieldError, textOf } from '../../helpers/checks';
import { showOnlyFor } from '../../helpers/displayOptions';
import { additionalBodyFieldsOption, binaryPropertyField, withAdditionalBodyFields } from '../../helpers/fields';
import { toItems } from '../../helpers/items';
import { versionOf } from '../../helpers/nodeVersion';
import type { OperationContext } from '../types';
import { checkJsonl, fineTuningExampleCheck } from './jsonl';
import { LARGE_UPLOAD, readMd5, uploadInParts } from './largeUpload';

/** OpenAI's limit for one file uploaded to /files. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export const description: INodeProperties[] = showOnlyFor('file', 'upload', [
	binaryPropertyField({ description: 'Name of the binary property of the input item that holds the file to upload' }),
	{
		displayName: 'Purpose',
		name: 'purpose',
		type: 'options',
		required: true,
		options: [
			{ name: 'Assistants', value: 'assistants', description: 'For the Assistants API and file search' },
			{ name: 'Batch', value: 'batch', description: 'A JSONL input file for the Batch API' },
			{ name: 'Evals', value: 'evals', description: 'A data set for evals' },
			{ name: 'Fine-Tune', value: 'fine-tune', description: 'A JSONL training or validation file for fine-tuning' },
			{ name: 'User Data', value: 'user_data', description: 'A file for any purpose' },
			{ name: 'Vision', value: 'vision', description: 'Images for vision fine-tuning' },
		],
		default: 'fine-tune',
		description: 'What the file is for. OpenAI checks the format it expects for that purpose.',
	},
	{
		displayName: 'Validate JSONL',
		name: 'validateJsonl',
		type: 'boolean',
		default: true,
		displayOptions: { show: { purpose: ['fine-tune'] } },
		description:
			"Whether to check the file before sending it: a .jsonl name, and every line a JSON object with a 'messages' list (or 'input.messages' for DPO). The first bad line number is reported. Read line by line, so big files are fine.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			additionalBodyFieldsOption,
			{
				displayName: 'Expires After (Seconds)',
				name: 'expiresAfterSeconds',
				type: 'number',
				typeOptions: { minValue: 3600, maxValue: 2592000 },
				default: 86400,
				description:
					'Delete the file automatically this long after the upload: 3,600 (1 hour) to 2,592,000 (30 days). By default batch files expire after 30 days and other files are kept.',
			},
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'training.jsonl',
				description:
					"The name OpenAI stores the file under, instead of the binary data's own name. Fine-tuning files must end in .jsonl.",
			},
		],
	},
]);

interface UploadOptions {
	fileName?: string;
	expiresAfterSeconds?: number;
	additionalBodyFields?: unknown;
	/** Version 2 only (largeUpload.ts). */
	md5?: unknown;
}

/**
 * POST /files: the file streams from n8n's binary store. Over 512 MB, version 1 refuses it before sending;
 * version 2 sends it in parts through the Uploads API (largeUpload.ts), up to 8 GB.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	ctx: OperationContext,
): Promise<INodeExecutionData[]> {
	const propertyName = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
	const purpose = this.getNodeParameter('purpose', itemIndex, 'fine-tune') as FilePurpose;
	const options = this.getNodeParameter('options', itemIndex, {}) as UploadOptions;
	const expiresAfter = checkNumber(this, itemIndex, options.expiresAfterSeconds, 'Expires After (Seconds)', {
		min: 3600,
		max: 2592000,
		integer: true,
	});

	const inParts = versionOf(this) >= 2;
	const md5 = inParts ? readMd5(this, itemIndex, options.md5) : undefined;

	const upload = await getBinaryUpload(this, itemIndex, propertyName, {
		maxBytes: inParts ? LARGE_UPLOAD.maxBytes : MAX_FILE_BYTES,
		limitLabel: inParts ? "OpenAI's limit per file (in parts)" : "OpenAI's limit per file",
		fileName: options.fileName === undefined || options.fileName === null ? undefined : textOf(options.fileName),
	});

	if (purpose === 'fine-tune' && this.getNodeParameter('validateJsonl', itemIndex, true)) {
		if (!/\.jsonl$/i.test(upload.fileName)) {
			throw fieldError(
				this,
				itemIndex,
				`The file name '${upload.fileName}' does not end in .jsonl`,
				"OpenAI takes fine-tuning files only as .jsonl. Set Options → File Name (e.g. 'training.jsonl'), or turn off 'Validate JSONL'.",
			);
		}
		const report = await checkJsonl(upload.chunks(), fineTuningExampleCheck);
		if (report.problem) {
			throw fieldError(
				this,
				itemIndex,
				`Line ${report.problem.line} of '${upload.fileName}' ${report.problem.message}`,
				'Every line of a fine-tuning file must be one JSON object with a \'messages\' list, e.g. {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}. Nothing was sent. Turn off \'Validate JSONL\' to upload it anyway.',
			);
		}
	}

	const body = withAdditionalBodyFields(
		this,
		{
			purpose,
			...(expiresAfter !== undefined
				? { expires_after: { anchor: 'created_at' as const, seconds: expiresAfter } }
				: {}),
		},
		options.additionalBodyFields,
		itemIndex,
	);
	if (inParts && upload.size !== undefined && upload.size > LARGE_UPLOAD.thresholdBytes) {
		return toItems(await uploadInParts(this, itemIndex, ctx, upload, body as Omit<FileCreateParams, 'file'>, md5), itemIndex);
	}
	const created = await sendUpload(ctx, upload, async (file, requestOptions) =>
		await ctx.client.files.create({ ...body, file } as FileCreateParams, requestOptions),
	);
	return toItems(created, itemIndex);
}
