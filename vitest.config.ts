import { defineConfig } from 'vitest/config';

/**
 * Timeouts catch a test that hangs, never a slow machine: CI runs on 2 cores beside other
 * work, where a test that takes 20 s alone may take a minute.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
