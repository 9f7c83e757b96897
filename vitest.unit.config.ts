import { defineConfig } from 'vitest/config';

/**
 * `npm run test:unit`: the pure logic (machines, parsing, the model run), no server, browser
 * or child process, for the edit-test loop. `npm test` runs everything, these included.
 */
export default defineConfig({
  test: {
    include: [
      'test/machines/**/*.test.ts',
      'test/core/**/*.test.ts',
      'test/system/modelRun.test.ts',
      'test/io/**/*.test.ts',
      'test/irc/sendQueue.test.ts',
      'test/http/viewerTime.test.ts',
      'test/http/routes.test.ts',
    ],
    testTimeout: 180_000,
    pool: 'forks',
  },
});
