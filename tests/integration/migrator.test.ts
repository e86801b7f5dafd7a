import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../app/db/embedded-postgres.js';
import { MigrationError, migrate, migrationStatus, readMigrations } from '../../app/db/migrator.server';
import { testTarget } from '../helpers/db';

// A scratch database with nothing in it: embedded, or a new database on TEST_DATABASE_URL's server.
async function emptyDatabase() {
  if (testTarget() === 'postgres') {
    const server = process.env.TEST_DATABASE_URL!;
    const name = `ic_migr_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(server);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      close: async () => {
        const c = new pg.Client({ connectionString: server });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const embedded = await startEmbeddedPostgres({});
  return { url: embedded.url, close: () => embedded.close() };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

let scratch: Awaited<ReturnType<typeof emptyDatabase>>;
beforeAll(async () => {
  scratch = await emptyDatabase();
});
afterAll(async () => scratch?.close());

describe('offline migrator', () => {
  it('applies every committed migration once, in prisma migrate deploy’s table format', async () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    const first = await migrate(scratch.url);
    expect(first.applied).toEqual(migrations.map((m) => m.name));
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date; applied_steps_count: number; rolled_back_at: Date | null }>(
      scratch.url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toHaveLength(migrations.length);
    for (const [i, row] of rows.entries()) {
      const sql = fs.readFileSync(`prisma/migrations/${row.migration_name}/migration.sql`);
      expect(row.checksum).toBe(crypto.createHash('sha256').update(sql).digest('hex'));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
      expect(row.migration_name).toBe(migrations[i].name);
    }
    // Running again changes nothing.
    expect((await migrate(scratch.url)).applied).toEqual([]);
    const tables = await query<{ tablename: string }>(scratch.url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`);
    expect(tables.map((t) => t.tablename)).toEqual(
      expect.arrayContaining(['AuditEvent', 'Invitation', 'Membership', 'Organization', 'Session', 'SignInAttempt', 'User', '_prisma_migrations']),
    );
  });

  it('rolls back a failing migration completely, records it, and refuses to go on', async () => {
    const migrations = [
      ...readMigrations(),
      { name: '29990101000000_broken', sql: 'CREATE TABLE "Half" (id int); SELECT no_such_function();', checksum: 'x'.repeat(64) },
    ];
    const error = await migrate(scratch.url, { migrations }).catch((e) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error.message).toMatch(/29990101000000_broken failed and was rolled back/);
    const half = await query<{ t: string | null }>(scratch.url, `SELECT to_regclass('"Half"')::text AS t`);
    expect(half[0].t).toBeNull();
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    const status = await migrationStatus(client, migrations);
    await client.end();
    expect(status.pending).toEqual(['29990101000000_broken']);
    expect(status.failed).toEqual([]);
  });

  it('refuses to start on a migration another tool left half-applied', async () => {
    await query(
      scratch.url,
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ('${crypto.randomUUID()}', '${'0'.repeat(64)}', '29990202000000_stuck', now())`,
    );
    const migrations = [...readMigrations(), { name: '29990202000000_stuck', sql: 'SELECT 1', checksum: '0'.repeat(64) }];
    await expect(migrate(scratch.url, { migrations })).rejects.toThrow(/never finished/);
  });
});
