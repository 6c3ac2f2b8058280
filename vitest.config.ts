// Vitest: unit/integration tests of the npm package against the real web/wasm/pathwise.wasm
// (built by `npm run build`). Browser end-to-end tests use their own config.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/web/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
