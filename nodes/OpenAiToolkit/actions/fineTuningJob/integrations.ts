import type { JobCreateParams } from 'openai/resources/fine-tuning/jobs/jobs';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError, parseJsonField } from '../../helpers/checks';

const EXAMPLE = '{"type": "wandb", "wandb": {"project": "my-project"}}';

/** Integrations as a list; a single integration object, or a bare W&B settings object, is accepted too. */
export function readIntegrations(
	context: IExecuteFunctions,
	itemIndex: number,
	value: unknown,
): JobCreateParams.Integration[] | undefined {
	const parsed = parseJsonField<unknown>(context, itemIndex, value, 'Integrations (JSON)');
	if (parsed === undefined || parsed === null) return undefined;
	const list = Array.isArray(parsed) ? parsed : [parsed];
	return list.map((entry) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw fieldError(context, itemIndex, `Field 'Integrations (JSON)' must hold integration objects, e.g. [${EXAMPLE}]`);
		}
		const integration = entry as IDataObject;
		if (integration.type || integration.wandb) return { type: 'wandb', ...integration } as JobCreateParams.Integration;
		if (integration.project) return { type: 'wandb', wandb: integration } as unknown as JobCreateParams.Integration;
		throw fieldError(
			context,
			itemIndex,
			`Field 'Integrations (JSON)': an integration needs a 'type' ("wandb") and its settings, e.g. ${EXAMPLE}`,
		);
	});
}
