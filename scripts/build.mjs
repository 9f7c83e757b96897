// The build: the bot bundled into dist/ (one file and a lazily loaded chunk for the
// inspector), and the page's script bundled with its style into dist/public. Run once by
// `npm ci` (through `prepare`) or `npm run build`; nothing is compiled while the bot runs.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { build } from 'esbuild';

const root = new URL('../', import.meta.url);
const path = (p) => new URL(p, root).pathname;
await rm(path('dist'), { recursive: true, force: true });
await mkdir(path('dist/public'), { recursive: true });

await build({
  entryPoints: [path('src/cli.ts')],
  outdir: path('dist'),
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Smaller to read and parse at every start; the map keeps stack traces readable.
  minify: true,
  keepNames: true,
  sourcemap: true,
  // pino runs its transports in worker threads that load files by name.
  external: ['pino', 'pino-pretty', 'thread-stream'],
  // Bundled CommonJS packages still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __ptgbotRequire } from 'node:module'; const require = __ptgbotRequire(import.meta.url);",
  },
  logLevel: 'warning',
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
