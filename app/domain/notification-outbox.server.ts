// The mail outbox, read back: without SMTP_URL every email is written as an RFC 822 `.eml` file into DATA_DIR/outbox
// (app/domain/mail.server.ts). Platform administrators browse it (policy: outbox.read). Only plain `*.eml` names in
// that one folder are ever opened; what a message says is returned as text for the page to escape.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DomainContext } from './context.server';
import { NotFoundError } from './errors.server';
import { authorize } from './policy.server';

/** A plain file name ending in .eml: letters, digits, dot, dash, underscore; no path, no leading dot. */
const EML_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.eml$/;
export const isOutboxFileName = (name: string) => EML_NAME.test(name) && !name.includes('..');

export type OutboxEntry = { file: string; date: string | null; subject: string; to: string; from: string };
export type OutboxMessage = OutboxEntry & { text: string | null };

const HEADER_BYTES = 32 * 1024;
const MESSAGE_BYTES = 2 * 1024 * 1024;
const TEXT_CHARS = 200_000;

function decodeBytes(bytes: Buffer, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset.toLowerCase(), { fatal: false }).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function decodeQuotedPrintable(text: string, { header = false } = {}): Buffer {
  const source = header ? text.replace(/_/g, ' ') : text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(source.slice(i + 1, i + 3))) {
      bytes.push(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(c, 'utf8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) in a header value. */
export function decodeHeaderValue(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g, (_m, charset: string, encoding: string, text: string) =>
      decodeBytes(encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text, { header: true }), charset),
    );
}

type Part = { headers: Map<string, string>; body: string };

function splitPart(raw: string): Part {
  const match = /\r?\n\r?\n/.exec(raw);
  const head = match ? raw.slice(0, match.index) : raw;
  const body = match ? raw.slice(match.index + match[0].length) : '';
  const headers = new Map<string, string>();
  let last: string | null = null;
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) {
      headers.set(last, `${headers.get(last)} ${line.trim()}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(last)) headers.set(last, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

const param = (headerValue: string | undefined, name: string) =>
  headerValue ? (new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(headerValue)?.[1] ?? null) : null;

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const charset = param(part.headers.get('content-type'), 'charset') ?? 'utf-8';
  const bytes =
    encoding === 'base64'
      ? Buffer.from(part.body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(part.body)
        : Buffer.from(part.body, 'latin1');
  return decodeBytes(bytes, charset);
}

/** The first text/plain part, searching nested multiparts; null when there is none. */
function textPart(part: Part, depth = 0): string | null {
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  if (type.startsWith('multipart/') && depth < 5) {
    const boundary = param(part.headers.get('content-type'), 'boundary');
    if (!boundary) return null;
    const sections = part.body.split(`--${boundary}`).slice(1);
    for (const section of sections) {
      if (section.startsWith('--')) break;
      const found = textPart(splitPart(section.replace(/^\r?\n/, '')), depth + 1);
      if (found !== null) return found;
    }
    return null;
  }
  return type.startsWith('text/plain') ? decodeBody(part) : null;
}

/** Parse a message (as written by the mailer, or any simple MIME message). */
export function parseEml(raw: string, file: string): OutboxMessage {
  const message = splitPart(raw);
  const header = (name: string) => decodeHeaderValue(message.headers.get(name) ?? '');
  const dateText = message.headers.get('date');
  const date = dateText && !Number.isNaN(new Date(dateText).getTime()) ? new Date(dateText).toISOString() : null;
  const text = textPart(message);
  return {
    file,
    date,
    subject: header('subject'),
    to: header('to'),
    from: header('from'),
    text: text === null ? null : text.replace(/\r\n/g, '\n').slice(0, TEXT_CHARS),
  };
}

async function readStart(file: string, bytes: number): Promise<string> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
}

async function outboxNames(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && isOutboxFileName(e.name)).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * The outbox's messages, newest first (the mailer's file names start with the time written), a page at a time:
 * `before` is the last file name of the previous page.
 */
export async function listOutboxMessages(
  ctx: DomainContext,
  { dir, before, first = 50 }: { dir: string; before?: string | null; first?: number },
): Promise<{ items: OutboxEntry[]; nextBefore: string | null }> {
  authorize(ctx.actor, 'outbox.read');
  const names = (await outboxNames(dir)).sort().reverse();
  const start = before && isOutboxFileName(before) ? names.findIndex((n) => n < before) : 0;
  const slice = start < 0 ? [] : names.slice(start, start + first);
  const items = await Promise.all(
    slice.map(async (name) => {
      // Headers only: the start of the file (headers come first).
      const { text: _text, ...entry } = parseEml(await readStart(path.join(dir, name), HEADER_BYTES), name);
      return entry;
    }),
  );
  const hasMore = start >= 0 && start + first < names.length;
  return { items, nextBefore: hasMore && slice.length ? slice[slice.length - 1] : null };
}

/** One message, decoded: headers and its plain-text part. NotFound for a name that is not a plain .eml in the folder. */
export async function readOutboxMessage(ctx: DomainContext, { dir, file }: { dir: string; file: string }): Promise<OutboxMessage> {
  authorize(ctx.actor, 'outbox.read');
  if (!isOutboxFileName(file)) throw new NotFoundError();
  const full = path.resolve(dir, file);
  if (path.dirname(full) !== path.resolve(dir)) throw new NotFoundError();
  let stat;
  try {
    stat = await fs.lstat(full);
  } catch {
    throw new NotFoundError();
  }
  if (!stat.isFile()) throw new NotFoundError();
  return parseEml(await readStart(full, Math.min(stat.size, MESSAGE_BYTES)), file);
}
