// Append-only, hash-chained audit log. Each event's hash is sha256(prevHash + canonical JSON of the event), so
// changing, removing or reordering any row breaks every link after it. A trigger also refuses UPDATE/DELETE.
import crypto from 'node:crypto';
import type { Prisma } from '../../prisma/generated/client/client';
import type { Db } from '../db/client.server';
import { type Actor, actorId } from './actor.server';
import type { AuditAppended } from './events.server';

export const GENESIS_HASH = '0'.repeat(64);
// Any constant: serialises appends so that two transactions never chain onto the same previous event.
const AUDIT_LOCK_KEY = 4_417_2026;

type Tx = Prisma.TransactionClient;
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type AuditInput = {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  organizationId?: string | null;
  data?: Record<string, unknown>;
};

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type Hashable = {
  seq: bigint;
  occurredAt: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  organizationId: string | null;
  data: unknown;
};

export function eventHash(prevHash: string, event: Hashable): string {
  const body = canonicalJson({
    seq: event.seq.toString(),
    occurredAt: event.occurredAt.toISOString(),
    actorId: event.actorId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    organizationId: event.organizationId,
    data: event.data,
  });
  return crypto.createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** Append one event inside the caller's transaction. */
export async function appendAudit(tx: Tx, actor: Actor, input: AuditInput, now = new Date()): Promise<AuditAppended> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  const seq = (last?.seq ?? 0n) + 1n;
  const prevHash = last?.hash ?? GENESIS_HASH;
  // Round-trip through JSON so that what is hashed is exactly what jsonb gives back (dates become strings).
  const data = JSON.parse(JSON.stringify(input.data ?? {})) as JsonValue;
  const occurredAt = new Date(Math.floor(now.getTime()));
  const event: Hashable = {
    seq,
    occurredAt,
    actorId: actor.kind === 'system' ? `system:${actor.reason}` : actorId(actor),
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId ?? null,
    organizationId: input.organizationId ?? null,
    data,
  };
  const hash = eventHash(prevHash, event);
  await tx.auditEvent.create({ data: { ...event, data: data as Prisma.InputJsonValue, prevHash, hash } });
  return {
    seq: seq.toString(),
    occurredAt: occurredAt.toISOString(),
    actorId: event.actorId,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    organizationId: event.organizationId,
    data: data as Record<string, unknown>,
  };
}

export type ChainVerdict = { ok: true; count: number; lastHash: string } | { ok: false; count: number; brokenAt: string; reason: string };

/** Walk the whole chain in order; report the first event whose link or hash does not hold. */
export async function verifyAuditChain(db: Db, { batchSize = 1000 } = {}): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let count = 0;
  let after = 0n;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: batchSize });
    if (rows.length === 0) return { ok: true, count, lastHash: prevHash };
    for (const row of rows) {
      const at = row.seq.toString();
      if (row.seq !== expectedSeq) return { ok: false, count, brokenAt: at, reason: `expected event ${expectedSeq} next, found ${at} (an event is missing)` };
      if (row.prevHash !== prevHash) return { ok: false, count, brokenAt: at, reason: 'its prevHash does not match the previous event' };
      const recomputed = eventHash(prevHash, row);
      if (recomputed !== row.hash) return { ok: false, count, brokenAt: at, reason: 'its contents do not match its hash (the row was altered)' };
      prevHash = row.hash;
      expectedSeq += 1n;
      after = row.seq;
      count += 1;
    }
  }
}
