// Downloading evidence files: only people who may see the issue (the visibility rule of issue-queries), or whoever
// holds a signed link (a receipt holder, who has no session). Anything else answers exactly like an unknown file.
import type { DomainContext } from './context.server';
import { nowOf } from './context.server';
import { NotFoundError } from './errors.server';
import { signedAttachmentToken, verifyAttachmentToken } from './evidence.server';
import { canSeeIssue } from './issue-queries.server';
import { fileStore } from './storage.server';

export { signedAttachmentToken, verifyAttachmentToken };

/** How long a receipt holder's download link works: they read the page and click, or reload it. */
export const RECEIPT_DOWNLOAD_TTL_SECONDS = 60 * 60;

export type AttachmentDownload = { stream: ReadableStream<Uint8Array>; contentType: string; fileName: string; size: number };

/** The URL path of an attachment's download, with a signed token when given. */
export function attachmentPath(reference: string, attachmentId: string, token?: string): string {
  const base = `/issues/${encodeURIComponent(reference)}/attachments/${encodeURIComponent(attachmentId)}`;
  return token ? `${base}?token=${encodeURIComponent(token)}` : base;
}

/**
 * Signed download paths for the files of an issue whose receipt code was just verified (openReceipt): the receipt page
 * links them so the holder can download without a session.
 */
export function receiptDownloadPaths(
  reference: string,
  attachments: ReadonlyArray<{ id: string }>,
  now: Date = new Date(),
  ttlSeconds = RECEIPT_DOWNLOAD_TTL_SECONDS,
): Record<string, string> {
  return Object.fromEntries(attachments.map((a) => [a.id, attachmentPath(reference, a.id, signedAttachmentToken(a.id, ttlSeconds, now))]));
}

function asStream(stored: ReadableStream<Uint8Array> | Buffer): ReadableStream<Uint8Array> {
  if (!Buffer.isBuffer(stored)) return stored;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(stored));
      controller.close();
    },
  });
}

/**
 * One attachment of the issue `reference`, for download. Allowed with a valid signed token for this attachment, or
 * when the actor may see the issue. NotFoundError otherwise, and for a wrong reference, an unknown id or a missing
 * file, so a restricted issue's files cannot be told apart from files that do not exist.
 */
export async function getAttachmentForDownload(
  ctx: DomainContext,
  { reference, attachmentId, token }: { reference: string; attachmentId: string; token?: string | null },
): Promise<AttachmentDownload> {
  const attachment = await ctx.db.issueAttachment.findUnique({
    where: { id: attachmentId },
    select: {
      storageKey: true,
      fileName: true,
      contentType: true,
      size: true,
      issue: { select: { reference: true, visibility: true, anonymous: true, administrationId: true, reporterOrganizationId: true } },
    },
  });
  if (!attachment || attachment.issue.reference !== reference) throw new NotFoundError();
  const allowed = (token ? verifyAttachmentToken(token, attachmentId, nowOf(ctx)) : false) || canSeeIssue(ctx.actor, attachment.issue);
  if (!allowed) throw new NotFoundError();
  const stored = await fileStore().get(attachment.storageKey);
  if (!stored) throw new NotFoundError();
  return { stream: asStream(stored), contentType: attachment.contentType, fileName: attachment.fileName, size: attachment.size };
}
