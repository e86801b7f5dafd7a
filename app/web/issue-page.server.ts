// Helpers of the issue page and its formal acts (server only): load the issue a URL names as the viewer may see it
// (404 otherwise, exactly like an unknown reference), shape it for the page in the reader's language, say which acts
// the viewer may perform now (the policy through the domain's reads, and the state machine), and run an act's form.
import { redirect } from 'react-router';
import { requireUser } from '../auth/guards.server';
import type { Actor } from '../domain/actor.server';
import type { DomainContext } from '../domain/context.server';
import { NotFoundError } from '../domain/errors.server';
import { ISSUE_SEVERITIES, ISSUE_STATUSES } from '../domain/enums';
import { type IssueFilter, type IssueListItem, canActAsReporter, canHandleIssue, getIssue, issueTimeline } from '../domain/issue-queries.server';
import { type IssueAction, canTransition, transitionErrorKey } from '../domain/issue-rules';
import { localized } from '../domain/localized';
import { renderMarkdown } from '../domain/markdown.server';
import { can } from '../domain/policy.server';
import type { Locale } from '../i18n';
import { attempt, formValues } from './forms.server';
import { routeContext } from './route.server';

/** The formal acts on an issue, each with a page of its own at /issues/:reference/<path>. */
export const ISSUE_ACTS = ['assign', 'acknowledge', 'respond', 'resolve', 'reject', 'reopen', 'followUp', 'summary'] as const;
export type IssueAct = (typeof ISSUE_ACTS)[number];

/** The act's page under the issue's address. */
export const ACT_PATHS: Record<IssueAct, string> = {
  assign: 'assign',
  acknowledge: 'acknowledge',
  respond: 'respond',
  resolve: 'resolve',
  reject: 'reject',
  reopen: 'reopen',
  followUp: 'follow-up',
  summary: 'summary',
};

/** What the issue page says after an act (`?done=`): the act's past tense. */
export const DONE_ACTS = ['raised', 'assigned', 'acknowledged', 'responded', 'resolved', 'rejected', 'reopened', 'followedUp', 'summaryPublished'] as const;
export type DoneAct = (typeof DONE_ACTS)[number];
const DONE_OF: Record<IssueAct, DoneAct> = {
  assign: 'assigned',
  acknowledge: 'acknowledged',
  respond: 'responded',
  resolve: 'resolved',
  reject: 'rejected',
  reopen: 'reopened',
  followUp: 'followedUp',
  summary: 'summaryPublished',
};

export const issueHref = (reference: string) => `/issues/${encodeURIComponent(reference)}`;
export const actHref = (reference: string, act: IssueAct) => `${issueHref(reference)}/${ACT_PATHS[act]}`;

/** A loader's or action's 404, as a response React Router renders with the error boundary. */
export const notFound = () => new Response('Not found', { status: 404, statusText: 'Not Found' });
const forbidden = () => new Response('Forbidden', { status: 403, statusText: 'Forbidden' });

export type IssueDetail = Awaited<ReturnType<typeof getIssue>>;

/**
 * The request's context and the issue its URL names, as the viewer may see it: an unknown reference and an issue
 * the viewer may not see both answer 404, to loaders and actions alike.
 */
export async function issueFromRequest(request: Request, reference: string | undefined) {
  const { auth, ctx } = await routeContext(request);
  if (!reference || reference.length > 40) throw notFound();
  try {
    const issue = await getIssue(ctx, { reference: reference.toUpperCase() });
    return { auth, ctx, issue };
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound();
    throw error;
  }
}

/** Who may perform an act at all (the policy), whatever the issue's state. */
function mayByRole(actor: Actor, issue: IssueDetail, act: IssueAct): boolean {
  switch (act) {
    case 'assign':
    case 'acknowledge':
    case 'respond':
    case 'resolve':
    case 'reject':
      return canHandleIssue(actor, issue);
    case 'reopen':
      return canActAsReporter(actor, issue);
    case 'followUp':
      // Anonymous reporters follow up through their receipt code (/report/follow-up), never through this page.
      return !issue.anonymous && canActAsReporter(actor, issue);
    case 'summary':
      return issue.anonymous && can(actor, 'issue.publishSummary');
  }
}

/** Whether the issue's state allows the act now (the state machine; reopening also within its window). */
function allowedNow(issue: IssueDetail, act: IssueAct, now: Date): boolean {
  if (act === 'summary') return true;
  if (!canTransition(issue.status, act as IssueAction)) return false;
  if (act === 'reopen') return !!issue.reopenAllowedUntil && now.getTime() <= new Date(issue.reopenAllowedUntil).getTime();
  return true;
}

/** The acts the viewer may perform on the issue now, in the order the actions panel lists them. */
export function availableActs(actor: Actor, issue: IssueDetail, now: Date): IssueAct[] {
  return ISSUE_ACTS.filter((act) => mayByRole(actor, issue, act) && allowedNow(issue, act, now));
}

/**
 * An act's page: the signed-in viewer and the issue, 403 when the viewer may never perform this act on it, and
 * `available` false (the page then says why) when the issue's state does not allow it now. The command checks all
 * of this again when the form is sent.
 */
export async function issueForAct(request: Request, reference: string | undefined, act: IssueAct) {
  await requireUser(request);
  const loaded = await issueFromRequest(request, reference);
  if (!mayByRole(loaded.auth.actor, loaded.issue, act)) throw forbidden();
  const { issue } = loaded;
  const available = allowedNow(issue, act, new Date());
  return {
    ...loaded,
    available,
    /** The issue as the act's page names it. */
    subject: { reference: issue.reference, title: issue.title, status: issue.status },
    /** Why the act cannot be done now, as an i18n key (the state machine's refusal, or the closed reopen window). */
    unavailable: available
      ? null
      : act === 'reopen' && canTransition(issue.status, 'reopen')
        ? 'issuesOfficer.reopenWindowClosed'
        : transitionErrorKey(act as IssueAction, issue.status),
  };
}

/**
 * An act's form sent: the command on the issue, then back to the issue page saying what was done; when the command
 * refuses (the issue's state, bad input), the form again with its errors and what was typed.
 */
export async function issueActAction(
  request: Request,
  reference: string | undefined,
  act: IssueAct,
  run: (ctx: DomainContext, issue: IssueDetail, formData: FormData) => Promise<unknown>,
  formData?: FormData,
) {
  // 403 for a viewer who may never perform the act, before anything else; the command checks everything again.
  const { ctx, issue } = await issueForAct(request, reference, act);
  const form = formData ?? (await request.formData());
  const result = await attempt(() => run(ctx, issue, form), { values: formValues(form) });
  if (!result.ok) return result.response;
  return redirect(`${issueHref(issue.reference)}?done=${DONE_OF[act]}`);
}

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

export type DeadlineState = 'met' | 'metLate' | 'open' | 'overdue' | 'stopped';

/** One deadline as the page shows it: when it falls due, when it was met, and how much time is left or overdue. */
function deadlineView(dueAt: Date | string, metAt: Date | string | null, closed: boolean, now: Date) {
  const due = new Date(dueAt);
  const met = metAt ? new Date(metAt) : null;
  const state: DeadlineState = met ? (met > due ? 'metLate' : 'met') : closed ? 'stopped' : now > due ? 'overdue' : 'open';
  return { dueAt: due.toISOString(), metAt: met?.toISOString() ?? null, state, ms: Math.abs(due.getTime() - now.getTime()) };
}

/** The office's name in the reader's language. */
export const officeName = (office: { nameEn: string; nameRu: string }, locale: Locale) => (locale === 'ru' ? office.nameRu : office.nameEn);

/** The issue as its pages show it, in the reader's language: dates as ISO strings, texts rendered from Markdown. */
export function issueView(issue: IssueDetail, locale: Locale, now: Date) {
  const closed = issue.status === 'RESOLVED' || issue.status === 'REJECTED';
  const next = issue.nextDeadline;
  const attachmentView = (a: { id: string; fileName: string; contentType: string; size: number; createdAt: Date | string }) => ({
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    createdAt: new Date(a.createdAt).toISOString(),
  });
  return {
    id: issue.id,
    reference: issue.reference,
    title: issue.title,
    descriptionHtml: renderMarkdown(issue.description),
    status: issue.status,
    severity: issue.severity,
    category: issue.category,
    factor: issue.factor,
    visibility: issue.visibility,
    anonymous: issue.anonymous,
    administration: {
      id: issue.administration.id,
      slug: issue.administration.slug,
      name: localized(issue.administration, 'name', locale, issue.administration.name),
    },
    office: issue.office ? { name: officeName(issue.office, locale), kind: issue.office.kind } : null,
    occurredAt: new Date(issue.occurredAt).toISOString(),
    raisedAt: new Date(issue.createdAt).toISOString(),
    raisedBy: issue.raisedBy ? { name: issue.raisedBy.name } : null,
    reporterOrganization: issue.reporterOrganization ? { slug: issue.reporterOrganization.slug, name: issue.reporterOrganization.name } : null,
    assignee: issue.assignee ? { id: issue.assignee.id, name: issue.assignee.name } : null,
    outcome: issue.outcome,
    closedAt: iso(issue.closedAt),
    reopenedAt: iso(issue.reopenedAt),
    reopenAllowedUntil: iso(issue.reopenAllowedUntil),
    publicSummary: issue.publicSummary,
    summaryPublishedAt: iso(issue.summaryPublishedAt),
    overdue: issue.overdue,
    escalated: issue.escalated,
    deadlines: {
      acknowledge: deadlineView(issue.acknowledgeBy, issue.acknowledgedAt, closed, now),
      respond: deadlineView(issue.respondBy, issue.respondedAt, closed, now),
    },
    next: next
      ? {
          deadline: next.deadline,
          dueAt: new Date(next.dueAt).toISOString(),
          overdue: next.overdue,
          ms: Math.abs(new Date(next.dueAt).getTime() - now.getTime()),
        }
      : null,
    attachments: issue.attachments.filter((a) => !a.responseId).map(attachmentView),
    attachmentCount: evidenceCount(issue),
    responses: issue.responses.map((r) => ({
      id: r.id,
      kind: r.kind,
      author: r.author ? { name: r.author.name } : null,
      bodyHtml: renderMarkdown(r.body),
      createdAt: new Date(r.createdAt).toISOString(),
      attachments: r.attachments.map(attachmentView),
    })),
  };
}
export type IssueView = ReturnType<typeof issueView>;

/** The issue's timeline for the page: who did what and when ("anonymous reporter" where nobody is named). */
export async function timelineView(ctx: DomainContext, issue: IssueDetail) {
  const entries = await issueTimeline(ctx, issue);
  return entries.map((e, index) => ({
    key: `${index}:${e.action}`,
    at: new Date(e.at).toISOString(),
    action: e.action,
    actor: e.actor ? { name: e.actor.name } : null,
    anonymousReporter: e.anonymousReporter,
    assignee: e.assignee?.name ?? null,
    /** An officer who assigned the issue to themself. */
    self: !!e.actor && !!e.assignee && e.actor.id === e.assignee.id,
    /** What the act said: an acknowledgement's note, an outcome, a reopening's reason. */
    detail: textOf(e.data, 'note') ?? textOf(e.data, 'outcome') ?? textOf(e.data, 'reason'),
  }));
}
const textOf = (data: Record<string, unknown>, key: string) => (typeof data[key] === 'string' && data[key] ? (data[key] as string) : null);

export type TimelineEntryView = Awaited<ReturnType<typeof timelineView>>[number];

/** How many evidence files the issue has in all: its own and its follow-ups' (the limit counts both). */
export const evidenceCount = (issue: IssueDetail) => issue.attachments.length + issue.responses.reduce((n, r) => n + r.attachments.length, 0);

/** The people the issue may be assigned to: the administration's liaison officers and administrators. */
export async function assignableUsers(ctx: DomainContext, administrationId: string) {
  const memberships = await ctx.db.membership.findMany({
    where: { organizationId: administrationId, role: { in: ['LIAISON_OFFICER', 'ORG_ADMIN'] } },
    select: { role: true, user: { select: { id: true, name: true } } },
    orderBy: [{ user: { name: 'asc' } }, { userId: 'asc' }],
  });
  return memberships.map((m) => ({ id: m.user.id, name: m.user.name, role: m.role }));
}

/** The form's `issueId` is the URL's issue, whatever the form says. */
export const withIssue = <T extends object>(input: T, issue: IssueDetail) => ({ ...input, issueId: issue.id });

// ───────────────────────────── The officers' inbox ─────────────────────────────

export const INBOX_PAGE_SIZE = 25;

/** The customs administrations whose issues the viewer handles (the policy's `issue.handle`), by name. */
export function handledAdministrations(auth: { actor: Actor; locale: Locale; user: RequestUser | null }) {
  return (auth.user?.memberships ?? [])
    .filter((m) => m.organization.kind === 'CUSTOMS_ADMINISTRATION' && can(auth.actor, 'issue.handle', { organizationId: m.organizationId }))
    .map((m) => ({ id: m.organizationId, slug: m.organization.slug, name: localized(m.organization, 'name', auth.locale, m.organization.name), role: m.role }))
    .sort((a, b) => a.name.localeCompare(b.name, auth.locale));
}
type RequestUser = {
  memberships: { organizationId: string; role: string; organization: { kind: string; slug: string; name: string; translations: unknown } }[];
};

export type InboxQuery = {
  administration?: string;
  status: (typeof ISSUE_STATUSES)[number][];
  severity: (typeof ISSUE_SEVERITIES)[number][];
  office?: string;
  assigned: boolean;
  escalated: boolean;
  overdue: boolean;
  after?: string;
};

/** The inbox's filters from its URL: unknown values are dropped rather than refused (a shared link keeps working). */
export function parseInboxQuery(search: URLSearchParams): InboxQuery {
  const pick = <T extends string>(name: string, allowed: readonly T[]) =>
    [...new Set(search.getAll(name))].filter((v): v is T => (allowed as readonly string[]).includes(v));
  const text = (name: string, max = 64) => {
    const value = search.get(name)?.trim();
    return value && value.length <= max ? value : undefined;
  };
  return {
    administration: text('administration'),
    status: pick('status', ISSUE_STATUSES),
    severity: pick('severity', ISSUE_SEVERITIES),
    office: text('office'),
    assigned: search.get('assigned') === '1',
    escalated: search.get('escalated') === '1',
    overdue: search.get('overdue') === '1',
    after: text('after', 512),
  };
}

/** The inbox's address for a query, with some of its parameters changed (a new filter starts at the first page). */
export function inboxHref(query: InboxQuery, changes: Partial<InboxQuery> = {}): string {
  const next = { ...query, after: undefined, ...changes };
  const params = new URLSearchParams();
  if (next.administration) params.set('administration', next.administration);
  for (const s of next.status) params.append('status', s);
  for (const s of next.severity) params.append('severity', s);
  if (next.office) params.set('office', next.office);
  if (next.assigned) params.set('assigned', '1');
  if (next.escalated) params.set('escalated', '1');
  if (next.overdue) params.set('overdue', '1');
  if (next.after) params.set('after', next.after);
  const text = params.toString();
  return text ? `/inbox?${text}` : '/inbox';
}

/** The domain's filter for an inbox query. */
export function inboxFilter(query: InboxQuery): IssueFilter {
  return {
    ...(query.status.length ? { status: query.status } : {}),
    ...(query.severity.length ? { severity: query.severity } : {}),
    ...(query.office ? { officeId: query.office } : {}),
    ...(query.assigned ? { assignedToMe: true } : {}),
    ...(query.escalated ? { escalated: true } : {}),
    ...(query.overdue ? { overdue: true } : {}),
  };
}

/** One row of the inbox, in the reader's language, with the time left or overdue worked out at `now`. */
export function inboxRow(item: IssueListItem, locale: Locale, now: Date) {
  const next = item.nextDeadline;
  return {
    id: item.id,
    reference: item.reference,
    title: item.title,
    status: item.status,
    severity: item.severity,
    anonymous: item.anonymous,
    office: item.office ? officeName(item.office, locale) : null,
    assignee: item.assignee ? item.assignee.name : null,
    raisedAt: new Date(item.createdAt).toISOString(),
    overdue: item.overdue,
    escalated: item.escalated,
    responseCount: item.responseCount,
    next: next
      ? {
          deadline: next.deadline,
          dueAt: new Date(next.dueAt).toISOString(),
          overdue: next.overdue,
          ms: Math.abs(new Date(next.dueAt).getTime() - now.getTime()),
        }
      : null,
  };
}
export type InboxRow = ReturnType<typeof inboxRow>;

/** The administration's offices (archived ones too: old issues name them), for the inbox's office filter. */
export async function administrationOffices(ctx: DomainContext, administrationId: string, locale: Locale) {
  const offices = await ctx.db.customsOffice.findMany({
    where: { administrationId },
    select: { id: true, nameEn: true, nameRu: true, archivedAt: true },
  });
  return offices.map((o) => ({ id: o.id, name: officeName(o, locale), archived: !!o.archivedAt })).sort((a, b) => a.name.localeCompare(b.name, locale));
}
