// Writes a benchmark's rows as an SVG bar chart (no dependencies): per row a bar of its wall time, its limit
// bound drawn across the bar as a dashed line, and its share of requests answered 429 as a red bar on a 0–100 %
// scale beside it. Rows come in groups (scenarios), each with a title.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const escape = (text) => String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * groups: [{ title, rows: [{ label, seconds (undefined: not run), boundSeconds, share429 (0..1), note }] }].
 * Returns the SVG text.
 */
function barChart(title, groups) {
	const labelWidth = 230;
	const barWidth = 420;
	const shareX = labelWidth + barWidth + 150;
	const shareWidth = 110;
	const width = shareX + shareWidth + 70;
	const rowHeight = 26;
	const parts = [];
	let y = 40;
	parts.push(`<text x="16" y="26" font-size="16" font-weight="bold">${escape(title)}</text>`);
	for (const group of groups) {
		y += 18;
		parts.push(`<text x="16" y="${y}" font-size="13" font-weight="bold">${escape(group.title)}</text>`);
		y += 16;
		parts.push(`<text x="${labelWidth}" y="${y}" font-size="11" fill="#555">wall time (dashed line: the bound the limit allows)</text>`);
		parts.push(`<text x="${shareX}" y="${y}" font-size="11" fill="#555">share of 429s</text>`);
		y += 4;
		const longest = Math.max(1, ...group.rows.flatMap((row) => [row.seconds ?? 0, row.boundSeconds ?? 0]));
		const scale = barWidth / longest;
		for (const row of group.rows) {
			const top = y + 4;
			parts.push(`<text x="16" y="${top + 14}" font-size="12">${escape(row.label)}</text>`);
			if (row.seconds === undefined) {
				parts.push(`<text x="${labelWidth}" y="${top + 14}" font-size="12" fill="#888">${escape(row.note ?? 'not run')}</text>`);
			} else {
				const bar = Math.max(1, row.seconds * scale);
				parts.push(`<rect x="${labelWidth}" y="${top}" width="${bar.toFixed(1)}" height="18" fill="${row.failed ? '#c0392b' : '#3b78c2'}"/>`);
				const ratio = row.boundSeconds ? ` (${(row.seconds / row.boundSeconds).toFixed(2)}×)` : '';
				parts.push(`<text x="${(labelWidth + bar + 6).toFixed(1)}" y="${top + 14}" font-size="12">${escape(`${row.seconds.toFixed(1)} s${ratio}${row.failed ? ' failed' : ''}`)}</text>`);
				const share = Math.min(1, Math.max(0, row.share429 ?? 0));
				parts.push(`<rect x="${shareX}" y="${top + 3}" width="${shareWidth}" height="12" fill="#eee"/>`);
				if (share > 0) parts.push(`<rect x="${shareX}" y="${top + 3}" width="${Math.max(1, share * shareWidth).toFixed(1)}" height="12" fill="#d9534f"/>`);
				parts.push(`<text x="${shareX + shareWidth + 6}" y="${top + 14}" font-size="12">${escape(`${(share * 100).toFixed(1)} %`)}</text>`);
			}
			if (row.boundSeconds) {
				const x = (labelWidth + row.boundSeconds * scale).toFixed(1);
				parts.push(`<line x1="${x}" y1="${top - 2}" x2="${x}" y2="${top + 20}" stroke="#222" stroke-width="2" stroke-dasharray="4 2"/>`);
			}
			y += rowHeight;
		}
		y += 6;
	}
	const height = y + 16;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
		`<rect width="100%" height="100%" fill="#fff"/>`,
		...parts,
		'</svg>',
		'',
	].join('\n');
}

/** Writes the chart to `file` (folders made as needed). */
function writeBarChart(file, title, groups) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, barChart(title, groups));
}

module.exports = { barChart, writeBarChart };
