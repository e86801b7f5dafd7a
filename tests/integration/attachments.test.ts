// Evidence files end to end: stored cleaned with the issue (and never without it), downloaded only by people who may
// see the issue or with a signed link, read from multipart forms with the limits enforced while streaming, and served
// by the real HTTP stack with download-only headers.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { type ViteDevServer, createServer as createVite } from 'vite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sessionCookie } from '../../app/auth/session.server';
import { anonymous } from '../../app/domain/actor.server';
import { getAttachmentForDownload, receiptDownloadPaths } from '../../app/domain/attachments.server';
import { signIn } from '../../app/domain/auth.server';
import type { DomainContext } from '../../app/domain/context.server';
import { NotFoundError, ValidationError } from '../../app/domain/errors.server';
import { MAX_EVIDENCE_BYTES, configureAttachmentTokens, signedAttachmentToken } from '../../app/domain/evidence.server';
import { raiseAnonymousIssue, raiseIssue } from '../../app/domain/issues.server';
import { readStoredBytes } from '../../app/domain/storage.server';
import type * as PlatformModule from '../../app/platform.server';
import { loader as attachmentLoader } from '../../app/routes/issue.attachment';
import { setServices } from '../../app/services.server';
import { readEvidenceForm } from '../../app/web/uploads.server';
import { type TestDatabase, createTestDatabase, testTarget } from '../helpers/db';
import { PASSWORD, ctxFor, makeMember, makeOrganization, makeUser } from '../helpers/fixtures';
import { useTestServices } from '../helpers/services';
import { SECRETS, bigText, elfExecutable, file, jpegWithGps, pdfWithMetadata, plainPng, useTestFileStore } from '../fixtures/evidence-files';

let t: TestDatabase;
let store: ReturnType<typeof useTestFileStore>;
let administrationId: string;
let associationId: string;
let otherAssociationId: string;
const users: Record<'reporter' | 'colleague' | 'officer' | 'outsider' | 'admin', string> = {} as never;

beforeAll(async () => {
  t = await createTestDatabase();
  useTestServices(t.db);
  configureAttachmentTokens({ secret: 'test-secret-test-secret-test-secret-0123' });
  const administration = await makeOrganization(t.db, { kind: 'CUSTOMS_ADMINISTRATION' });
  const association = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION' });
  const other = await makeOrganization(t.db, { kind: 'BUSINESS_ASSOCIATION' });
  administrationId = administration.id;
  associationId = association.id;
  otherAssociationId = other.id;
  users.reporter = (await makeMember(t.db, associationId, 'MEMBER')).id;
  users.colleague = (await makeMember(t.db, associationId, 'MEMBER')).id;
  users.officer = (await makeMember(t.db, administrationId, 'LIAISON_OFFICER')).id;
  users.outsider = (await makeMember(t.db, otherAssociationId, 'ORG_ADMIN')).id;
  users.admin = (await makeUser(t.db, { platformAdmin: true })).id;
});
afterAll(async () => {
  setServices(undefined);
  await t?.close();
});
/** A fresh, empty file store for each test that stores files (the HTTP tests use the platform's own). */
function freshStore() {
  store?.cleanup();
  store = useTestFileStore();
}

const issueInput = (visibility: 'PUBLIC' | 'RESTRICTED', extra: Record<string, unknown> = {}) => ({
  organizationId: associationId,
  administrationId,
  title: 'Unofficial fee at the border post',
  description: 'An officer asked for a payment without a receipt before releasing the truck.',
  occurredAt: '2026-11-01',
  category: 'UNOFFICIAL_PAYMENT',
  factor: 'TRANSPARENCY',
  severity: 'HIGH',
  visibility,
  ...extra,
});
const anonymousInput = () => {
  const { organizationId: _o, visibility: _v, ...rest } = issueInput('RESTRICTED');
  return rest;
};

const as = (who: keyof typeof users) => ctxFor(t.db, users[who]);
const nobody = (): DomainContext => ({ db: t.db, actor: anonymous });

async function download(ctx: DomainContext, reference: string, attachmentId: string, token?: string) {
  const result = await getAttachmentForDownload(ctx, { reference, attachmentId, token });
  return { ...result, bytes: await readStoredBytes(result.stream) };
}

async function raiseWithFiles(visibility: 'PUBLIC' | 'RESTRICTED') {
  const issue = await raiseIssue(await as('reporter'), issueInput(visibility), [
    file('IMG_0042.jpg', await jpegWithGps(), 'image/jpeg'),
    file('letter.pdf', await pdfWithMetadata(), 'application/pdf'),
  ]);
  const attachments = await t.db.issueAttachment.findMany({ where: { issueId: issue.id }, orderBy: { fileName: 'asc' } });
  return { issue, attachments };
}

describe('files stored with an issue', () => {
  beforeEach(freshStore);

  it('are cleaned, recorded and stored under random keys, mode 0600', async () => {
    const { issue, attachments } = await raiseWithFiles('PUBLIC');
    expect(attachments.map((a) => [a.fileName, a.contentType])).toEqual([
      ['IMG_0042.jpg', 'image/jpeg'],
      ['letter.pdf', 'application/pdf'],
    ]);
    expect(store.files()).toEqual(attachments.map((a) => a.storageKey).sort());
    for (const a of attachments) {
      expect(a.storageKey).not.toMatch(/IMG|letter/);
      expect(a.uploadedById).toBe(users.reporter);
      const onDisk = fs.readFileSync(path.join(store.dir, a.storageKey));
      expect(fs.statSync(path.join(store.dir, a.storageKey)).mode & 0o777).toBe(0o600);
      expect(onDisk.length).toBe(a.size);
      for (const secret of Object.values(SECRETS)) expect(onDisk.includes(secret)).toBe(false);
    }
    const jpeg = fs.readFileSync(path.join(store.dir, attachments[0].storageKey));
    expect((await sharp(jpeg).metadata()).exif).toBeUndefined();
    const events = await t.db.auditEvent.findMany({ where: { subjectId: issue.id, action: 'issue.attachment_added' } });
    expect(events).toHaveLength(2);
  });

  it('a disguised file refuses the whole issue: no issue, no files', async () => {
    const before = await t.db.issue.count();
    const error = await raiseIssue(await as('reporter'), issueInput('PUBLIC'), [
      file('photo.png', await plainPng()),
      file('report.pdf', elfExecutable(), 'application/pdf'),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.files).toEqual([{ key: 'issuesEvidence.errors.unsupported', params: { name: 'report.pdf' } }]);
    expect(await t.db.issue.count()).toBe(before);
    expect(store.files()).toEqual([]);
  });

  it('when the transaction fails after the files were stored, they are deleted again (no orphans)', async () => {
    const before = await t.db.issue.count();
    // A business association is no customs administration: the command refuses it inside its transaction.
    const error = await raiseIssue(await as('reporter'), issueInput('PUBLIC', { administrationId: otherAssociationId }), [
      file('photo.png', await plainPng()),
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(await t.db.issue.count()).toBe(before);
    expect(await t.db.issueAttachment.count({ where: { issue: { administrationId: otherAssociationId } } })).toBe(0);
    expect(store.files()).toEqual([]);
  });
});

describe('downloads', () => {
  beforeEach(freshStore);

  it('a public issue’s files: anyone, byte for byte what was stored', async () => {
    const { issue, attachments } = await raiseWithFiles('PUBLIC');
    const got = await download(nobody(), issue.reference, attachments[1].id);
    expect(got.contentType).toBe('application/pdf');
    expect(got.fileName).toBe('letter.pdf');
    expect(got.size).toBe(attachments[1].size);
    expect(got.bytes.equals(fs.readFileSync(path.join(store.dir, attachments[1].storageKey)))).toBe(true);
  });

  it('a restricted issue’s files: the parties and platform admins; everyone else gets NotFound, like an unknown file', async () => {
    const { issue, attachments } = await raiseWithFiles('RESTRICTED');
    const id = attachments[0].id;
    for (const who of ['reporter', 'colleague', 'officer', 'admin'] as const) {
      expect((await download(await as(who), issue.reference, id)).size, who).toBe(attachments[0].size);
    }
    for (const ctx of [await as('outsider'), nobody()]) {
      await expect(getAttachmentForDownload(ctx, { reference: issue.reference, attachmentId: id })).rejects.toBeInstanceOf(NotFoundError);
    }
    // Wrong pairings and unknown ids answer the same.
    const other = await raiseWithFiles('PUBLIC');
    await expect(download(nobody(), other.issue.reference, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(download(await as('reporter'), issue.reference, 'c-unknown-attachment')).rejects.toBeInstanceOf(NotFoundError);
    await expect(download(await as('reporter'), 'ISS-1999-0001', id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a file missing from the store answers NotFound', async () => {
    const { issue, attachments } = await raiseWithFiles('PUBLIC');
    fs.rmSync(path.join(store.dir, attachments[0].storageKey));
    await expect(download(nobody(), issue.reference, attachments[0].id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('an anonymous issue’s files: its receipt holder with a signed link, until it expires; never for the link of another file', async () => {
    const { issue } = await raiseAnonymousIssue(nobody(), anonymousInput(), [file('route.txt', Buffer.from('Лист ожидания: 14 грузовиков.\n'))]);
    const [attachment] = await t.db.issueAttachment.findMany({ where: { issueId: issue.id } });
    expect(attachment.uploadedById).toBeNull();
    const now = new Date();
    const token = signedAttachmentToken(attachment.id, 60, now);
    const got = await download(nobody(), issue.reference, attachment.id, token);
    expect(got.bytes.toString()).toBe('Лист ожидания: 14 грузовиков.\n');
    expect(got.contentType).toBe('text/plain');
    // Without the link: only the administration's people and platform admins.
    await expect(download(nobody(), issue.reference, attachment.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(download(await as('outsider'), issue.reference, attachment.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await download(await as('officer'), issue.reference, attachment.id)).size).toBe(attachment.size);
    // Expired, or made for another file.
    const later = { ...nobody(), now: () => new Date(now.getTime() + 61_000) };
    await expect(download(later, issue.reference, attachment.id, token)).rejects.toBeInstanceOf(NotFoundError);
    const { attachments } = await raiseWithFiles('RESTRICTED');
    await expect(download(nobody(), issue.reference, attachment.id, signedAttachmentToken(attachments[0].id, 60))).rejects.toBeInstanceOf(NotFoundError);
    // The receipt page's links carry a token.
    const paths = receiptDownloadPaths(issue.reference, [attachment], now);
    expect(paths[attachment.id]).toMatch(new RegExp(`^/issues/${issue.reference}/attachments/${attachment.id}\\?token=`));
  });
});

describe('the download route', () => {
  beforeEach(freshStore);

  const BASE = 'http://localhost:3000';
  const get = (pathname: string, headers: Record<string, string> = {}) =>
    attachmentLoader({
      request: new Request(`${BASE}${pathname}`, { headers }),
      params: Object.fromEntries(
        Object.entries(/\/issues\/([^/]+)\/attachments\/([^/?]+)/.exec(pathname)!.slice(1)).map(([i, v]) => [i === '0' ? 'reference' : 'id', v]),
      ),
      context: {},
    } as never).catch((e: unknown) => {
      if (e instanceof Response) return e;
      throw e;
    });

  async function cookieOf(who: keyof typeof users) {
    const user = await t.db.user.findUniqueOrThrow({ where: { id: users[who] } });
    const { token } = await signIn({ db: t.db, actor: anonymous, meta: { ip: '198.51.100.77' } }, { email: user.email, password: PASSWORD });
    return (await sessionCookie().serialize(token)).split(';')[0];
  }

  it('serves a visible file as a download that is never cached', async () => {
    const { issue, attachments } = await raiseIssue(await as('reporter'), issueInput('RESTRICTED'), [
      file('Протокол "осмотра"; 1.pdf', await pdfWithMetadata()),
    ]).then(async (i) => ({ issue: i, attachments: await t.db.issueAttachment.findMany({ where: { issueId: i.id } }) }));
    const url = `/issues/${issue.reference}/attachments/${attachments[0].id}`;
    const response = await get(url, { cookie: await cookieOf('reporter') });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('content-length')).toBe(String(attachments[0].size));
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(disposition).not.toMatch(/filename="[^"]*[";][^"]*"/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1])).toBe('Протокол _осмотра_; 1.pdf');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');

    // Someone who may not see it, and nobody at all: 404, the same as an unknown file.
    const outsider = await get(url, { cookie: await cookieOf('outsider') });
    const unknown = await get(`/issues/${issue.reference}/attachments/c-unknown`, { cookie: await cookieOf('outsider') });
    const anonymousRequest = await get(url);
    for (const r of [outsider, unknown, anonymousRequest]) {
      expect(r.status).toBe(404);
      expect(r.headers.get('cache-control')).toBe('no-store');
    }
    expect(await outsider.text()).toBe(await unknown.text());
    expect(await get(url, { 'accept-language': 'ru' }).then((r) => r.text())).toMatch(/Этот файл не существует/);
  });

  it('serves an anonymous issue’s file with a signed token, and text as UTF-8', async () => {
    const { issue } = await raiseAnonymousIssue(nobody(), anonymousInput(), [file('notes', Buffer.from('Очередь 6 часов\n'))]);
    const [attachment] = await t.db.issueAttachment.findMany({ where: { issueId: issue.id } });
    expect(attachment.fileName).toMatch(/\.txt$/);
    const url = `/issues/${issue.reference}/attachments/${attachment.id}`;
    const token = signedAttachmentToken(attachment.id, 60);
    const response = await get(`${url}?token=${encodeURIComponent(token)}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('Очередь 6 часов\n');
    expect((await get(`${url}?token=${encodeURIComponent(token)}x`)).status).toBe(404);
    expect((await get(url)).status).toBe(404);
    // An officer with an out-of-date link still gets it through their session.
    expect((await get(`${url}?token=bad`, { cookie: await cookieOf('officer') })).status).toBe(200);
  });
});

describe('reading multipart forms (uploads.server)', () => {
  const post = (form: FormData) => new Request('http://localhost:3000/issues/new', { method: 'POST', body: form });

  it('returns the text fields and the chosen files, skipping an empty file input', async () => {
    const form = new FormData();
    form.append('title', 'Delay at the post');
    form.append('description', 'Очередь');
    form.append('files', new File([new Uint8Array(await plainPng())], 'shot.png', { type: 'image/png' }));
    form.append('files', new File([new Uint8Array(Buffer.from('hello'))], 'notes.txt', { type: 'application/octet-stream' }));
    form.append('files', new File([], '', { type: 'application/octet-stream' }));
    form.append('avatar', new File([new Uint8Array(Buffer.from('ignored'))], 'other.txt'));
    const upload = await readEvidenceForm(post(form));
    expect(upload.error).toBeNull();
    expect(upload.formData.get('title')).toBe('Delay at the post');
    expect(upload.formData.get('description')).toBe('Очередь');
    expect(upload.formData.get('files')).toBeNull();
    expect(upload.files.map((f) => [f.name, f.declaredType, f.bytes.byteLength > 0])).toEqual([
      ['shot.png', 'image/png', true],
      ['notes.txt', undefined, true],
    ]);
  });

  it('an 11 MB file stops the upload with a field error, not a 500', async () => {
    const form = new FormData();
    form.append('title', 'Big one');
    form.append('files', new File([new Uint8Array(bigText(11 * 1024 * 1024))], 'big.txt', { type: 'text/plain' }));
    const upload = await readEvidenceForm(post(form));
    expect(upload.files).toEqual([]);
    expect(upload.error).toBeInstanceOf(ValidationError);
    expect(upload.error!.fieldErrors.files).toEqual([{ key: 'issuesEvidence.errors.uploadTooLarge', params: { max: MAX_EVIDENCE_BYTES / 1024 / 1024 } }]);
  });

  it('a 6th file is a field error, and the other fields are kept', async () => {
    const form = new FormData();
    form.append('title', 'Six files');
    for (let i = 0; i < 6; i++) form.append('files', new File([new Uint8Array(Buffer.from(`note ${i}`))], `n${i}.txt`, { type: 'text/plain' }));
    form.append('after', 'kept');
    const upload = await readEvidenceForm(post(form));
    expect(upload.error!.fieldErrors.files).toEqual([{ key: 'issuesEvidence.errors.tooMany', params: { max: 5, count: 5 } }]);
    expect(upload.formData.get('title')).toBe('Six files');
    expect(upload.formData.get('after')).toBe('kept');
  });

  it('far too many files, or a broken body, are field errors too', async () => {
    const form = new FormData();
    for (let i = 0; i < 12; i++) form.append('files', new File([new Uint8Array(Buffer.from('x'))], `n${i}.txt`));
    expect((await readEvidenceForm(post(form))).error!.fieldErrors.files).toEqual([{ key: 'issuesEvidence.errors.uploadTooMany', params: { max: 5 } }]);
    const broken = new Request('http://localhost:3000/x', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=abc' },
      body: '--abc\r\nContent-Disposition: form-data; name="title"\r\n\r\nno end',
    });
    expect((await readEvidenceForm(broken)).error!.fieldErrors.files).toEqual([{ key: 'issuesEvidence.errors.uploadFailed', params: {} }]);
  });

  it('reads plain url-encoded forms as well', async () => {
    const upload = await readEvidenceForm(new Request('http://localhost:3000/x', { method: 'POST', body: new URLSearchParams({ title: 'No files' }) }));
    expect(upload).toMatchObject({ files: [], error: null });
    expect(upload.formData.get('title')).toBe('No files');
  });
});

describe('through the HTTP server', () => {
  const root = process.cwd();
  let vite: ViteDevServer;
  let platform: PlatformModule.Platform;
  let base: string;
  let dataDir: string;
  let serverDb: TestDatabase | undefined;

  beforeAll(async () => {
    vite = await createVite({ root, server: { middlewareMode: true, hmr: false, watch: null }, appType: 'custom', logLevel: 'silent' });
    const mod = (await vite.ssrLoadModule('./app/platform.server.ts')) as typeof PlatformModule;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-attach-http-'));
    if (testTarget() === 'postgres') serverDb = await createTestDatabase();
    const config = mod.loadConfig({
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      SEED_DEMO_DATA: 'never',
      LOG_LEVEL: 'silent',
      SESSION_SECRET: 's'.repeat(40),
      ...(serverDb ? { DATABASE_URL: serverDb.url } : {}),
    });
    const httpServer = http.createServer();
    platform = await mod.startPlatform({
      httpServer,
      config,
      root,
      startEmbedded: (await import('../../app/db/embedded-postgres.js')).startEmbeddedPostgres,
      dev: { middlewares: vite.middlewares, loadBuild: () => vite.ssrLoadModule('virtual:react-router/server-build') as never },
    });
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    await platform?.close();
    await vite?.close();
    await serverDb?.close();
    // The test's own services and file store again, for nothing else running after.
    useTestServices(t.db);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores under DATA_DIR/files and serves a public file with download-only headers', async () => {
    const db = platform.database.db;
    const administration = await makeOrganization(db, { kind: 'CUSTOMS_ADMINISTRATION' });
    const association = await makeOrganization(db, { kind: 'BUSINESS_ASSOCIATION' });
    const member = await makeMember(db, association.id, 'MEMBER');
    const issue = await raiseIssue(
      await ctxFor(db, member.id),
      { ...issueInput('PUBLIC'), organizationId: association.id, administrationId: administration.id },
      [file('photo.jpg', await jpegWithGps())],
    );
    const [attachment] = await db.issueAttachment.findMany({ where: { issueId: issue.id } });
    expect(fs.existsSync(path.join(dataDir, 'files', attachment.storageKey))).toBe(true);
    const response = await fetch(`${base}/issues/${issue.reference}/attachments/${attachment.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="photo.jpg"; filename*=UTF-8''photo.jpg`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBe(attachment.size);
    expect(body.includes(SECRETS.gpsDatum)).toBe(false);
    expect((await fetch(`${base}/issues/${issue.reference}/attachments/nope`)).status).toBe(404);
  }, 180_000);

  it('lets a multipart form of several MB through to the parser; only a body over every limit is refused unread', async () => {
    const form = new FormData();
    form.append('files', new File([new Uint8Array(bigText(3 * 1024 * 1024))], 'three-mb.txt', { type: 'text/plain' }));
    const allowed = await fetch(`${base}/issues/new`, { method: 'POST', body: form, headers: { origin: base }, redirect: 'manual' });
    expect(allowed.status).not.toBe(413);
    // A body announced larger than 5 files of 10 MB plus the fields: 413 before a byte of it is read.
    const url = new URL(`${base}/issues/new`);
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': 60 * 1024 * 1024 },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
          request.destroy();
        },
      );
      request.on('error', reject);
      request.write('--x\r\n');
    });
    expect(status).toBe(413);
  }, 120_000);
});
