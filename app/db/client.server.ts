// The Prisma client, always through @prisma/adapter-pg: embedded PGlite and a real PostgreSQL share one code path.
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../prisma/generated/client/client';

export type Db = PrismaClient;
export { Prisma } from '../../prisma/generated/client/client';

export function createDb(connectionString: string, { embedded }: { embedded: boolean }): Db {
  // PGlite is a single session: one connection, and transactions queue for it, so wait longer for a turn.
  const adapter = new PrismaPg({ connectionString, max: embedded ? 1 : 10, idleTimeoutMillis: 30_000 });
  return new PrismaClient({
    adapter,
    transactionOptions: { maxWait: embedded ? 20_000 : 5_000, timeout: 20_000 },
  });
}
