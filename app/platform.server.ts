// Everything the one server process runs, wired together: database, React Router, GraphQL, Socket.IO, health.
// server.js (plain JS) loads this module through Vite in development and from the build in production.
import type http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequestHandler } from '@react-router/express';
import compression from 'compression';
import express from 'express';
import type { ServerBuild } from 'react-router';
import { createGraphQLServer } from '../graphql/yoga.server';
import { seedDemoData } from '../prisma/seed';
import type { Config } from './config.server';
import { type StartEmbedded, openDatabase } from './db/open.server';
import { readMigrations } from './db/migrator.server';
import { createLogger, requestLogFields } from './logger.server';
import { attachRealtime } from './realtime/server.server';
import { setServices } from './services.server';
import { runInRequestScope } from './auth/request-scope.server';
import { configureMail } from './domain/mail.server';
import { configureIssues } from './domain/issue-settings.server';
import { configureAttachmentTokens } from './domain/evidence.server';
import { MAX_UPLOAD_REQUEST_BYTES } from './domain/evidence-limits';
import { LocalFileStore, configureFileStore } from './domain/storage.server';
import { configureNotificationEmails } from './domain/notifications.server';
import { startIssueScheduler } from './domain/escalation.server';
import { composeNotificationEmail } from './web/notification-mail.server';

export { loadConfig, ConfigError } from './config.server';

/** Bodies of page form posts (GraphQL has its own, smaller limit): a pledge text is long, never a megabyte. */
export const MAX_FORM_BODY_BYTES = 1024 * 1024;
/** /readyz answers 503 when the database takes longer than this to answer. */
export const READINESS_TIMEOUT_MS = 2_000;

/** Powerful browser features the app never uses, switched off for it and for anything it might embed. */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'usb=()',
  'xr-spatial-tracking=()',
  'browsing-topics=()',
].join(', ');

/** Reject with `error` if `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(error()), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

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
  configureMail({
    smtpUrl: config.smtpUrl,
    from: config.smtpFrom,
    outboxDir: path.join(config.dataDir, 'outbox'),
    onError: (err, message) => logger.error({ err, subject: message.subject }, 'mail could not be sent'),
  });
  // Evidence files of issues: DATA_DIR/files, and download links for receipt holders signed with the session secret.
  configureFileStore(new LocalFileStore(path.join(config.dataDir, 'files')));
  configureAttachmentTokens({ secret: config.sessionSecret });

  configureIssues({ anonymousSummaryDelayDays: config.anonymousSummaryDelayDays });

  const shouldSeed = config.seedDemoData === 'always' || (config.seedDemoData === 'auto' && database.fresh);
  if (shouldSeed) {
    const started = Date.now();
    const summary = await seedDemoData(database.db);
    logger.info({ ...summary, ms: Date.now() - started }, 'Demo data seeded');
  }

  const app = express();
  app.disable('x-powered-by');
  // Forwarded headers (X-Forwarded-For/-Proto) are believed only when TRUST_PROXY says a proxy sets them; otherwise
  // a client could pick its own address for rate limiting, or claim HTTPS.
  app.set('trust proxy', config.trustProxy);
  const httpsOnly = config.production && !!config.publicUrl?.startsWith('https:');
  app.use((req, res, next) => {
    // The client address for rate limiting; a header of this name from outside is never trusted.
    req.headers['x-ic-client-ip'] = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    // HSTS only over HTTPS: sent over plain HTTP it is ignored, and a local demo must stay reachable over HTTP.
    if (req.secure || httpsOnly) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const urlPath = req.originalUrl.split('?')[0];
      if (['/assets/', '/@', '/node_modules/', '/app/'].some((prefix) => urlPath.startsWith(prefix))) return;
      // One line per request, never a stack: a 4xx is the client's expected outcome, and a 5xx's cause is logged
      // where it happened. Server errors are warnings here so they stand out.
      const fields = requestLogFields({ method: req.method, url: urlPath, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 });
      if (res.statusCode >= 500) logger.warn(fields, 'request');
      else logger.info(fields, 'request');
    });
    next();
  });
  // gzip or brotli for HTML, JS, CSS and JSON. Every write is flushed so that streamed pages (React Router's
  // streaming render) still reach the browser chunk by chunk. Server-sent events are never compressed (a buffered
  // event would not arrive); Socket.IO answers its own path before Express sees it.
  app.use(
    compression({
      flush: zlib.constants.Z_SYNC_FLUSH,
      brotli: { flush: zlib.constants.BROTLI_OPERATION_FLUSH },
      filter: (req, res) => {
        if (String(res.getHeader('Content-Type') ?? '').startsWith('text/event-stream')) return false;
        return compression.filter(req, res);
      },
    }),
  );
  // Page form posts: refuse an oversized body before reading it (GraphQL applies its own limit below).
  app.use((req, res, next) => {
    const length = Number(req.headers['content-length'] ?? 0);
    // Forms with evidence files (multipart) may carry up to 5 files of 10 MB; the upload parser enforces the limits
    // per file while streaming (app/web/uploads.server.ts) and answers with a field error.
    const limit = req.is('multipart/form-data') ? MAX_UPLOAD_REQUEST_BYTES : MAX_FORM_BODY_BYTES;
    if (length > limit && !req.path.startsWith('/graphql')) {
      res.status(413).type('text/plain').send(`Request body too large: the limit is ${limit} bytes.`);
      return;
    }
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeSeconds: Math.round(process.uptime()) });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      // Not ready when the database cannot answer in time (busy, locked or unreachable): a load balancer moves on.
      const rows = await within(
        database.db.$queryRaw<{ migration_name: string }[]>`
          SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        READINESS_TIMEOUT_MS,
        () => new Error(`the database did not answer within ${READINESS_TIMEOUT_MS} ms`),
      );
      const applied = new Set(rows.map((r) => r.migration_name));
      const pending = readMigrations(migrationsDir)
        .map((m) => m.name)
        .filter((name) => !applied.has(name));
      if (pending.length) return res.status(503).json({ status: 'migrations pending', pending });
      res.json({ status: 'ready', database: database.embedded ? 'embedded' : 'postgresql', migrations: applied.size });
    } catch (error) {
      logger.warn({ reason: error instanceof Error ? error.message.trim().split('\n')[0] : String(error) }, 'readiness check failed');
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
  // One scope per page request: its action and loaders resolve the session once (app/auth/request-scope.server.ts).
  app.use((_req, _res, next) => runInRequestScope(next));
  app.use(
    createRequestHandler({
      build: dev ? dev.loadBuild : () => import('virtual:react-router/server-build') as Promise<ServerBuild>,
      mode: dev ? 'development' : 'production',
    }),
  );

  httpServer.on('request', app);
  const realtime = await attachRealtime(httpServer, { logger, redisUrl: config.redisUrl });
  // Issues: every 60 s, escalate missed deadlines, then email pending notifications (in the recipient's language).
  configureNotificationEmails({
    compose: composeNotificationEmail,
    publicUrl: config.publicUrl,
    onError: (err, email) => logger.error({ err, notificationId: email.notificationId }, 'notification email could not be sent'),
  });
  const issueScheduler = startIssueScheduler(database.db, { onError: (err, step) => logger.error({ err, step }, 'issue scheduler run failed') });

  let closing: Promise<void> | null = null;
  return {
    logger,
    config,
    database,
    io: realtime.io,
    close() {
      closing ??= (async () => {
        await issueScheduler.stop();
        await realtime.close();
        await database.close();
        setServices(undefined);
      })();
      return closing;
    },
  };
}

export type Platform = Awaited<ReturnType<typeof startPlatform>>;
