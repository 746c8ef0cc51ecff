// The importable example workflows (examples/*.json, one per Fusion module) run as a user would run them after
// import: the file is loaded as it is, only the credential reference of every OpenAI Toolkit node is pointed
// at the e2e credential (users pick their own after import), and each toolkit node's request and output are
// checked.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const { assert, CREDENTIAL, TOOLKIT_TYPE } = require('../support');

const EXAMPLES_DIR = path.join(__dirname, '..', '..', '..', 'examples');

/** The example as shipped, with the e2e credential on every toolkit node; the run gets its own name. */
function loadExample(file) {
	const exported = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));
	const toolkitNodes = exported.nodes.filter((node) => node.type === TOOLKIT_TYPE);
	assert.ok(toolkitNodes.length > 0, `${file} has no OpenAI Toolkit node`);
	for (const node of toolkitNodes) {
		// The Fusion examples (01–12) are version 1, as saved workflows are; later ones use version 2's resources.
		assert.equal(node.typeVersion, Number(file.slice(0, 2)) <= 12 ? 1 : 2, `${file}: ${node.name} typeVersion`);
		assert.deepEqual(node.credentials, { openAiToolkitApi: { id: 'REPLACE_ME', name: 'OpenAI Toolkit account' } }, `${file}: ${node.name} credentials`);
	}
	assert.equal(exported.nodes[0].type, 'n8n-nodes-base.manualTrigger', `${file} starts with a Manual Trigger`);
	// The run keeps n8n's 'e2e: …' name; everything else is the file's.
	const rest = { ...exported };
	delete rest.name;
	return {
		...rest,
		nodes: exported.nodes.map((node) => (node.type === TOOLKIT_TYPE ? { ...node, credentials: { openAiToolkitApi: CREDENTIAL } } : node)),
	};
}

const example = (file, testCase) => ({ ...testCase, name: `Example ${file}: ${testCase.name}`, workflow: () => loadExample(file) });

const requestsTo = (fake, method, pathname) => fake.requests.filter((r) => r.method === method && r.path === pathname);

module.exports = [
	example('01-create-a-completion.json', {
		name: 'Completion → Create writes a tagline per product',
		compat: true,
		check({ json, output, fake }) {
			const requests = requestsTo(fake, 'POST', '/v1/completions');
			assert.equal(requests.length, 2);
			const prompts = requests.map((r) => r.body.prompt).sort();
			assert.deepEqual(prompts, [
				'Write a short, catchy tagline for a reusable bamboo coffee cup.\nTagline:',
				'Write a short, catchy tagline for a solar-powered bike light.\nTagline:',
			]);
			const rest = { ...requests[0].body };
			delete rest.prompt;
			assert.deepEqual(rest, { model: 'gpt-3.5-turbo-instruct', temperature: 0.8, stop: ['\n'], max_tokens: 40 });
			const items = json('Write tagline');
			assert.equal(items.length, 2);
			assert.ok(items.every((item) => item.object === 'text_completion' && typeof item.text === 'string' && item.text.length > 0));
			assert.match(items[0].text, /bamboo coffee cup/);
			assert.deepEqual(output('Write tagline').map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }]);
		},
	}),
	example('02-create-chat-completion.json', {
		name: 'Chat → Create Completion triages tickets with a JSON schema',
		compat: true,
		check({ json, fake }) {
			const requests = requestsTo(fake, 'POST', '/v1/chat/completions');
			assert.equal(requests.length, 2);
			const body = requests.find((r) => r.body.messages[1].content.startsWith('I was charged twice')).body;
			assert.equal(body.model, 'gpt-4o-mini');
			assert.equal(body.temperature, 0);
			assert.equal(body.messages[0].role, 'system');
			assert.match(body.messages[0].content, /triage customer support tickets/);
			assert.equal(body.response_format.type, 'json_schema');
			assert.equal(body.response_format.json_schema.name, 'ticket_triage');
			assert.equal(body.response_format.json_schema.strict, true);
			assert.deepEqual(body.response_format.json_schema.schema.required, ['category', 'urgency', 'summary']);
			const items = json('Triage ticket');
			assert.equal(items.length, 2);
			for (const item of items) {
				assert.equal(item.object, 'chat.completion');
				assert.equal(typeof item.text, 'object', 'the structured answer is parsed');
				assert.ok(['billing', 'bug', 'feature_request', 'other'].includes(item.text.category));
				assert.ok(['low', 'medium', 'high'].includes(item.text.urgency));
				assert.equal(typeof item.text.summary, 'string');
			}
		},
	}),
	example('03-create-an-edit.json', {
		name: 'Edit → Create fixes a draft',
		check({ json, fake }) {
			assert.equal(fake.requests.length, 1);
			assert.equal(fake.requests[0].path, '/v1/chat/completions');
			const { messages, ...rest } = fake.requests[0].body;
			assert.deepEqual(rest, { model: 'gpt-4o-mini', temperature: 0 });
			assert.equal(
				messages[1].content,
				'Instruction:\nFix the spelling and grammar mistakes. Keep the meaning and the tone.\n\nText:\nThank you for you order, it will shiped on monday and arive before the weekend.',
			);
			const [edit] = json('Fix spelling and grammar');
			assert.equal(edit.object, 'edit');
			assert.equal(typeof edit.text, 'string');
			assert.equal(edit.choices[0].text, edit.text);
			assert.equal(typeof edit.usage.total_tokens, 'number');
		},
	}),
	example('04-create-a-moderation.json', {
		name: 'Moderation → Create checks each comment',
		check({ json, fake }) {
			const requests = requestsTo(fake, 'POST', '/v1/moderations');
			assert.equal(requests.length, 2);
			assert.deepEqual(requests.map((r) => r.body).sort((a, b) => a.input[0].localeCompare(b.input[0])), [
				{ model: 'omni-moderation-latest', input: ['Great article, thanks for sharing!'] },
				{ model: 'omni-moderation-latest', input: ['Post that again and I will kill you.'] },
			]);
			const items = json('Moderate comment');
			assert.deepEqual(items.map((item) => item.flagged), [false, true]);
			assert.equal(items[1].results[0].categories.violence, true);
		},
	}),
	example('05-create-an-embedding.json', {
		name: 'Embedding → Create embeds three chunks in one request',
		check({ output, fake }) {
			const requests = requestsTo(fake, 'POST', '/v1/embeddings');
			assert.equal(requests.length, 1);
			assert.equal(requests[0].body.model, 'text-embedding-3-small');
			assert.equal(requests[0].body.dimensions, 256);
			assert.equal(requests[0].body.input.length, 3);
			assert.match(requests[0].body.input[1], /^Embeddings turn text into vectors/);
			const items = output('Embed chunks');
			assert.equal(items.length, 3);
			assert.deepEqual(items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }, { item: 2 }]);
			assert.ok(items.every((item) => Array.isArray(item.json.embedding) && item.json.embedding.length === 256));
		},
	}),
	example('06-generate-images.json', {
		name: 'Image → Generate gives a binary PNG',
		check({ output, fake }) {
			const [generation] = requestsTo(fake, 'POST', '/v1/images/generations');
			assert.deepEqual(generation.body, {
				model: 'dall-e-3',
				prompt: 'A cosy reading nook by a rainy window, warm lamp light, watercolour illustration',
				quality: 'standard',
				size: '1024x1024',
				style: 'natural',
			});
			const items = output('Generate image');
			assert.equal(items.length, 1);
			assert.equal(items[0].binary.data.mimeType, 'image/png');
			assert.equal(items[0].binary.data.fileName, 'image-1.png');
		},
	}),
	example('07-edit-image.json', {
		name: 'Image → Create Variation of a PNG drawn by a Code node',
		check({ output, fake }) {
			const [variation] = requestsTo(fake, 'POST', '/v1/images/variations');
			assert.equal(variation.body.model, 'dall-e-2');
			assert.equal(variation.body.n, '2');
			assert.equal(variation.body.size, '256x256');
			const image = variation.body.image;
			assert.equal(image.filename, 'gradient.png');
			assert.equal(image.type, 'image/png');
			// The Code node's PNG is a real one: 64×64 RGB, its pixel data inflates to 64 rows of 1 + 64×3 bytes.
			assert.equal(image.content.toString('ascii', 12, 16), 'IHDR');
			assert.equal(image.content.readUInt32BE(16), 64);
			assert.equal(image.content.readUInt32BE(20), 64);
			const idatLength = image.content.readUInt32BE(33);
			assert.equal(image.content.toString('ascii', 37, 41), 'IDAT');
			assert.equal(zlib.inflateSync(image.content.subarray(41, 41 + idatLength)).length, 64 * (1 + 64 * 3));
			const items = output('Create variations');
			assert.equal(items.length, 2);
			assert.ok(items.every((item) => item.binary.data.mimeType === 'image/png'));
		},
	}),
	example('08-manage-audio.json', {
		name: 'Audio → Transcribe a WAV made by a Code node',
		compat: true,
		check({ json, fake }) {
			const [request] = requestsTo(fake, 'POST', '/v1/audio/transcriptions');
			assert.equal(request.body.model, 'whisper-1');
			assert.equal(request.body.language, 'en');
			assert.equal(request.body.file.filename, 'voice-memo.wav');
			assert.equal(request.body.file.type, 'audio/wav');
			assert.equal(request.body.file.size, 44 + 16000 * 2);
			assert.equal(request.body.file.content.toString('ascii', 0, 4), 'RIFF');
			assert.equal(request.body.file.content.toString('ascii', 8, 12), 'WAVE');
			const [item] = json('Transcribe recording');
			assert.match(item.text, /voice-memo\.wav/);
		},
	}),
	example('09-get-models.json', {
		name: 'Model → List gives one item per model',
		check({ json, fake }) {
			assert.deepEqual(fake.requests.map((r) => `${r.method} ${r.path}`), ['GET /v1/models']);
			const models = json('List models');
			assert.deepEqual(models.map((m) => m.id), fake.state.models);
			assert.ok(models.every((m) => m.object === 'model'));
		},
	}),
	example('10-manage-files.json', {
		name: 'File → Upload a JSONL made by a Code node, then List',
		check({ json, fake }) {
			const [upload] = requestsTo(fake, 'POST', '/v1/files');
			assert.equal(upload.body.purpose, 'fine-tune');
			assert.equal(upload.body.file.filename, 'support-training.jsonl');
			const lines = upload.body.file.content.toString('utf8').trimEnd().split('\n');
			assert.equal(lines.length, 10);
			assert.ok(lines.every((line) => JSON.parse(line).messages.length === 3));
			const [file] = json('Upload file');
			assert.equal(file.object, 'file');
			assert.equal(file.bytes, upload.body.file.size);
			const [list] = requestsTo(fake, 'GET', '/v1/files');
			assert.equal(list.query.purpose, 'fine-tune');
			assert.deepEqual(json('List files').map((f) => f.id), [file.id]);
		},
	}),
	example('11-manage-fine-tunes.json', {
		name: 'Fine-Tuning Job → Create from an uploaded file, then List Events',
		check({ json, fake }) {
			const [file] = json('Upload training file');
			const [create] = requestsTo(fake, 'POST', '/v1/fine_tuning/jobs');
			assert.deepEqual(create.body, {
				model: 'gpt-4o-mini-2024-07-18',
				training_file: file.id,
				suffix: 'support-bot',
				method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 3 } } },
			});
			const [job] = json('Create fine-tuning job');
			assert.equal(job.object, 'fine_tuning.job');
			assert.equal(job.training_file, file.id);
			const events = json('List job events');
			assert.deepEqual(events.map((e) => e.message), [`Validating training file: ${file.id}`, `Created fine-tuning job: ${job.id}`]);
			assert.deepEqual(
				fake.requests.map((r) => `${r.method} ${r.path}`),
				['POST /v1/files', 'POST /v1/fine_tuning/jobs', `GET /v1/fine_tuning/jobs/${job.id}/events`],
			);
		},
	}),
	example('12-make-a-custom-api-call.json', {
		name: 'Custom API Call → GET models?limit=5',
		compat: true,
		check({ json, fake }) {
			assert.equal(fake.requests.length, 1);
			assert.equal(fake.requests[0].method, 'GET');
			assert.equal(fake.requests[0].path, '/v1/models');
			assert.deepEqual(fake.requests[0].query, { limit: '5' });
			const [reply] = json('Custom API call');
			assert.equal(reply.object, 'list');
			assert.equal(reply.data.length, 5);
		},
	}),
	example('13-generate-a-video.json', {
		name: 'Video → Generate (wait) → the MP4, then its thumbnail',
		check({ json, output }) {
			const [video] = json('Generate video');
			assert.equal(video.status, 'completed');
			assert.equal(output('Generate video')[0].binary.data.mimeType, 'video/mp4');
			const [thumbnail] = output('Download thumbnail');
			assert.equal(thumbnail.binary.thumbnail.mimeType, 'image/webp');
			assert.equal(thumbnail.binary.thumbnail.fileName, `${video.id}-thumbnail.webp`);
		},
	}),
	example('15-multi-turn-conversation.json', {
		name: 'Conversation → two Response turns in it → its items, in order',
		check({ json }) {
			const [second] = json('Second turn');
			assert.match(second.text, /earlier: My name is Ada/);
			const items = json('List the conversation');
			const userTexts = items.filter((item) => item.role === 'user').map((item) => item.content[0].text);
			assert.deepEqual(userTexts, ['My name is Ada and I love sailing.', 'What is my name, and what could I do this weekend?']);
		},
	}),
	example('17-chat-with-tools.json', {
		name: 'Chat → Create Completion with a Calculator and a Code tool attached answers the question',
		check({ json, fake }) {
			const [answer] = json('Answer with tools');
			assert.equal(typeof answer.text, 'string');
			const [request] = fake.requests.filter((r) => r.path === '/v1/chat/completions');
			const names = request.body.tools.map((tool) => tool.function.name);
			assert.equal(names.length, 2, `tools sent: ${names.join(', ')}`);
			assert.deepEqual([...names].sort(), ['Calculator', 'Days_Until'], `tools sent: ${names.join(', ')}`);
		},
	}),
];
