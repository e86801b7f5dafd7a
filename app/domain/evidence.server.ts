// Evidence files for issues: checked, cleaned and stored before the command that records them runs.
//   prepareEvidence: the type comes from the content (file-type; plain text = valid UTF-8 without control bytes), a
//     declared type or a file-name extension that disagrees is refused, images are re-encoded by sharp without any
//     metadata (EXIF, GPS, XMP, IPTC, ICC, PNG text chunks), PDFs are rewritten by pdf-lib without the Info dictionary
//     or XMP streams. Nothing is stored that could not be cleaned.
//   withEvidence: puts the cleaned files into the file store, runs the command, and deletes them again when the
//     command fails, so there are no orphan files and no issue without its files.
import crypto from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFObject, PDFRef, PDFStream } from '@cantoo/pdf-lib';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { ValidationError, type FieldMessage } from './errors.server';
import { EVIDENCE_TYPES, type EvidenceType, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, MAX_EVIDENCE_NAME_LENGTH } from './evidence-limits';
import { fileStore, newStorageKey } from './storage.server';

export { EVIDENCE_ACCEPT, EVIDENCE_TYPES, MAX_EVIDENCE_BYTES, MAX_EVIDENCE_FILES, MAX_UPLOAD_REQUEST_BYTES } from './evidence-limits';
export type { EvidenceType } from './evidence-limits';

/** A file as it arrived: its name, the type the browser declared (if any), and its bytes. */
export type EvidenceFile = { name: string; declaredType?: string; bytes: Uint8Array };

/** A file checked and cleaned, ready to store: the bytes are the cleaned ones. */
export type PreparedEvidence = { fileName: string; contentType: EvidenceType; bytes: Buffer; size: number; sha256: string };

/** A prepared file once it is in the file store: what an IssueAttachment row records. */
export type StoredEvidence = { storageKey: string; fileName: string; contentType: EvidenceType; size: number; sha256: string };

/** The form field evidence errors are reported on. */
export const EVIDENCE_FIELD = 'files';

/** Largest image sharp will decode (width × height), against decompression bombs: 64 megapixels. */
const MAX_IMAGE_PIXELS = 64_000_000;

const typeInfo = (contentType: EvidenceType) => EVIDENCE_TYPES.find((t) => t.contentType === contentType)!;

/** Declared types that say nothing about the content (browsers send these for unknown files). */
const NEUTRAL_DECLARED = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);
const DECLARED_ALIASES: Record<string, EvidenceType> = {
  'application/pdf': 'application/pdf',
  'application/x-pdf': 'application/pdf',
  'application/acrobat': 'application/pdf',
  'image/png': 'image/png',
  'image/x-png': 'image/png',
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'text/plain': 'text/plain',
  'text/markdown': 'text/plain',
  'text/x-markdown': 'text/plain',
  'text/csv': 'text/plain',
  'text/x-log': 'text/plain',
};

/**
 * A safe file name: the last path segment, Unicode NFC, without control or bidirectional-override characters,
 * quotes, slashes or characters Windows forbids, at most MAX_EVIDENCE_NAME_LENGTH characters (the extension kept).
 * Never empty.
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/["*:<>?|]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (!name) name = 'file';
  const chars = Array.from(name);
  if (chars.length <= MAX_EVIDENCE_NAME_LENGTH) return name;
  const ext = extensionOf(name);
  const suffix = ext ? `.${ext}` : '';
  const stem = Array.from(ext ? name.slice(0, -suffix.length) : name);
  return `${stem
    .slice(0, MAX_EVIDENCE_NAME_LENGTH - Array.from(suffix).length)
    .join('')
    .trimEnd()}${suffix}`;
}

/** The name's extension, lower case, when it looks like one (1–5 letters or digits, at least one letter). */
function extensionOf(name: string): string | null {
  const match = /\.([A-Za-z0-9]{1,5})$/.exec(name);
  if (!match || !/[A-Za-z]/.test(match[1])) return null;
  return match[1].toLowerCase();
}

/** Is this valid UTF-8 text without NUL or control characters other than tab, carriage return and line feed? */
export function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.test(text);
}

/** The type of the content, from its bytes alone: one of the evidence types, or what else it is (or null). */
export async function sniffType(bytes: Uint8Array): Promise<{ evidence: EvidenceType | null; detected: string | null }> {
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    const evidence = EVIDENCE_TYPES.some((t) => t.contentType === found.mime) ? (found.mime as EvidenceType) : null;
    return { evidence, detected: found.mime };
  }
  if (isPlainText(bytes)) return { evidence: 'text/plain', detected: 'text/plain' };
  return { evidence: null, detected: null };
}

const fileError = (key: string, params: Record<string, string | number>): FieldMessage => ({ key: `issuesEvidence.errors.${key}`, params });

/** Re-encode an image in its own format: orientation applied, every metadata block dropped (sharp's default). */
async function stripImage(bytes: Uint8Array, contentType: 'image/png' | 'image/jpeg'): Promise<Buffer> {
  const image = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', animated: false }).rotate();
  return contentType === 'image/png' ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}

/** Keys removed from every dictionary of a PDF: XMP metadata streams and applications' private data. */
const PDF_PRIVATE_KEYS = [PDFName.of('Metadata'), PDFName.of('PieceInfo')];

class UnreadablePdf extends Error {}

/**
 * Rewrite a PDF without document metadata: no Info dictionary (title, author, subject, keywords, creator, producer,
 * dates), no /Metadata XMP stream on the catalog or any other object, no /PieceInfo; objects nothing refers to any
 * more (an earlier revision's Info, say) are dropped, and the file is saved whole (not as an incremental update).
 * Encrypted or unparseable PDFs throw UnreadablePdf: they are refused, never stored as they came.
 */
async function stripPdf(bytes: Uint8Array): Promise<Buffer> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    throw new UnreadablePdf();
  }
  const context = doc.context;
  if (doc.isEncrypted || context.trailerInfo.Encrypt) throw new UnreadablePdf();
  if (doc.getPageCount() === 0) throw new UnreadablePdf();

  context.trailerInfo.Info = undefined;
  context.trailerInfo.ID = undefined;

  // Walk everything reachable from the catalog, dropping metadata keys on the way.
  const reachable = new Set<string>();
  const pending: PDFObject[] = [];
  const root = context.trailerInfo.Root;
  if (!root) throw new UnreadablePdf();
  pending.push(root);
  while (pending.length) {
    const object = pending.pop()!;
    if (object instanceof PDFRef) {
      if (reachable.has(object.tag)) continue;
      reachable.add(object.tag);
      const target = context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFDict || object instanceof PDFStream) {
      const dict = object instanceof PDFStream ? object.dict : object;
      for (const key of PDF_PRIVATE_KEYS) dict.delete(key);
      for (const [, value] of dict.entries()) pending.push(value);
    } else if (object instanceof PDFArray) {
      for (const value of object.asArray()) pending.push(value);
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref.tag)) context.delete(ref);
  }
  try {
    return Buffer.from(await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }));
  } catch {
    throw new UnreadablePdf();
  }
}

/**
 * Check and clean files before they are stored. `existingCount` is how many files the issue has already (the limit
 * counts the issue's own and every follow-up's). Every problem is reported on the field `files`, naming the file.
 */
export async function prepareEvidence(
  files: EvidenceFile[],
  {
    existingCount = 0,
    genericNames = false,
  }: {
    existingCount?: number;
    /**
     * Store the files as `evidence-<n>.<ext>` instead of their own names (which may name a person): for anonymous
     * reports. Error messages still name the files as the reporter knows them.
     */
    genericNames?: boolean;
  } = {},
): Promise<PreparedEvidence[]> {
  if (!files.length) return [];
  if (existingCount + files.length > MAX_EVIDENCE_FILES) {
    const remaining = Math.max(0, MAX_EVIDENCE_FILES - existingCount);
    throw ValidationError.field(
      EVIDENCE_FIELD,
      remaining === 0 ? fileError('full', { max: MAX_EVIDENCE_FILES }) : fileError('tooMany', { max: MAX_EVIDENCE_FILES, count: remaining }),
    );
  }
  const errors: FieldMessage[] = [];
  const prepared: PreparedEvidence[] = [];
  for (const file of files) {
    const fileName = sanitizeFileName(file.name);
    const bytes = file.bytes;
    if (bytes.byteLength === 0) {
      errors.push(fileError('empty', { name: fileName }));
      continue;
    }
    if (bytes.byteLength > MAX_EVIDENCE_BYTES) {
      errors.push(fileError('tooLarge', { name: fileName, max: MAX_EVIDENCE_BYTES / (1024 * 1024) }));
      continue;
    }
    const { evidence } = await sniffType(bytes);
    if (!evidence) {
      errors.push(fileError('unsupported', { name: fileName }));
      continue;
    }
    const declared = (file.declaredType ?? '').split(';')[0].trim().toLowerCase();
    const declaredType = NEUTRAL_DECLARED.has(declared) ? undefined : (DECLARED_ALIASES[declared] ?? 'other');
    const extension = extensionOf(fileName);
    const info = typeInfo(evidence);
    if ((declaredType && declaredType !== evidence) || (extension && !info.extensions.includes(extension))) {
      errors.push(fileError('typeMismatch', { name: fileName, detected: info.label }));
      continue;
    }
    let cleaned: Buffer;
    try {
      if (evidence === 'image/png' || evidence === 'image/jpeg') cleaned = await stripImage(bytes, evidence);
      else if (evidence === 'application/pdf') cleaned = await stripPdf(bytes);
      else cleaned = Buffer.from(bytes);
    } catch {
      // Whatever went wrong, the file could not be cleaned: it is refused, never stored as it came.
      errors.push(fileError(evidence === 'application/pdf' ? 'unreadablePdf' : 'unreadableImage', { name: fileName }));
      continue;
    }
    prepared.push({
      fileName: genericNames
        ? `evidence-${existingCount + prepared.length + 1}.${info.extensions[0]}`
        : extension
          ? fileName
          : sanitizeFileName(`${fileName}.${info.extensions[0]}`),
      contentType: evidence,
      bytes: cleaned,
      size: cleaned.byteLength,
      sha256: crypto.createHash('sha256').update(cleaned).digest('hex'),
    });
  }
  if (errors.length) throw new ValidationError({ [EVIDENCE_FIELD]: errors });
  return prepared;
}

/** Put prepared files into the file store under new random keys. If one fails, those already stored are deleted. */
export async function storeEvidence(prepared: PreparedEvidence[]): Promise<StoredEvidence[]> {
  // Nothing to store needs no store (the seed and scripts configure none).
  if (!prepared.length) return [];
  const store = fileStore();
  const stored: StoredEvidence[] = [];
  try {
    for (const file of prepared) {
      const storageKey = newStorageKey();
      await store.put(storageKey, file.bytes, file.contentType);
      stored.push({ storageKey, fileName: file.fileName, contentType: file.contentType, size: file.size, sha256: file.sha256 });
    }
  } catch (error) {
    await discardEvidence(stored);
    throw error;
  }
  return stored;
}

/** Delete stored files again (best effort: a file that cannot be deleted now is not worth hiding the first error). */
export async function discardEvidence(stored: StoredEvidence[]): Promise<void> {
  if (!stored.length) return;
  const store = fileStore();
  await Promise.all(stored.map((file) => store.delete(file.storageKey).catch(() => {})));
}

/**
 * Store the files, then run `work` (the command that records them, in its transaction). When `work` throws, the
 * stored files are deleted and the error goes on: nothing is half-written.
 */
export async function withEvidence<T>(prepared: PreparedEvidence[], work: (stored: StoredEvidence[]) => Promise<T>): Promise<T> {
  const stored = await storeEvidence(prepared);
  try {
    return await work(stored);
  } catch (error) {
    await discardEvidence(stored);
    throw error;
  }
}

// ── Signed download links for receipt holders ──────────────────────────────────────────────────────────────────
// An anonymous reporter has no session: the receipt page gives them links to their issue's files carrying a token,
// an HMAC of the attachment id and an expiry time. The key is derived from the session secret at start-up
// (configureAttachmentTokens); without it (tests, tools) a random per-process key is used, so a token is never
// accepted by a process that did not make it unless both share the secret.

const tokenKeySymbol = Symbol.for('integrity-compact.attachment-token-key');
const tokenHolder = globalThis as unknown as Record<symbol, Buffer | undefined>;

/** Derive the token key from the platform's session secret (called once at start-up). */
export function configureAttachmentTokens({ secret }: { secret: string }): void {
  tokenHolder[tokenKeySymbol] = Buffer.from(crypto.hkdfSync('sha256', secret, 'integrity-compact', 'attachment-download-token/v1', 32));
}

function tokenKey(): Buffer {
  return (tokenHolder[tokenKeySymbol] ??= crypto.randomBytes(32));
}

const tokenMac = (attachmentId: string, expires: number) => crypto.createHmac('sha256', tokenKey()).update(`${attachmentId}\n${expires}`).digest('base64url');

/** A token that lets whoever holds it download one attachment until `ttlSeconds` from `now`. */
export function signedAttachmentToken(attachmentId: string, ttlSeconds: number, now: Date = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + Math.max(1, Math.floor(ttlSeconds));
  return `${expires.toString(36)}.${tokenMac(attachmentId, expires)}`;
}

/** Does the token allow downloading this attachment now? (Constant-time comparison; expired or malformed: no.) */
export function verifyAttachmentToken(token: string, attachmentId: string, now: Date = new Date()): boolean {
  const match = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const expires = parseInt(match[1], 36);
  if (!Number.isSafeInteger(expires) || expires * 1000 < now.getTime()) return false;
  const expected = Buffer.from(tokenMac(attachmentId, expires));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
