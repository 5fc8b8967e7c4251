import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/mock-electron.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: keep the loopback servers the suites start from competing too hard.
    maxWorkers: 2,
  },
});
