// For command-line scripts: open the configured database (DATABASE_URL or the embedded one in DATA_DIR) like the
// server does, run a function, close. The embedded database is locked: stop the server first.
import { loadConfig } from '../app/config.server';
import { startEmbeddedPostgres } from '../app/db/embedded-postgres.js';
import { type OpenDatabase, openDatabase } from '../app/db/open.server';
import { createLogger } from '../app/logger.server';

export async function runWithDatabase(fn: (database: OpenDatabase) => Promise<void | number>) {
  let code: number;
  try {
    const config = loadConfig(process.env);
    const database = await openDatabase(config, { startEmbedded: startEmbeddedPostgres, logger: createLogger(process.env.LOG_LEVEL ?? 'warn') });
    try {
      code = (await fn(database)) ?? 0;
    } finally {
      await database.close();
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    code = 1;
  }
  process.exit(code);
}
