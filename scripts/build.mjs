// The build: the bot bundled into dist/ (one file and a lazily loaded chunk for the
// inspector), and the page's script bundled with its style into dist/public. Run once by
// `npm ci` (through `prepare`) or `npm run build`; nothing is compiled while the bot runs.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';
import { nodeBundle } from './nodeBundle.mjs';

const root = new URL('../', import.meta.url);
const path = (p) => new URL(p, root).pathname;
await rm(path('dist'), { recursive: true, force: true });
await mkdir(path('dist/public'), { recursive: true });

await build({
  ...nodeBundle,
  entryPoints: [path('src/cli.ts')],
  outdir: path('dist'),
});

await build({
  entryPoints: [path('public/app.ts')],
  outfile: path('dist/public/app.js'),
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  logLevel: 'warning',
});
await copyFile(path('public/style.css'), path('dist/public/style.css'));
