// `npm test`: every test, in order, stopping at the first failure.
//   1. lint (ESLint, including the architecture's import rules) and the format check (Prettier)
//   2. typecheck (React Router typegen + tsc)
//   3. unit and integration tests against embedded PGlite (vitest)
//   4. the integration tests again against PostgreSQL, when TEST_DATABASE_URL is set (CI sets it)
//   5. the production build and its JavaScript per page (fails over 200 KB gzipped), then Playwright end-to-end
//      tests in Debian's Chromium
// Ends with one line "N passed, N failed" counting test cases across the runners.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const totals = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();

function step(title, command, args, { env = {}, json } = {}) {
  const t0 = Date.now();
  process.stdout.write(`\n=== ${title}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (json) {
    try {
      const report = JSON.parse(fs.readFileSync(json, 'utf8'));
      const counts = json.endsWith('playwright.json')
        ? { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped }
        : { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
      for (const key of Object.keys(totals)) totals[key] += counts[key];
      process.stdout.write(`--- ${title}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${seconds} s\n`);
    } catch {
      process.stdout.write(`--- ${title}: no report (${seconds} s)\n`);
    }
  } else {
    process.stdout.write(`--- ${title}: ${result.status === 0 ? 'ok' : 'FAILED'} in ${seconds} s\n`);
  }
  if (result.status !== 0) {
    if (result.status === null || totals.failed === 0) totals.failed += 1;
    finish(result.status ?? 1);
  }
}

function finish(code) {
  process.stdout.write(`\nAll tests took ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  process.exit(code);
}

const reports = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-test-reports-'));
if (!process.env.REDIS_URL) process.stdout.write('(REDIS_URL is not set: the Socket.IO tests across two instances through Redis will be skipped)\n');
step('lint', bin('eslint'), ['.', '--max-warnings=0']);
step('format check', bin('prettier'), ['--check', '--log-level=warn', '.']);
step('typecheck', bin('react-router'), ['typegen']);
step('typecheck', bin('tsc'), []);
step(
  'unit + integration (embedded PGlite)',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(reports, 'pglite.json')}`],
  {
    env: { TEST_DB_TARGET: 'pglite' },
    json: path.join(reports, 'pglite.json'),
  },
);
if (process.env.TEST_DATABASE_URL) {
  step(
    'integration (PostgreSQL at TEST_DATABASE_URL)',
    bin('vitest'),
    ['run', 'tests/integration', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(reports, 'postgres.json')}`],
    {
      env: { TEST_DB_TARGET: 'postgres' },
      json: path.join(reports, 'postgres.json'),
    },
  );
} else {
  process.stdout.write('\n(TEST_DATABASE_URL is not set: skipping the PostgreSQL run of the integration suite)\n');
}
step('production build', bin('react-router'), ['build']);
step('JavaScript per page (gzipped)', process.execPath, [path.join(root, 'scripts', 'bundle-report.mjs')]);
step('end-to-end (Playwright, Chromium)', bin('playwright'), ['test'], {
  env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, 'playwright.json') },
  json: path.join(reports, 'playwright.json'),
});
finish(0);
