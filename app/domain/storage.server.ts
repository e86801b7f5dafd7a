// Where evidence files live: a small interface, so an S3-compatible store can implement it later. The platform
// configures one store at start-up (configureFileStore); the domain reaches it through fileStore().
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';

export interface FileStore {
  /** Store the bytes under `key`, replacing nothing else; resolves once they are durable. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes, or null when there is nothing under `key`. */
  get(key: string): Promise<ReadableStream<Uint8Array> | Buffer | null>;
  /** Remove the bytes under `key`; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Storage keys are random (app/domain/evidence.server.ts): letters, digits, `-` and `_` only, never a path. */
const KEY_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

export function assertStorageKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error('Invalid storage key');
}

/** A new random storage key (never derived from the file's name or content). */
export function newStorageKey(): string {
  return crypto.randomBytes(24).toString('base64url');
}

/**
 * Files in one directory (DATA_DIR/files): each written to a temporary file with mode 0600, flushed, then renamed
 * into place, so a reader never sees half a file and a crash leaves at most a `.tmp` file behind.
 */
export class LocalFileStore implements FileStore {
  readonly dir: string;
  private ready: Promise<void> | null = null;

  constructor(dir: string) {
    this.dir = path.resolve(dir);
  }

  private ensureDir(): Promise<void> {
    this.ready ??= fs.mkdir(this.dir, { recursive: true, mode: 0o700 }).then(
      () => undefined,
      (error: unknown) => {
        this.ready = null;
        throw error;
      },
    );
    return this.ready;
  }

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.dir, key);
  }

  async put(key: string, bytes: Uint8Array, _contentType: string): Promise<void> {
    const target = this.pathOf(key);
    await this.ensureDir();
    const tmp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(tmp, 'wx', 0o600);
    } catch (error) {
      // The directory was removed while running (an operator cleaning up): create it again, once.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.ready = null;
      await this.ensureDir();
      handle = await fs.open(tmp, 'wx', 0o600);
    }
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      await handle.close().catch(() => {});
      await fs.rm(tmp, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await fs.rename(tmp, target);
    } catch (error) {
      await fs.rm(tmp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<ReadableStream<Uint8Array> | null> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.pathOf(key), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    // The stream closes the handle when it ends or is cancelled.
    return Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}

// On globalThis, like services(): development may load this module more than once.
const storeKey = Symbol.for('integrity-compact.file-store');
const holder = globalThis as unknown as Record<symbol, FileStore | undefined>;

/** Set the store the domain uses (the platform at start-up; tests with their own directory). */
export function configureFileStore(store: FileStore | undefined): void {
  holder[storeKey] = store;
}

export function fileStore(): FileStore {
  const current = holder[storeKey];
  if (!current) throw new Error('No file store is configured: the platform calls configureFileStore() at start-up.');
  return current;
}

/** Read a stored file completely (tests, small files). */
export async function readStoredBytes(stored: ReadableStream<Uint8Array> | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(stored)) return stored;
  const chunks: Uint8Array[] = [];
  for await (const chunk of stored as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
