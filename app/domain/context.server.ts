// What every domain function receives, and the one way it writes: `command` runs the work and its audit records in
// one transaction, then publishes the audit events once they are committed.
import type { Prisma } from '../../prisma/generated/client/client';
import type { Db } from '../db/client.server';
import type { Actor } from './actor.server';
import { type AuditInput, appendAudit } from './audit.server';
import { type AuditAppended, domainEvents } from './events.server';

export type RequestMeta = { ip?: string | null; userAgent?: string | null; origin?: string | null };

export type DomainContext = {
  db: Db;
  actor: Actor;
  meta?: RequestMeta;
  /** Injectable clock, for tests of dates and deadlines. */
  now?: () => Date;
};

export type Tx = Prisma.TransactionClient;
export type Audit = (input: AuditInput) => Promise<void>;

export const nowOf = (ctx: DomainContext) => (ctx.now ? ctx.now() : new Date());

export async function command<T>(ctx: DomainContext, work: (tx: Tx, audit: Audit) => Promise<T>): Promise<T> {
  const appended: AuditAppended[] = [];
  const result = await ctx.db.$transaction(async (tx) =>
    work(tx, async (input) => {
      appended.push(await appendAudit(tx, ctx.actor, input, nowOf(ctx)));
    }),
  );
  for (const event of appended) domainEvents.emit('audit.appended', event);
  return result;
}

/** Is this Prisma error a unique-constraint violation (P2002)? */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}
