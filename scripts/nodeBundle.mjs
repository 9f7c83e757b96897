// How code that runs on Node is bundled: the bot (scripts/build.mjs) and the benchmarks
// (scripts/build-bench.mjs) share it, so the benchmarks time what users run.
export const nodeBundle = {
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  // Smaller to read and parse at every start. Names are not minified, so stack traces and
  // logged error types stay readable without keepNames, which wraps every function made at
  // run time in a defineProperty call (and gives it a property store: about 250 bytes).
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  // pino runs its transports in worker threads that load files by name.
  external: ['pino', 'pino-pretty', 'thread-stream'],
  // Bundled CommonJS packages still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __ptgbotRequire } from 'node:module'; const require = __ptgbotRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
