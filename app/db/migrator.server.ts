// Applies the committed migrations in prisma/migrations without the Prisma CLI or its schema engine.
// Keeps `_prisma_migrations` in the format `prisma migrate deploy` uses, so either tool can take over.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export type Migration = { name: string; sql: string; checksum: string };

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;
// Any constant: serialises concurrent start-ups of several instances against one PostgreSQL server.
const ADVISORY_LOCK_KEY = 7241_2026;

export function defaultMigrationsDir(): string {
  return path.resolve(process.cwd(), 'prisma', 'migrations');
}

export function readMigrations(dir = defaultMigrationsDir()): Migration[] {
  if (!fs.existsSync(dir)) throw new MigrationError(`No migrations directory at ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = fs.readFileSync(path.join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: crypto.createHash('sha256').update(bytes).digest('hex') };
    });
}

type Row = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; logs: string | null };

async function appliedRows(client: pg.Client): Promise<Row[]> {
  const exists = await client.query(`SELECT to_regclass('"_prisma_migrations"') AS t`);
  if (!exists.rows[0].t) return [];
  const result = await client.query<Row>(`SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY started_at`);
  return result.rows;
}

export type MigrationStatus = { applied: string[]; pending: string[]; failed: string[]; changed: string[] };

export async function migrationStatus(client: pg.Client, migrations = readMigrations()): Promise<MigrationStatus> {
  const rows = await appliedRows(client);
  const applied = new Map(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => [r.migration_name, r]));
  const failed = rows.filter((r) => !r.finished_at && !r.rolled_back_at).map((r) => r.migration_name);
  return {
    applied: migrations.filter((m) => applied.has(m.name)).map((m) => m.name),
    pending: migrations.filter((m) => !applied.has(m.name) && !failed.includes(m.name)).map((m) => m.name),
    failed,
    changed: migrations.filter((m) => applied.has(m.name) && applied.get(m.name)!.checksum !== m.checksum).map((m) => m.name),
  };
}

/**
 * Apply every pending migration, each in its own transaction (PostgreSQL DDL is transactional, so a failing
 * migration leaves nothing behind and is recorded as rolled back).
 */
export async function migrate(
  connectionString: string,
  options: { migrations?: Migration[]; log?: (message: string, fields?: object) => void } = {},
): Promise<{ applied: string[]; changed: string[] }> {
  const migrations = options.migrations ?? readMigrations();
  const log = options.log ?? (() => {});
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    await client.query(MIGRATIONS_TABLE);
    const status = await migrationStatus(client, migrations);
    if (status.failed.length) {
      throw new MigrationError(
        `Migration ${status.failed[0]} started but never finished (it was probably applied by another tool that failed). ` +
          'Inspect the database, then mark it with `prisma migrate resolve`.',
      );
    }
    for (const name of status.changed) {
      log('An applied migration was edited after it ran; the database keeps the version it ran', { migration: name });
    }
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => status.pending.includes(m.name))) {
      const id = crypto.randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`, [
          id,
          migration.checksum,
          migration.name,
        ]);
        await client.query(migration.sql);
        await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        const message = error instanceof Error ? error.message : String(error);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, rolled_back_at, logs) VALUES ($1, $2, $3, now(), now(), $4)`,
          [id, migration.checksum, migration.name, message],
        );
        throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${message}`);
      }
      applied.push(migration.name);
      log('Applied migration', { migration: migration.name });
    }
    return { applied, changed: status.changed };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
