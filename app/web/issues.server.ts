// Helpers of the issue pages (server only): the list's filters read from the URL and checked with zod, the raise
// form's choices, view models in the reader's language, and the anonymous routes' request handling, which never
// reads or touches a session (app/routes/report*.tsx).
import { scaleLinear, scaleUtc } from 'd3-scale';
import { z } from 'zod';
import { localeCookie } from '../auth/session.server';
import { type Actor, anonymous } from '../domain/actor.server';
import type { DomainContext } from '../domain/context.server';
import { isCountryCode } from '../domain/countries';
import { ARUSHA_FACTORS, type CUSTOMS_OFFICE_KINDS, ISSUE_CATEGORIES, ISSUE_SEVERITIES, ISSUE_STATUSES } from '../domain/enums';
import { signedAttachmentToken } from '../domain/evidence.server';
import { formatFileSize } from '../domain/evidence-limits';
import { ISSUE_ORDERS, type IssueFilter, type IssueListItem, getIssueForReceipt, issueTimeline } from '../domain/issue-queries.server';
import { type NextDeadline, canTransition } from '../domain/issue-rules';
import { localized } from '../domain/localized';
import { renderMarkdown } from '../domain/markdown.server';
import { can } from '../domain/policy.server';
import { type Locale, negotiateLocale } from '../i18n';
import { isAnonymousReportPath } from '../logger.server';
import { services } from '../services.server';

// ───────────────────────────── Anonymous routes ─────────────────────────────

/**
 * The addresses of anonymous reporting: /report and everything under it, including React Router's data requests
 * (`/report.data`, `/report/follow-up.data`). Requests to them are logged without anything about the person, and
 * nothing on them reads or updates a session (the root loader asks `isAnonymousPath` before resolving the session).
 */
export const isAnonymousPath = isAnonymousReportPath;

/** The reader's language from the locale cookie and Accept-Language only: no session cookie is read. */
export async function anonymousLocale(request: Request): Promise<Locale> {
  const cookie = await localeCookie.parse(request.headers.get('Cookie'));
  return negotiateLocale({ cookie: typeof cookie === 'string' ? cookie : null, acceptLanguage: request.headers.get('accept-language') });
}

/**
 * The domain context of an anonymous reporter: the anonymous actor, whoever is signed in in this browser, and no user
 * agent. Only the receipt-code forms pass the request, so that guessing can be rate limited: the address then goes to
 * the in-memory limiter (keyed by an HMAC of it) and nowhere else. Raising a report passes nothing about the request.
 */
export function anonymousContext(request?: Request): DomainContext {
  const ctx: DomainContext = { db: services().db, actor: anonymous };
  if (request) ctx.meta = { ip: request.headers.get('x-ic-client-ip') ?? null };
  return ctx;
}

/** Responses of the anonymous routes are never cached or stored by the browser (they may show a receipt code). */
export const PRIVATE_HEADERS = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' } as const;

// ───────────────────────────── The list's query ─────────────────────────────

export { ISSUE_ORDERS };
export const ISSUE_VIEWS = ['all', 'assigned', 'mine', 'escalated'] as const;
export type IssueView = (typeof ISSUE_VIEWS)[number];
export const PAGE_SIZE = 50;

/** One value from a list, or nothing: a value that is not in the list is ignored (an old or edited link still works). */
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);
/** Repeated parameters (`status=RAISED&status=REOPENED`) or comma-separated ones, each checked; unknown ones dropped. */
const manyOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.string())
    .transform((items) =>
      [...new Set(items.flatMap((item) => item.split(',')).map((item) => item.trim()))].filter((item): item is T[number] => values.includes(item)),
    );
const flag = z
  .string()
  .optional()
  .transform((value) => value === '1' || value === 'true' || value === 'on');
const idParam = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/)
  .optional()
  .catch(undefined);

export const IssueListQuerySchema = z.object({
  status: manyOf(ISSUE_STATUSES),
  severity: manyOf(ISSUE_SEVERITIES),
  category: manyOf(ISSUE_CATEGORIES),
  factor: manyOf(ARUSHA_FACTORS),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => isCountryCode(code))
    .optional()
    .catch(undefined),
  administration: idParam,
  office: idParam,
  overdue: flag,
  escalated: flag,
  view: oneOf(ISSUE_VIEWS),
  q: z
    .string()
    .optional()
    .transform((value) => value?.trim().slice(0, 200) || undefined),
  order: oneOf(ISSUE_ORDERS),
  after: z.string().max(500).optional().catch(undefined),
});

export type IssueListQuery = z.infer<typeof IssueListQuerySchema>;

/** The list's filters, view, order and page from the URL; anything unknown or malformed is left out. */
export function parseIssueListQuery(searchParams: URLSearchParams): IssueListQuery {
  const single = (key: string) => searchParams.get(key) ?? undefined;
  return IssueListQuerySchema.parse({
    status: searchParams.getAll('status'),
    severity: searchParams.getAll('severity'),
    category: searchParams.getAll('category'),
    factor: searchParams.getAll('factor'),
    country: single('country'),
    administration: single('administration') || undefined,
    office: single('office') || undefined,
    overdue: single('overdue'),
    escalated: single('escalated'),
    view: single('view'),
    q: single('q'),
    order: single('order'),
    after: single('after') || undefined,
  });
}

/** The domain's filter for a query: the view adds its condition ("assigned to me" needs a signed-in reader). */
export function issueFilterOf(query: IssueListQuery, actor: Actor): IssueFilter {
  const signedIn = actor.kind === 'user';
  const filter: IssueFilter = {};
  if (query.status.length) filter.status = query.status;
  if (query.severity.length) filter.severity = query.severity;
  if (query.category.length) filter.category = query.category;
  if (query.factor.length) filter.factor = query.factor;
  if (query.country) filter.countryCode = query.country;
  if (query.administration) filter.administrationId = query.administration;
  if (query.office) filter.officeId = query.office;
  if (query.overdue) filter.overdue = true;
  if (query.escalated || query.view === 'escalated') filter.escalated = true;
  if (query.view === 'assigned' && signedIn) filter.assignedToMe = true;
  if (query.view === 'mine' && signedIn) filter.raisedByMyOrganization = true;
  if (query.q) filter.search = query.q;
  return filter;
}

/** The URL search string of a query with some parameters changed (undefined or '' removes one). */
export function issueListHref(query: IssueListQuery, changes: Partial<Record<keyof IssueListQuery, string | string[] | undefined>> = {}): string {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { ...query, ...changes };
  for (const key of [
    'view',
    'q',
    'status',
    'severity',
    'category',
    'factor',
    'country',
    'administration',
    'office',
    'overdue',
    'escalated',
    'order',
    'after',
  ]) {
    const value = merged[key];
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else if (value === true) params.set(key, '1');
    else if (typeof value === 'string' && value !== '' && !(key === 'view' && value === 'all')) params.set(key, value);
  }
  const search = params.toString();
  return search ? `/issues?${search}` : '/issues';
}

// ───────────────────────────── View models ─────────────────────────────

export type DeadlineView = { deadline: 'ACKNOWLEDGE' | 'RESPOND'; dueAt: string; overdue: boolean; ms: number } | null;

export const deadlineView = (next: NextDeadline | null | undefined): DeadlineView =>
  next ? { deadline: next.deadline, dueAt: new Date(next.dueAt).toISOString(), overdue: next.overdue, ms: next.ms } : null;

type Named = { name: string; translations?: unknown };
const orgName = (org: Named, locale: Locale) => localized({ translations: org.translations ?? null }, 'name', locale, org.name);
const officeName = (office: { nameEn: string; nameRu: string }, locale: Locale) => (locale === 'ru' ? office.nameRu || office.nameEn : office.nameEn);

/** A row of the list, in the reader's language, with only what the table shows. */
export function issueRowView(item: IssueListItem, locale: Locale) {
  return {
    id: item.id,
    reference: item.reference,
    title: item.title,
    status: item.status,
    severity: item.severity,
    category: item.category,
    anonymous: item.anonymous,
    visibility: item.visibility,
    administration: { slug: item.administration.slug, name: orgName(item.administration, locale) },
    office: item.office ? { name: officeName(item.office, locale), kind: item.office.kind } : null,
    assignee: item.assignee ? { name: item.assignee.name } : null,
    reporterOrganization: item.reporterOrganization ? { slug: item.reporterOrganization.slug, name: item.reporterOrganization.name } : null,
    overdue: item.overdue,
    escalated: item.escalated,
    deadline: deadlineView(item.nextDeadline),
    createdAt: new Date(item.createdAt).toISOString(),
  };
}
export type IssueRow = ReturnType<typeof issueRowView>;

// ───────────────────────────── The raise forms' choices ─────────────────────────────

export type AdministrationChoice = {
  id: string;
  name: string;
  country: string;
  offices: { id: string; name: string; kind: (typeof CUSTOMS_OFFICE_KINDS)[number] }[];
};

/** Every customs administration with its offices that are not archived (public information), by name. */
export async function administrationChoices(db: DomainContext['db'], locale: Locale): Promise<AdministrationChoice[]> {
  const administrations = await db.organization.findMany({
    where: { kind: 'CUSTOMS_ADMINISTRATION' },
    select: {
      id: true,
      name: true,
      translations: true,
      country: true,
      customsOffices: { where: { archivedAt: null }, select: { id: true, nameEn: true, nameRu: true, kind: true } },
    },
  });
  const collator = new Intl.Collator(locale);
  return administrations
    .map((a) => ({
      id: a.id,
      name: orgName(a, locale),
      country: a.country,
      offices: a.customsOffices.map((o) => ({ id: o.id, name: officeName(o, locale), kind: o.kind })).sort((x, y) => collator.compare(x.name, y.name)),
    }))
    .sort((x, y) => collator.compare(x.name, y.name));
}

/** The business associations on whose behalf the actor may raise an issue (the policy's `issue.raise`). */
export async function reportingOrganizations(db: DomainContext['db'], actor: Actor) {
  if (actor.kind !== 'user' || !actor.memberships.length) return [];
  const organizations = await db.organization.findMany({
    where: { id: { in: actor.memberships.map((m) => m.organizationId) }, kind: 'BUSINESS_ASSOCIATION' },
    select: { id: true, name: true, kind: true },
    orderBy: { name: 'asc' },
  });
  return organizations.filter((o) => can(actor, 'issue.raise', { organizationId: o.id, organizationKind: o.kind })).map((o) => ({ id: o.id, name: o.name }));
}

/** Today's date (UTC) as the date input wants it: the latest date the form offers for "when it happened". */
export const todayInput = (now = new Date()) => now.toISOString().slice(0, 10);

// ───────────────────────────── The receipt holder's view ─────────────────────────────

/** How long a download link on the receipt holder's page works (they reload the page with the code for new ones). */
export const RECEIPT_DOWNLOAD_TTL_SECONDS = 30 * 60;

/**
 * The issue as its anonymous reporter sees it through the receipt code: status, deadlines, the official responses and
 * their own additions, files (with signed download links, since there is no session), the timeline with
 * "anonymous reporter" for their acts, and whether they may still add information or reopen it. Officers are named
 * by their administration only.
 */
export async function receiptHolderView(ctx: DomainContext, issueId: string, locale: Locale) {
  const issue = await getIssueForReceipt(ctx, issueId);
  const timeline = await issueTimeline(ctx, issue);
  const now = ctx.now ? ctx.now() : new Date();
  const administration = orgName(issue.administration, locale);
  const link = (a: { id: string }) =>
    `/issues/${issue.reference}/attachments/${a.id}?token=${encodeURIComponent(signedAttachmentToken(a.id, RECEIPT_DOWNLOAD_TTL_SECONDS, now))}`;
  const attachment = (a: { id: string; fileName: string; contentType: string; size: number }) => ({
    id: a.id,
    fileName: a.fileName,
    contentType: a.contentType,
    size: formatFileSize(a.size, locale),
    href: link(a),
  });
  const until = issue.reopenAllowedUntil ? new Date(issue.reopenAllowedUntil) : null;
  return {
    reference: issue.reference,
    title: issue.title,
    descriptionHtml: renderMarkdown(issue.description),
    status: issue.status,
    severity: issue.severity,
    category: issue.category,
    factor: issue.factor,
    administration,
    office: issue.office ? officeName(issue.office, locale) : null,
    occurredAt: new Date(issue.occurredAt).toISOString(),
    createdAt: new Date(issue.createdAt).toISOString(),
    acknowledgeBy: new Date(issue.acknowledgeBy).toISOString(),
    respondBy: new Date(issue.respondBy).toISOString(),
    outcome: issue.outcome ?? null,
    overdue: issue.overdue,
    escalated: issue.escalated,
    deadline: deadlineView(issue.nextDeadline),
    responses: issue.responses.map((r) => ({
      id: r.id,
      kind: r.kind,
      html: renderMarkdown(r.body),
      at: new Date(r.createdAt).toISOString(),
      attachments: (r.attachments ?? []).map(attachment),
    })),
    attachments: issue.attachments.filter((a) => !a.responseId).map(attachment),
    timeline: timeline.map((event, i) => ({
      key: `${new Date(event.at).toISOString()}-${i}`,
      at: new Date(event.at).toISOString(),
      action: event.action,
      who: event.anonymousReporter
        ? ('reporter' as const)
        : event.action === 'issue.escalated' || event.action === 'issue.summary_published'
          ? ('platform' as const)
          : ('customs' as const),
    })),
    administrationName: administration,
    fileCount: issue.attachments.length + issue.responses.reduce((n, r) => n + (r.attachments?.length ?? 0), 0),
    canAdd: canTransition(issue.status, 'followUp'),
    reopenUntil: until && canTransition(issue.status, 'reopen') && now.getTime() <= until.getTime() ? until.toISOString() : null,
  };
}
export type ReceiptHolderView = Awaited<ReturnType<typeof receiptHolderView>>;

// ───────────────────────────── Statistics ─────────────────────────────

export const MONTH_CHART = { height: 220, plotTop: 24, plotBottom: 220 - 28 } as const;

export type MonthBar = {
  month: string;
  /** The month's first day, ISO 8601 (UTC). */
  date: string;
  /** Left edge and width, percent of the chart's width (a real UTC time scale: each month as wide as it is long). */
  x: number;
  width: number;
  y: number;
  /** The sum of the published cells; `exact` false when cells with fewer than 5 were left out (then it is a minimum). */
  count: number;
  exact: boolean;
};

/**
 * The month chart's geometry: one bar per month on a UTC time scale that runs from the first month to the end of the
 * current one, heights on a linear scale from zero. Only published figures go in (the same as the table beside it).
 */
export function monthChart(months: string[], totals: { month: string; count: number; exact: boolean }[], to: Date) {
  const { height, plotTop, plotBottom } = MONTH_CHART;
  const start = months.length ? new Date(`${months[0]}-01T00:00:00.000Z`) : new Date(to);
  const x = scaleUtc().domain([start, to]).range([0, 100]);
  const max = Math.max(5, ...totals.map((t) => t.count));
  const y = scaleLinear().domain([0, max]).nice(4).range([plotBottom, plotTop]);
  const bars: MonthBar[] = months.map((month) => {
    const first = new Date(`${month}-01T00:00:00.000Z`);
    const next = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1));
    const total = totals.find((t) => t.month === month) ?? { count: 0, exact: true };
    const left = x(first);
    const width = x(next) - left;
    return { month, date: first.toISOString(), x: left + width * 0.12, width: width * 0.76, y: y(total.count), count: total.count, exact: total.exact };
  });
  return {
    height,
    plotTop,
    plotBottom,
    domain: [start.toISOString(), to.toISOString()] as [string, string],
    bars,
    yTicks: y.ticks(4).map((value) => ({ value, y: y(value) })),
  };
}
export type MonthChart = ReturnType<typeof monthChart>;

export const officeLabel = (office: { nameEn: string | null; nameRu: string | null }, locale: Locale) =>
  office.nameEn === null ? null : locale === 'ru' ? office.nameRu || office.nameEn : office.nameEn;
