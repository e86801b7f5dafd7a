// GET /issues/:reference/attachments/:id — download one evidence file. For people who may see the issue (their
// session), or with a signed `?token=` from a receipt page (anonymous reporters have no session; that request does
// not read the session at all). Always a download (Content-Disposition: attachment), never sniffed (the platform's nosniff), never cached.
// Anything not visible answers 404, exactly like a file that does not exist.
import type { Route } from './+types/issue.attachment';
import { anonymous } from '../domain/actor.server';
import { getAttachmentForDownload } from '../domain/attachments.server';
import { NotFoundError } from '../domain/errors.server';
import { negotiateLocale, translate } from '../i18n';
import { routeContext } from '../web/route.server';
import { services } from '../services.server';

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
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const reference = params.reference ?? '';
  const attachmentId = params.id ?? '';
  if (!reference || reference.length > 40 || !attachmentId || attachmentId.length > 64) throw notFound(request);
  const token = new URL(request.url).searchParams.get('token');
  let download;
  try {
    // A signed link first, without looking at any session; a link that has expired may still be opened by someone
    // signed in who may see the issue.
    download = token ? await getAttachmentForDownload({ db: services().db, actor: anonymous }, { reference, attachmentId, token }).catch(() => null) : null;
    if (!download) {
      const { ctx } = await routeContext(request);
      download = await getAttachmentForDownload(ctx, { reference, attachmentId });
    }
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
      // X-Content-Type-Options: nosniff comes with every response of the platform (app/platform.server.ts).
      'Cache-Control': 'private, no-store',
      // Opened directly anyway, the file runs no script and loads nothing.
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Referrer-Policy': 'no-referrer',
    },
  });
}
