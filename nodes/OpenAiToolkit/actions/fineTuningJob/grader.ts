import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fieldError, parseJsonObjectField } from '../../helpers/checks';

/** The Grader (JSON) of a reinforcement job: an object with a 'type'; OpenAI checks the rest. */
export function readGrader(context: IExecuteFunctions, itemIndex: number): IDataObject {
	const grader = parseJsonObjectField(context, itemIndex, context.getNodeParameter('grader', itemIndex, ''), 'Grader (JSON)');
	if (!grader || typeof grader.type !== 'string') {
		throw fieldError(
			context,
			itemIndex,
			"Field 'Grader (JSON)' needs a grader object with a 'type' (string_check, text_similarity, python, score_model or multi)",
		);
	}
	return grader;
}
