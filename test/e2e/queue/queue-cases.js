// The checks of the queue-mode e2e layer (run-queue-e2e.js runs them in this order on one cluster; the last one
// kills a worker). Each gets { rest, flatted, fake, cluster, credentials, log }.
'use strict';

const assert = require('node:assert/strict');
const { randomBytes } = require('node:crypto');

const { waitFor } = require('../rest');
const { makeWav } = require('../../support/media-files');
const { executionsStartedBy } = require('./queue-cluster');
const flows = require('./queue-flows');

const RUNS = 20;
const ITEMS = 100;
const CHAT_PATH = '/v1/chat/completions';

/** Which worker ran each execution, from the workers' logs: id → worker name (each id exactly once). */
function workerOf(cluster, executionIds) {
	const startedBy = cluster.workers.map((worker) => ({ name: worker.name, ids: executionsStartedBy(worker) }));
	const owners = new Map();
	for (const id of executionIds) {
		const names = startedBy.filter((worker) => worker.ids.has(String(id))).map((worker) => worker.name);
		assert.equal(names.length, 1, `execution ${id} was started by ${names.length} workers (${names.join(', ')})`);
		owners.set(String(id), names[0]);
	}
	return owners;
}

const tally = (owners) => [...owners.values()].reduce((counts, name) => ({ ...counts, [name]: (counts[name] ?? 0) + 1 }), {});

/** The answer our node gives for the fake's `echo: …` (the message text in `text`). */
function answerText(json) {
	return json.text ?? json.message?.content ?? json.choices?.[0]?.message?.content;
}

/** Checks one successful chat execution: ITEMS items, each paired with its input and answering its own prompt. */
async function checkChatOutput({ rest, flatted }, executionId) {
	const runData = await flows.runDataOf(rest, flatted, executionId);
	const inputs = runData.Items[0].data.main[0];
	const outputs = runData.Chat[0].data.main[0];
	assert.equal(inputs.length, ITEMS);
	assert.equal(outputs.length, ITEMS, `execution ${executionId}: Chat output ${outputs.length} items`);
	const { run } = inputs[0].json;
	outputs.forEach((item, index) => {
		assert.deepEqual(item.pairedItem, { item: index }, `execution ${executionId} item ${index} pairedItem`);
		assert.equal(answerText(item.json), `echo: ${flows.promptOf(run, index)}`, `execution ${executionId} item ${index}`);
	});
	return run;
}

/** Every chat request's prompt, and that none was sent twice. */
function chatPrompts(fake) {
	return fake.requests.filter((request) => request.path === CHAT_PATH).map((request) => request.body.messages.at(-1).content);
}

/** 1. RUNS webhook executions at once, each ITEMS chat items at Concurrency 10, spread over both workers. */
async function checkManyRuns(context) {
	const { rest, fake, cluster, credentials, log } = context;
	fake.reset();
	const workflow = await flows.createActive(rest, cluster.origin, flows.chatWorkflow('queue-e2e chat', 'queue-chat', credentials, { items: ITEMS, concurrency: 10 }));
	const startedAt = Date.now();
	await flows.fire(cluster.origin, 'queue-chat', Array.from({ length: RUNS }, (_, run) => ({ run })));
	const executions = await flows.waitForFinished(rest, workflow.id, RUNS);
	const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
	assert.equal(executions.length, RUNS);
	const failed = executions.filter((execution) => execution.status !== 'success');
	assert.equal(failed.length, 0, `executions not successful: ${failed.map((execution) => `${execution.id} ${execution.status}`).join(', ')}`);
	assert.ok(executions.every((execution) => execution.mode === 'webhook'));

	const owners = workerOf(cluster, executions.map((execution) => execution.id));
	const perWorker = tally(owners);
	assert.equal(Object.keys(perWorker).length, 2, `the executions ran on ${JSON.stringify(perWorker)}, not on both workers`);

	const runs = [];
	for (const execution of executions) runs.push(await checkChatOutput(context, execution.id));
	assert.deepEqual(runs.sort((a, b) => a - b), Array.from({ length: RUNS }, (_, run) => run), 'each run once');

	const prompts = chatPrompts(fake);
	assert.equal(prompts.length, RUNS * ITEMS, `the fake server got ${prompts.length} chat requests`);
	const models = new Set(fake.requests.filter((request) => request.path === CHAT_PATH).map((request) => request.body.model));
	assert.deepEqual([...models], [flows.CHAT_MODEL], `chat requests named ${[...models].join(', ')}`);
	assert.equal(new Set(prompts).size, RUNS * ITEMS, 'a prompt was sent twice');
	log(`1. ${RUNS} executions × ${ITEMS} items: all success in ${seconds} s, per worker ${JSON.stringify(perWorker)}, every item paired with its own answer, ${prompts.length} chat requests, none twice: OK`);
}

/** 2. Speech made on a worker is stored in the database binary mode and sent whole to Transcribe. */
async function checkBinaryFlow(context) {
	const { rest, flatted, fake, cluster, credentials, log } = context;
	fake.reset();
	// Audio bytes no other request has: the transcription must carry exactly these.
	const speech = makeWav({ seconds: 0.5, sampleRate: 24000 });
	randomBytes(speech.length - 44).copy(speech, 44);
	fake.on('POST', '/v1/audio/speech', () => ({ status: 200, body: speech, headers: { 'content-type': 'audio/wav' } }));
	const workflow = await flows.createActive(rest, cluster.origin, flows.speechWorkflow('queue-e2e speech', 'queue-speech', credentials));
	await flows.fire(cluster.origin, 'queue-speech', [{ text: 'Your order has shipped.' }]);
	const [execution] = await flows.waitForFinished(rest, workflow.id, 1);
	assert.equal(execution.status, 'success', `the speech execution ended ${execution.status}`);
	const [worker] = workerOf(cluster, [execution.id]).values();

	const runData = await flows.runDataOf(rest, flatted, execution.id);
	const spoken = runData.Speak[0].data.main[0][0];
	assert.equal(spoken.binary.data.mimeType, 'audio/wav');
	assert.match(spoken.binary.data.id, /^database:/, `the speech is stored as ${spoken.binary.data.id}, not in the database mode`);
	assert.equal(fake.requests.find((request) => request.path === '/v1/audio/speech')?.body.model, flows.SPEECH_MODEL);
	const transcription = fake.requests.find((request) => request.path === '/v1/audio/transcriptions');
	assert.ok(transcription, 'no transcription request');
	assert.equal(transcription.body.file.filename, 'speech.wav');
	assert.equal(transcription.body.file.size, speech.length);
	assert.ok(transcription.body.file.content.equals(speech), 'the transcription upload is not the speech bytes');
	const [text] = runData.Transcribe[0].data.main[0];
	assert.match(text.json.text, /speech\.wav/);
	log(`2. Generate Speech → Transcribe on ${worker}: binary ${spoken.binary.data.id.split(':')[0]} mode, the ${speech.length} speech bytes arrived in the transcription multipart: OK`);
}

/** 3. SIGKILL one worker while both run executions; see what n8n does with the killed worker's executions. */
async function checkKilledWorker(context) {
	const { rest, fake, cluster, credentials, log } = context;
	fake.reset();
	// Slow answers (Concurrency 10 × 100 items → at least 10 × 300 ms an execution) so that the kill lands mid-run.
	fake.latencyMs = 300;
	const [victim, survivor] = cluster.workers;
	const workflow = await flows.createActive(rest, cluster.origin, flows.chatWorkflow('queue-e2e kill', 'queue-kill', credentials, { items: ITEMS, concurrency: 10 }));
	await flows.fire(cluster.origin, 'queue-kill', Array.from({ length: RUNS }, (_, run) => ({ run })));
	await waitFor(() => executionsStartedBy(victim).size > 0 && executionsStartedBy(survivor).size > 0 && chatPrompts(fake).length >= 200, 120000, 'both workers to be mid-run');
	const finishedBefore = new Set([...victim.output.matchAll(/Worker finished execution (\d+)/g)].map((match) => match[1]));
	victim.signal('SIGKILL');
	await victim.exited;
	const killedAt = Date.now();
	const onVictim = [...executionsStartedBy(victim)].filter((id) => !finishedBefore.has(id));
	assert.ok(onVictim.length > 0, `${victim.name} had no execution running when it was killed`);
	log(`3. killed ${victim.name} (SIGKILL) with ${onVictim.length} of its executions running; waiting for n8n to settle them`);

	const executions = await flows.waitForFinished(rest, workflow.id, RUNS, 180000);
	const settledSeconds = ((Date.now() - killedAt) / 1000).toFixed(1);
	const byStatus = tally(new Map(executions.map((execution) => [execution.id, execution.status])));
	const survivorIds = executionsStartedBy(survivor);
	const interrupted = executions.filter((execution) => onVictim.includes(String(execution.id)));
	const others = executions.filter((execution) => !onVictim.includes(String(execution.id)));
	for (const execution of others) {
		assert.equal(execution.status, 'success', `execution ${execution.id} (not on the killed worker) ended ${execution.status}`);
		assert.ok(survivorIds.has(String(execution.id)), `execution ${execution.id} succeeded but not on ${survivor.name}`);
	}
	// What n8n 2.41.1 does with them (seen here): once their Bull locks run out, the surviving worker's stalled-job
	// check fails the jobs ("job stalled more than maxStalledCount") and the main marks the executions `error`;
	// one that the main's queue recovery finds first without a live job is marked `crashed`. Neither is run again.
	for (const execution of interrupted) {
		assert.ok(['error', 'crashed'].includes(execution.status), `execution ${execution.id} on the killed worker ended ${execution.status}`);
	}
	const interruptedStatus = tally(new Map(interrupted.map((execution) => [execution.id, execution.status])));
	for (const execution of others) await checkChatOutput(context, execution.id);
	const prompts = chatPrompts(fake);
	assert.equal(new Set(prompts).size, prompts.length, 'a prompt was sent twice: an interrupted execution ran again');
	log(
		`   n8n settled all ${RUNS} within ${settledSeconds} s of the kill: ${JSON.stringify(byStatus)}; the ${interrupted.length} on the killed worker ended ${JSON.stringify(interruptedStatus)}, none ran again (${prompts.length} distinct prompts, none twice); the ${others.length} others succeeded with complete output`,
	);

	fake.reset();
	await flows.fire(cluster.origin, 'queue-kill', [{ run: 99 }]);
	const after = await flows.waitForFinished(rest, workflow.id, RUNS + 1);
	const next = after.find((execution) => !executions.some((earlier) => earlier.id === execution.id));
	assert.equal(next.status, 'success', `the next execution ended ${next.status}`);
	assert.ok(executionsStartedBy(survivor).has(String(next.id)), `the next execution ${next.id} did not run on ${survivor.name}`);
	assert.equal(await checkChatOutput(context, next.id), 99);
	assert.equal(chatPrompts(fake).length, ITEMS);
	log(`   the next execution (${next.id}) ran on ${survivor.name} and succeeded: OK`);
}

module.exports = { checkManyRuns, checkBinaryFlow, checkKilledWorker };
