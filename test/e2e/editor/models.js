// The model dropdown against an api.openai.com-like list (every model OpenAI's own): a panel lists only the
// models that fit its operation. Chat → Create Completion: no speech, transcription, embedding or image
// models; Image → Generate: only image models (dall-e, gpt-image).
'use strict';

const { shownModelFields } = require('./description');
const { checkModelFields } = require('./nodePanel');
const { selectOption, settle } = require('./ui');

const CASES = [
	{ resource: 'chat', operation: 'createCompletion', fits: (id) => !/whisper|embedding|dall-e|tts/.test(id), want: 'no whisper, embedding, dall-e or tts model' },
	{ resource: 'image', operation: 'generate', fits: (id) => /^(dall-e|gpt-image)/.test(id), want: 'only dall-e and gpt-image models' },
];

async function listedModels(page, fieldName) {
	const field = page.locator(`[data-test-id=ndv] [data-test-id=resource-locator-${fieldName}]`).filter({ visible: true }).first();
	await field.locator('[data-test-id=rlc-input]').click();
	const items = page.locator('[data-test-id=rlc-item]').filter({ visible: true });
	await items.first().waitFor({ timeout: 20000 }).catch(() => {});
	await settle(page, 'body', 400, 5000);
	const ids = await items.evaluateAll((elements) => elements.map((element) => element.textContent.trim()));
	await page.keyboard.press('Escape');
	return ids;
}

/** `names(resource, operation)` → [resource display name, operation display name]. Returns problems. */
async function checkModelLists(page, { type, version, names }) {
	const problems = [];
	for (const { resource, operation, fits, want } of CASES) {
		const [resourceName, operationName] = names(resource, operation);
		const where = `${resourceName} → ${operationName}`;
		if (!resourceName || !operationName) {
			problems.push(`${resource} → ${operation} is not an operation of the node: no model list checked`);
			continue;
		}
		await selectOption(page, 'resource', resourceName);
		await selectOption(page, 'operation', operationName);
		await settle(page);
		for (const problem of await checkModelFields(page, type, version, resource, operation)) problems.push(`${where}: ${problem}`);
		const [field] = shownModelFields(type, version, resource, operation);
		if (!field) {
			problems.push(`${where}: shows no model field`);
			continue;
		}
		const ids = await listedModels(page, field.name);
		const misfits = ids.filter((id) => !fits(id));
		if (ids.length === 0) problems.push(`${where}: the model dropdown lists no model`);
		else if (misfits.length) problems.push(`${where}: the model dropdown lists ${misfits.join(', ')} (expected ${want}; listed: ${ids.join(', ')})`);
	}
	return problems;
}

module.exports = { checkModelLists };
