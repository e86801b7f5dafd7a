// Full-text search of issues (Issue.searchVector: English and Russian stems, title weighted over description) through
// listIssues: web-search syntax, combined with the filters and visibility, relevance second to the chosen order, and
// keyset pages of search results.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, anonymous } from '../../app/domain/actor.server';
import type { DomainContext } from '../../app/domain/context.server';
import { ValidationError } from '../../app/domain/errors.server';
import { type IssueFilter, type IssueOrder, listIssues } from '../../app/domain/issue-queries.server';
import { raiseIssue } from '../../app/domain/issues.server';
import { LocalFileStore, configureFileStore } from '../../app/domain/storage.server';
import { type TestDatabase, createTestDatabase } from '../helpers/db';
import { actorFor, makeMember, makeOrganization, makeUser } from '../helpers/fixtures';

let t: TestDatabase;
let filesDir: string;
const T0 = new Date('2027-04-05T09:00:00.000Z');
const HOUR = 3600_000;
const OCCURRED = new Date('2026-02-02T10:00:00.000Z');

let administrationId: string;
let reporter: Actor;
let outsider: Actor;
let officer: Actor;
const issues: Record<string, string> = {};

const ctxOf = (actor: Actor, now = T0): DomainContext => ({ db: t.db, actor, now: () => now });

beforeAll(async () => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-issue-search-'));
  configureFileStore(new LocalFileStore(filesDir));
  t = await createTestDatabase();
  const administration = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION', country: 'KZ' });
  administrationId = administration.id;
  const association = await makeOrganization(t.db);
  reporter = await actorFor(t.db, (await makeMember(t.db, association.id, 'MEMBER')).id);
  officer = await actorFor(t.db, (await makeMember(t.db, administration.id, 'LIAISON_OFFICER')).id);
  outsider = await actorFor(t.db, (await makeUser(t.db)).id);
  const raise = async (key: string, hour: number, fields: { title: string; description: string; severity?: string; visibility?: string }) => {
    const issue = await raiseIssue(ctxOf(reporter, new Date(T0.getTime() + hour * HOUR)), {
      organizationId: association.id,
      administrationId,
      occurredAt: OCCURRED,
      category: 'UNEXPLAINED_DELAY',
      factor: 'AUTOMATION',
      severity: 'MEDIUM',
      visibility: 'PUBLIC',
      ...fields,
    });
    issues[key] = issue.id;
  };
  await raise('delayTitle', 1, {
    title: 'Delayed clearance of refrigerated trucks',
    description: 'Trucks waited four days at the post without any explanation.',
  });
  await raise('delayBody', 2, {
    title: 'Long queue at the terminal',
    description: 'Our shipments are delayed every week at the terminal, for no stated reason.',
  });
  await raise('cash', 3, {
    title: 'Cash demanded for faster clearance',
    description: 'The officer said the delay would end if we paid in cash.',
    severity: 'HIGH',
  });
  await raise('bribeRu', 4, {
    title: 'Требование взятки на посту',
    description: 'Инспектор потребовал взятку за ускоренное оформление грузовиков.',
    severity: 'HIGH',
  });
  await raise('restricted', 5, {
    title: 'Restricted delay report',
    description: 'This delay report is restricted to the parties and must stay hidden from others.',
    visibility: 'RESTRICTED',
  });
  await raise('phrase', 6, {
    title: 'Valuation changed twice',
    description: 'The customs value was changed twice for the same goods in one month.',
    severity: 'LOW',
  });
}, 240_000);

afterAll(async () => {
  configureFileStore(undefined);
  fs.rmSync(filesDir, { recursive: true, force: true });
  await t?.close();
});

async function found(actor: Actor, search: string, filter: IssueFilter = {}, orderBy: IssueOrder = 'NEWEST', first = 50): Promise<string[]> {
  const keys = new Map(Object.entries(issues).map(([key, id]) => [id, key]));
  const result: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await listIssues(ctxOf(actor), { filter: { administrationId, ...filter, search }, orderBy, first, after });
    result.push(...page.items.map((i) => keys.get(i.id) ?? i.id));
    if (!page.hasNextPage) return result;
    after = page.endCursor;
  }
}

describe('full-text search', () => {
  it('matches English stems in title and description', async () => {
    expect(await found(officer, 'delays')).toEqual(['restricted', 'cash', 'delayBody', 'delayTitle']);
    expect(await found(officer, 'TRUCK')).toEqual(['delayTitle']);
  });

  it('matches Russian stems', async () => {
    expect(await found(officer, 'взятки')).toEqual(['bribeRu']);
    expect(await found(officer, 'грузовик')).toEqual(['bribeRu']);
  });

  it('understands web-search syntax: phrases, exclusion, or', async () => {
    expect(await found(officer, 'delay -cash')).toEqual(['restricted', 'delayBody', 'delayTitle']);
    expect(await found(officer, '"changed twice"')).toEqual(['phrase']);
    expect(await found(officer, '"twice changed"')).toEqual([]);
    expect(await found(officer, 'valuation or взятка')).toEqual(['phrase', 'bribeRu']);
  });

  it('is combined with the filters and never shows what the viewer may not see', async () => {
    expect(await found(officer, 'delay', { severity: ['HIGH'] })).toEqual(['cash']);
    expect(await found(outsider, 'delay')).toEqual(['cash', 'delayBody', 'delayTitle']);
    expect(await found(anonymous, 'restricted')).toEqual([]);
    expect(await found(officer, 'restricted')).toEqual(['restricted']);
  });

  it('ranks second to the chosen order: within a severity, a title match before a description match', async () => {
    // delayTitle (title, weight A) is older than delayBody (description, weight B); both MEDIUM, like restricted.
    const bySeverity = await found(officer, 'delayed', {}, 'SEVERITY');
    expect(bySeverity[0]).toBe('cash');
    const medium = bySeverity.slice(1);
    expect(medium.indexOf('delayTitle')).toBeLessThan(medium.indexOf('delayBody'));
    // The chosen order comes first: NEWEST stays newest first whatever the relevance.
    expect(await found(officer, 'delayed', {}, 'NEWEST')).toEqual(['restricted', 'cash', 'delayBody', 'delayTitle']);
    expect(await found(officer, 'delayed', {}, 'OLDEST')).toEqual(['delayTitle', 'delayBody', 'cash', 'restricted']);
  });

  it('pages through results one at a time in every order, the same as in one page', async () => {
    for (const order of ['NEWEST', 'OLDEST', 'DEADLINE', 'SEVERITY', 'OVERDUE_FIRST'] as const) {
      expect(await found(officer, 'delay', {}, order, 1), order).toEqual(await found(officer, 'delay', {}, order, 50));
    }
  });

  it('a search cursor is only valid with a search; odd input is just text', async () => {
    const page = await listIssues(ctxOf(officer), { filter: { administrationId, search: 'delay' }, first: 1 });
    const error = await listIssues(ctxOf(officer), { filter: { administrationId }, first: 1, after: page.endCursor }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    for (const odd of ['the', '\'; DROP TABLE "Issue"; --', '&|!():*', '""', '-', 'or']) {
      expect(await found(officer, odd), odd).toEqual([]);
    }
    const tooLong = await listIssues(ctxOf(officer), { filter: { search: 'x'.repeat(201) }, first: 1 }).catch((e: unknown) => e);
    expect(tooLong).toBeInstanceOf(ValidationError);
    expect((tooLong as ValidationError).fieldErrors['filter.search']).toBeDefined();
  });
});
