// What every domain function receives, and the one way it writes: `command` runs the work and its audit records in
// one transaction, then publishes the audit events once they are committed.
import crypto from 'node:crypto';
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

export type CommandOptions = {
  /** The transaction's time limit, for a command that makes many changes at once (a CSV import); default 20 s. */
  timeoutMs?: number;
  /**
   * Append the audit records when the work is done rather than as it goes (same order). Appending takes the audit
   * chain's lock, which every other write waits for: a long command then holds it for its last moments only.
   */
  auditAtEnd?: boolean;
};

export async function command<T>(ctx: DomainContext, work: (tx: Tx, audit: Audit) => Promise<T>, options: CommandOptions = {}): Promise<T> {
  const appended: AuditAppended[] = [];
  const result = await ctx.db.$transaction(
    async (tx) => {
      const pending: AuditInput[] = [];
      const value = await work(tx, async (input) => {
        if (options.auditAtEnd) pending.push(input);
        else appended.push(await appendAudit(tx, ctx.actor, input, nowOf(ctx)));
      });
      for (const input of pending) appended.push(await appendAudit(tx, ctx.actor, input, nowOf(ctx)));
      return value;
    },
    options.timeoutMs ? { timeout: options.timeoutMs } : undefined,
  );
  for (const event of appended) domainEvents.emit('audit.appended', event);
  return result;
}

/**
 * Run a command that inserts a row with a unique slug: the base slug, then numbered (-2 … -20), then with a random
 * suffix. A slug taken in the meantime (unique violation) moves on to the next candidate.
 */
export async function withFreeSlug<T>(base: string, insert: (slug: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < 25; attempt++) {
    const slug = attempt === 0 ? base : attempt < 20 ? `${base}-${attempt + 1}` : `${base}-${crypto.randomBytes(3).toString('hex')}`;
    try {
      return await insert(slug);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  throw new Error(`Could not find a free slug for ${base}`);
}

/** Is this Prisma error a unique-constraint violation (P2002)? */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}
