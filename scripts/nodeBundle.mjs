// How code that runs on Node is bundled: the bot (scripts/build.mjs) and the benchmarks
// (scripts/build-bench.mjs) share it, so the benchmarks time what users run.
export const nodeBundle = {
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  // Smaller to read, parse and hold (unminified names cost 1.2 MiB of idle RSS); the map
  // gives stack traces their places back. No keepNames: it wraps every function made at
  // run time in a defineProperty call, which also gives it a property store (about 250
  // bytes), and every closure a command or a live page makes would pay for it.
  minify: true,
  sourcemap: true,
  // pino runs its transports in worker threads that load files by name.
  external: ['pino', 'pino-pretty', 'thread-stream'],
  // Bundled CommonJS packages still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __ptgbotRequire } from 'node:module'; const require = __ptgbotRequire(import.meta.url);",
  },
  logLevel: 'warning',
};
