// Reads that aggregate a whole register (counts by status, chart series, the countries in it) cost time in proportion
// to its size: 100,000 signatures take tens of milliseconds to count on every page view. Their results are kept here
// and reused for as long as they provably still hold:
// - Data: every write to pledges, signatures and organisations is a domain command, and every command appends to the
//   audit log in its own transaction (context.server.ts). The log is append-only and its appends are serialised
//   (audit.server.ts), so its head, the last sequence number, moves exactly when such a write commits. A result is
//   kept with the head read before it was computed, and used only while the head has not moved.
// - Time: a signature lapses at `lapsesAt` with no write at all. A result says for which instants it holds (from the
//   latest lapse at or before the instant it was computed for, up to the next one), and is used only inside them.
// Only reads on the root client are cached: inside a transaction, rows not yet committed could be kept under a head
// that a rollback hands to the next writer. A change made outside the domain (SQL typed by hand) shows after MAX_AGE_MS.
import type { Db } from '../db/client.server';
import type { Tx } from './context.server';

/** The instants a result holds for: `from` inclusive, `until` exclusive; null for unbounded. */
export type Validity = { from: Date | null; until: Date | null };
type Entry = { head: bigint; from: number; until: number; storedAt: number; value: unknown };

const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 5_000;
/** Per database client (tests and benchmarks open several in one process). */
const caches = new WeakMap<object, Map<string, Entry>>();

/** The root client can open transactions; a transaction's client cannot. */
const isRootClient = (db: Db | Tx) => typeof (db as { $transaction?: unknown }).$transaction === 'function';

/** The audit log's head: one statement on the primary key's index. */
async function auditHead(db: Db | Tx): Promise<bigint> {
  const last = await db.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } });
  return last?.seq ?? 0n;
}

/**
 * Values for `keys` at the instant `now`: those still valid from the cache, the others from one call of `load` (with
 * the keys missing), which returns each value with the instants it holds for. Costs one statement (the audit head)
 * when everything is cached, plus whatever `load` runs otherwise; inside a transaction, just `load`.
 */
export async function cachedReads<T>(
  db: Db | Tx,
  keys: readonly string[],
  now: Date,
  load: (keys: string[]) => Promise<Map<string, { value: T; validity: Validity }>>,
): Promise<Map<string, T>> {
  const result = new Map<string, T>();
  if (!keys.length) return result;
  if (!isRootClient(db)) {
    for (const [key, { value }] of await load([...keys])) result.set(key, value);
    return result;
  }
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const head = await auditHead(db);
  const at = now.getTime();
  const wall = Date.now();
  const missing: string[] = [];
  for (const key of keys) {
    const entry = cache.get(key);
    if (entry && entry.head === head && entry.from <= at && at < entry.until && wall - entry.storedAt < MAX_AGE_MS) result.set(key, entry.value as T);
    else missing.push(key);
  }
  if (!missing.length) return result;
  const loaded = await load(missing);
  for (const [key, { value, validity }] of loaded) {
    result.set(key, value);
    cache.delete(key); // re-inserted last: the map's order is the order of eviction
    cache.set(key, {
      head,
      from: validity.from?.getTime() ?? -Infinity,
      until: validity.until?.getTime() ?? Infinity,
      storedAt: wall,
      value,
    });
  }
  for (const key of cache.keys()) {
    if (cache.size <= MAX_ENTRIES) break;
    cache.delete(key);
  }
  return result;
}
