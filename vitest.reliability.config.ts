/**
 * The reliability suite (`npm run test:reliability`): crash with kill -9 mid-burst, concurrency,
 * hostile input (property-based fuzzing), XSS in the browser, access. Real server processes and
 * Chromium; files run one after another; figures are printed at the end by the global setup.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'reliability',
    include: ['tests/reliability/**/*.test.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    globalSetup: ['tests/reliability/global-setup.ts'],
  },
});
