// Copies what tsc does not: the node and credential icons (light and dark SVG) and the codex JSON.
const { src, dest, task } = require('gulp');

task('build:assets', () =>
	src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], { base: '.', encoding: false }).pipe(dest('dist')),
);
