import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '@react-router/dev/config';

// IC_BUILD_DIR lets two builds share a checkout (server.js reads the same variable).
const buildDirectory = process.env.IC_BUILD_DIR ?? 'build';
const root = path.dirname(fileURLToPath(import.meta.url));

export default {
  ssr: true,
  buildDirectory,
  // The server build imports its dependencies from node_modules. A build directory outside the checkout (for example
  // /tmp/build-x) cannot find them by Node's lookup, so link the project's node_modules next to it.
  buildEnd() {
    const dir = path.resolve(root, buildDirectory);
    const link = path.join(dir, 'node_modules');
    if (path.relative(root, dir).startsWith('..') && !fs.existsSync(link)) fs.symlinkSync(path.join(root, 'node_modules'), link, 'dir');
  },
  // React Router 8's behaviour, adopted now (each flag was checked against this app; docs/decisions/007).
  future: {
    // Loaders' `context` becomes a RouterContextProvider. Nothing here passes a getLoadContext or reads `context`.
    v8_middleware: true,
    // clientLoader/clientAction/HydrateFallback in their own chunks; no route has them yet, so nothing changes today.
    v8_splitRouteModules: true,
    // The server build's input is set per environment in vite.config.ts (`environments.ssr`), as this flag requires.
    v8_viteEnvironmentApi: true,
    // Root data requests become `/_.data`; nothing matches `.data` paths by name (entry.server.tsx looks at headers).
    v8_trailingSlashAwareDataRequests: true,
    // Not yet: with it, `request.url` of a client-side navigation keeps its `.data` suffix, and requireUser builds the
    // sign-in `redirectTo` from `request.url`, so a signed-out visitor would be sent back to `/dashboard.data`
    // after signing in. Adopt it once guards read the `url` argument instead. Explicit `false` states the decision.
    v8_passThroughRequests: false,
  },
} satisfies Config;
