// Builders and probes for issue tests, all through the domain (so the audit chain stays whole). Other helpers' tests
// reuse them: makeAdministrationWithOffice, makeAssociation, issueInput, raiseTestIssue, useTempFileStore, tinyPng…
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Db } from '../../app/db/client.server';
import type { DomainContext } from '../../app/domain/context.server';
import type { EvidenceFile } from '../../app/domain/evidence.server';
import { acknowledgeIssue, raiseAnonymousIssue, raiseIssue, rejectIssue, resolveIssue, respondToIssue } from '../../app/domain/issues.server';
import { createOffice, updateAdministrationDeadlines } from '../../app/domain/offices.server';
import { resetReceiptRateLimits } from '../../app/domain/receipt-codes.server';
import { LocalFileStore, configureFileStore } from '../../app/domain/storage.server';
import { ctxFor, makeMember, makeOrganization, makeUser, system } from './fixtures';

type Role = 'MEMBER' | 'SIGNATORY' | 'LIAISON_OFFICER' | 'ORG_ADMIN';
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A context whose clock reads the given instant. */
export const at = (ctx: DomainContext, date: Date | string): DomainContext => {
  const instant = new Date(date);
  return { ...ctx, now: () => new Date(instant) };
};

/** A member of an organisation with the given role, and their context. */
export async function memberWithCtx(db: Db, organizationId: string, role: Role) {
  const user = await makeMember(db, organizationId, role);
  return { user, ctx: await ctxFor(db, user.id) };
}

/**
 * A customs administration with one office, a liaison officer and an administrator (each with a context), with the
 * given deadline settings (default 5 working days to acknowledge, 30 days to respond).
 */
export async function makeAdministrationWithOffice(db: Db, { acknowledgeWorkingDays = 5, respondDays = 30, country = 'KZ' } = {}) {
  const administration = await makeOrganization(db, { kind: 'CUSTOMS_ADMINISTRATION', country, name: `Customs ${unique()}` });
  if (acknowledgeWorkingDays !== 5 || respondDays !== 30) {
    await updateAdministrationDeadlines(system(db), { organizationId: administration.id, acknowledgeWorkingDays, respondDays });
  }
  const office = await createOffice(system(db), {
    administrationId: administration.id,
    nameEn: `Khorgos ${unique()}`,
    nameRu: `Хоргос ${unique()}`,
    kind: 'ROAD_BORDER_CROSSING',
    latitude: 44.21,
    longitude: 80.41,
  });
  const officer = await memberWithCtx(db, administration.id, 'LIAISON_OFFICER');
  const admin = await memberWithCtx(db, administration.id, 'ORG_ADMIN');
  return { administration, office, officer, admin };
}

/** A business association with a member (who raises) and an administrator. */
export async function makeAssociation(db: Db) {
  const association = await makeOrganization(db, { kind: 'BUSINESS_ASSOCIATION', name: `Association ${unique()}` });
  const member = await memberWithCtx(db, association.id, 'MEMBER');
  const orgAdmin = await memberWithCtx(db, association.id, 'ORG_ADMIN');
  return { association, member, orgAdmin };
}

/** Everyone an issue test needs: an administration with its office and officers, an association, outsiders. */
export async function makeIssueWorld(db: Db, deadlines: { acknowledgeWorkingDays?: number; respondDays?: number } = {}) {
  const adm = await makeAdministrationWithOffice(db, deadlines);
  const assoc = await makeAssociation(db);
  const platformAdminUser = await makeUser(db, { platformAdmin: true });
  const outsiderUser = await makeUser(db);
  const otherAssociation = await makeAssociation(db);
  return {
    ...adm,
    ...assoc,
    otherAssociation,
    platformAdmin: { user: platformAdminUser, ctx: await ctxFor(db, platformAdminUser.id) },
    outsider: { user: outsiderUser, ctx: await ctxFor(db, outsiderUser.id) },
  };
}
export type IssueWorld = Awaited<ReturnType<typeof makeIssueWorld>>;

export const ISSUE_DESCRIPTION = 'At the **Khorgos** post an officer asked for an unofficial payment to speed up the inspection of our truck.';

/** A valid raise input for an administration (and office); override any field. */
export function issueInput(administrationId: string, overrides: Record<string, unknown> = {}) {
  return {
    administrationId,
    title: `Unofficial payment requested ${unique()}`,
    description: ISSUE_DESCRIPTION,
    occurredAt: '2025-06-02T08:00:00.000Z',
    category: 'UNOFFICIAL_PAYMENT',
    factor: 'TRANSPARENCY',
    severity: 'HIGH',
    visibility: 'PUBLIC',
    ...overrides,
  };
}

/** A named issue raised by the world's association member (at `now`, default the real clock). */
export async function raiseTestIssue(
  world: Pick<IssueWorld, 'administration' | 'office' | 'association' | 'member'>,
  { now, files = [], ...overrides }: { now?: Date | string; files?: EvidenceFile[] } & Record<string, unknown> = {},
) {
  const ctx = now ? at(world.member.ctx, now) : world.member.ctx;
  return raiseIssue(ctx, { organizationId: world.association.id, officeId: world.office.id, ...issueInput(world.administration.id, overrides) }, files);
}

/** An anonymous issue (raised by nobody), with its receipt code. */
export async function raiseTestAnonymousIssue(
  db: Db,
  world: Pick<IssueWorld, 'administration' | 'office'>,
  { now, files = [], ...overrides }: { now?: Date | string; files?: EvidenceFile[] } & Record<string, unknown> = {},
) {
  const ctx: DomainContext = { db, actor: { kind: 'anonymous' }, meta: { ip: '198.51.100.7', userAgent: 'TestBrowser/1.0' } };
  const { visibility: _ignored, ...input } = issueInput(world.administration.id, { officeId: world.office.id, ...overrides });
  return raiseAnonymousIssue(now ? at(ctx, now) : ctx, input, files);
}

const OUTCOME = 'The officer was identified and disciplined; the fee schedule is now posted at the gate.';
const RESPONSE = 'We have opened an internal investigation and will report back within two weeks.';

/**
 * Bring an issue into a status by the shortest legal path, acting as the world's liaison officer (all at `now`).
 * Returns the updated issue.
 */
export async function driveIssueTo(world: Pick<IssueWorld, 'officer'>, issueId: string, status: string, now?: Date | string) {
  const ctx = now ? at(world.officer.ctx, now) : world.officer.ctx;
  if (status === 'RAISED') return null;
  if (status === 'REJECTED') return rejectIssue(ctx, { issueId, outcome: OUTCOME });
  let issue = await acknowledgeIssue(ctx, { issueId });
  if (status === 'ACKNOWLEDGED') return issue;
  issue = await respondToIssue(ctx, { issueId, body: RESPONSE });
  if (status === 'RESPONDED') return issue;
  if (status === 'RESOLVED') return resolveIssue(ctx, { issueId, outcome: OUTCOME });
  throw new Error(`driveIssueTo: cannot reach ${status} directly`);
}

export { OUTCOME, RESPONSE };

/** A fresh, empty file store in a temporary directory, configured for the domain; returns its directory. */
export function useTempFileStore(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-issue-files-'));
  configureFileStore(new LocalFileStore(dir));
  resetReceiptRateLimits();
  return dir;
}

/** The files in a store directory (no temporary files either). */
export const filesIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

/** An evidence file whose bytes are backed by a plain ArrayBuffer (so they can go into a Blob or File as they are). */
export type TestFile = EvidenceFile & { bytes: Uint8Array<ArrayBuffer> };

/** A small PNG image, as an uploaded evidence file. */
export async function tinyPng(name = 'photo.png'): Promise<TestFile> {
  const bytes = await sharp({ create: { width: 4, height: 3, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer();
  return { name, declaredType: 'image/png', bytes: new Uint8Array(bytes) };
}

/** A plain-text evidence file. */
export const textFile = (name = 'notes.txt', text = 'Receipt number 4411, 02 Nov 2026, gate 3.\n'): TestFile => ({
  name,
  declaredType: 'text/plain',
  bytes: new TextEncoder().encode(text),
});

/** Rows an issue command may write: a refused or failed one must leave these unchanged. */
export async function issueWriteCounts(db: Db) {
  const [issues, responses, attachments, audits, notifications, counters] = await Promise.all([
    db.issue.count(),
    db.issueResponse.count(),
    db.issueAttachment.count(),
    db.auditEvent.count(),
    db.notification.count(),
    db.issueCounter.aggregate({ _sum: { last: true } }),
  ]);
  return { issues, responses, attachments, audits, notifications, counters: counters._sum.last ?? 0 };
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
