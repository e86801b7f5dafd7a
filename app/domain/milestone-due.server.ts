// Reminders of milestones falling due: the scheduler (escalation.server.ts startIssueScheduler) runs this sweep every
// minute. Each OPEN milestone of an ACTIVE commitment due within MILESTONE_DUE_NOTICE_DAYS (today included) is
// announced once as "due soon", and once more as "overdue" after its due date has passed, to its owner party's
// responsible person (or, when the party has none, its members with the commitment roles). "Once" is the notification's
// dedupe key, `milestone-due:<milestoneId>:<dueDate>:<soon|overdue>` (plus the recipient): a second sweep, another
// instance sweeping at the same time or a restart create nothing more, and a milestone whose due date moves is
// announced again for its new date. Overdue and due soon are computed from dates wherever they are shown
// (milestoneTiming in commitment-rules.ts), so nothing depends on this loop having run.
import { Prisma } from '../../prisma/generated/client/client';
import { addCalendarDays, deriveCommitmentStatus, isoDate, todayOf } from './commitment-rules';
import { type DomainContext, command } from './context.server';
import { ForbiddenError } from './errors.server';
import { notify, usersWithRoles } from './notifications.server';
import { COMMITMENT_ROLES } from './policy.server';

/** A milestone due within this many days (today included) is announced as due soon. */
export const MILESTONE_DUE_NOTICE_DAYS = 3;
const BATCH = 200;

export type MilestoneDueKind = 'soon' | 'overdue';

/** The dedupe key of one reminder (each recipient's row adds `:<userId>`). */
export const milestoneDueKey = (milestoneId: string, dueDate: string, kind: MilestoneDueKind) => `milestone-due:${milestoneId}:${dueDate}:${kind}`;

type Candidate = {
  id: string;
  title: string;
  dueDate: Date;
  commitmentId: string;
  reference: string;
  commitmentTitle: string;
  milestoneCount: number;
  completedCount: number;
  nextOpenDueDate: Date | null;
  ownerOrganizationId: string;
  responsibleUserId: string | null;
};

/**
 * OPEN milestones of ACTIVE commitments due by `horizon`, whose reminder for their current due date and kind has not
 * been created for the owner party's responsible person yet (the unique dedupe key answers that from its index).
 */
async function candidates(ctx: DomainContext, today: string, horizon: string, afterId: string): Promise<Candidate[]> {
  const kind = Prisma.sql`(CASE WHEN m."dueDate" < ${today}::date THEN 'overdue' ELSE 'soon' END)`;
  return ctx.db.$queryRaw<Candidate[]>(Prisma.sql`
    SELECT m."id", m."title", m."dueDate", c."id" AS "commitmentId", c."reference", c."title" AS "commitmentTitle",
      c."milestoneCount", c."completedCount", c."nextOpenDueDate",
      p."organizationId" AS "ownerOrganizationId", p."responsibleUserId"
    FROM "Milestone" m
    JOIN "Commitment" c ON c."id" = m."commitmentId"
    JOIN "CommitmentParty" p ON p."id" = m."ownerPartyId"
    WHERE m."state" = 'OPEN' AND c."phase" = 'ACTIVE' AND m."dueDate" <= ${horizon}::date AND m."id" > ${afterId}
      AND (p."responsibleUserId" IS NULL OR NOT EXISTS (
        SELECT 1 FROM "Notification" n
        WHERE n."dedupeKey" = 'milestone-due:' || m."id" || ':' || to_char(m."dueDate", 'YYYY-MM-DD') || ':' || ${kind} || ':' || p."responsibleUserId"))
    ORDER BY m."id"
    LIMIT ${BATCH}`);
}

/**
 * Announce every milestone falling due or overdue that has not been announced yet (for its current due date). Only
 * the platform runs it (the system actor). `now`: the sweep's clock (injectable for tests). Returns how many
 * milestones were looked at and how many notifications were created.
 */
export async function runMilestoneDueSweep(ctx: DomainContext, { now }: { now: Date }): Promise<{ milestones: number; notified: number }> {
  if (ctx.actor.kind !== 'system') throw new ForbiddenError();
  const today = todayOf(now);
  const horizon = addCalendarDays(today, MILESTONE_DUE_NOTICE_DAYS);
  let milestones = 0;
  let notified = 0;
  let afterId = '';
  for (;;) {
    const batch = await candidates(ctx, today, horizon, afterId);
    if (batch.length) {
      notified += await command({ ...ctx, now: () => now }, async (tx) => {
        let created = 0;
        for (const m of batch) {
          const dueDate = isoDate(m.dueDate);
          const kind: MilestoneDueKind = dueDate < today ? 'overdue' : 'soon';
          const userIds = m.responsibleUserId ? [m.responsibleUserId] : await usersWithRoles(tx, m.ownerOrganizationId, COMMITMENT_ROLES);
          created += await notify(tx, {
            userIds,
            kind: 'MILESTONE_DUE',
            subjectType: 'Commitment',
            subjectId: m.commitmentId,
            data: {
              reference: m.reference,
              title: m.commitmentTitle,
              status: deriveCommitmentStatus({ phase: 'ACTIVE', ...m }, today),
              event: kind,
              milestoneId: m.id,
              milestoneTitle: m.title,
              dueDate,
            },
            dedupeKey: milestoneDueKey(m.id, dueDate, kind),
            now,
          });
        }
        return created;
      });
    }
    milestones += batch.length;
    if (batch.length < BATCH) break;
    afterId = batch[batch.length - 1].id;
  }
  return { milestones, notified };
}
