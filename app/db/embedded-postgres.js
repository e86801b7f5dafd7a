// Embedded PostgreSQL: PGlite (WASM Postgres) in a worker thread, served over the Postgres wire protocol on
// 127.0.0.1 by @electric-sql/pglite-socket, so the app reaches it through @prisma/adapter-pg exactly as it reaches
// a real server. Plain JavaScript: server.js loads it before the (TypeScript) app, and tests import it too.
//
// PGlite is one session: the socket server accepts ONE connection (the app's pool has max 1). Two processes on one
// data directory corrupt it silently, so the directory is locked (see lockDataDir) before PGlite opens it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export class DataDirLockedError extends Error {
  constructor(dataDir, holder) {
    super(
      `The data directory ${dataDir} is in use by another Integrity Compact process ` +
        `(pid ${holder.pid} on ${holder.host}, started ${holder.startedAt}). ` +
        'Stop that process first, or set DATA_DIR to another directory. Two processes on one embedded database corrupt it.',
    );
    this.name = 'DataDirLockedError';
    this.holder = holder;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function readHolder(lockPath) {
  try {
    return JSON.parse(fs.readFileSync(lockPath, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Take an exclusive lock on a data directory: a lock file created with O_EXCL that names this process.
 * A lock left by a process that no longer runs (SIGKILL, power loss) is taken over.
 * @param {string} dataDir
 * @returns {{ release(): void, lockPath: string }}
 */
export function lockDataDir(dataDir) {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'integrity-compact.lock');
  const me = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return {
        lockPath,
        release() {
          const holder = readHolder(lockPath);
          if (holder && holder.pid === me.pid && holder.startedAt === me.startedAt) fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      const holder = readHolder(lockPath);
      if (holder && (holder.host !== me.host || isAlive(holder.pid))) throw new DataDirLockedError(dataDir, holder);
      // A stale lock (its process is gone) or one being written this instant: move it aside and try again.
      try {
        if (holder) fs.renameSync(lockPath, `${lockPath}.stale-${process.pid}-${attempt}`);
        fs.rmSync(`${lockPath}.stale-${process.pid}-${attempt}`, { force: true });
      } catch (renameError) {
        if (renameError.code !== 'ENOENT') throw renameError;
      }
      if (!holder) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}: ${lockPath} keeps changing.`);
}

/**
 * Start embedded PostgreSQL.
 * @param {{ dataDir?: string | null, loadFrom?: string | null, lock?: boolean }} options
 *   dataDir: where PGlite keeps its files (null: in memory). loadFrom: a tarball made by dumpEmbeddedPostgres, used
 *   to start a fresh database from a template (tests).
 * @returns {Promise<{ url: string, fresh: boolean, dump(file: string): Promise<void>, close(): Promise<void> }>}
 */
export async function startEmbeddedPostgres({ dataDir = null, loadFrom = null, lock = true } = {}) {
  let dataLock = null;
  let pgdata = null;
  let fresh = true;
  if (dataDir) {
    if (lock) dataLock = lockDataDir(dataDir);
    pgdata = path.join(dataDir, 'pgdata');
    fresh = !fs.existsSync(path.join(pgdata, 'PG_VERSION'));
  }
  const worker = new Worker(new URL('./embedded-postgres.worker.js', import.meta.url), {
    workerData: { pgdata, loadFrom },
  });
  const pending = new Map();
  let nextId = 1;
  let exited = false;
  const call = (type, extra = {}) =>
    new Promise((resolve, reject) => {
      if (exited) return reject(new Error('Embedded PostgreSQL has stopped'));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, type, ...extra });
    });
  let onReady;
  const ready = new Promise((resolve, reject) => (onReady = { resolve, reject }));
  worker.on('message', (message) => {
    if (message.type === 'ready') return onReady.resolve(message.port);
    if (message.type === 'failed') return onReady.reject(new Error(message.error));
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(message.error));
    else waiter.resolve(message.result);
  });
  worker.on('error', (error) => onReady.reject(error));
  worker.on('exit', (code) => {
    exited = true;
    onReady.reject(new Error(`Embedded PostgreSQL exited with code ${code} before it was ready`));
    for (const waiter of pending.values()) waiter.reject(new Error('Embedded PostgreSQL has stopped'));
    pending.clear();
  });
  let port;
  try {
    port = await ready;
  } catch (error) {
    await worker.terminate();
    dataLock?.release();
    throw error;
  }
  let closing = null;
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
    fresh,
    dataDir,
    /** Write the whole database to a tarball (a template for tests). */
    dump: (file) => call('dump', { file }),
    close() {
      closing ??= (async () => {
        try {
          if (!exited) await call('close');
        } finally {
          await worker.terminate();
          dataLock?.release();
        }
      })();
      return closing;
    },
  };
}
