// Vitest config of the browser end-to-end tests (real Chromium via playwright-core, see
// tests/e2e/). Separate from vitest.config.ts so `npx vitest run` stays fast.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false, // two cores: one Chromium at a time
  },
});
