// The register's read models: keyset pages that neither skip nor repeat a row in any sort (forwards and backwards,
// nulls included), filters that agree with the headline counts, chart series that agree with the figures, the
// timeline a page at a time, and a receipt that points at its audit record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureCounts } from '../../app/domain/pledge-queries.server';
import { REGISTER_SORTS, type RegisterQuery, parseRegisterQuery, registerSearch } from '../../app/domain/pledge-register-query';
import {
  activeByKind,
  registerBatches,
  registerMatchCount,
  registerPage,
  signatureReceipt,
  signaturesOverTime,
  pledgeTimeline,
} from '../../app/domain/pledge-register.server';
import { renewPledgeSignature, signPledge, withdrawPledgeSignature } from '../../app/domain/pledges.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { makeOrganization } from '../helpers/fixtures';
import { at, confirmationFor, makePledge, memberWithCtx } from '../helpers/pledges';

let t: TestDatabase;
let pledgeId: string;
const now = new Date();
const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (n: number) => new Date(now.getTime() - n * DAY);

beforeAll(async () => {
  t = await createTestDatabase();
  const { pledge } = await makePledge(t.db, { renewalMonths: 12 });
  pledgeId = pledge.id;
  // Fourteen organisations: both kinds, three countries, signed over two years; some withdrawn, some lapsed, one
  // renewed, one unverified since it signed. Two share a name and a signing day, to test the id tie-break.
  const kinds = ['CUSTOMS_ADMINISTRATION', 'BUSINESS_ASSOCIATION'] as const;
  const countries = ['KZ', 'UZ', 'MN'];
  for (let i = 0; i < 14; i++) {
    const org = await makeOrganization(t.db, {
      kind: kinds[i % 2],
      country: countries[i % 3],
      name: i === 13 ? 'Org same name' : i === 12 ? 'Org same name' : `Org ${String.fromCharCode(65 + ((i * 5) % 14))} ${i}`,
    });
    const { ctx } = await memberWithCtx(t.db, org.id, 'SIGNATORY');
    const signedAt = i >= 12 ? daysAgo(40) : daysAgo(20 + i * 50);
    const signature = await signPledge(at(ctx, signedAt), {
      pledgeId,
      organizationId: org.id,
      confirmation: confirmationFor(org),
      statement: i % 4 === 0 ? `=HYPERLINK("x") statement ${i}` : undefined,
    });
    if (i % 5 === 1)
      await withdrawPledgeSignature(at(ctx, new Date(signedAt.getTime() + DAY)), { signatureId: signature.id, reason: `Withdrawn for test ${i}.` });
    if (i === 8)
      await renewPledgeSignature(at(ctx, daysAgo(10)), {
        signatureId: signature.id,
        report: 'We published every fee at every border post this year.',
        links: [],
      });
    if (i === 3) await t.db.organization.update({ where: { id: org.id }, data: { verified: false } });
  }
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const base = (changes: Partial<RegisterQuery> = {}): RegisterQuery => ({ ...parseRegisterQuery(new URLSearchParams()), ...changes });
const options = { now, locale: 'en' };

describe('keyset pages', () => {
  for (const sort of REGISTER_SORTS) {
    for (const dir of ['asc', 'desc'] as const) {
      it(`sorted by ${sort} ${dir}: pages of 4 forwards and backwards give every row once, in order`, async () => {
        const query = base({ sort, dir });
        const all = (await registerPage(t.db, pledgeId, query, { ...options, take: 100 })).entries.map((e) => e.id);
        expect(all).toHaveLength(14);
        const forwards: string[][] = [];
        let after: string | undefined;
        for (;;) {
          const page = await registerPage(t.db, pledgeId, { ...query, after }, { ...options, take: 4 });
          forwards.push(page.entries.map((e) => e.id));
          expect(page.hasPrevious).toBe(after !== undefined);
          if (!page.hasNext) break;
          after = page.entries.at(-1)!.id;
        }
        expect(forwards.flat()).toEqual(all);
        // Back from the last page, page by page.
        const backwards: string[][] = [forwards.at(-1)!];
        let before = forwards.at(-1)![0];
        for (;;) {
          const page = await registerPage(t.db, pledgeId, { ...query, before }, { ...options, take: 4 });
          if (!page.entries.length) break;
          backwards.unshift(page.entries.map((e) => e.id));
          expect(page.hasNext).toBe(true);
          if (!page.hasPrevious) break;
          before = page.entries[0].id;
        }
        expect(backwards.flat()).toEqual(all);
      });
    }
  }

  it('orders by the column, nulls last', async () => {
    const byLapse = (await registerPage(t.db, pledgeId, base({ sort: 'lapses', dir: 'asc' }), { ...options, take: 100 })).entries;
    const dates = byLapse.map((e) => e.lapsesAt);
    const firstNull = dates.indexOf(null);
    expect(dates.slice(firstNull === -1 ? dates.length : firstNull).every((d) => d === null)).toBe(true);
    const present = dates.filter((d): d is string => d !== null);
    expect(present).toEqual([...present].sort());
    const byName = (await registerPage(t.db, pledgeId, base({ sort: 'organization', dir: 'desc' }), { ...options, take: 100 })).entries.map(
      (e) => e.organization.name,
    );
    expect(byName).toEqual([...byName].sort().reverse());
  });

  it('an unknown cursor starts from the first page', async () => {
    const first = await registerPage(t.db, pledgeId, base(), { ...options, take: 4 });
    const unknown = await registerPage(t.db, pledgeId, base({ after: 'nope' }), { ...options, take: 4 });
    expect(unknown.entries.map((e) => e.id)).toEqual(first.entries.map((e) => e.id));
    expect(unknown.hasPrevious).toBe(false);
  });

  it('reads every filtered row for the CSV, batch by batch', async () => {
    const rows: string[] = [];
    for await (const batch of registerBatches(t.db, pledgeId, base({ status: 'ACTIVE' }), { ...options, batch: 3 })) rows.push(...batch.map((e) => e.id));
    expect(rows).toHaveLength(await registerMatchCount(t.db, pledgeId, { status: 'ACTIVE' }, now));
    expect(new Set(rows).size).toBe(rows.length);
  });
});

describe('filters, figures and series', () => {
  it('status filters over verified organisations give the headline counts; unverified are counted apart', async () => {
    const counts = (await signatureCounts(t.db, [pledgeId], now)).get(pledgeId)!;
    for (const status of ['ACTIVE', 'LAPSED', 'WITHDRAWN'] as const) {
      expect(await registerMatchCount(t.db, pledgeId, { status, verified: true }, now)).toBe(counts[status]);
    }
    expect(await registerMatchCount(t.db, pledgeId, { verified: false }, now)).toBe(counts.unverified);
    expect(counts.unverified).toBe(1);
    expect(counts.LAPSED).toBeGreaterThan(0);
    expect(counts.WITHDRAWN).toBeGreaterThan(0);
  });

  it('filters by kind, country and name, and say so when nothing matches', async () => {
    const page = await registerPage(t.db, pledgeId, base({ kind: 'CUSTOMS_ADMINISTRATION', country: 'KZ' }), options);
    expect(page.entries.length).toBeGreaterThan(0);
    expect(page.entries.every((e) => e.organization.kind === 'CUSTOMS_ADMINISTRATION' && e.organization.country === 'KZ')).toBe(true);
    expect((await registerPage(t.db, pledgeId, base({ q: 'same NAME' }), options)).entries).toHaveLength(2);
    expect(await registerMatchCount(t.db, pledgeId, { q: 'no such organisation' }, now)).toBe(0);
  });

  it('the line ends today at the verified total; the bars add up to the active figure', async () => {
    const counts = (await signatureCounts(t.db, [pledgeId], now)).get(pledgeId)!;
    const series = await signaturesOverTime(t.db, pledgeId, now);
    expect(series.at(-1)!.total).toBe(counts.ACTIVE + counts.LAPSED + counts.WITHDRAWN);
    expect(series.at(-1)!.date.slice(0, 10)).toBe(now.toISOString().slice(0, 10));
    expect(series.map((p) => p.total)).toEqual([...series.map((p) => p.total)].sort((a, b) => a - b));
    const byKind = await activeByKind(t.db, pledgeId, now);
    expect(byKind.CUSTOMS_ADMINISTRATION + byKind.BUSINESS_ASSOCIATION).toBe(counts.ACTIVE);
  });

  it('reads a register URL leniently and writes it back canonically', () => {
    const query = parseRegisterQuery(
      new URLSearchParams('status=LAPSED&kind=toString&country=kz&verified=maybe&sort=__proto__&q=%20a%20%20b%20&after=x%27%3B'),
    );
    expect(query).toMatchObject({
      status: 'LAPSED',
      kind: undefined,
      country: 'KZ',
      verified: undefined,
      sort: 'signed',
      dir: 'desc',
      q: 'a b',
      after: undefined,
    });
    expect(registerSearch(query)).toBe('?q=a+b&status=LAPSED&country=KZ');
    expect(registerSearch(base())).toBe('');
  });
});

describe('timeline and receipt', () => {
  it('pages through the public events newest first, without overlap', async () => {
    const seen: string[] = [];
    let before: bigint | undefined;
    for (;;) {
      const page = await pledgeTimeline(t.db, pledgeId, { before, take: 5 });
      seen.push(...page.items.map((i) => i.seq));
      if (!page.nextBefore) break;
      before = BigInt(page.nextBefore);
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map(BigInt)).toEqual([...seen.map(BigInt)].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    const all = await pledgeTimeline(t.db, pledgeId, { take: 1000 });
    expect(all.items.map((i) => i.seq)).toEqual(seen);
    // 14 signed, 3 withdrawn, 1 renewed, published: the drafting is for managers only.
    expect(all.items.filter((i) => i.action === 'pledge.signed')).toHaveLength(14);
    expect(all.items.some((i) => i.action === 'pledge.drafted')).toBe(false);
    expect((await pledgeTimeline(t.db, pledgeId, { take: 1000, includeDrafting: true })).items.some((i) => i.action === 'pledge.drafted')).toBe(true);
    const signed = all.items.find((i) => i.action === 'pledge.signed')!;
    expect(signed.signatureId).toBeTruthy();
    expect(signed.organization?.slug).toBeTruthy();
  });

  it('a receipt names the audit record of the signing', async () => {
    const entry = (await registerPage(t.db, pledgeId, base(), options)).entries[0];
    const receipt = await signatureReceipt(t.db, pledgeId, entry.id, options);
    expect(receipt?.audit?.action).toBe('pledge.signed');
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { seq: BigInt(receipt!.audit!.seq) } });
    expect(event.hash).toBe(receipt!.audit!.hash);
    expect((event.data as { signatureId: string }).signatureId).toBe(entry.id);
    expect(await signatureReceipt(t.db, 'another-pledge', entry.id, options)).toBeNull();
  });
});
