import type { ResourceModule } from '../types';
import { operationSelector } from '../../helpers/displayOptions';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as deleteModel from './deleteModel.operation';
import * as list from './list.operation';
import * as listCheckpoints from './listCheckpoints.operation';
import * as listEvents from './listEvents.operation';
import * as pause from './pause.operation';
import * as resume from './resume.operation';
import * as retrieve from './retrieve.operation';

export const fineTuningJob: ResourceModule = {
	option: {
		name: 'Fine-Tuning Job',
		value: 'fineTuningJob',
		description: 'Fine-tune a model on your data and follow the job',
	},
	description: [
		operationSelector(
			'fineTuningJob',
			[
				{ name: 'Cancel', value: 'cancel', action: 'Cancel a fine-tuning job', description: 'Stop a job that has not ended yet' },
				{
					name: 'Create',
					value: 'create',
					action: 'Fine-tune a model from a dataset',
					description: 'Start a fine-tuning job on an uploaded training file, optionally waiting for it to end',
				},
				{
					name: 'Delete Fine-Tuned Model',
					value: 'deleteModel',
					action: 'Delete a fine-tuned model',
					description: 'Delete a fine-tuned model your organization owns',
				},
				{ name: 'List', value: 'list', action: 'List fine-tuning jobs', description: "List the organization's fine-tuning jobs" },
				{
					name: 'List Checkpoints',
					value: 'listCheckpoints',
					action: 'List the checkpoints of a fine-tuning job',
					description: 'List the model checkpoints a job saved during training',
				},
				{
					name: 'List Events',
					value: 'listEvents',
					action: 'Get status updates for a fine-tuning job',
					description: "Get a job's events, or follow the job and output every event until it ends",
				},
				{ name: 'Pause', value: 'pause', action: 'Pause a fine-tuning job', description: 'Pause a running job' },
				{ name: 'Resume', value: 'resume', action: 'Resume a fine-tuning job', description: 'Continue a paused job' },
				{
					name: 'Retrieve',
					value: 'retrieve',
					action: 'Get information about a fine-tuning job',
					description: "Get a job's status, model and results by its ID",
				},
			],
			'create',
		),
		...create.description,
		...retrieve.description,
		...list.description,
		...cancel.description,
		...listEvents.description,
		...listCheckpoints.description,
		...pause.description,
		...resume.description,
		...deleteModel.description,
	],
	operations: { create, retrieve, list, cancel, listEvents, listCheckpoints, pause, resume, deleteModel },
};
