// Open the database the configuration names: a real PostgreSQL server (DATABASE_URL) or the embedded PGlite in
// DATA_DIR. Either way: apply the committed migrations, then connect Prisma through adapter-pg.
import type { Config } from '../config.server';
import type { Logger } from '../logger.server';
import { type Db, createDb } from './client.server';
import { migrate, readMigrations } from './migrator.server';

export type EmbeddedPostgres = { url: string; fresh: boolean; close(): Promise<void> };
export type StartEmbedded = (options: { dataDir: string }) => Promise<EmbeddedPostgres>;

export type OpenDatabase = {
  db: Db;
  url: string;
  embedded: boolean;
  /** A new embedded database (its data directory did not exist before). */
  fresh: boolean;
  appliedMigrations: string[];
  close(): Promise<void>;
};

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'statementTimeoutMs'>>,
  { startEmbedded, logger, migrationsDir }: { startEmbedded: StartEmbedded; logger: Logger; migrationsDir?: string },
): Promise<OpenDatabase> {
  const log = logger.child({ module: 'database' });
  let embedded: EmbeddedPostgres | null = null;
  let url = config.databaseUrl;
  if (!url) {
    const started = Date.now();
    embedded = await startEmbedded({ dataDir: config.dataDir });
    url = embedded.url;
    log.info({ dataDir: config.dataDir, fresh: embedded.fresh, ms: Date.now() - started }, 'Embedded PostgreSQL (PGlite) started');
  } else {
    log.info({ host: new URL(url).host }, 'Using PostgreSQL server from DATABASE_URL');
  }
  try {
    const { applied } = await migrate(url, {
      migrations: readMigrations(migrationsDir),
      log: (message, fields) => log.info(fields ?? {}, message),
    });
    const db = createDb(url, { embedded: !!embedded, statementTimeoutMs: config.statementTimeoutMs });
    await db.$queryRaw`SELECT 1`;
    return {
      db,
      url,
      embedded: !!embedded,
      fresh: embedded?.fresh ?? false,
      appliedMigrations: applied,
      async close() {
        await db.$disconnect().catch(() => {});
        await embedded?.close();
      },
    };
  } catch (error) {
    await embedded?.close().catch(() => {});
    throw error;
  }
}
