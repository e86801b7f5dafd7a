// Commands re-read what they depend on inside their transaction. Closing a pledge while an organisation signs it must
// never leave a signature after the close: the audit chain never reads published → closed → signed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../app/db/client.server';
import type { DomainContext } from '../../app/domain/context.server';
import { ConflictError } from '../../app/domain/errors.server';
import { closePledge, publishPledgeVersion, renewPledgeSignature, signPledge } from '../../app/domain/pledges.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { makeOrganization } from '../helpers/fixtures';
import { PLEDGE_BODY, confirmationFor, makePledge, memberWithCtx, rejectionOf } from '../helpers/pledges';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

/**
 * The same database client, except that the first transaction it opens waits for `before` to finish: whatever the
 * command read before its transaction is then stale, exactly as when another request commits in between.
 */
function withHookBeforeTransaction(db: Db, before: () => Promise<unknown>): Db {
  let fired = false;
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === '$transaction' && typeof value === 'function') {
        return async (...args: unknown[]) => {
          if (!fired) {
            fired = true;
            await before();
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Pledge events in chain order, and the invariant: nothing is signed, re-signed or renewed after the close. */
async function assertNothingAfterClose(pledgeId: string) {
  const events = await t.db.auditEvent.findMany({ where: { subjectId: pledgeId }, orderBy: { seq: 'asc' } });
  const actions = events.map((e) => e.action);
  const closedAt = actions.indexOf('pledge.closed');
  expect(closedAt).toBeGreaterThan(-1);
  expect(actions.slice(closedAt + 1).filter((a) => a === 'pledge.signed' || a === 'pledge.resigned' || a === 'pledge.renewed')).toEqual([]);
  // Every signature in the database has its audit event, before the close.
  const signed = actions.filter((a) => a === 'pledge.signed' || a === 'pledge.resigned').length;
  expect(await t.db.pledgeSignature.count({ where: { pledgeId } })).toBe(signed);
  return actions;
}

const signInput = (pledgeId: string, organization: { id: string; name: string }) => ({
  pledgeId,
  organizationId: organization.id,
  confirmation: confirmationFor(organization),
});

describe('close and sign interleaved', () => {
  it('a close committed between the signing check and the signing write refuses the signature', async () => {
    const { pledge, adminCtx } = await makePledge(t.db);
    const org = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const racing: DomainContext = { ...ctx, db: withHookBeforeTransaction(t.db, () => closePledge(adminCtx, { pledgeId: pledge.id })) };
    const error = await rejectionOf(signPledge(racing, signInput(pledge.id, org)));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).message).toBe('errors.pledgeClosed');
    expect(await assertNothingAfterClose(pledge.id)).toEqual(['pledge.drafted', 'pledge.published', 'pledge.closed']);
  });

  it('a close committed before a renewal writes refuses the renewal', async () => {
    const { pledge, adminCtx } = await makePledge(t.db);
    const org = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const signature = await signPledge(ctx, signInput(pledge.id, org));
    const racing: DomainContext = { ...ctx, db: withHookBeforeTransaction(t.db, () => closePledge(adminCtx, { pledgeId: pledge.id })) };
    const error = await rejectionOf(
      renewPledgeSignature(racing, { signatureId: signature.id, report: 'We trained every officer on the code and published the fees.' }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(await assertNothingAfterClose(pledge.id)).toEqual(['pledge.drafted', 'pledge.published', 'pledge.signed', 'pledge.closed']);
    expect(await t.db.pledgeProgressReport.count({ where: { pledgeId: pledge.id } })).toBe(0);
  });

  it('a new version published between the check and the write: the signature is of the version current at the write', async () => {
    const { pledge, adminCtx } = await makePledge(t.db);
    const org = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const racing: DomainContext = {
      ...ctx,
      db: withHookBeforeTransaction(t.db, () =>
        publishPledgeVersion(adminCtx, { pledgeId: pledge.id, title: 'Version two of the pledge', body: PLEDGE_BODY, factors: ['AUTOMATION'] }),
      ),
    };
    const signature = await signPledge(racing, signInput(pledge.id, org));
    const version = await t.db.pledgeVersion.findUniqueOrThrow({ where: { id: signature.versionId } });
    expect(version.number).toBe(2);
  });

  it('many signatures racing one close: none lands after it', async () => {
    const { pledge, adminCtx } = await makePledge(t.db);
    const signers = [];
    for (let i = 0; i < 12; i++) {
      const org = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
      signers.push({ org, ctx: (await memberWithCtx(t.db, org.id, 'SIGNATORY')).ctx });
    }
    const attempts = signers.map(({ org, ctx }, i) => new Promise((r) => setTimeout(r, i)).then(() => signPledge(ctx, signInput(pledge.id, org))));
    const close = new Promise((r) => setTimeout(r, 5)).then(() => closePledge(adminCtx, { pledgeId: pledge.id }));
    const results = await Promise.allSettled([...attempts, close]);
    expect(results.at(-1)!.status).toBe('fulfilled');
    for (const r of results.slice(0, -1)) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ConflictError);
    await assertNothingAfterClose(pledge.id);
  });

  it('closing twice at once: one close, one conflict', async () => {
    const { pledge, adminCtx } = await makePledge(t.db);
    const results = await Promise.allSettled([closePledge(adminCtx, { pledgeId: pledge.id }), closePledge(adminCtx, { pledgeId: pledge.id })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    const actions = (await t.db.auditEvent.findMany({ where: { subjectId: pledge.id }, orderBy: { seq: 'asc' } })).map((e) => e.action);
    expect(actions.filter((a) => a === 'pledge.closed')).toHaveLength(1);
  });
});
