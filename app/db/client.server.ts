// The Prisma client, always through @prisma/adapter-pg: embedded PGlite and a real PostgreSQL share one code path.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../prisma/generated/client/client';

export type Db = PrismaClient;
export { Prisma } from '../../prisma/generated/client/client';

/** Default per-statement limit (DB_STATEMENT_TIMEOUT_MS): a runaway query answers with an error, not a hung request. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 5_000;

export type CreateDbOptions = {
  embedded: boolean;
  /** Milliseconds a statement may run (0: no limit). */
  statementTimeoutMs?: number;
};

export function createDb(connectionString: string, { embedded, statementTimeoutMs = DEFAULT_STATEMENT_TIMEOUT_MS }: CreateDbOptions): Db {
  // PGlite is a single session: one connection, and transactions queue for it, so wait longer for a turn.
  // The statement limit: PostgreSQL enforces `statement_timeout` itself (sent as a start-up parameter, so it holds for
  // every pooled connection, and the server cancels the statement). PGlite ignores it (measured: pg_sleep(2) under a
  // 500 ms limit ran 2 s), so on the embedded path pg's client-side `query_timeout` answers the caller in time instead;
  // the statement itself still finishes on PGlite's one session before the next one starts.
  const timeout = statementTimeoutMs > 0 ? statementTimeoutMs : undefined;
  const adapter = new PrismaPg({
    connectionString,
    max: embedded ? 1 : 10,
    idleTimeoutMillis: 30_000,
    ...(timeout ? (embedded ? { query_timeout: timeout } : { statement_timeout: timeout }) : {}),
  });
  const client = new PrismaClient({
    adapter,
    transactionOptions: { maxWait: embedded ? 20_000 : 5_000, timeout: 20_000 },
  });
  // Pothos' Prisma plugin plans `select: {}` when a GraphQL selection reads no column (e.g. a mutation result with only
  // `__typename`), and Prisma refuses an empty select ("must not be empty"): the write had committed, and the answer was
  // "Unexpected error", so clients would retry and duplicate it. An empty select asks for nothing in particular: load
  // the row's scalars instead.
  return client.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          return query(withoutEmptySelects(args) as typeof args);
        },
      },
    },
  }) as unknown as PrismaClient;
}

type Args = Record<string, unknown>;
const isObject = (value: unknown): value is Args => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

/** The same query arguments with every empty `select: {}` (at any depth of select/include) left out. */
export function withoutEmptySelects<T>(args: T): T {
  if (!isObject(args)) return args;
  let changed = false;
  const out: Args = { ...args };
  if (isObject(out.select) && Object.keys(out.select).length === 0) {
    delete out.select;
    changed = true;
  }
  for (const key of ['select', 'include'] as const) {
    const map = out[key];
    if (!isObject(map)) continue;
    let nestedChanged = false;
    const nested: Args = {};
    for (const [name, value] of Object.entries(map)) {
      const fixed = withoutEmptySelects(value);
      // A relation whose arguments became empty is the relation with every column: `true`.
      nested[name] = isObject(fixed) && fixed !== value && Object.keys(fixed).length === 0 ? true : fixed;
      if (nested[name] !== value) nestedChanged = true;
    }
    if (nestedChanged) {
      out[key] = nested;
      changed = true;
    }
  }
  return (changed ? out : args) as T;
}
