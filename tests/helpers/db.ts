// A fresh, migrated database for one test file: embedded PGlite (default), or a new database on the PostgreSQL
// server named by TEST_DATABASE_URL when TEST_DB_TARGET=postgres (the test script runs the suite both ways).
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { type Db, createDb } from '../../app/db/client.server';
import { startEmbeddedPostgres } from '../../app/db/embedded-postgres.js';
import { migrate } from '../../app/db/migrator.server';

export type TestDatabase = { db: Db; url: string; target: 'pglite' | 'postgres'; close(): Promise<void> };

export const testTarget = (): 'pglite' | 'postgres' => (process.env.TEST_DB_TARGET === 'postgres' ? 'postgres' : 'pglite');

function withDatabase(url: string, database: string) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (testTarget() === 'postgres') {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error('TEST_DB_TARGET=postgres needs TEST_DATABASE_URL');
    const name = `ic_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = withDatabase(serverUrl, name);
    await migrate(url);
    const db = createDb(url, { embedded: false });
    return {
      db,
      url,
      target: 'postgres',
      async close() {
        await db.$disconnect();
        const cleanup = new pg.Client({ connectionString: serverUrl });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const embedded = await startEmbeddedPostgres({ loadFrom: inject('pgliteTemplate') });
  const db = createDb(embedded.url, { embedded: true });
  return {
    db,
    url: embedded.url,
    target: 'pglite',
    async close() {
      await db.$disconnect();
      await embedded.close();
    },
  };
}
