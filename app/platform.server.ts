// Everything the one server process runs, wired together: database, React Router, GraphQL, Socket.IO, health.
// server.js (plain JS) loads this module through Vite in development and from the build in production.
import type http from 'node:http';
import path from 'node:path';
import { createRequestHandler } from '@react-router/express';
import express from 'express';
import type { ServerBuild } from 'react-router';
import { createGraphQLServer } from '../graphql/yoga.server';
import { seedDemoData } from '../prisma/seed';
import { type Config, loadConfig } from './config.server';
import { type StartEmbedded, openDatabase } from './db/open.server';
import { readMigrations } from './db/migrator.server';
import { createLogger } from './logger.server';
import { attachRealtime } from './realtime/server.server';
import { setServices } from './services.server';

export { loadConfig, ConfigError } from './config.server';

export type PlatformOptions = {
  httpServer: http.Server;
  config: Config;
  root: string;
  /** The production build (default: root/build). */
  buildDir?: string;
  startEmbedded: StartEmbedded;
  /** Development: Vite's middleware and a loader for the current server build (hot reload). */
  dev?: { middlewares: express.RequestHandler; loadBuild: () => Promise<ServerBuild> };
};

export async function startPlatform({ httpServer, config, root, buildDir = path.join(root, 'build'), startEmbedded, dev }: PlatformOptions) {
  const logger = createLogger(config.logLevel);
  const migrationsDir = path.join(root, 'prisma', 'migrations');
  const database = await openDatabase(config, { startEmbedded, logger, migrationsDir });
  setServices({ db: database.db, config, logger, embedded: database.embedded });

  const shouldSeed = config.seedDemoData === 'always' || (config.seedDemoData === 'auto' && database.fresh);
  if (shouldSeed) {
    const started = Date.now();
    const summary = await seedDemoData(database.db);
    logger.info({ ...summary, ms: Date.now() - started }, 'Demo data seeded');
  }

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((req, res, next) => {
    // The client address for rate limiting; a header of this name from outside is never trusted.
    req.headers['x-ic-client-ip'] = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const urlPath = req.originalUrl.split('?')[0];
      if (['/assets/', '/@', '/node_modules/', '/app/'].some((prefix) => urlPath.startsWith(prefix))) return;
      logger.info(
        { method: req.method, path: urlPath, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'request',
      );
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      const rows = await database.db.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
      const applied = new Set(rows.map((r) => r.migration_name));
      const pending = readMigrations(migrationsDir)
        .map((m) => m.name)
        .filter((name) => !applied.has(name));
      if (pending.length) return res.status(503).json({ status: 'migrations pending', pending });
      res.json({ status: 'ready', database: database.embedded ? 'embedded' : 'postgresql', migrations: applied.size });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database unreachable' });
    }
  });

  const yoga = createGraphQLServer({ logger, production: config.production });
  app.use(yoga.graphqlEndpoint, (req, res) => yoga.handle(req, res, { req, res }));

  if (dev) {
    app.use(dev.middlewares);
  } else {
    app.use('/assets', express.static(path.join(buildDir, 'client', 'assets'), { immutable: true, maxAge: '1y' }));
    app.use(express.static(path.join(buildDir, 'client'), { maxAge: '1h' }));
  }
  app.use(
    createRequestHandler({
      build: dev ? dev.loadBuild : () => import('virtual:react-router/server-build') as Promise<ServerBuild>,
      mode: dev ? 'development' : 'production',
    }),
  );

  httpServer.on('request', app);
  const realtime = await attachRealtime(httpServer, { logger, redisUrl: config.redisUrl });

  let closing: Promise<void> | null = null;
  return {
    logger,
    config,
    database,
    io: realtime.io,
    close() {
      closing ??= (async () => {
        await realtime.close();
        await database.close();
        setServices(undefined);
      })();
      return closing;
    },
  };
}

export type Platform = Awaited<ReturnType<typeof startPlatform>>;
