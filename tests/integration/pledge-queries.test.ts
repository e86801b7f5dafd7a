// The domain read layer: visibility of drafts, register entries by status (computed in SQL from the stored lapse
// date), headline counts that leave unverified organisations out, who may sign, and members as the viewer may see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../app/domain/actor.server';
import { ForbiddenError, NotAuthenticatedError, NotFoundError } from '../../app/domain/errors.server';
import { listMembersForViewer } from '../../app/domain/memberships.server';
import { setOrganizationVerified } from '../../app/domain/organizations.server';
import {
  findPledgeForViewer,
  signEligibility,
  signaturePageIds,
  signatureCounts,
  signaturesWhere,
  signatureTotals,
} from '../../app/domain/pledge-queries.server';
import { renewalDue } from '../../app/domain/pledge-rules';
import { closePledge, createPledgeDraft, renewPledgeSignature, signPledge, withdrawPledgeSignature } from '../../app/domain/pledges.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { ctxFor, makeMember, makeOrganization, makeUser, system } from '../helpers/fixtures';
import { at, confirmationFor, draftInput, makePledge, memberWithCtx, platformAdmin, rejectionOf, writeCounts } from '../helpers/pledges';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

const signInput = (pledgeId: string, organization: { id: string; name: string }) => ({
  pledgeId,
  organizationId: organization.id,
  confirmation: confirmationFor(organization),
});

describe('findPledgeForViewer', () => {
  it('finds a published pledge for anyone, by id or slug; a draft only for its managers; otherwise not found', async () => {
    const partner = await makeOrganization(t.db, { kind: 'PARTNER' });
    const { ctx: ownerCtx } = await memberWithCtx(t.db, partner.id, 'SIGNATORY');
    const draft = await createPledgeDraft(ownerCtx, draftInput({ ownerOrganizationId: partner.id }));
    const { pledge: published } = await makePledge(t.db);
    const { ctx: memberCtx } = await memberWithCtx(t.db, partner.id, 'MEMBER');
    const { ctx: adminCtx } = await platformAdmin(t.db);
    const anon = { db: t.db, actor: anonymous };

    expect((await findPledgeForViewer(anon, { slug: published.slug })).id).toBe(published.id);
    expect((await findPledgeForViewer(anon, { id: published.id })).ownerOrganization).toBeNull();
    expect((await findPledgeForViewer(ownerCtx, { slug: draft.slug })).ownerOrganization?.id).toBe(partner.id);
    expect((await findPledgeForViewer(adminCtx, { id: draft.id })).id).toBe(draft.id);
    for (const viewer of [anon, memberCtx]) {
      expect(await rejectionOf(findPledgeForViewer(viewer, { slug: draft.slug }))).toBeInstanceOf(NotFoundError);
    }
    expect(await rejectionOf(findPledgeForViewer(anon, { slug: 'no-such-pledge' }))).toBeInstanceOf(NotFoundError);
  });
});

describe('signing and lapse dates', () => {
  it('signing and renewing keep lapsesAt = last renewal + the renewal period, so SQL filters by status', async () => {
    const { pledge, adminCtx } = await makePledge(t.db, { renewalMonths: 6 });
    const org = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const signedAt = new Date('2027-01-31T10:00:00Z');
    const signature = await signPledge(at(ctx, signedAt), signInput(pledge.id, org));
    expect(signature.lapsesAt?.toISOString()).toBe('2027-07-31T10:00:00.000Z');
    expect(signature.lapsesAt).toEqual(renewalDue(signedAt, 6));

    const where = (status: 'ACTIVE' | 'LAPSED' | 'WITHDRAWN', now: string) =>
      t.db.pledgeSignature.count({ where: signaturesWhere({ pledgeId: pledge.id, status }, new Date(now)) });
    expect(await where('ACTIVE', '2027-07-31T09:59:59Z')).toBe(1);
    expect(await where('LAPSED', '2027-07-31T10:00:00Z')).toBe(1);
    expect(await where('ACTIVE', '2027-07-31T10:00:00Z')).toBe(0);

    const renewedAt = new Date('2027-09-15T08:00:00Z');
    const { signature: renewed } = await renewPledgeSignature(at(ctx, renewedAt), {
      signatureId: signature.id,
      report: 'We published every fee schedule and trained the officers.',
    });
    expect(renewed.lapsesAt?.toISOString()).toBe('2028-03-15T08:00:00.000Z');
    expect(await where('ACTIVE', '2027-09-15T09:00:00Z')).toBe(1);

    await withdrawPledgeSignature(at(ctx, '2027-10-01T00:00:00Z'), { signatureId: signature.id, reason: 'Our board withdrew its approval.' });
    expect(await where('WITHDRAWN', '2027-10-02T00:00:00Z')).toBe(1);
    expect(await where('ACTIVE', '2027-10-02T00:00:00Z')).toBe(0);
    expect(await where('LAPSED', '2029-01-01T00:00:00Z')).toBe(0);
    await closePledge(adminCtx, { pledgeId: pledge.id });
  });

  it('a pledge without a renewal period: lapsesAt stays null and the signature never lapses', async () => {
    const { pledge } = await makePledge(t.db, { renewalMonths: null });
    const org = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION' });
    const { ctx } = await memberWithCtx(t.db, org.id, 'ORG_ADMIN');
    const signature = await signPledge(ctx, signInput(pledge.id, org));
    expect(signature.lapsesAt).toBeNull();
    expect(await t.db.pledgeSignature.count({ where: signaturesWhere({ pledgeId: pledge.id, status: 'ACTIVE' }, new Date('2099-01-01')) })).toBe(1);
  });
});

describe('unverified organisations', () => {
  it('cannot sign until a platform administrator verifies them, with a reason that says so, writing nothing', async () => {
    const { pledge } = await makePledge(t.db);
    const user = await makeUser(t.db);
    const { createOrganization } = await import('../../app/domain/organizations.server');
    const org = await createOrganization(await ctxFor(t.db, user.id), {
      name: `Unverified Hauliers ${Date.now()}`,
      kind: 'BUSINESS_ASSOCIATION',
      country: 'KZ',
    });
    expect(org.verified).toBe(false);
    const ctx = await ctxFor(t.db, user.id);
    const before = await writeCounts(t.db);
    const error = await rejectionOf(signPledge(ctx, signInput(pledge.id, org)));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.message).toBe('errors.organizationUnverified');
    expect(await writeCounts(t.db)).toEqual(before);

    const { ctx: adminCtx } = await platformAdmin(t.db);
    await setOrganizationVerified(adminCtx, { organizationId: org.id, verified: true });
    await expect(signPledge(ctx, signInput(pledge.id, org))).resolves.toMatchObject({ organizationId: org.id });
  });

  it('signatures of organisations whose verification was removed leave the headline counts, counted apart', async () => {
    const { pledge } = await makePledge(t.db, { renewalMonths: 3 });
    const { pledge: other } = await makePledge(t.db);
    const now = new Date();
    const orgs = [];
    for (let i = 0; i < 4; i++) {
      const org = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
      const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
      orgs.push({ org, ctx, signature: await signPledge(ctx, signInput(pledge.id, org)) });
    }
    // One lapsed (signed long ago), one withdrawn, one whose organisation loses its verification.
    const lapsedOrg = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
    const { ctx: lapsedCtx } = await memberWithCtx(t.db, lapsedOrg.id, 'SIGNATORY');
    await signPledge(at(lapsedCtx, new Date(now.getTime() - 200 * 24 * 3600 * 1000)), signInput(pledge.id, lapsedOrg));
    await withdrawPledgeSignature(orgs[0].ctx, { signatureId: orgs[0].signature.id, reason: 'We leave the programme for now.' });
    const { ctx: adminCtx } = await platformAdmin(t.db);
    await setOrganizationVerified(adminCtx, { organizationId: orgs[1].org.id, verified: false });

    const counts = await signatureCounts(t.db, [pledge.id, other.id, 'no-such-pledge'], now);
    expect(counts.get(pledge.id)).toEqual({ ACTIVE: 2, LAPSED: 1, WITHDRAWN: 1, unverified: 1, total: 5 });
    expect(counts.get(other.id)).toEqual({ ACTIVE: 0, LAPSED: 0, WITHDRAWN: 0, unverified: 0, total: 0 });
    expect(counts.get('no-such-pledge')).toEqual({ ACTIVE: 0, LAPSED: 0, WITHDRAWN: 0, unverified: 0, total: 0 });
    expect(await t.db.pledgeSignature.count({ where: signaturesWhere({ pledgeId: pledge.id, verified: false }, now) })).toBe(1);
    expect(await t.db.pledgeSignature.count({ where: signaturesWhere({ pledgeId: pledge.id, status: 'ACTIVE', verified: true }, now) })).toBe(2);
    expect((await signatureCounts(t.db, [], now)).size).toBe(0);
  });

  it('signatureCounts is one SQL statement whatever the number of pledges, and reuses counts until a write or a lapse', async () => {
    const { pledge } = await makePledge(t.db, { renewalMonths: 12 });
    const ids = [pledge.id];
    for (let i = 0; i < 2; i++) ids.push((await makePledge(t.db)).pledge.id);
    const statements: string[] = [];
    const counting = new Proxy(t.db, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target);
        if (prop === '$queryRaw' && typeof value === 'function')
          return (...args: unknown[]) => (statements.push('q'), (value as (...a: unknown[]) => unknown).apply(target, args));
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const now = new Date();
    await signatureCounts(counting, ids.slice(0, 1), now);
    await signatureCounts(counting, ids, now);
    expect(statements).toHaveLength(2);
    // Nothing written since: the counts come from the cache (only the audit log's head is read, not with $queryRaw).
    expect((await signatureCounts(counting, ids, now)).get(pledge.id)!.ACTIVE).toBe(0);
    expect(statements).toHaveLength(2);

    // A command writes (and audits): counted again, and right.
    const org = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    await signPledge(ctx, signInput(pledge.id, org));
    expect((await signatureCounts(counting, ids, now)).get(pledge.id)).toMatchObject({ ACTIVE: 1, LAPSED: 0, total: 1 });
    expect(statements).toHaveLength(3);
    // Still cached a month on; a year on, the signature has lapsed with no write at all, and the counts say so.
    const month = new Date(now.getTime() + 30 * 24 * 3600 * 1000);
    const later = new Date(now.getTime() + 400 * 24 * 3600 * 1000);
    expect((await signatureCounts(counting, ids, month)).get(pledge.id)).toMatchObject({ ACTIVE: 1, LAPSED: 0 });
    expect(statements).toHaveLength(3);
    expect((await signatureCounts(counting, ids, later)).get(pledge.id)).toMatchObject({ ACTIVE: 0, LAPSED: 1 });
    expect(statements).toHaveLength(4);
    // Callers may change what they get without changing what others get.
    (await signatureCounts(counting, ids, later)).get(pledge.id)!.LAPSED = 99;
    expect((await signatureCounts(counting, ids, later)).get(pledge.id)!.LAPSED).toBe(1);

    // Inside a transaction nothing is cached or read from the cache: it counts what the transaction sees.
    const inTx = await t.db
      .$transaction(async (tx) => {
        await tx.pledgeSignature.updateMany({ where: { pledgeId: pledge.id }, data: { withdrawnAt: now, withdrawalReason: 'Rolled back.' } });
        const counts = (await signatureCounts(tx, ids, now)).get(pledge.id)!;
        throw Object.assign(new Error('roll back'), { counts });
      })
      .catch((error: { counts: unknown }) => error.counts);
    expect(inTx).toMatchObject({ ACTIVE: 0, WITHDRAWN: 1 });
    expect((await signatureCounts(t.db, ids, now)).get(pledge.id)).toMatchObject({ ACTIVE: 1, WITHDRAWN: 0 });
  });

  it('the SQL statuses agree with the Prisma filter, and per-parent pages read the register in order', async () => {
    const { pledge } = await makePledge(t.db, { renewalMonths: 3 });
    const now = new Date();
    const signed = [];
    for (let i = 0; i < 7; i++) {
      const org = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
      const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
      const signature = await signPledge(at(ctx, new Date(now.getTime() - (i % 2 ? 200 : 10 + i) * 24 * 3600 * 1000)), signInput(pledge.id, org));
      if (i === 4) await withdrawPledgeSignature(ctx, { signatureId: signature.id, reason: 'We leave the programme for now.' });
      signed.push(signature);
    }
    const { pledge: empty } = await makePledge(t.db);
    const under = (status?: 'ACTIVE' | 'LAPSED' | 'WITHDRAWN') => ({ parent: 'pledgeId' as const, parentIds: [pledge.id, empty.id], status, actor: anonymous });
    for (const status of [undefined, 'ACTIVE', 'LAPSED', 'WITHDRAWN'] as const) {
      const expected = (
        await t.db.pledgeSignature.findMany({
          where: signaturesWhere({ pledgeId: pledge.id, status }, now),
          orderBy: [{ signedAt: 'asc' }, { id: 'asc' }],
          select: { id: true },
        })
      ).map((r) => r.id);
      expect((await signatureTotals(t.db, under(status), now)).get(pledge.id), status).toBe(expected.length);
      expect((await signaturePageIds(t.db, under(status), { take: 100 }, now)).get(pledge.id), status).toEqual(expected);
      expect((await signaturePageIds(t.db, under(status), { take: 100 }, now)).get(empty.id)).toEqual([]);
    }
    const all = (await signaturePageIds(t.db, under(), { take: 100 }, now)).get(pledge.id)!;
    expect(all).toHaveLength(7);
    // Forwards from after a cursor, backwards from before one or from the end; a cursor of another parent: nothing.
    expect((await signaturePageIds(t.db, under(), { take: 2, cursor: all[2] }, now)).get(pledge.id)).toEqual(all.slice(3, 5));
    expect((await signaturePageIds(t.db, under(), { take: -2, cursor: all[2] }, now)).get(pledge.id)).toEqual(all.slice(0, 2));
    expect((await signaturePageIds(t.db, under(), { take: -3 }, now)).get(pledge.id)).toEqual(all.slice(4));
    expect((await signaturePageIds(t.db, under(), { take: 2, cursor: 'no-such-signature' }, now)).get(pledge.id)).toEqual([]);
  });
});

describe('signEligibility', () => {
  const pledge = { status: 'PUBLISHED', audience: 'BOTH' as const, currentVersion: 2 };
  const org = { id: 'org-1', kind: 'CUSTOMS_ADMINISTRATION' as const, verified: true };
  const signatory = { kind: 'user' as const, userId: 'u', isPlatformAdmin: false, memberships: [{ organizationId: 'org-1', role: 'SIGNATORY' as const }] };

  it('says why not, in the order a person would fix it', () => {
    expect(signEligibility(anonymous, pledge, org, null)).toMatchObject({ ok: false, code: 'NOT_AUTHENTICATED' });
    expect(signEligibility({ ...signatory, memberships: [{ organizationId: 'org-1', role: 'MEMBER' }] }, pledge, org, null)).toMatchObject({
      ok: false,
      reason: 'errors.forbidden',
    });
    expect(signEligibility({ ...signatory, isPlatformAdmin: true, memberships: [] }, pledge, org, null)).toMatchObject({
      ok: false,
      reason: 'errors.forbidden',
    });
    expect(signEligibility(signatory, { ...pledge, status: 'DRAFT' }, org, null)).toMatchObject({ ok: false, reason: 'errors.pledgeNotPublished' });
    expect(signEligibility(signatory, { ...pledge, status: 'CLOSED' }, org, null)).toMatchObject({
      ok: false,
      reason: 'errors.pledgeClosed',
      code: 'CONFLICT',
    });
    expect(signEligibility(signatory, { ...pledge, audience: 'BUSINESS' }, org, null)).toMatchObject({
      ok: false,
      reason: 'errors.pledgeAudience.BUSINESS',
      field: 'organizationId',
    });
    expect(signEligibility(signatory, pledge, { ...org, kind: 'PARTNER' }, null)).toMatchObject({ ok: false, reason: 'errors.pledgeAudience.BOTH' });
    expect(signEligibility(signatory, pledge, { ...org, verified: false }, null)).toMatchObject({
      ok: false,
      reason: 'errors.organizationUnverified',
      code: 'FORBIDDEN',
    });
    expect(signEligibility(signatory, pledge, org, { versionNumber: 2 })).toMatchObject({ ok: false, reason: 'errors.alreadySigned' });
  });

  it('allows signing, and says when it is a re-signing', () => {
    expect(signEligibility(signatory, pledge, org, null)).toEqual({ ok: true, resign: false });
    expect(signEligibility(signatory, pledge, org, { versionNumber: 1 })).toEqual({ ok: true, resign: true });
    expect(signEligibility({ ...signatory, memberships: [{ organizationId: 'org-1', role: 'ORG_ADMIN' }] }, pledge, org, null)).toEqual({
      ok: true,
      resign: false,
    });
  });
});

describe('listMembersForViewer', () => {
  it('members see the list; emails only of themselves, unless they administer the organisation or the platform', async () => {
    const org = await makeOrganization(t.db);
    const admin = await makeMember(t.db, org.id, 'ORG_ADMIN');
    const member = await makeMember(t.db, org.id, 'MEMBER');
    const outsider = await makeUser(t.db);
    const platform = await makeUser(t.db, { platformAdmin: true });

    const asAdmin = await listMembersForViewer(await ctxFor(t.db, admin.id), org.id);
    expect(asAdmin.map((m) => [m.userId, m.role, m.email])).toEqual([
      [admin.id, 'ORG_ADMIN', admin.email],
      [member.id, 'MEMBER', member.email],
    ]);
    expect(asAdmin[0].joinedAt).toBeInstanceOf(Date);
    const asMember = await listMembersForViewer(await ctxFor(t.db, member.id), org.id);
    expect(asMember.map((m) => [m.userId, m.email])).toEqual([
      [admin.id, null],
      [member.id, member.email],
    ]);
    expect((await listMembersForViewer(await ctxFor(t.db, platform.id), org.id)).every((m) => m.email)).toBe(true);
    expect((await listMembersForViewer(system(t.db), org.id)).length).toBe(2);
    expect(await rejectionOf(listMembersForViewer(await ctxFor(t.db, outsider.id), org.id))).toBeInstanceOf(ForbiddenError);
    expect(await rejectionOf(listMembersForViewer({ db: t.db, actor: anonymous }, org.id))).toBeInstanceOf(NotAuthenticatedError);
    expect(await rejectionOf(listMembersForViewer(await ctxFor(t.db, admin.id), 'no-such-org'))).toBeInstanceOf(NotFoundError);
  });
});
