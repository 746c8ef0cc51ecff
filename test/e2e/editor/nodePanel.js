// Every resource → operation of the node in its panel (NDV), in the order the editor lists them: select it,
// wait for the panel, then check that every shown field has a label, that the shown model field holds its
// own default (not a value kept from the resource before), and that our node caused no browser error.
// A screenshot of each operation's panel goes to the output folder.
'use strict';

const { resourcesAndOperations, shownModelFields } = require('./description');
const { selectOption, settle, shownOption, shot } = require('./ui');

const PANEL = '[data-test-id=ndv] [data-test-id=node-parameters]';

/** Among options of the same name, which one `value` is (our "Custom API Call" beside n8n's own). */
function sameNameRank(options, value) {
	const option = options.find((o) => o.value === value);
	return options.filter((o) => o.name === option.name).findIndex((o) => o.value === value);
}

/** [path, label] of every field the panel shows; a field n8n renders without a label gives ''. */
async function shownFields(page) {
	return page.locator(`${PANEL} [data-parameter-path^="parameters."]`).evaluateAll((elements) =>
		elements
			.filter((element) => element.offsetParent !== null)
			.map((element) => {
				const item = element.closest('.parameter-item, [data-test-id=parameter-item]');
				const label = item?.querySelector('[data-test-id=input-label] label, label');
				const title = label?.querySelector('span') ?? label;
				return [element.getAttribute('data-parameter-path'), (title?.textContent ?? '').trim()];
			}),
	);
}

async function checkModelFields(page, type, version, resource, operation) {
	const problems = [];
	for (const field of shownModelFields(type, version, resource, operation)) {
		const input = page.locator(`${PANEL} [data-test-id=resource-locator-${field.name}] [data-test-id=rlc-input]`);
		const visible = await input.filter({ visible: true }).count();
		if (visible === 0) {
			problems.push(`model field "${field.displayName}" (${field.name}) is not shown`);
			continue;
		}
		const shown = await input.filter({ visible: true }).first().inputValue();
		const expected = field.default?.value ?? '';
		if (shown !== expected) {
			problems.push(`model field "${field.displayName}" (${field.name}) shows "${shown}", not its own default "${expected}" (a value kept from another resource?)`);
		}
	}
	return problems;
}

/**
 * Goes through every operation. `watcher` is watch.js's; returns { problems, operations (count), shots }.
 */
async function checkEveryOperation(page, { type, version, outputDir, watcher }) {
	const problems = [];
	const shots = {};
	let operations = 0;
	const resourceOptions = type.properties.find((p) => p.name === 'resource').options;
	for (const { resource, resourceName, operations: ops } of resourcesAndOperations(type, version)) {
		const operationOptions = type.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
		)?.options;
		for (const op of ops) {
			const where = `${resourceName} → ${op.name}`;
			try {
				await selectOption(page, 'resource', resourceName, sameNameRank(resourceOptions, resource));
				await settle(page);
				await selectOption(page, 'operation', op.name, sameNameRank(operationOptions, op.value));
				await settle(page);
				const shownOperation = await shownOption(page, 'operation');
				if (shownOperation !== op.name) problems.push(`${where}: the Operation field shows "${shownOperation}"`);
				for (const [fieldPath, label] of await shownFields(page)) {
					if (!label) problems.push(`${where}: field ${fieldPath} has no display name`);
				}
				for (const problem of await checkModelFields(page, type, version, resource, op.value)) problems.push(`${where}: ${problem}`);
			} catch (error) {
				problems.push(`${where}: ${String(error.message ?? error).split('\n')[0]}`);
			}
			for (const seen of watcher.take()) problems.push(`${where}: ${seen}`);
			shots[`${resource}.${op.value}`] = await shot(page, outputDir, `operation-${resource}-${op.value}`, { jpeg: true });
			operations++;
		}
	}
	return { problems, operations, shots };
}

module.exports = { checkEveryOperation, checkModelFields };
