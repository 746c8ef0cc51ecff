/*
 * Node version 2 (what a new node gets) next to version 1 (what saved workflows have): version 1's parameters are
 * exactly those of the last release before version 2 (names, types, defaults, option values, where each is
 * shown), and version 2 changes what the editor issue asked for.
 */
import type { INodeProperties } from 'n8n-workflow';

import { nodeDescription } from '../../../support/executeContext';
import { parameterProjection } from '../../../support/parameterProjection';
import version1Parameters from '../../fixtures/version1-parameters.json';

const v1 = nodeDescription(1).properties;
const v2 = nodeDescription(2).properties;
const shownFor = (properties: INodeProperties[], resource: string, operation: string) =>
	properties.filter(
		(property) =>
			(property.displayOptions?.show?.resource as string[] | undefined)?.includes(resource) &&
			(property.displayOptions?.show?.operation as string[] | undefined)?.includes(operation),
	);
const modelFields = (properties: INodeProperties[]) =>
	properties.filter((property) => property.type === 'resourceLocator' && property.modes?.some((mode) => mode.typeOptions?.searchListMethod?.startsWith('searchModels_')));

describe('node versions', () => {
	test('version 1 keeps the parameters of the release before version 2, byte for byte', () => {
		expect(parameterProjection(v1)).toEqual(version1Parameters);
	});

	test('a new node is version 2; both versions are known to n8n', () => {
		expect(nodeDescription(1).version).toBe(1);
		expect(nodeDescription(2).version).toBe(2);
		expect(nodeDescription(2).defaultVersion).toBe(2);
	});

	test('version 2 gives each kind of model a field of its own, so a model never carries over to a resource it does not fit', () => {
		const names = new Map<string, Set<string>>();
		for (const field of modelFields(v2)) {
			const method = field.modes!.find((mode) => mode.name === 'list')!.typeOptions!.searchListMethod!;
			names.set(field.name, (names.get(field.name) ?? new Set()).add(method));
		}
		// Every name stands for one kind of model, and no version 2 model field is called plain `model`.
		for (const [name, methods] of names) expect([name, [...methods]]).toEqual([name, [expect.any(String)]]);
		expect(names.has('model')).toBe(false);
		const defaultOf = (resource: string, operation: string) => {
			const [field] = modelFields(shownFor(v2, resource, operation));
			return [field.name, (field.default as { value: string }).value];
		};
		expect(defaultOf('chat', 'createCompletion')).toEqual(['chatModel', 'gpt-4o-mini']);
		expect(defaultOf('image', 'generate')).toEqual(['imageModel', 'dall-e-3']);
		expect(defaultOf('image', 'createVariation')).toEqual(['imageVariationModel', 'dall-e-2']);
		expect(defaultOf('audio', 'transcribe')).toEqual(['transcriptionModel', 'whisper-1']);
		expect(defaultOf('audio', 'generateSpeech')).toEqual(['speechModel', 'tts-1']);
		expect(defaultOf('embedding', 'create')).toEqual(['embeddingModel', 'text-embedding-3-small']);
		// Version 1 keeps `model` everywhere.
		expect(new Set(modelFields(v1).map((field) => field.name))).toEqual(new Set(['model', 'modelId']));
	});

	test('version 2 lists everything by default (Return All on), version 1 keeps the limit of 50', () => {
		const returnAll = (properties: INodeProperties[]) => properties.filter((property) => property.name === 'returnAll').map((property) => property.default);
		expect(new Set(returnAll(v2))).toEqual(new Set([true]));
		expect(new Set(returnAll(v1))).toEqual(new Set([false]));
	});

	test('version 2 has Simplify Output, on, for the operations that answer with a text, before their options', () => {
		for (const [resource, operation] of [['chat', 'createCompletion'], ['completion', 'create'], ['edit', 'create'], ['response', 'create']]) {
			const own = shownFor(v2, resource, operation);
			const simplify = own.find((property) => property.name === 'simplify');
			expect(simplify).toMatchObject({ type: 'boolean', default: true, displayName: 'Simplify Output' });
			const options = own.filter((property) => property.type === 'collection').pop()!;
			expect(own.indexOf(simplify!)).toBeLessThan(own.indexOf(options));
		}
		expect(v1.some((property) => property.name === 'simplify')).toBe(false);
	});

	test('version 2 moves rarely set fields into Options and gives Training File a picker', () => {
		const embedding = shownFor(v2, 'embedding', 'create');
		expect(embedding.map((property) => property.name)).not.toContain('user');
		expect(embedding.map((property) => property.name)).not.toContain('limit');
		const options = embedding.find((property) => property.name === 'options')!.options as INodeProperties[];
		expect(options.map((option) => option.name)).toEqual(expect.arrayContaining(['user', 'limit']));
		expect(shownFor(v2, 'response', 'create').map((property) => property.name)).not.toContain('functionTools');
		const trainingFile = shownFor(v2, 'fineTuningJob', 'create').find((property) => property.name === 'trainingFileId')!;
		expect(trainingFile.type).toBe('resourceLocator');
		expect(trainingFile.modes!.map((mode) => mode.name)).toEqual(['list', 'id']);
	});

	test("version 2 tucks a chat message's Name into Message Options and shows Images for user messages only", () => {
		const messages = shownFor(v2, 'chat', 'createCompletion').find((property) => property.name === 'messages')!;
		const [group] = messages.options as Array<{ values: INodeProperties[] }>;
		expect(group.values.map((field) => field.name)).toEqual(['role', 'content', 'images', 'messageOptions']);
		expect(group.values[2].displayOptions).toEqual({ show: { role: ['user'] } });
		expect((group.values[3].options as INodeProperties[]).map((field) => field.name)).toEqual(['name']);
	});

	test('Delete Fine-Tuned Model is listed once in version 2 (under Model), and still under Fine-Tuning Job in version 1', () => {
		const operations = (properties: INodeProperties[]) =>
			(properties.find((property) => property.name === 'operation' && property.displayOptions?.show?.resource?.[0] === 'fineTuningJob')!.options as Array<{ value: string }>).map((option) => option.value);
		expect(operations(v1)).toContain('deleteModel');
		expect(operations(v2)).not.toContain('deleteModel');
	});

	test('every field of both versions has a display name, and Chat comes first', () => {
		for (const properties of [v1, v2]) {
			for (const property of properties) expect([property.name, property.displayName.trim().length > 0]).toEqual([property.name, true]);
			const resource = properties.find((property) => property.name === 'resource')!;
			expect((resource.options as Array<{ value: string }>)[0].value).toBe('chat');
		}
	});

	test("our raw API call is not named like n8n's own Custom API Call entry", () => {
		const resource = v2.find((property) => property.name === 'resource')!;
		const names = (resource.options as Array<{ name: string }>).map((option) => option.name);
		expect(names).not.toContain('Custom API Call');
		expect(names).toContain('API Call (Any Endpoint)');
		for (const option of resource.options as Array<{ description: string }>) expect(option.description).not.toMatch(/Fusion/);
	});
});
