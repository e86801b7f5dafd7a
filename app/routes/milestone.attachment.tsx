// GET /commitments/:reference/milestones/:id/attachments/:attachmentId — download one evidence file of a milestone,
// for people who may see the commitment. Always a download (Content-Disposition: attachment), never sniffed (the
// platform's nosniff, repeated here), never cached. Anything not visible answers 404, exactly like a file that does
// not exist.
import type { Route } from './+types/milestone.attachment';
import { NotFoundError } from '../domain/errors.server';
import { getMilestoneAttachmentForDownload } from '../domain/milestone-attachments.server';
import { negotiateLocale, translate } from '../i18n';
import { routeContext } from '../web/route.server';

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266 / 5987): safe in every browser, exact in modern ones. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;%]/g, '_') || 'file';
  const encoded = encodeURIComponent(fileName).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function notFound(request: Request) {
  const locale = negotiateLocale({ acceptLanguage: request.headers.get('accept-language') });
  return new Response(translate(locale, 'issuesEvidence.download.notFound'), {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const reference = params.reference ?? '';
  const milestoneId = params.id ?? '';
  const attachmentId = params.attachmentId ?? '';
  if (!reference || reference.length > 40 || !milestoneId || milestoneId.length > 64 || !attachmentId || attachmentId.length > 64) throw notFound(request);
  let download;
  try {
    const { ctx } = await routeContext(request);
    download = await getMilestoneAttachmentForDownload(ctx, { reference, milestoneId, attachmentId });
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound(request);
    throw error;
  }
  const contentType = download.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : download.contentType;
  return new Response(download.stream, {
    status: 200,
    headers: {
      'Content-Type': contentType,
      'Content-Length': String(download.size),
      'Content-Disposition': contentDisposition(download.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      // Opened directly anyway, the file runs no script and loads nothing.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Referrer-Policy': 'no-referrer',
    },
  });
}
