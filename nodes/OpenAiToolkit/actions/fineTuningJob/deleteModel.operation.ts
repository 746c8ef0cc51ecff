import type { INodeProperties } from 'n8n-workflow';

import { showOnlyFor } from '../../helpers/displayOptions';
import { deleteModel, fineTunedModelIdField } from '../model/delete.operation';

export const description: INodeProperties[] = showOnlyFor('fineTuningJob', 'deleteModel', [fineTunedModelIdField]);

/** DELETE /models/{model}: the same implementation as Model → Delete (Fusion lists it under fine-tunes). */
export const execute = deleteModel;
