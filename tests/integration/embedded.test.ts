// The embedded database: data-directory lock, reopening, and surviving SIGKILL in the middle of writes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../app/db/client.server';
import { DataDirLockedError, lockDataDir, startEmbeddedPostgres } from '../../app/db/embedded-postgres.js';
import { migrate } from '../../app/db/migrator.server';
import { verifyAuditChain } from '../../app/domain/audit.server';
import { testTarget } from '../helpers/db';

const dirs: string[] = [];
const tmpDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-embedded-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

// Creating a data directory runs initdb in WebAssembly: seconds, and more on a busy machine.
describe.skipIf(testTarget() === 'postgres')('embedded PostgreSQL', { timeout: 180_000 }, () => {
  it('locks its data directory against a second process, and takes over a stale lock', async () => {
    const dataDir = tmpDir();
    const first = await startEmbeddedPostgres({ dataDir });
    expect(first.fresh).toBe(true);
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    expect(() => lockDataDir(dataDir)).toThrow(/in use by another Integrity Compact process/);
    await first.close();
    // A lock left behind by a process that died is taken over.
    fs.writeFileSync(path.join(dataDir, 'integrity-compact.lock'), JSON.stringify({ pid: 999_999_999, host: os.hostname(), startedAt: 'then' }));
    const second = await startEmbeddedPostgres({ dataDir });
    expect(second.fresh).toBe(false);
    await second.close();
  });

  it('refuses a second server process on the same data directory with a clear message', async () => {
    const dataDir = tmpDir();
    const holder = await startEmbeddedPostgres({ dataDir });
    try {
      const child = spawn(process.execPath, ['server.js'], {
        env: { ...process.env, DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'development', LOG_LEVEL: 'error' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(output).toMatch(/in use by another Integrity Compact process/);
    } finally {
      await holder.close();
    }
  });

  it('survives SIGKILL in the middle of audited writes: the data opens and the chain verifies', async () => {
    const dataDir = tmpDir();
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/helpers/write-forever.ts', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    // Wait until it has committed a good number of writes, then kill it mid-stream.
    await new Promise<void>((resolve, reject) => {
      let lines = 0;
      child.stdout.on('data', (d: Buffer) => {
        lines += d.toString().split('\n').filter(Boolean).length;
        if (lines >= 40) resolve();
      });
      child.on('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));

    const reopened = await startEmbeddedPostgres({ dataDir });
    try {
      await migrate(reopened.url);
      const db = createDb(reopened.url, { embedded: true });
      const count = await db.auditEvent.count();
      expect(count).toBeGreaterThanOrEqual(40);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, count });
      // Indexes agree with the heap (corruption shows up as a mismatch here).
      const byIndex = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "AuditEvent" WHERE seq > 0`;
      expect(Number(byIndex[0].n)).toBe(count);
      await db.$disconnect();
    } finally {
      await reopened.close();
    }
  });
});
