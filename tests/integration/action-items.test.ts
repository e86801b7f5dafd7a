// The dashboard's "needs your action" list: what each role is asked to do, through the domain's own rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous } from '../../app/domain/actor.server';
import { type ActionItem, actionItemsFor, compareActionItems, registerActionItemProvider } from '../../app/domain/action-items.server';
import { createOrganization } from '../../app/domain/organizations.server';
import { createPledgeDraft, publishPledgeVersion, signPledge, withdrawPledgeSignature } from '../../app/domain/pledges.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { ctxFor, makeOrganization, makeUser, system } from '../helpers/fixtures';
import { at, confirmationFor, draftInput, makePledge, memberWithCtx, platformAdmin } from '../helpers/pledges';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

const DAY = 24 * 60 * 60 * 1000;
const kinds = (items: ActionItem[]) => items.map((i) => i.kind);
const about = (items: ActionItem[], id: string) => items.filter((i) => i.subjectId.includes(id));

describe('action items', () => {
  it('asks a signatory to sign, then to re-sign a new version, then to renew before the signature lapses', async () => {
    const organization = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION' });
    const { ctx: signatory } = await memberWithCtx(t.db, organization.id, 'SIGNATORY');
    const { ctx: member } = await memberWithCtx(t.db, organization.id, 'MEMBER');
    const { pledge, adminCtx } = await makePledge(t.db, { audience: 'BOTH', renewalMonths: 2 });

    let items = about(await actionItemsFor(signatory, 'en'), pledge.id);
    expect(kinds(items)).toEqual(['pledge.sign']);
    expect(items[0].href).toBe(`/pledges/${pledge.slug}/sign?organization=${organization.id}`);
    expect(items[0].title).toEqual({ key: 'actions.pledge.sign', params: { pledge: pledge.title, organization: organization.name } });
    // A member without the signing role is asked nothing.
    expect(about(await actionItemsFor(member, 'en'), pledge.id)).toEqual([]);

    const signedAt = new Date();
    await signPledge(at(signatory, signedAt), { pledgeId: pledge.id, organizationId: organization.id, confirmation: confirmationFor(organization) });
    expect(about(await actionItemsFor(signatory, 'en'), pledge.id)).toEqual([]);

    // Three weeks before the two months run out: renew, due soon, with the date it lapses.
    const soon = { ...signatory, now: () => new Date(signedAt.getTime() + 40 * DAY) };
    items = about(await actionItemsFor(soon, 'en'), pledge.id);
    expect(kinds(items)).toEqual(['pledge.renew']);
    expect(items[0].severity).toBe('soon');
    expect(items[0].href).toMatch(new RegExp(`^/pledges/${pledge.slug}/signatures/[^/]+/renew$`));
    expect(items[0].due!.getTime()).toBeGreaterThan(soon.now().getTime());

    // After it lapsed: urgent, and sorted before everything else.
    const late = { ...signatory, now: () => new Date(signedAt.getTime() + 70 * DAY) };
    items = about(await actionItemsFor(late, 'en'), pledge.id);
    expect(kinds(items)).toEqual(['pledge.lapsed']);
    expect(items[0].severity).toBe('urgent');

    // A new version: re-signing is the one act asked (it renews too).
    await publishPledgeVersion(adminCtx, {
      pledgeId: pledge.id,
      title: `${pledge.title} (v2)`,
      body: `${pledge.body}\n\nAnd a second paragraph.`,
      factors: ['TRANSPARENCY'],
      changeNote: 'Adds a paragraph.',
    });
    items = about(await actionItemsFor(late, 'en'), pledge.id);
    expect(kinds(items)).toEqual(['pledge.resign']);
    expect(items[0].title.params).toMatchObject({ version: 2 });
    expect(items[0].detail).toEqual({ key: 'actions.pledge.resign.detail', params: { signed: 1 } });
  });

  it('does not ask an organisation the pledge is not for, nor one that withdrew', async () => {
    const customs = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
    const { ctx: signatory } = await memberWithCtx(t.db, customs.id, 'ORG_ADMIN');
    const { pledge: forBusiness } = await makePledge(t.db, { audience: 'BUSINESS' });
    const { pledge: forAll } = await makePledge(t.db, { audience: 'BOTH' });
    expect(about(await actionItemsFor(signatory, 'en'), forBusiness.id)).toEqual([]);
    const signature = await signPledge(signatory, { pledgeId: forAll.id, organizationId: customs.id, confirmation: confirmationFor(customs) });
    await withdrawPledgeSignature(signatory, { signatureId: signature.id, reason: 'We merged with another administration.' });
    expect(about(await actionItemsFor(signatory, 'en'), forAll.id)).toEqual([]);
  });

  it('asks an unverified organisation nothing it could not do (signEligibility decides)', async () => {
    const founder = await makeUser(t.db);
    const unverified = await createOrganization(await ctxFor(t.db, founder.id), {
      name: `Unverified Traders ${Date.now()}`,
      kind: 'BUSINESS_ASSOCIATION',
      country: 'KZ',
    });
    const { pledge } = await makePledge(t.db, { audience: 'BOTH' });
    expect(about(await actionItemsFor(await ctxFor(t.db, founder.id), 'en'), pledge.id)).toEqual([]);
    // The platform administrator is asked to verify it instead.
    const { ctx: admin } = await platformAdmin(t.db);
    const review = (await actionItemsFor(admin, 'en')).filter((i) => i.subjectId === unverified.id);
    expect(review).toMatchObject([{ kind: 'organization.verify', href: `/organizations/${unverified.slug}`, severity: 'todo' }]);
  });

  it('flags an organisation registered with a name close to another for the platform administrator', async () => {
    const original = await makeOrganization(t.db, { name: `Steppe Freight Union ${Date.now()}` });
    const flagged = await t.db.organization.create({
      data: { name: `${original.name}.`, slug: `flagged-${Date.now()}`, kind: 'BUSINESS_ASSOCIATION', country: 'KZ', similarToId: original.id },
    });
    const { ctx: admin } = await platformAdmin(t.db);
    const items = (await actionItemsFor(admin, 'en')).filter((i) => i.subjectId === flagged.id);
    expect(items).toMatchObject([
      { kind: 'organization.similar', title: { key: 'actions.org.similar', params: { organization: flagged.name, similar: original.name } } },
    ]);
    // Nobody else reviews organisations.
    const { ctx: orgAdmin } = await memberWithCtx(t.db, original.id, 'ORG_ADMIN');
    expect((await actionItemsFor(orgAdmin, 'en')).filter((i) => i.kind.startsWith('organization.'))).toEqual([]);
  });

  it('asks a pledge author to publish drafts and tells them of new signatures', async () => {
    const partner = await makeOrganization(t.db, { kind: 'PARTNER' });
    const { ctx: author } = await memberWithCtx(t.db, partner.id, 'SIGNATORY');
    const owned = await createPledgeDraft(author, draftInput({ ownerOrganizationId: partner.id }));
    let items = about(await actionItemsFor(author, 'en'), owned.id);
    expect(items).toMatchObject([{ kind: 'pledge.publish', href: `/pledges/${owned.slug}/publish` }]);

    const { ctx: admin } = await platformAdmin(t.db);
    const { pledge: adminPledge } = await makePledge(t.db, { ctx: admin, audience: 'BOTH' });
    const signer = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION' });
    const { ctx: signatory } = await memberWithCtx(t.db, signer.id, 'SIGNATORY');
    await signPledge(signatory, { pledgeId: adminPledge.id, organizationId: signer.id, confirmation: confirmationFor(signer) });
    items = about(await actionItemsFor(admin, 'en'), adminPledge.id);
    expect(items).toMatchObject([
      { kind: 'pledge.signatures', severity: 'info', href: `/pledges/${adminPledge.slug}/register`, title: { params: { count: 1 } } },
    ]);
    // Another administrator did not draft it: not their news.
    const { ctx: otherAdmin } = await platformAdmin(t.db);
    expect(about(await actionItemsFor(otherAdmin, 'en'), adminPledge.id)).toEqual([]);
  });

  it('uses the title in the reader’s language', async () => {
    const organization = await makeOrganization(t.db);
    const { ctx } = await memberWithCtx(t.db, organization.id, 'ORG_ADMIN');
    const { pledge } = await makePledge(t.db, { audience: 'BOTH' });
    await t.db.pledge.update({ where: { id: pledge.id }, data: { translations: { ru: { title: 'Нулевая терпимость' } } } });
    const [item] = about(await actionItemsFor(ctx, 'ru'), pledge.id);
    expect(item.title.params?.pledge).toBe('Нулевая терпимость');
  });

  it('sorts by urgency, then deadline; anonymous visitors have none; later features add providers', async () => {
    const item = (severity: ActionItem['severity'], due?: number): ActionItem => ({
      kind: 'x',
      subjectId: `${severity}${due}`,
      title: { key: 'k' },
      href: '/',
      severity,
      due: due === undefined ? undefined : new Date(due),
    });
    const sorted = [item('info'), item('todo'), item('soon', 20), item('urgent'), item('soon', 10)].sort(compareActionItems);
    expect(sorted.map((i) => i.subjectId)).toEqual(['urgentundefined', 'soon10', 'soon20', 'todoundefined', 'infoundefined']);
    expect(await actionItemsFor({ db: t.db, actor: anonymous }, 'en')).toEqual([]);

    registerActionItemProvider({
      name: 'test-issues',
      items: async () => [{ kind: 'issue.acknowledge', subjectId: 'issue-1', title: { key: 'k' }, href: '/issues/1', severity: 'urgent' }],
    });
    const user = await makeUser(t.db);
    expect(kinds(await actionItemsFor(await ctxFor(t.db, user.id), 'en'))).toContain('issue.acknowledge');
    registerActionItemProvider({ name: 'test-issues', items: async () => [] });
    expect(kinds(await actionItemsFor(system(t.db), 'en'))).toEqual([]);
  });
});
