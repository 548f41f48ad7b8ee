/**
 * Browser tests for several app instances on one PostgreSQL (issue 10): tests/e2e-multi/.
 * Run under a throwaway cluster, which sets DATABASE_URL:
 *
 *   node scripts/with-postgres.mjs -- npx playwright test --config playwright.multi.config.ts
 *
 * No `webServer` here: the tests start the two instances themselves (tests/e2e-multi/instances.ts,
 * ports 4451 and 4452, same DATABASE_URL and WORKSPACE_KEY, TRUST_LOCALHOST=true) because one test
 * kills an instance with SIGKILL and starts it again on the same port. They serve DIST_DIR when set,
 * else dist/ (run `vite build` first).
 */
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunch } from './tests/chromium-launch';

export default defineConfig({
  testDir: 'tests/e2e-multi',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e-multi',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1, // the tests share two fixed ports
  retries: 0,
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    viewport: { width: 1440, height: 900 },
    launchOptions: chromiumLaunch,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
