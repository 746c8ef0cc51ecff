// The video server of the video benches: GET /v1/videos/{id} (a completed job) and GET /v1/videos/{id}/content
// (an MP4 of `totalBytes`, generated and streamed in 1 MB chunks with backpressure, never held whole). It counts
// the bytes each download wrote, so a bench can tell a whole video from a cut one.
'use strict';

const http = require('node:http');

const CHUNK = 1024 * 1024;

function videoJob(videoId) {
	return {
		id: videoId, object: 'video', model: 'sora-2', status: 'completed', progress: 100, created_at: 1700000000,
		completed_at: 1700000600, expires_at: 1700086400, prompt: 'bench', size: '1280x720', seconds: '12',
		remixed_from_video_id: null, error: null,
	};
}

/** Waits for 'drain' or 'close', and removes the other listener (one per wait would pile up on the response). */
function drainedOrClosed(res) {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done).off('close', done);
			resolve();
		};
		res.on('drain', done).on('close', done);
	});
}

async function streamVideo(res, totalBytes, download) {
	res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(totalBytes) });
	const chunk = Buffer.alloc(CHUNK, 0x2e);
	const first = Buffer.from(chunk);
	Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42', 'latin1')]).copy(first);
	let closed = false;
	res.on('close', () => (closed = true));
	while (download.bytes < totalBytes && !closed) {
		const part = (download.bytes === 0 ? first : chunk).subarray(0, Math.min(CHUNK, totalBytes - download.bytes));
		download.bytes += part.length;
		if (!res.write(part)) await drainedOrClosed(res);
	}
	res.end(() => (download.finished = download.bytes === totalBytes));
}

/** Resolves to { url (the base URL, ending in /v1), stats: { downloads: [{ bytes, finished }] }, close() }. */
function startVideoServer(totalBytes, videoId) {
	const stats = { downloads: [] };
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		if (req.method === 'GET' && url.pathname === `/v1/videos/${videoId}`) {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(videoJob(videoId)));
			return;
		}
		if (req.method === 'GET' && url.pathname === `/v1/videos/${videoId}/content`) {
			const download = { bytes: 0, finished: false };
			stats.downloads.push(download);
			void streamVideo(res, totalBytes, download);
			return;
		}
		res.writeHead(404, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ error: { message: `Unknown path ${req.method} ${url.pathname}`, type: 'invalid_request_error', param: null, code: null } }));
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			resolve({ url: `http://127.0.0.1:${port}/v1`, stats, close: () => new Promise((done) => server.close(() => done())) });
		});
	});
}

module.exports = { startVideoServer };
