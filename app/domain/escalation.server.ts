// Escalation of missed deadlines, and the in-process scheduler that runs it. Overdue and escalated are computed from
// dates wherever they are shown (issue-rules.ts, issue-queries), so nothing depends on this loop having run; the loop
// only makes sure that each missed deadline is announced exactly once: the IssueEscalation row for (issue, deadline,
// dueAt) is inserted with ON CONFLICT DO NOTHING, and only the transaction that inserted it notifies the
// administration's ORG_ADMINs and appends `issue.escalated`. Several instances (or two sweeps at once) are safe.
import type { Db } from '../db/client.server';
import { type DomainContext, command } from './context.server';
import { ForbiddenError } from './errors.server';
import { type IssueDeadlineName, missedDeadlines } from './issue-rules';
import { deliverPendingEmails, notify, usersWithRoles } from './notifications.server';
import { systemActor } from './actor.server';
import { runMilestoneDueSweep } from './milestone-due.server';

type Candidate = {
  id: string;
  reference: string;
  title: string;
  status: string;
  administrationId: string;
  acknowledgeBy: Date;
  respondBy: Date;
  acknowledgedAt: Date | null;
  respondedAt: Date | null;
  closedAt: Date | null;
};

const BATCH = 200;

/** Issues with a missed deadline that has no IssueEscalation row yet (the same condition as isEscalated, per deadline). */
async function candidates(db: Db, now: Date, afterId: string): Promise<Candidate[]> {
  return db.$queryRaw<Candidate[]>`
    SELECT i."id", i."reference", i."title", i."status"::text AS "status", i."administrationId",
      i."acknowledgeBy", i."respondBy", i."acknowledgedAt", i."respondedAt", i."closedAt"
    FROM "Issue" i
    WHERE i."status" NOT IN ('RESOLVED', 'REJECTED') AND i."id" > ${afterId}
      AND ((COALESCE(i."acknowledgedAt", ${now}) > i."acknowledgeBy" AND NOT EXISTS (
              SELECT 1 FROM "IssueEscalation" e
              WHERE e."issueId" = i."id" AND e."deadline" = 'ACKNOWLEDGE' AND e."dueAt" = i."acknowledgeBy"))
        OR (COALESCE(i."respondedAt", ${now}) > i."respondBy" AND NOT EXISTS (
              SELECT 1 FROM "IssueEscalation" e
              WHERE e."issueId" = i."id" AND e."deadline" = 'RESPOND' AND e."dueAt" = i."respondBy")))
    ORDER BY i."id"
    LIMIT ${BATCH}`;
}

/** The dedupe key of one escalation's notifications (each recipient's row adds `:<userId>`). */
export const escalationKey = (issueId: string, deadline: IssueDeadlineName, dueAt: Date) => `escalation:${issueId}:${deadline}:${dueAt.toISOString()}`;

/** Escalate one missed deadline, once: true when this call recorded it (and notified and audited). */
async function escalate(ctx: DomainContext, issue: Candidate, deadline: IssueDeadlineName, dueAt: Date, now: Date): Promise<boolean> {
  return command({ ...ctx, now: () => now }, async (tx, audit) => {
    const inserted = await tx.issueEscalation.createMany({
      data: [{ issueId: issue.id, deadline, dueAt, escalatedAt: now }],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return false;
    const admins = await usersWithRoles(tx, issue.administrationId, ['ORG_ADMIN']);
    await notify(tx, {
      userIds: admins,
      kind: 'ISSUE_ESCALATED',
      subjectType: 'Issue',
      subjectId: issue.id,
      data: { reference: issue.reference, title: issue.title, status: issue.status, event: 'escalated', deadline, dueAt: dueAt.toISOString() },
      dedupeKey: escalationKey(issue.id, deadline, dueAt),
      now,
    });
    await audit({
      action: 'issue.escalated',
      subjectType: 'Issue',
      subjectId: issue.id,
      organizationId: issue.administrationId,
      data: { deadline, dueAt: dueAt.toISOString() },
    });
    return true;
  });
}

/**
 * Find every missed deadline not escalated yet and escalate it. Only the platform runs it (the system actor): the
 * audit records the system as the actor.
 */
export async function runEscalationSweep(ctx: DomainContext, now: Date): Promise<{ escalated: number }> {
  if (ctx.actor.kind !== 'system') throw new ForbiddenError();
  let escalated = 0;
  let afterId = '';
  for (;;) {
    const batch = await candidates(ctx.db, now, afterId);
    for (const issue of batch) {
      for (const missed of missedDeadlines(issue, now)) {
        if (await escalate(ctx, issue, missed.deadline, missed.dueAt, now)) escalated++;
      }
    }
    if (batch.length < BATCH) break;
    afterId = batch[batch.length - 1].id;
  }
  return { escalated };
}

export type IssueScheduler = { stop(): Promise<void>; runNow(): Promise<void> };

export type SchedulerOptions = {
  intervalMs?: number;
  /** Delay before the first run (after start-up). */
  firstRunMs?: number;
  now?: () => Date;
  onError?: (error: unknown, step: 'escalation' | 'milestone-due' | 'email') => void;
};

/**
 * Every minute: escalate missed deadlines, announce milestones of joint commitments falling due or overdue
 * (milestone-due.server.ts), then email pending notifications. The timer does not keep the process
 * alive (unref), a run never overlaps the previous one, and stop() waits for the current run to finish.
 */
export function startIssueScheduler(
  db: Db,
  { intervalMs = 60_000, firstRunMs = 5_000, now = () => new Date(), onError }: SchedulerOptions = {},
): IssueScheduler {
  const ctx: DomainContext = { db, actor: systemActor('issue-scheduler') };
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (stopped) return Promise.resolve();
    running ??= (async () => {
      try {
        await runEscalationSweep(ctx, now());
      } catch (error) {
        onError?.(error, 'escalation');
      }
      try {
        if (!stopped) await runMilestoneDueSweep(ctx, { now: now() });
      } catch (error) {
        onError?.(error, 'milestone-due');
      }
      try {
        if (!stopped) await deliverPendingEmails(db, now());
      } catch (error) {
        onError?.(error, 'email');
      }
    })().finally(() => {
      running = null;
    });
    return running;
  };
  const first = setTimeout(() => void run(), firstRunMs);
  first.unref();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
