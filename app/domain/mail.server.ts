// Outgoing mail. With SMTP_URL set, nodemailer sends it; without, each message is written as an RFC 822 `.eml` file
// into DATA_DIR/outbox/ (a demo, a test or an air-gapped install can read what would have been sent). The platform
// configures it once at start-up (configureMail); password reset and, later, notifications call sendMail.
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export type MailMessage = { to: string; subject: string; text: string; html?: string };
export type MailSettings = {
  /** smtp:// or smtps:// URL; unset: write to the outbox folder. */
  smtpUrl?: string;
  from: string;
  outboxDir: string;
  /** Where failures of background delivery are reported. */
  onError?: (error: unknown, message: MailMessage) => void;
};
export type MailReceipt = { via: 'smtp'; messageId: string } | { via: 'outbox'; messageId: string; file: string };

type Transport = { sendMail(message: Record<string, unknown>): Promise<{ messageId: string }> };
type MailState = { settings: MailSettings; transport: Promise<Transport> | null };

// On globalThis, like services(): development may load this module more than once.
const key = Symbol.for('integrity-compact.mail');
const store = globalThis as unknown as Record<symbol, MailState | undefined>;

export function configureMail(settings: MailSettings | undefined) {
  store[key] = settings ? { settings, transport: null } : undefined;
}

function state(): MailState {
  const current = store[key];
  if (!current) throw new Error('Mail is not configured: the platform calls configureMail() at start-up.');
  return current;
}

function smtpTransport(current: MailState): Promise<Transport> {
  current.transport ??= import('nodemailer').then((nodemailer) => nodemailer.createTransport(current.settings.smtpUrl!) as unknown as Transport);
  return current.transport;
}

/** Send one message now: through SMTP when configured, else into the outbox folder. */
export async function sendMail(message: MailMessage): Promise<MailReceipt> {
  const current = state();
  const { settings } = current;
  if (settings.smtpUrl) {
    const transport = await smtpTransport(current);
    const info = await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    return { via: 'smtp', messageId: info.messageId };
  }
  return writeToOutbox(settings, message);
}

/**
 * Send without making the caller wait (a page answers the same whether or not a message went out, so it must not
 * take longer when one does). Failures go to the configured onError. The promise is for tests.
 */
export function sendMailInBackground(message: MailMessage): Promise<MailReceipt | null> {
  return sendMail(message).catch((error: unknown) => {
    store[key]?.settings.onError?.(error, message);
    return null;
  });
}

// RFC 2047 encoded-word for headers that are not plain ASCII (Russian subjects).
const encodeHeader = (value: string) => (/^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`);
// Header values never carry line breaks (header injection).
const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ');
const base64Lines = (value: string) =>
  Buffer.from(value, 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n');

/** The message as an RFC 822 (RFC 5322 + MIME) document, CRLF line endings, UTF-8 bodies in base64. */
export function toRfc822(message: MailMessage, { from, messageId, date }: { from: string; messageId: string; date: Date }): string {
  const headers = [
    `From: ${oneLine(from)}`,
    `To: ${oneLine(message.to)}`,
    `Subject: ${encodeHeader(oneLine(message.subject))}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
  ];
  const part = (type: string, body: string) =>
    [`Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', base64Lines(body)].join('\r\n');
  if (!message.html) return [...headers, part('text/plain', message.text)].join('\r\n');
  const boundary = `=_ic_${crypto.randomBytes(12).toString('hex')}`;
  return [
    ...headers,
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    part('text/plain', message.text),
    `--${boundary}`,
    part('text/html', message.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

async function writeToOutbox(settings: MailSettings, message: MailMessage): Promise<MailReceipt> {
  const date = new Date();
  const id = crypto.randomBytes(8).toString('hex');
  const domain = settings.from.match(/@([^>\s]+)/)?.[1] ?? 'localhost';
  const messageId = `${date.getTime()}.${id}@${domain}`;
  await fs.mkdir(settings.outboxDir, { recursive: true, mode: 0o700 });
  // Sortable by time; written under a temporary name and renamed, so a reader never sees half a message.
  const name = `${date.toISOString().replace(/[:.]/g, '-')}-${id}.eml`;
  const file = path.join(settings.outboxDir, name);
  await fs.writeFile(`${file}.tmp`, toRfc822(message, { from: settings.from, messageId, date }), { mode: 0o600 });
  await fs.rename(`${file}.tmp`, file);
  return { via: 'outbox', messageId, file };
}
