// Builders and probes for pledge tests, all through the domain (so the audit chain stays whole).
import type { Db } from '../../app/db/client.server';
import type { DomainContext } from '../../app/domain/context.server';
import { confirmationPhrases } from '../../app/domain/pledge-rules';
import { createPledgeDraft, publishPledge } from '../../app/domain/pledges.server';
import { ctxFor, makeMember, makeUser } from './fixtures';

export const PLEDGE_BODY = '## Our commitment\n\nWe will publish every fee and **refuse** every facilitation payment.';

type Audience = 'CUSTOMS' | 'BUSINESS' | 'BOTH';
type Role = 'MEMBER' | 'SIGNATORY' | 'LIAISON_OFFICER' | 'ORG_ADMIN';

let counter = 0;

/** A valid draft input (with a title of its own, so slugs never collide); override any field. */
export function draftInput(overrides: Record<string, unknown> = {}) {
  return {
    title: `Zero tolerance for facilitation payments ${Date.now().toString(36)}${(counter++).toString(36)}`,
    body: PLEDGE_BODY,
    factors: ['TRANSPARENCY', 'CODE_OF_CONDUCT'],
    audience: 'BOTH' as Audience,
    renewalMonths: 12 as number | null,
    ...overrides,
  };
}

/** A platform administrator and their context. */
export async function platformAdmin(db: Db) {
  const user = await makeUser(db, { platformAdmin: true });
  return { user, ctx: await ctxFor(db, user.id) };
}

/** A member of an organisation with the given role, and their context. */
export async function memberWithCtx(db: Db, organizationId: string, role: Role) {
  const user = await makeMember(db, organizationId, role);
  return { user, ctx: await ctxFor(db, user.id) };
}

/** A pledge drafted (and, unless told otherwise, published) by a fresh platform administrator. */
export async function makePledge(
  db: Db,
  {
    publish = true,
    ctx,
    ...overrides
  }: { publish?: boolean; ctx?: DomainContext; audience?: Audience; renewalMonths?: number | null; title?: string; body?: string } = {},
) {
  const adminCtx = ctx ?? (await platformAdmin(db)).ctx;
  const draft = await createPledgeDraft(adminCtx, draftInput(overrides));
  const pledge = publish ? await publishPledge(adminCtx, { pledgeId: draft.id }) : draft;
  return { pledge, adminCtx };
}

/** The English confirmation sentence for an organisation. */
export const confirmationFor = (organization: { name: string }) => confirmationPhrases(organization.name).en;

/** A context whose clock reads the given instant. */
export const at = (ctx: DomainContext, date: Date | string): DomainContext => {
  const instant = new Date(date);
  return { ...ctx, now: () => new Date(instant) };
};

/** Rows a refused command must not have written. */
export async function writeCounts(db: Db) {
  const [signatures, audits, reports, versions, pledges] = await Promise.all([
    db.pledgeSignature.count(),
    db.auditEvent.count(),
    db.pledgeProgressReport.count(),
    db.pledgeVersion.count(),
    db.pledge.count(),
  ]);
  return { signatures, audits, reports, versions, pledges };
}

/** The rejection a promise ends with (fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to be rejected, but it resolved');
}
