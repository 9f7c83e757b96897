// The benchmarks, bundled like the bot (scripts/nodeBundle.mjs) into dist/bench, so that
// `npm run bench` times the code users run rather than code compiled on the fly. Each
// module keeps its source location as import.meta.url: paths to fixtures, the built page
// and the bin resolve as they do from source.
import { readFile, rm } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { nodeBundle } from './nodeBundle.mjs';

const root = new URL('../', import.meta.url);
const path = (p) => new URL(p, root).pathname;
await rm(path('dist/bench'), { recursive: true, force: true });

const sourceLocation = {
  name: 'source-location',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

await build({
  ...nodeBundle,
  entryPoints: ['bench/run.ts', 'bench/serverChild.ts', 'bench/memoryChild.ts'].map(path),
  outdir: path('dist/bench'),
  define: { BENCH_BUNDLED: 'true' },
  plugins: [sourceLocation],
});
