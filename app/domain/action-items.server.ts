// What needs the actor's action, for the dashboard: a list that later features add to (issues to acknowledge,
// milestones to confirm) by registering a provider. Each provider answers for one concern and reads through the
// domain's rules (signaturesWhere, signEligibility, the policy): nothing here decides again who may sign or what a
// current signature is.
import type { Db } from '../db/client.server';
import type { Actor } from './actor.server';
import type { DomainContext } from './context.server';
import { commitmentActionItems } from './commitment-action-items.server';
import { missedDeadlines, nextDeadline, reopenAllowedUntil } from './issue-rules';
import { localized } from './localized';
import type { Audience, OrgKind } from './pledge-rules';
import { signEligibility, signaturesWhere } from './pledge-queries.server';
import { SIGNING_ROLES, can } from './policy.server';

/** How soon it needs doing, most urgent first: the list is sorted by this, then by due date. */
export const SEVERITIES = ['urgent', 'soon', 'todo', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Message = { key: string; params?: Record<string, string | number> };

export type ActionItem = {
  /** What kind of act, e.g. `pledge.sign`; with `subjectId`, identifies the item (React keys, tests). */
  kind: string;
  subjectId: string;
  /** What to do (an i18n key and its parameters, e.g. the pledge's title in the reader's language). */
  title: Message;
  /** Why, or by when, in a sentence. */
  detail?: Message;
  /** The page where the act happens. */
  href: string;
  /** When it falls or fell due, if it has a deadline. */
  due?: Date;
  severity: Severity;
};

export type ActionItemContext = Pick<DomainContext, 'db' | 'actor'> & { now: Date; locale: string };
export type ActionItemProvider = { name: string; items: (ctx: ActionItemContext) => Promise<ActionItem[]> };

/** Renewals falling due within this many days are listed (and any that have already lapsed). */
export const RENEWAL_NOTICE_DAYS = 30;
/** Signatures of the author's pledges are news for this many days. */
export const NEW_SIGNATURE_DAYS = 30;
/** At most this many items per provider: the dashboard is a to-do list, not a register. */
const PER_PROVIDER = 25;

const DAY = 24 * 60 * 60 * 1000;
const isPerson = (actor: Actor): actor is Extract<Actor, { kind: 'user' }> => actor.kind === 'user';
const signingOrganizationIds = (actor: Actor) =>
  isPerson(actor) ? actor.memberships.filter((m) => (SIGNING_ROLES as readonly string[]).includes(m.role)).map((m) => m.organizationId) : [];

/** Platform administrators: organisations awaiting verification; those whose name is close to another's first. */
const organizationReview: ActionItemProvider = {
  name: 'organization-review',
  async items({ db, actor }) {
    if (!isPerson(actor) || !can(actor, 'organization.review')) return [];
    const pending = await db.organization.findMany({
      where: { verified: false },
      select: { id: true, slug: true, name: true, createdAt: true, similarTo: { select: { name: true } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: PER_PROVIDER,
    });
    return pending.map((organization): ActionItem => {
      const href = `/organizations/${organization.slug}`;
      if (organization.similarTo) {
        return {
          kind: 'organization.similar',
          subjectId: organization.id,
          title: { key: 'actions.org.similar', params: { organization: organization.name, similar: organization.similarTo.name } },
          detail: { key: 'actions.org.similar.detail' },
          href,
          severity: 'todo',
        };
      }
      return {
        kind: 'organization.verify',
        subjectId: organization.id,
        title: { key: 'actions.org.verify', params: { organization: organization.name } },
        detail: { key: 'actions.org.verify.detail', params: { date: organization.createdAt.toISOString() } },
        href,
        severity: 'todo',
      };
    });
  },
};

/**
 * Signatories and organisation administrators: published pledges their organisation may sign (signEligibility says
 * so), new versions to re-sign, and renewals falling due or lapsed. A pledge the organisation withdrew from is not
 * suggested again: withdrawing was a decision, not an oversight.
 */
const pledgeSigning: ActionItemProvider = {
  name: 'pledge-signing',
  async items({ db, actor, now, locale }) {
    const organizationIds = signingOrganizationIds(actor);
    if (!organizationIds.length) return [];
    const [organizations, pledges] = await Promise.all([
      db.organization.findMany({ where: { id: { in: organizationIds } }, select: { id: true, name: true, kind: true, verified: true } }),
      db.pledge.findMany({
        where: { status: 'PUBLISHED' },
        select: { id: true, slug: true, title: true, translations: true, status: true, audience: true, currentVersion: true, publishedAt: true },
        orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }],
        take: 100,
      }),
    ]);
    if (!pledges.length) return [];
    // The register entries of these organisations (latest signature per pledge, withdrawn ones included).
    const entries = await db.pledgeSignature.findMany({
      where: { ...signaturesWhere({}, now), organizationId: { in: organizationIds }, pledgeId: { in: pledges.map((p) => p.id) } },
      select: { id: true, pledgeId: true, organizationId: true, withdrawnAt: true, lapsesAt: true, version: { select: { number: true } } },
    });
    const entryOf = new Map(entries.map((e) => [`${e.organizationId}:${e.pledgeId}`, e]));
    const noticeUntil = new Date(now.getTime() + RENEWAL_NOTICE_DAYS * DAY);
    const items: ActionItem[] = [];
    for (const organization of organizations) {
      for (const pledge of pledges) {
        const entry = entryOf.get(`${organization.id}:${pledge.id}`);
        if (entry?.withdrawnAt) continue;
        const title = localized(pledge, 'title', locale, pledge.title);
        const params = { pledge: title, organization: organization.name };
        // The signing step of its own, for this organisation (it shows the exact text and, to re-sign, what changed).
        const href = `/pledges/${pledge.slug}/sign?organization=${encodeURIComponent(organization.id)}`;
        const eligibility = signEligibility(
          actor,
          { status: pledge.status, audience: pledge.audience as Audience, currentVersion: pledge.currentVersion },
          { id: organization.id, kind: organization.kind as OrgKind, verified: organization.verified },
          entry ? { versionNumber: entry.version.number } : null,
        );
        if (eligibility.ok) {
          items.push(
            eligibility.resign
              ? {
                  kind: 'pledge.resign',
                  subjectId: `${pledge.id}:${organization.id}`,
                  title: { key: 'actions.pledge.resign', params: { ...params, version: pledge.currentVersion } },
                  detail: { key: 'actions.pledge.resign.detail', params: { signed: entry!.version.number } },
                  href,
                  severity: 'todo',
                }
              : {
                  kind: 'pledge.sign',
                  subjectId: `${pledge.id}:${organization.id}`,
                  title: { key: 'actions.pledge.sign', params },
                  detail: pledge.publishedAt ? { key: 'actions.pledge.sign.detail', params: { date: pledge.publishedAt.toISOString() } } : undefined,
                  href,
                  severity: 'todo',
                },
          );
          // Re-signing the new version renews the signature too: one act, one item.
          if (eligibility.resign) continue;
        }
        if (!entry?.lapsesAt || entry.lapsesAt > noticeUntil) continue;
        const lapsed = entry.lapsesAt <= now;
        items.push({
          kind: lapsed ? 'pledge.lapsed' : 'pledge.renew',
          subjectId: `${pledge.id}:${organization.id}`,
          title: { key: lapsed ? 'actions.pledge.lapsed' : 'actions.pledge.renew', params },
          detail: { key: lapsed ? 'actions.pledge.lapsed.detail' : 'actions.pledge.renew.detail', params: { date: entry.lapsesAt.toISOString() } },
          href: `/pledges/${pledge.slug}/signatures/${entry.id}/renew`,
          due: entry.lapsesAt,
          severity: lapsed ? 'urgent' : 'soon',
        });
      }
    }
    return items.slice(0, PER_PROVIDER * 2);
  },
};

/** Pledges the actor may manage (policy `pledge.manage`): drafts of their own organisations' or of their own hand. */
function managedPledgesWhere(actor: Extract<Actor, { kind: 'user' }>) {
  const owners = actor.memberships.filter((m) => can(actor, 'pledge.manage', { organizationId: m.organizationId })).map((m) => m.organizationId);
  return { OR: [{ ownerOrganizationId: { in: owners } }, ...(actor.isPlatformAdmin ? [{ ownerOrganizationId: null, createdById: actor.userId }] : [])] };
}

/** Pledge authors: drafts to publish, and the signatures their published pledges received lately. */
const pledgeAuthoring: ActionItemProvider = {
  name: 'pledge-authoring',
  async items({ db, actor, now, locale }) {
    if (!isPerson(actor)) return [];
    const mine = managedPledgesWhere(actor);
    if (!mine.OR.length) return [];
    const since = new Date(now.getTime() - NEW_SIGNATURE_DAYS * DAY);
    const [drafts, published] = await Promise.all([
      db.pledge.findMany({
        where: { AND: [mine, { status: 'DRAFT' }] },
        select: { id: true, slug: true, title: true, translations: true, createdAt: true },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: PER_PROVIDER,
      }),
      db.pledge.findMany({ where: { AND: [mine, { status: 'PUBLISHED' }] }, select: { id: true, slug: true, title: true, translations: true }, take: 100 }),
    ]);
    const recent = published.length
      ? await db.pledgeSignature.groupBy({
          by: ['pledgeId'],
          where: { ...signaturesWhere({}, now), pledgeId: { in: published.map((p) => p.id) }, signedAt: { gte: since } },
          _count: { _all: true },
          _max: { signedAt: true },
        })
      : [];
    const pledgeById = new Map(published.map((p) => [p.id, p]));
    return [
      ...drafts.map((draft): ActionItem => ({
        kind: 'pledge.publish',
        subjectId: draft.id,
        title: { key: 'actions.pledge.publish', params: { pledge: localized(draft, 'title', locale, draft.title) } },
        detail: { key: 'actions.pledge.publish.detail', params: { date: draft.createdAt.toISOString() } },
        href: `/pledges/${draft.slug}/publish`,
        severity: 'todo',
      })),
      ...recent.map((row): ActionItem => {
        const pledge = pledgeById.get(row.pledgeId)!;
        return {
          kind: 'pledge.signatures',
          subjectId: pledge.id,
          title: { key: 'actions.pledge.signatures', params: { count: row._count._all, pledge: localized(pledge, 'title', locale, pledge.title) } },
          detail: row._max.signedAt ? { key: 'actions.pledge.signatures.detail', params: { date: row._max.signedAt.toISOString() } } : undefined,
          href: `/pledges/${pledge.slug}/register`,
          severity: 'info',
        };
      }),
    ];
  },
};

/** Issues: reporters hear of responses and closings this many days back (the reopen window is 30 days). */
export const ISSUE_NEWS_DAYS = 14;
/** An open deadline this close is "soon". */
const ISSUE_SOON_MS = 2 * DAY;
const ISSUE_DEADLINE_FIELDS = { status: true, acknowledgeBy: true, respondBy: true, acknowledgedAt: true, respondedAt: true, closedAt: true } as const;

/**
 * Liaison officers and administrators of a customs administration: its issues awaiting acknowledgement or a response
 * (overdue ones urgent, due within two days soon); its administrators also every escalated issue still open.
 * Overdue and escalated come from the issue rules, computed from the dates.
 */
const issueHandling: ActionItemProvider = {
  name: 'issue-handling',
  async items({ db, actor, now }) {
    if (!isPerson(actor)) return [];
    const handled = actor.memberships.filter((m) => can(actor, 'issue.handle', { organizationId: m.organizationId })).map((m) => m.organizationId);
    if (!handled.length) return [];
    const administrators = new Set(actor.memberships.filter((m) => m.role === 'ORG_ADMIN').map((m) => m.organizationId));
    const issues = await db.issue.findMany({
      where: {
        administrationId: { in: handled },
        administration: { kind: 'CUSTOMS_ADMINISTRATION' },
        status: { in: ['RAISED', 'ACKNOWLEDGED', 'RESPONDED', 'REOPENED'] },
      },
      select: { id: true, reference: true, title: true, administrationId: true, ...ISSUE_DEADLINE_FIELDS },
      orderBy: [{ respondBy: 'asc' }, { id: 'asc' }],
      take: 500,
    });
    const items: ActionItem[] = [];
    for (const issue of issues) {
      const params = { reference: issue.reference, title: issue.title };
      const href = `/issues/${encodeURIComponent(issue.reference)}`;
      const next = nextDeadline(issue, now);
      if (next) {
        const act = next.deadline === 'ACKNOWLEDGE' || issue.status === 'RAISED' ? 'acknowledge' : 'respond';
        items.push({
          kind: `issue.${act}`,
          subjectId: issue.id,
          title: { key: `issuesOfficer.item.${act}`, params },
          detail: { key: next.overdue ? 'issuesOfficer.item.overdueSince' : 'issuesOfficer.item.dueOn', params: { date: next.dueAt.toISOString() } },
          href: `${href}/${act}`,
          due: next.dueAt,
          severity: next.overdue ? 'urgent' : next.ms <= ISSUE_SOON_MS ? 'soon' : 'todo',
        });
        continue;
      }
      const missed = missedDeadlines(issue, now)[0];
      if (missed && administrators.has(issue.administrationId)) {
        items.push({
          kind: 'issue.escalated',
          subjectId: issue.id,
          title: { key: 'issuesOfficer.item.escalated', params },
          detail: { key: 'issuesOfficer.item.escalatedDetail', params: { date: missed.dueAt.toISOString() } },
          href,
          due: missed.dueAt,
          severity: 'urgent',
        });
      }
    }
    return items.sort(compareActionItems).slice(0, PER_PROVIDER);
  },
};

/**
 * Reporters (who raised it, or administrators of the reporting organisation, as the policy's `issue.actAsReporter`
 * says): official responses to their issues and closings of the last days, with the reopen window.
 */
const issueReporting: ActionItemProvider = {
  name: 'issue-reporting',
  async items({ db, actor, now }) {
    if (!isPerson(actor)) return [];
    const since = new Date(now.getTime() - ISSUE_NEWS_DAYS * DAY);
    const adminOf = actor.memberships.filter((m) => m.role === 'ORG_ADMIN').map((m) => m.organizationId);
    const mine = { anonymous: false, OR: [{ raisedById: actor.userId }, ...(adminOf.length ? [{ reporterOrganizationId: { in: adminOf } }] : [])] };
    const [responded, closed] = await Promise.all([
      db.issue.findMany({
        where: { ...mine, status: 'RESPONDED', responses: { some: { kind: 'OFFICIAL', createdAt: { gte: since } } } },
        select: {
          id: true,
          reference: true,
          title: true,
          responses: { where: { kind: 'OFFICIAL' }, orderBy: { createdAt: 'desc' }, take: 1, select: { createdAt: true } },
        },
        orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
        take: PER_PROVIDER,
      }),
      db.issue.findMany({
        where: { ...mine, status: { in: ['RESOLVED', 'REJECTED'] }, closedAt: { gte: since } },
        select: { id: true, reference: true, title: true, status: true, closedAt: true },
        orderBy: [{ closedAt: 'desc' }, { id: 'asc' }],
        take: PER_PROVIDER,
      }),
    ]);
    return [
      ...responded.map((issue): ActionItem => ({
        kind: 'issue.response',
        subjectId: issue.id,
        title: { key: 'issuesOfficer.item.response', params: { reference: issue.reference, title: issue.title } },
        detail: issue.responses[0] ? { key: 'issuesOfficer.item.responseDetail', params: { date: issue.responses[0].createdAt.toISOString() } } : undefined,
        href: `/issues/${encodeURIComponent(issue.reference)}#responses`,
        severity: 'info',
      })),
      ...closed.flatMap((issue): ActionItem[] => {
        const until = reopenAllowedUntil(issue);
        if (!until || until < now) return [];
        return [
          {
            kind: 'issue.closed',
            subjectId: issue.id,
            title: { key: 'issuesOfficer.item.closed', params: { reference: issue.reference, title: issue.title } },
            detail: { key: 'issuesOfficer.item.closedDetail', params: { date: until.toISOString() } },
            href: `/issues/${encodeURIComponent(issue.reference)}`,
            severity: 'info',
          },
        ];
      }),
    ];
  },
};

const providers: ActionItemProvider[] = [organizationReview, pledgeSigning, pledgeAuthoring, issueHandling, issueReporting, commitmentActionItems];

/** Add a source of action items (a later feature: issues to acknowledge, milestones to confirm). Idempotent by name. */
export function registerActionItemProvider(provider: ActionItemProvider) {
  const index = providers.findIndex((p) => p.name === provider.name);
  if (index >= 0) providers[index] = provider;
  else providers.push(provider);
}

export const actionItemProviders = (): readonly ActionItemProvider[] => providers;

/** Most urgent first; among equals, the earliest deadline, then those with none. */
export function compareActionItems(a: ActionItem, b: ActionItem) {
  const bySeverity = SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  if (bySeverity) return bySeverity;
  const dueA = a.due?.getTime() ?? Number.POSITIVE_INFINITY;
  const dueB = b.due?.getTime() ?? Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  return a.kind.localeCompare(b.kind) || a.subjectId.localeCompare(b.subjectId);
}

/** Everything that needs the actor's action now, sorted by urgency. Anonymous actors have none. */
export async function actionItemsFor(ctx: { db: Db; actor: Actor; now?: () => Date }, locale: string): Promise<ActionItem[]> {
  if (!isPerson(ctx.actor)) return [];
  const context: ActionItemContext = { db: ctx.db, actor: ctx.actor, now: ctx.now ? ctx.now() : new Date(), locale };
  const lists = await Promise.all(providers.map((provider) => provider.items(context)));
  return lists.flat().sort(compareActionItems);
}
