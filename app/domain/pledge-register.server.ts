// Read models for pledges: the public register (signatories by kind and country, with statuses and counts) and the
// pledge's timeline. Reads only; statuses are computed from the dates at the moment of asking.
import type { Db } from '../db/client.server';
import { type SignatureStatus, renewalDue, signatureStatus } from './pledge-rules';

export async function pledgeRegister(db: Db, pledgeId: string, now = new Date()) {
  const pledge = await db.pledge.findUniqueOrThrow({ where: { id: pledgeId } });
  const signatures = await db.pledgeSignature.findMany({
    where: { pledgeId, supersededAt: null },
    include: { organization: true, version: { select: { number: true } } },
    orderBy: [{ signedAt: 'asc' }, { id: 'asc' }],
  });
  // First time each organisation signed (any version): for "signatures over time".
  const firsts = await db.pledgeSignature.groupBy({ by: ['organizationId'], where: { pledgeId }, _min: { signedAt: true } });
  const entries = signatures.map((s) => {
    const status = signatureStatus(s, pledge.renewalMonths, now);
    return {
      id: s.id,
      status,
      organization: { id: s.organization.id, slug: s.organization.slug, name: s.organization.name, kind: s.organization.kind, country: s.organization.country, verified: s.organization.verified },
      version: s.version.number,
      statement: s.statement,
      signedAt: s.signedAt.toISOString(),
      lastRenewedAt: s.lastRenewedAt.toISOString(),
      renewalDueAt: renewalDue(s.lastRenewedAt, pledge.renewalMonths)?.toISOString() ?? null,
      withdrawnAt: s.withdrawnAt?.toISOString() ?? null,
      withdrawalReason: s.withdrawalReason,
    };
  });
  const counts: Record<SignatureStatus, number> = { ACTIVE: 0, LAPSED: 0, WITHDRAWN: 0 };
  for (const e of entries) counts[e.status] += 1;
  const byKind = { CUSTOMS_ADMINISTRATION: 0, BUSINESS_ASSOCIATION: 0 } as Record<string, number>;
  for (const e of entries) if (e.status === 'ACTIVE') byKind[e.organization.kind] = (byKind[e.organization.kind] ?? 0) + 1;
  const timeline = firsts
    .map((f) => f._min.signedAt!)
    .sort((a, b) => a.getTime() - b.getTime())
    .map((date, index) => ({ date: date.toISOString(), total: index + 1 }));
  // Grouped for display: kind, then country, then signing date.
  const groups = new Map<string, Map<string, typeof entries>>();
  for (const e of entries) {
    const byCountry = groups.get(e.organization.kind) ?? new Map();
    groups.set(e.organization.kind, byCountry);
    const list = byCountry.get(e.organization.country) ?? [];
    byCountry.set(e.organization.country, list);
    list.push(e);
  }
  return {
    counts,
    activeByKind: byKind,
    timeline,
    groups: [...groups.entries()].map(([kind, countries]) => ({
      kind,
      countries: [...countries.entries()].map(([country, list]) => ({ country, signatures: list })),
    })),
    entries,
  };
}

export type TimelineItem =
  | { type: 'version'; at: string; number: number; changeNote: string | null }
  | { type: 'signed' | 'resigned'; at: string; organization: string; version: number; statement: string | null }
  | { type: 'withdrawn'; at: string; organization: string; reason: string | null }
  | { type: 'report'; at: string; organization: string; body: string; links: string[] }
  | { type: 'closed'; at: string };

/** What happened to a pledge, newest first. */
export async function pledgeTimeline(db: Db, pledgeId: string): Promise<TimelineItem[]> {
  const [pledge, versions, signatures, reports] = await Promise.all([
    db.pledge.findUniqueOrThrow({ where: { id: pledgeId } }),
    db.pledgeVersion.findMany({ where: { pledgeId } }),
    db.pledgeSignature.findMany({ where: { pledgeId }, include: { organization: { select: { name: true, id: true } }, version: { select: { number: true } } }, orderBy: { signedAt: 'asc' } }),
    db.pledgeProgressReport.findMany({ where: { pledgeId }, include: { signature: { include: { organization: { select: { name: true } } } } } }),
  ]);
  // A signature is a re-signing when the organisation's previous one was still standing (not withdrawn).
  const previous = new Map<string, { withdrawnAt: Date | null }>();
  const items: TimelineItem[] = [
    ...versions.map((v) => ({ type: 'version' as const, at: v.publishedAt.toISOString(), number: v.number, changeNote: v.changeNote })),
    ...signatures.map((s) => {
      const before = previous.get(s.organization.id);
      const type = before && !before.withdrawnAt ? ('resigned' as const) : ('signed' as const);
      previous.set(s.organization.id, s);
      return { type, at: s.signedAt.toISOString(), organization: s.organization.name, version: s.version.number, statement: s.statement };
    }),
    ...signatures
      .filter((s) => s.withdrawnAt)
      .map((s) => ({ type: 'withdrawn' as const, at: s.withdrawnAt!.toISOString(), organization: s.organization.name, reason: s.withdrawalReason })),
    ...reports.map((r) => ({ type: 'report' as const, at: r.createdAt.toISOString(), organization: r.signature.organization.name, body: r.body, links: r.links })),
    ...(pledge.closedAt ? [{ type: 'closed' as const, at: pledge.closedAt.toISOString() }] : []),
  ];
  return items.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
