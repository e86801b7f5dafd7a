// Integrity Compact: one HTTP server for the web app (React Router), /graphql (Yoga) and Socket.IO.
//   npm start    serves the production build (building it first when it is missing)
//   npm run dev  serves with Vite's hot reload
// Without DATABASE_URL it starts embedded PostgreSQL (PGlite) in DATA_DIR (default ./data).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from './app/db/embedded-postgres.js';

const root = path.dirname(fileURLToPath(import.meta.url));
const buildDir = path.resolve(root, process.env.IC_BUILD_DIR ?? 'build');
const development = process.env.NODE_ENV === 'development';
if (!development) process.env.NODE_ENV ??= 'production';

const fail = (message) => {
  process.stderr.write(`${JSON.stringify({ level: 60, time: new Date().toISOString(), msg: message })}\n`);
  process.exit(1);
};

const httpServer = http.createServer();
let platform;
try {
  if (development) {
    const vite = await import('vite');
    const viteServer = await vite.createServer({
      root,
      // HMR over the app's own HTTP server (`server.ws`; Vite 8 deprecates the same option under `server.hmr`).
      server: { middlewareMode: true, ws: { server: httpServer } },
      appType: 'custom',
    });
    const mod = await viteServer.ssrLoadModule('./app/platform.server.ts');
    const config = mod.loadConfig(process.env);
    platform = await mod.startPlatform({
      httpServer,
      config,
      root,
      startEmbedded: startEmbeddedPostgres,
      dev: {
        middlewares: viteServer.middlewares,
        loadBuild: () => viteServer.ssrLoadModule('virtual:react-router/server-build'),
      },
    });
    platform.closeVite = () => viteServer.close();
  } else {
    const entry = path.join(buildDir, 'server', 'index.js');
    if (!fs.existsSync(entry)) {
      process.stderr.write('No production build yet: building it now (react-router build)...\n');
      const result = spawnSync(process.execPath, [path.join(root, 'node_modules', '@react-router', 'dev', 'bin.js'), 'build'], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, NODE_ENV: 'production' },
      });
      if (result.status !== 0) fail('The production build failed; see the output above.');
    }
    const mod = await import(entry);
    const config = mod.loadConfig(process.env);
    platform = await mod.startPlatform({ httpServer, config, root, buildDir, startEmbedded: startEmbeddedPostgres });
  }
} catch (error) {
  fail(error && error.name === 'ConfigError' ? error.message : `Could not start: ${error?.stack ?? error}`);
}

const { logger, config } = platform;
const { port, host } = config;
httpServer.on('error', (error) => {
  logger.fatal({ err: error }, error.code === 'EADDRINUSE' ? `Port ${port} is already in use: set PORT to another one` : 'HTTP server error');
  shutdown('error', 1);
});
httpServer.listen(port, host, () => {
  const address = httpServer.address();
  logger.info(
    { url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`, mode: development ? 'development' : 'production' },
    'Integrity Compact is listening',
  );
});

let shuttingDown = false;
async function shutdown(signal, code = 0) {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ signal }, 'Shutting down');
  const timer = setTimeout(() => {
    logger.error('Shutdown took too long; exiting');
    process.exit(1);
  }, 15_000);
  timer.unref();
  try {
    httpServer.closeIdleConnections?.();
    await platform.close();
    await platform.closeVite?.();
    await new Promise((resolve) => (httpServer.listening ? httpServer.close(() => resolve()) : resolve()));
  } catch (error) {
    logger.error({ err: error }, 'Error during shutdown');
    code = 1;
  }
  logger.info('Stopped');
  process.exit(code);
}
// Vite installs its own SIGTERM handler that exits at once; ours closes everything in order instead.
process.removeAllListeners('SIGTERM');
process.removeAllListeners('SIGINT');
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
