// POST /audio/transcriptions and /audio/translations (multipart) and /audio/speech (JSON), answered like
// OpenAI: json / text / srt / vtt / verbose_json (segments, words on request), the 25 MB limit (413), file
// formats told by the name's extension, and speech as audio bytes with the format's content type (a real WAV
// for wav).
'use strict';

const { makeWav } = require('../media-files');

const MAX_AUDIO_BYTES = 26214400;
const AUDIO_EXTENSIONS = ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm'];
const SPEECH_CONTENT_TYPES = { mp3: 'audio/mpeg', opus: 'audio/opus', aac: 'audio/aac', flac: 'audio/flac', wav: 'audio/wav', pcm: 'audio/pcm' };

/**
 * Seconds of audio in a PCM WAV (from its header), else a guess from the size. A big upload is only measured
 * by the fake server (multipart-counter.js): its first bytes are in `head`, not `content`.
 */
function durationOf(file) {
	const header = file.content ?? file.head ?? Buffer.alloc(0);
	if (header.length >= 44 && header.toString('ascii', 0, 4) === 'RIFF' && header.toString('ascii', 8, 12) === 'WAVE') {
		const byteRate = header.readUInt32LE(28);
		if (byteRate > 0) return Math.round(((file.size - 44) / byteRate) * 100) / 100;
	}
	return Math.round((file.size / 16000) * 100) / 100;
}

function timestamp(seconds, separator) {
	const ms = Math.round(seconds * 1000);
	const pad = (value, width = 2) => String(value).padStart(width, '0');
	return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

module.exports = (server, { json, openAiError }) => {
	function speechToText(req, task) {
		const params = req.body ?? {};
		const file = params.file;
		if (!file || typeof file !== 'object') return openAiError(400, "Missing required parameter: 'file'.", { param: 'file' });
		if (!params.model) return openAiError(400, "Missing required parameter: 'model'.", { param: 'model' });
		if (file.size > MAX_AUDIO_BYTES) {
			return openAiError(413, `Maximum content size limit (${MAX_AUDIO_BYTES}) exceeded (${file.size} bytes read)`, { type: 'server_error' });
		}
		const extension = (file.filename.split('.').pop() ?? '').toLowerCase();
		if (!file.filename.includes('.') || !AUDIO_EXTENSIONS.includes(extension)) {
			return openAiError(400, `Invalid file format. Supported formats: ${JSON.stringify(AUDIO_EXTENSIONS)}`, { param: 'file' });
		}
		const format = params.response_format ?? 'json';
		if (/^gpt-4o(-mini)?-transcribe/.test(params.model) && !['json', 'text'].includes(format)) {
			return openAiError(400, `response_format '${format}' is not compatible with model '${params.model}'. Use 'json' or 'text' instead.`, { param: 'response_format', code: 'unsupported_value' });
		}
		const duration = durationOf(file);
		const language = task === 'translate' ? 'english' : params.language ?? 'english';
		const sentences =
			task === 'translate'
				? ['This is the English translation.', `Of ${file.filename}.`, 'It ends here.']
				: [`Hello from ${file.filename}.`, `${file.size} bytes of audio.`, 'Goodbye.'];
		const text = sentences.join(' ');
		const step = duration / sentences.length;
		const segments = sentences.map((sentence, id) => ({
			id,
			seek: 0,
			start: Math.round(id * step * 100) / 100,
			end: Math.round((id + 1) * step * 100) / 100,
			text: ` ${sentence}`,
			tokens: [50364 + id, 2425, 50464],
			temperature: Number(params.temperature ?? 0),
			avg_logprob: -0.25,
			compression_ratio: 1.1,
			no_speech_prob: 0.01,
		}));
		if (format === 'text') return { status: 200, body: `${text}\n`, headers: { 'content-type': 'text/plain; charset=utf-8' } };
		if (format === 'srt' || format === 'vtt') {
			const separator = format === 'srt' ? ',' : '.';
			const cues = segments.map((s, i) => `${format === 'srt' ? `${i + 1}\n` : ''}${timestamp(s.start, separator)} --> ${timestamp(s.end, separator)}\n${s.text.trim()}\n`);
			const body = `${format === 'vtt' ? 'WEBVTT\n\n' : ''}${cues.join('\n')}\n`;
			return { status: 200, body, headers: { 'content-type': 'text/plain; charset=utf-8' } };
		}
		if (format === 'verbose_json') {
			const granularities = [].concat(params['timestamp_granularities[]'] ?? params.timestamp_granularities ?? ['segment']);
			const body = { task, language, duration, text };
			if (granularities.includes('word')) {
				const words = text.split(' ');
				body.words = words.map((word, i) => ({ word: word.replace(/[.,]/g, ''), start: Math.round((i * duration * 100) / words.length) / 100, end: Math.round(((i + 1) * duration * 100) / words.length) / 100 }));
			}
			if (granularities.includes('segment')) body.segments = segments;
			body.usage = { type: 'duration', seconds: Math.ceil(duration) };
			return json(200, body);
		}
		if (format !== 'json') return openAiError(400, `Invalid value: '${format}'. Supported values are: 'json', 'text', 'srt', 'verbose_json', and 'vtt'.`, { param: 'response_format' });
		return json(200, { text, usage: { type: 'duration', seconds: Math.ceil(duration) } });
	}

	server.on('POST', '/v1/audio/transcriptions', (req) => speechToText(req, 'transcribe'));
	server.on('POST', '/v1/audio/translations', (req) => speechToText(req, 'translate'));

	server.on('POST', '/v1/audio/speech', (req) => {
		const params = req.body ?? {};
		for (const name of ['model', 'input', 'voice']) {
			if (params[name] === undefined || params[name] === '') return openAiError(400, `Missing required parameter: '${name}'.`, { param: name });
		}
		if (params.input.length > 4096) {
			return openAiError(400, `Invalid 'input': string too long. Expected a string with maximum length 4096, but got a string with length ${params.input.length} instead.`, { param: 'input', code: 'string_above_max_length' });
		}
		const speed = params.speed ?? 1;
		if (speed < 0.25 || speed > 4) return openAiError(400, `Invalid 'speed': ${speed} is not between 0.25 and 4.`, { param: 'speed' });
		const format = params.response_format ?? 'mp3';
		const contentType = SPEECH_CONTENT_TYPES[format];
		if (!contentType) return openAiError(400, `Invalid value: '${format}'.`, { param: 'response_format' });
		// Roughly 15 characters a second (at most 5 s, to stay quick), 24 kHz like OpenAI's voices.
		const seconds = Math.min(5, Math.max(0.05, params.input.length / 15 / speed));
		const wav = makeWav({ seconds, sampleRate: 24000 });
		let body;
		if (format === 'wav') body = wav;
		else if (format === 'pcm') body = wav.subarray(44);
		else if (format === 'mp3') body = Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.from([0xff, 0xfb, 0x90, 0x64]), wav.subarray(44, 44 + Math.floor(wav.length / 10))]);
		else body = Buffer.concat([Buffer.from(`fake-${format}:`), wav.subarray(44, 44 + Math.floor(wav.length / 10))]);
		return { status: 200, body, headers: { 'content-type': contentType } };
	});
};
