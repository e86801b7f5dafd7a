// Author a new migration: `npm run db:migrate:new -- add_pledges`.
// Runs `prisma migrate dev --create-only` against a scratch PostgreSQL database so you can read the SQL before it
// is applied (the app applies committed migrations itself at start-up).
// Needs a schema engine: the native one Prisma downloads where it can, or the offline stand-in named by
// PRISMA_SCHEMA_ENGINE_BINARY (developers: ../shared/tools/prisma-schema-engine.mjs).
// Needs a PostgreSQL server: MIGRATE_DATABASE_URL (default postgresql://postgres@127.0.0.1:5432/integrity_compact_dev).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migrate:new -- <snake_case_name>');
  process.exit(2);
}
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.DATABASE_URL = process.env.MIGRATE_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/integrity_compact_dev';
const standIn = path.resolve(root, '..', 'shared', 'tools', 'prisma-schema-engine.mjs');
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && fs.existsSync(standIn)) env.PRISMA_SCHEMA_ENGINE_BINARY = standIn;
env.PATH = `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${env.PATH ?? ''}`;
const cli = path.join(root, 'node_modules', 'prisma', 'build', 'index.js');
const run = (args) => spawnSync(process.execPath, [cli, ...args], { cwd: root, env, stdio: 'inherit' }).status ?? 1;
const status = run(['migrate', 'dev', '--create-only', '--name', name]);
if (status !== 0) process.exit(status);
console.log('\nRead the new migration.sql under prisma/migrations/, then start the app (or run the tests) to apply it.');
