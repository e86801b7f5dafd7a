// Backports React Router's fix for Vite 8.1's `envFile` deprecation warning (remix-run/react-router#15230) to the
// 7.x line this project uses (React Router 8, which has the fix, needs Node 22). @react-router/dev 7 creates its
// internal Vite servers with `envFile: false`; Vite 8.1 and later print "The `envFile` option is deprecated, please
// use `envDir: false` instead." for each of them (nine times per build). Vite maps `envFile: false` to
// `envDir: false` itself, so writing the latter changes nothing but the warning. Runs at postinstall; idempotent;
// touches only @react-router/dev 7.x and only the exact option literal, so an upgrade that fixes it upstream is a no-op.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'node_modules', '@react-router', 'dev');
const manifest = path.join(dir, 'package.json');
if (!fs.existsSync(manifest)) process.exit(0);
const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
if (!version.startsWith('7.')) process.exit(0);

let patched = 0;
for (const file of ['dist/vite.js', 'dist/cli/index.js', 'dist/vite/cloudflare.js']) {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) continue;
  const source = fs.readFileSync(full, 'utf8');
  const next = source.replaceAll(/^(\s*)envFile: false,$/gm, '$1envDir: false,');
  if (next !== source) {
    fs.writeFileSync(full, next);
    patched += 1;
  }
}
if (patched > 0) process.stdout.write(`@react-router/dev ${version}: envFile: false → envDir: false in ${patched} file(s) (Vite 8.1 deprecation)\n`);
