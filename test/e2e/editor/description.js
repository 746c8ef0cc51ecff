// The node as n8n serves it to the editor (GET /types/nodes.json): the newest version of our node, its
// resources and operations (n8n's own "Custom API Call" entry left out), and which model field a panel shows.
'use strict';

/** n8n adds this option to the Resource and Operation lists of every node with credentials. */
const N8N_CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

const versionsOf = (type) => [].concat(type.version);

/** The entry of `name` with the highest version, and that version. */
function newestNodeType(nodeTypes, name) {
	const entries = nodeTypes.filter((type) => type.name === name);
	if (entries.length === 0) throw new Error(`${name} is not in /types/nodes.json`);
	const version = Math.max(...entries.flatMap(versionsOf));
	return { type: entries.find((type) => versionsOf(type).includes(version)), version };
}

/** One condition of displayOptions: a list of allowed values, each a value or { _cnd: { op: operand } }. */
function allows(allowed, value) {
	return [].concat(allowed).some((entry) => {
		if (!entry || typeof entry !== 'object' || !entry._cnd) return entry === value;
		const [op, operand] = Object.entries(entry._cnd)[0];
		switch (op) {
			case 'eq':
				return value === operand;
			case 'not':
				return value !== operand;
			case 'gte':
				return value >= operand;
			case 'lte':
				return value <= operand;
			case 'gt':
				return value > operand;
			case 'lt':
				return value < operand;
			case 'exists':
				return value !== undefined;
			case 'startsWith':
				return String(value).startsWith(operand);
			case 'endsWith':
				return String(value).endsWith(operand);
			case 'includes':
				return String(value).includes(operand);
			default:
				return true;
		}
	});
}

function isShown(property, values, version) {
	const { show, hide } = property.displayOptions ?? {};
	const valueOf = (key) => (key === '@version' ? version : values[key.replace(/^\//, '')]);
	if (show && !Object.entries(show).every(([key, allowed]) => allows(allowed, valueOf(key)))) return false;
	if (hide && Object.entries(hide).some(([key, allowed]) => allows(allowed, valueOf(key)))) return false;
	return true;
}

/** The top-level values of a fresh panel on resource → operation: every other field at its default. */
function panelValues(type, version, resource, operation) {
	const values = { resource, operation };
	// Fields shown depending on other fields (inputType, endpoint …): a few passes settle them.
	for (let pass = 0; pass < 3; pass++) {
		for (const property of type.properties) {
			if (property.name in values || !isShown(property, values, version)) continue;
			values[property.name] = property.default;
		}
	}
	return values;
}

const optionsOf = (property) => property.options.filter((option) => option.value !== N8N_CUSTOM_API_CALL);

/** [{ resource, resourceName, operations: [{ value, name, action }] }] in the order the editor lists them. */
function resourcesAndOperations(type, version) {
	const resourceProperty = type.properties.find((p) => p.name === 'resource' && isShown(p, {}, version));
	return optionsOf(resourceProperty).map((resource) => {
		const operationProperty = type.properties.find(
			(p) => p.name === 'operation' && isShown(p, { resource: resource.value }, version),
		);
		return {
			resource: resource.value,
			resourceName: resource.name,
			operations: operationProperty ? optionsOf(operationProperty).map(({ value, name, action }) => ({ value, name, action })) : [],
		};
	});
}

/** A model field: a resource locator whose list mode searches models (searchModels_*). */
const isModelField = (property) =>
	property.type === 'resourceLocator' &&
	(property.modes ?? []).some((mode) => /^searchModels_/.test(mode.typeOptions?.searchListMethod ?? ''));

/** The model fields a fresh panel on resource → operation shows, with their defaults. */
function shownModelFields(type, version, resource, operation) {
	const values = panelValues(type, version, resource, operation);
	return type.properties.filter((p) => isModelField(p) && isShown(p, values, version));
}

module.exports = { N8N_CUSTOM_API_CALL, newestNodeType, resourcesAndOperations, shownModelFields, isShown };
