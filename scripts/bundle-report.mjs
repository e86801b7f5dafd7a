// The JavaScript each page makes the browser download, gzipped, after `react-router build`.
//   node scripts/bundle-report.mjs          (reads IC_BUILD_DIR, default ./build)
// For every route: React Router's client manifest file, the client entry and its imports, then each route module
// from the root down to the page and their static imports, counted once each. Lazy chunks (dynamic import()) load
// only when used (a chart scrolled into view): they are added in their own column and flagged, but the budget is for
// the first load, which is what Lighthouse scores. Exits 1 when a page is over the budget, so `npm test` fails.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

/** Issue 6: every page at most 200 KB of JavaScript, gzipped (1 KB = 1,000 bytes, as Lighthouse counts). */
export const BUDGET_BYTES = 200_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.resolve(root, process.env.IC_BUILD_DIR ?? 'build');
const clientDir = path.join(buildDir, 'client');
const viteManifestPath = path.join(clientDir, '.vite', 'manifest.json');

function fail(message) {
  process.stderr.write(`bundle-report: ${message}\n`);
  process.exit(2);
}

if (!fs.existsSync(viteManifestPath))
  fail(`${path.relative(root, viteManifestPath) || viteManifestPath} is missing: run \`react-router build\` first (vite.config.ts sets build.manifest).`);
/** @type {Record<string, { file: string; imports?: string[]; dynamicImports?: string[]; isEntry?: boolean; src?: string }>} */
const viteManifest = JSON.parse(fs.readFileSync(viteManifestPath, 'utf8'));
const byFile = new Map(Object.values(viteManifest).map((chunk) => [`/${chunk.file}`, chunk]));

// React Router's route manifest (`assets/manifest-<hash>.js`): the route tree and each route's module. A build
// directory outside the project is not emptied between builds, so take the newest one that matches this client build.
const assetsDir = path.join(clientDir, 'assets');
if (!fs.existsSync(assetsDir)) fail(`${assetsDir} is missing: run \`react-router build\` first.`);
const routerManifest = fs
  .readdirSync(assetsDir)
  .filter((name) => /^manifest-[\w-]+\.js$/.test(name))
  .map((name) => ({ name, full: path.join(assetsDir, name) }))
  .sort((a, b) => fs.statSync(b.full).mtimeMs - fs.statSync(a.full).mtimeMs)
  .map(({ name, full }) => {
    const text = fs.readFileSync(full, 'utf8');
    const json = text.slice(text.indexOf('=') + 1).replace(/;\s*$/, '');
    return { url: `/assets/${name}`, manifest: JSON.parse(json) };
  })
  .find(({ manifest }) => byFile.has(manifest.entry.module));
if (!routerManifest) fail(`no React Router manifest in ${path.relative(root, clientDir) || clientDir}/assets matches this build's Vite manifest`);

const gzipCache = new Map();
function gzipSize(url) {
  if (!gzipCache.has(url)) {
    const file = path.join(clientDir, url);
    if (!fs.existsSync(file)) fail(`${url} is in the manifest but not in ${clientDir}`);
    gzipCache.set(url, zlib.gzipSync(fs.readFileSync(file), { level: 6 }).length);
  }
  return gzipCache.get(url);
}

/** A chunk and everything it imports statically (what the browser fetches before running it). */
function withStaticImports(url, into) {
  if (into.has(url)) return into;
  into.add(url);
  for (const key of byFile.get(url)?.imports ?? []) withStaticImports(`/${viteManifest[key].file}`, into);
  return into;
}
function lazyChunks(urls) {
  const lazy = new Set();
  for (const url of urls) for (const key of byFile.get(url)?.dynamicImports ?? []) withStaticImports(`/${viteManifest[key].file}`, lazy);
  for (const url of urls) lazy.delete(url);
  return lazy;
}

const { entry, routes } = routerManifest.manifest;
const common = new Set([routerManifest.url]);
for (const url of [entry.module, ...entry.imports]) withStaticImports(url, common);

function routePath(route) {
  const parts = [];
  for (let r = route; r; r = r.parentId ? routes[r.parentId] : undefined) if (r.path) parts.unshift(r.path);
  return `/${parts.join('/')}`;
}
const rows = [];
for (const route of Object.values(routes)) {
  if (route.id === 'root' || Object.values(routes).some((r) => r.parentId === route.id)) continue;
  const chain = [];
  for (let r = route; r; r = r.parentId ? routes[r.parentId] : undefined) chain.unshift(r);
  const files = new Set(common);
  for (const r of chain) {
    for (const url of [r.module, ...(r.imports ?? []), r.clientActionModule, r.clientLoaderModule, r.clientMiddlewareModule, r.hydrateFallbackModule]) {
      if (url) withStaticImports(url, files);
    }
  }
  const bytes = [...files].reduce((sum, url) => sum + gzipSize(url), 0);
  const lazyBytes = [...lazyChunks(files)].reduce((sum, url) => sum + gzipSize(url), 0);
  rows.push({ path: routePath(route), id: route.id, files: files.size, bytes, lazyBytes, page: route.hasDefaultExport !== false });
}
rows.sort((a, b) => b.bytes - a.bytes);

const kb = (n) => (n / 1000).toFixed(1);
const header = ['Route', 'Files', 'JS gzipped (KB)', 'With lazy chunks (KB)', ''];
const table = rows.map((r) => [
  r.path + (r.page ? '' : ' (no UI)'),
  String(r.files),
  kb(r.bytes),
  r.lazyBytes ? kb(r.bytes + r.lazyBytes) : '–',
  r.bytes > BUDGET_BYTES ? 'OVER BUDGET' : r.bytes + r.lazyBytes > BUDGET_BYTES ? 'over once lazy chunks load' : '',
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) =>
  cells
    .map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
    .join('  ')
    .trimEnd();
process.stdout.write(`JavaScript per page, gzipped (budget ${kb(BUDGET_BYTES)} KB for the first load), build: ${path.relative(root, buildDir) || '.'}\n`);
process.stdout.write(`${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${table.map(line).join('\n')}\n`);
const largest = [...gzipCache.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
process.stdout.write(`Largest chunks: ${largest.map(([url, n]) => `${path.basename(url)} ${kb(n)} KB`).join(', ')}\n`);

const over = rows.filter((r) => r.bytes > BUDGET_BYTES);
if (over.length) {
  process.stdout.write(`${over.length} page(s) over the ${kb(BUDGET_BYTES)} KB budget: ${over.map((r) => r.path).join(', ')}\n`);
  process.exit(1);
}
process.stdout.write(`Every page is within ${kb(BUDGET_BYTES)} KB.\n`);
