// Bundles the console into dist/ (app.js, app.css, index.html) with esbuild; the API host's build runs this and
// serves dist/ at "/". Minified with source maps, targeting the browsers an operations centre runs.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

const out = 'dist';
await mkdir(out, { recursive: true });
await build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir: out,
  loader: { '.png': 'dataurl', '.svg': 'dataurl' },
  logLevel: 'warning',
});
await copyFile('index.html', `${out}/index.html`);
console.log(`console built into ${out}/`);
