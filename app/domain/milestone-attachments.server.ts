// Downloading a milestone's evidence files: only people who may see the commitment (the visibility rule of
// commitment-queries: everyone once it is active; while proposed, the parties, the monitor and platform
// administrators). Anything else answers exactly like an unknown file, so a restricted commitment's files cannot be
// told apart from files that do not exist.
import type { AttachmentDownload } from './attachments.server';
import { canSeeCommitment } from './commitment-queries.server';
import type { DomainContext } from './context.server';
import { NotFoundError } from './errors.server';
import { fileStore } from './storage.server';

export type { AttachmentDownload };

/** The URL path of a milestone evidence file's download. */
export function milestoneAttachmentPath(reference: string, milestoneId: string, attachmentId: string): string {
  return `/commitments/${encodeURIComponent(reference)}/milestones/${encodeURIComponent(milestoneId)}/attachments/${encodeURIComponent(attachmentId)}`;
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
 * One evidence file of the milestone `milestoneId` of the commitment `reference`, for download, when the actor may see
 * the commitment. NotFoundError otherwise, and for a wrong reference or milestone, an unknown id or a missing file.
 */
export async function getMilestoneAttachmentForDownload(
  ctx: Pick<DomainContext, 'db' | 'actor'>,
  { reference, milestoneId, attachmentId }: { reference: string; milestoneId: string; attachmentId: string },
): Promise<AttachmentDownload> {
  const attachment = await ctx.db.milestoneAttachment.findUnique({
    where: { id: attachmentId },
    select: {
      storageKey: true,
      fileName: true,
      contentType: true,
      size: true,
      milestoneId: true,
      milestone: {
        select: {
          commitment: {
            select: { reference: true, activatedAt: true, monitorOrganizationId: true, parties: { select: { organizationId: true } } },
          },
        },
      },
    },
  });
  if (!attachment || attachment.milestoneId !== milestoneId) throw new NotFoundError();
  const commitment = attachment.milestone.commitment;
  if (commitment.reference !== reference.toUpperCase()) throw new NotFoundError();
  const visible = canSeeCommitment(ctx.actor, {
    activatedAt: commitment.activatedAt,
    partyOrganizationIds: commitment.parties.map((p) => p.organizationId),
    monitorOrganizationId: commitment.monitorOrganizationId,
  });
  if (!visible) throw new NotFoundError();
  const stored = await fileStore().get(attachment.storageKey);
  if (!stored) throw new NotFoundError();
  return { stream: asStream(stored), contentType: attachment.contentType, fileName: attachment.fileName, size: attachment.size };
}
