// End-to-end tests: the production build served by `node server.js` on a fresh embedded database.
// Build first (`npx react-router build`); `npm run test:e2e` then starts the server and runs e2e/*.spec.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// E2E_PORT lets two runs share a machine.
const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${PORT}`;

// One fresh data directory per run, so the demo data is seeded anew. Playwright loads this file in the runner and
// again in each worker: the runner picks the directory and hands it down through the environment.
const isRunner = !process.env.IC_E2E_DATA_DIR;
const dataDir = (process.env.IC_E2E_DATA_DIR ??= path.join(os.tmpdir(), `ic-e2e-${Date.now()}-${process.pid}`));
// Remove it when the runner exits. Not a globalTeardown: that runs while the web server is still up (Playwright
// stops the webServer after the global teardown), and the server must not be left writing into a deleted directory.
if (isRunner) process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));

export default defineConfig({
  testDir: './e2e',
  // Playwright empties its output directory when a run starts: a run on its own E2E_PORT keeps its traces apart, so
  // two runs at once do not delete each other's artifacts.
  outputDir: process.env.E2E_PORT ? path.join(os.tmpdir(), `ic-e2e-results-${PORT}`) : 'test-results',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  // `npm test` reads the JSON report to count tests across runners.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL,
    locale: 'en-GB',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'node server.js',
    url: `${baseURL}/readyz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
    },
  },
});
