// Evidence files: type from the content, disguised and oversized files refused, metadata stripped from images and
// PDFs, safe names, random keys, private atomic storage, and no files left behind when the command fails.
import fs from 'node:fs';
import { PDFDocument } from '@cantoo/pdf-lib';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../app/domain/errors.server';
import {
  MAX_EVIDENCE_BYTES,
  MAX_EVIDENCE_FILES,
  type PreparedEvidence,
  configureAttachmentTokens,
  discardEvidence,
  isPlainText,
  prepareEvidence,
  sanitizeFileName,
  signedAttachmentToken,
  storeEvidence,
  verifyAttachmentToken,
  withEvidence,
} from '../../app/domain/evidence.server';
import { fileStore, readStoredBytes } from '../../app/domain/storage.server';
import {
  SECRETS,
  bigText,
  elfExecutable,
  file,
  jpegWithGps,
  pdfWithMetadata,
  plainPng,
  pngWithText,
  useTestFileStore,
  windowsExecutable,
} from '../fixtures/evidence-files';

/** The field errors of a refused prepareEvidence call. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors.files ?? [];
}
const keyOf = (m: unknown) => (typeof m === 'string' ? m : (m as { key: string }).key);

describe('the type comes from the content', () => {
  it('accepts PDF, PNG, JPEG and UTF-8 text, whatever the browser declared when it was vague', async () => {
    const prepared = await prepareEvidence([
      file('scan.pdf', await pdfWithMetadata(), 'application/pdf'),
      file('photo.jpg', await jpegWithGps(), 'image/jpeg'),
      file('screen.PNG', await plainPng(), 'application/octet-stream'),
      file('notes.txt', Buffer.from('Очередь на посту: 6 часов.\r\n\tTabs and lines are fine.\n'), 'text/plain; charset=utf-8'),
    ]);
    expect(prepared.map((p) => p.contentType)).toEqual(['application/pdf', 'image/jpeg', 'image/png', 'text/plain']);
    expect(prepared.map((p) => p.fileName)).toEqual(['scan.pdf', 'photo.jpg', 'screen.PNG', 'notes.txt']);
    for (const p of prepared) {
      expect(p.size).toBe(p.bytes.byteLength);
      expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it.each([
    ['an ELF executable named .pdf', () => elfExecutable(), 'report.pdf', 'application/pdf'],
    ['a Windows executable named .pdf', () => windowsExecutable(), 'invoice.pdf', 'application/pdf'],
    ['an executable named .txt', () => windowsExecutable(), 'notes.txt', 'text/plain'],
    ['text with a NUL byte', () => Buffer.from('abc\0def'), 'notes.txt', 'text/plain'],
    ['text with an escape character', () => Buffer.from('abc\u001b[31mred'), 'notes.txt', undefined],
    ['invalid UTF-8', () => Buffer.from([0x61, 0xff, 0xfe, 0x62]), 'notes.txt', undefined],
  ])('refuses %s as unsupported', async (_label, bytes, name, declared) => {
    const errors = await refusal(prepareEvidence([file(name, bytes(), declared)]));
    expect(errors).toEqual([{ key: 'issuesEvidence.errors.unsupported', params: { name } }]);
  });

  it('refuses a PNG renamed .pdf, and a JPEG declared as a PDF, naming the file and what it really is', async () => {
    const errors = await refusal(
      prepareEvidence([file('contract.pdf', await plainPng()), file('photo.jpg', await jpegWithGps(), 'application/pdf'), file('ok.png', await plainPng())]),
    );
    expect(errors).toEqual([
      { key: 'issuesEvidence.errors.typeMismatch', params: { name: 'contract.pdf', detected: 'PNG' } },
      { key: 'issuesEvidence.errors.typeMismatch', params: { name: 'photo.jpg', detected: 'JPEG' } },
    ]);
  });

  it('refuses text under a foreign extension, and accepts a name without one (adding the right extension)', async () => {
    expect(keyOf((await refusal(prepareEvidence([file('notes.docx', Buffer.from('hello'))])))[0])).toBe('issuesEvidence.errors.typeMismatch');
    const [prepared] = await prepareEvidence([file('Scan 2026.05.01', await plainPng())]);
    expect(prepared.fileName).toBe('Scan 2026.05.01.png');
  });

  it('can store files under generic names (anonymous reports), numbered after the existing ones', async () => {
    const prepared = await prepareEvidence([file('Ivanov complaint.txt', Buffer.from('x')), file('IMG_0042.jpg', await jpegWithGps())], {
      existingCount: 2,
      genericNames: true,
    });
    expect(prepared.map((p) => p.fileName)).toEqual(['evidence-3.txt', 'evidence-4.jpg']);
  });

  it('knows plain text', () => {
    expect(isPlainText(Buffer.from('Привет\tмир\r\n'))).toBe(true);
    expect(isPlainText(Buffer.from('bell\u0007'))).toBe(false);
    expect(isPlainText(Buffer.from('c1 control \u0085'))).toBe(false);
  });
});

describe('limits', () => {
  it('refuses a file over 10 MB and an empty one', async () => {
    const errors = await refusal(prepareEvidence([file('big.txt', bigText(11 * 1024 * 1024)), file('empty.txt', Buffer.alloc(0))]));
    expect(errors).toEqual([
      { key: 'issuesEvidence.errors.tooLarge', params: { name: 'big.txt', max: 10 } },
      { key: 'issuesEvidence.errors.empty', params: { name: 'empty.txt' } },
    ]);
    // Exactly at the limit is fine.
    const [atLimit] = await prepareEvidence([file('limit.txt', bigText(MAX_EVIDENCE_BYTES))]);
    expect(atLimit.size).toBe(MAX_EVIDENCE_BYTES);
  });

  it('refuses a 6th file, counting the files the issue already has', async () => {
    const six = Array.from({ length: 6 }, (_, i) => file(`n${i}.txt`, Buffer.from(`note ${i}`)));
    expect(await refusal(prepareEvidence(six))).toEqual([{ key: 'issuesEvidence.errors.tooMany', params: { max: MAX_EVIDENCE_FILES, count: 5 } }]);
    expect(await refusal(prepareEvidence(six.slice(0, 2), { existingCount: 4 }))).toEqual([
      { key: 'issuesEvidence.errors.tooMany', params: { max: 5, count: 1 } },
    ]);
    expect(await refusal(prepareEvidence(six.slice(0, 1), { existingCount: 5 }))).toEqual([{ key: 'issuesEvidence.errors.full', params: { max: 5 } }]);
    expect(await prepareEvidence(six.slice(0, 1), { existingCount: 4 })).toHaveLength(1);
    expect(await prepareEvidence([], { existingCount: 5 })).toEqual([]);
  });
});

describe('metadata is stripped', () => {
  it('re-encodes a JPEG without EXIF, GPS, XMP or IPTC, with the orientation applied', async () => {
    const original = await jpegWithGps();
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(original.includes(SECRETS.gpsDatum)).toBe(true);
    const [prepared] = await prepareEvidence([file('photo.jpeg', original)]);
    const after = await sharp(prepared.bytes).metadata();
    expect(after.format).toBe('jpeg');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    // Orientation 6 (rotate 90°): the 40×30 picture is now upright, 30×40.
    expect([after.width, after.height]).toEqual([30, 40]);
    for (const secret of [SECRETS.gpsDatum, SECRETS.artist, SECRETS.description]) expect(prepared.bytes.includes(secret)).toBe(false);
    expect(prepared.bytes.includes('Exif\0\0')).toBe(false);
    expect(prepared.bytes.includes('GPS')).toBe(false);
  });

  it('re-encodes a PNG without its text chunks', async () => {
    const original = await pngWithText();
    expect((await sharp(original).metadata()).width).toBe(12);
    expect(original.includes(SECRETS.pngText)).toBe(true);
    const [prepared] = await prepareEvidence([file('screen.png', original)]);
    expect(prepared.bytes.includes(SECRETS.pngText)).toBe(false);
    expect(prepared.bytes.includes('tEXt')).toBe(false);
    const after = await sharp(prepared.bytes).metadata();
    expect(after.format).toBe('png');
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
  });

  it('drops an ICC profile', async () => {
    const withProfile = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .jpeg()
      .withIccProfile('p3')
      .toBuffer();
    expect((await sharp(withProfile).metadata()).hasProfile).toBe(true);
    const [prepared] = await prepareEvidence([file('p3.jpg', withProfile)]);
    expect((await sharp(prepared.bytes).metadata()).hasProfile).toBe(false);
  });

  it('rewrites a PDF without its Info dictionary, XMP packets or leftover metadata, and it still opens', async () => {
    const original = await pdfWithMetadata();
    for (const s of [SECRETS.pdfAuthor, SECRETS.pdfTitle, SECRETS.pdfOrphan, SECRETS.xmpCreator, '<?xpacket']) expect(original.includes(s)).toBe(true);
    const [prepared] = await prepareEvidence([file('scan.pdf', original, 'application/pdf')]);
    const bytes = prepared.bytes;
    for (const s of [
      SECRETS.pdfAuthor,
      SECRETS.pdfTitle,
      SECRETS.pdfOrphan,
      SECRETS.xmpCreator,
      'SECRET-',
      '<?xpacket',
      'x:xmpmeta',
      '/Metadata',
      '/Author',
      '/Producer',
      '/CreationDate',
    ]) {
      expect(bytes.includes(s), s).toBe(false);
    }
    // Saved whole: one header, one trailer, one %%EOF.
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1').match(/%%EOF/g)).toHaveLength(1);
    const reopened = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(reopened.getPageCount()).toBe(1);
    expect(reopened.getAuthor()).toBeUndefined();
    expect(reopened.getTitle()).toBeUndefined();
  });

  it('refuses a PDF pdf-lib cannot make sense of, rather than storing it unstripped', async () => {
    const broken = Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Author (${SECRETS.pdfAuthor}) >>\nendobj\ntrailer\n<< /Info 1 0 R >>\n%%EOF\n`);
    expect(await refusal(prepareEvidence([file('broken.pdf', broken)]))).toEqual([
      { key: 'issuesEvidence.errors.unreadablePdf', params: { name: 'broken.pdf' } },
    ]);
  });

  it('refuses an image sharp cannot decode', async () => {
    const png = await plainPng();
    const truncated = Buffer.concat([png.subarray(0, 40), Buffer.alloc(20, 0x42)]);
    expect(keyOf((await refusal(prepareEvidence([file('cut.png', truncated)])))[0])).toBe('issuesEvidence.errors.unreadableImage');
  });
});

describe('file names', () => {
  it.each([
    ['../../etc/passwd.txt', 'passwd.txt'],
    ['C:\\Users\\me\\Desktop\\evidence.pdf', 'evidence.pdf'],
    ['bad\u0000name\u0007.txt', 'badname.txt'],
    ['invoice\u202Etxt.exe.pdf', 'invoicetxt.exe.pdf'],
    ['  "quoted" <name>?.png  ', '_quoted_ _name__.png'],
    ['...', 'file'],
    ['', 'file'],
  ])('%j becomes %j', (raw, safe) => {
    expect(sanitizeFileName(raw)).toBe(safe);
  });

  it('keeps at most 120 characters, keeping the extension', () => {
    const name = sanitizeFileName(`${'д'.repeat(300)}.pdf`);
    expect(Array.from(name)).toHaveLength(120);
    expect(name.endsWith('д.pdf')).toBe(true);
  });
});

describe('storage', () => {
  let files: ReturnType<typeof useTestFileStore>;
  beforeAll(() => {
    files = useTestFileStore();
  });
  afterAll(() => files.cleanup());
  afterEach(async () => {
    for (const name of files.files()) fs.rmSync(`${files.dir}/${name}`, { force: true });
  });

  const prepareTwo = async (): Promise<PreparedEvidence[]> =>
    prepareEvidence([file('secret-plan.txt', Buffer.from('first')), file('photo.png', await plainPng())]);

  it('stores under random keys, mode 0600, with no temporary files left', async () => {
    const stored = await storeEvidence(await prepareTwo());
    expect(stored).toHaveLength(2);
    expect(files.files()).toEqual(stored.map((s) => s.storageKey).sort());
    for (const s of stored) {
      expect(s.storageKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(s.storageKey).not.toContain('secret');
      expect(s.storageKey).not.toContain(s.sha256.slice(0, 8));
      expect(fs.statSync(`${files.dir}/${s.storageKey}`).mode & 0o777).toBe(0o600);
    }
    expect(fs.statSync(files.dir).mode & 0o777).toBe(0o700);
    const read = await fileStore().get(stored[0].storageKey);
    expect((await readStoredBytes(read!)).toString()).toBe('first');
    expect(await fileStore().get('unknown-key-0123456789')).toBeNull();
    await expect(fileStore().get('../escape-attempt-123456')).rejects.toThrow('Invalid storage key');
    await discardEvidence(stored);
    expect(files.files()).toEqual([]);
  });

  it('creates the directory again when it was removed while running', async () => {
    fs.rmSync(files.dir, { recursive: true, force: true });
    const stored = await storeEvidence(await prepareTwo());
    expect(files.files()).toEqual(stored.map((s) => s.storageKey).sort());
  });

  it('the same content stored twice gets two different keys', async () => {
    const prepared = await prepareEvidence([file('a.txt', Buffer.from('same')), file('b.txt', Buffer.from('same'))]);
    const stored = await storeEvidence(prepared);
    expect(stored[0].sha256).toBe(stored[1].sha256);
    expect(stored[0].storageKey).not.toBe(stored[1].storageKey);
  });

  it('withEvidence keeps the files when the work succeeds and deletes them when it throws', async () => {
    const kept = await withEvidence(await prepareTwo(), async (stored) => stored.map((s) => s.storageKey));
    expect(files.files()).toEqual([...kept].sort());

    let seen: string[] = [];
    await expect(
      withEvidence(await prepareTwo(), async (stored) => {
        seen = stored.map((s) => s.storageKey);
        expect(files.files()).toEqual([...kept, ...seen].sort());
        throw new Error('the transaction failed');
      }),
    ).rejects.toThrow('the transaction failed');
    expect(seen).toHaveLength(2);
    expect(files.files()).toEqual([...kept].sort());
  });

  it('a put that fails halfway deletes what was already stored', async () => {
    const real = fileStore();
    let puts = 0;
    const { configureFileStore } = await import('../../app/domain/storage.server');
    configureFileStore({
      put: async (key, bytes, type) => {
        if (++puts === 2) throw new Error('disk full');
        await real.put(key, bytes, type);
      },
      get: (key) => real.get(key),
      delete: (key) => real.delete(key),
    });
    try {
      await expect(withEvidence(await prepareTwo(), async () => 'never')).rejects.toThrow('disk full');
      expect(files.files()).toEqual([]);
    } finally {
      configureFileStore(real);
    }
  });
});

describe('signed download tokens', () => {
  it('allow one attachment until they expire, and nothing else', () => {
    configureAttachmentTokens({ secret: 'a-session-secret-of-at-least-32-characters' });
    const now = new Date('2026-11-23T10:00:00Z');
    const token = signedAttachmentToken('att_1', 600, now);
    expect(verifyAttachmentToken(token, 'att_1', now)).toBe(true);
    expect(verifyAttachmentToken(token, 'att_1', new Date('2026-11-23T10:10:00Z'))).toBe(true);
    expect(verifyAttachmentToken(token, 'att_1', new Date('2026-11-23T10:10:01Z'))).toBe(false);
    expect(verifyAttachmentToken(token, 'att_2', now)).toBe(false);
    expect(verifyAttachmentToken(`${token}x`, 'att_1', now)).toBe(false);
    expect(verifyAttachmentToken('', 'att_1', now)).toBe(false);
    // Stretching the expiry breaks the signature.
    const [expires, mac] = token.split('.');
    expect(verifyAttachmentToken(`${(parseInt(expires, 36) + 3600).toString(36)}.${mac}`, 'att_1', now)).toBe(false);
    // Another secret (another installation) does not accept it.
    configureAttachmentTokens({ secret: 'another-session-secret-of-32-characters!!' });
    expect(verifyAttachmentToken(token, 'att_1', now)).toBe(false);
  });
});
