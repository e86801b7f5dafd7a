// Generates the Prisma client and Pothos types (postinstall). `prisma generate` never runs the schema engine,
// but the CLI insists that one exists, and would try to download it: point it at a file that refuses politely.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
env.PATH = `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${env.PATH ?? ''}`;
env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(root, 'scripts', 'no-schema-engine.mjs');
const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'prisma', 'build', 'index.js'), 'generate'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
