// Once per test run: build a migrated PGlite database and save it as a template, so that each test file starts
// its own fresh embedded database in about a second instead of initialising and migrating one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../app/db/embedded-postgres.js';
import { migrate } from '../../app/db/migrator.server';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-template-'));
  const file = path.join(dir, 'template.tar');
  const embedded = await startEmbeddedPostgres({});
  await migrate(embedded.url);
  await embedded.dump(file);
  await embedded.close();
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
