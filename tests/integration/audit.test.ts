import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, appendAudit, canonicalJson, verifyAuditChain } from '../../app/domain/audit.server';
import { systemActor } from '../../app/domain/actor.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { makeOrganization, makeUser } from '../helpers/fixtures';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

describe('canonical JSON', () => {
  it('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: null }], c: undefined } })).toBe('{"a":{"d":[2,{"y":null,"z":1}]},"b":1}');
  });
});

describe('audit chain', () => {
  it('links every event to the previous one and verifies', async () => {
    await makeUser(t.db);
    await makeOrganization(t.db);
    const events = await t.db.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, count: events.length });
  });

  it('chains concurrent appends without forks', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.db.$transaction((tx) => appendAudit(tx, systemActor('test'), { action: 'test.concurrent', subjectType: 'Test', data: { i } })),
      ),
    );
    const verdict = await verifyAuditChain(t.db);
    expect(verdict.ok).toBe(true);
  });

  it('refuses UPDATE and DELETE at the database', async () => {
    await expect(t.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('detects a tampered row and names the first broken link', async () => {
    const before = await verifyAuditChain(t.db);
    expect(before.ok).toBe(true);
    // An attacker with table-owner rights switches the guard off and edits history.
    await t.db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_no_update_delete"`);
    await t.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET data = '{"name":"forged"}' WHERE seq = 2`);
    const verdict = await verifyAuditChain(t.db);
    expect(verdict).toMatchObject({ ok: false, brokenAt: '2', count: 1 });
    if (!verdict.ok) expect(verdict.reason).toMatch(/altered/);

    // Deleting a row is caught too.
    await t.db.$executeRawUnsafe(`DELETE FROM "AuditEvent" WHERE seq = 1`);
    const afterDelete = await verifyAuditChain(t.db);
    expect(afterDelete).toMatchObject({ ok: false, brokenAt: '2' });
    await t.db.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_no_update_delete"`);
  });
});
