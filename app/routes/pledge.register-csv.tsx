// The register as CSV: the rows the same filters select, in the same order, all of them (read in batches by keyset,
// streamed). UTF-8 with a byte-order mark so spreadsheet programs read Cyrillic right; cells that a spreadsheet
// would run as a formula (=, +, -, @ …) are escaped with a leading apostrophe.
import { stringify } from 'csv-stringify';
import type { Route } from './+types/pledge.register-csv';
import { translate } from '../i18n';
import { parseRegisterQuery } from '../domain/pledge-register-query';
import { registerBatches } from '../domain/pledge-register.server';
import { notFound, pledgeFromRequest } from '../web/pledges.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { auth, ctx, pledge } = await pledgeFromRequest(request, params.slug);
  if (pledge.status === 'DRAFT') throw notFound();
  const query = parseRegisterQuery(new URL(request.url).searchParams);
  const t = (key: string) => translate(auth.locale, key);
  const now = new Date();
  const header = [
    t('registerTable.organization'),
    t('register.kind'),
    t('registerTable.country'),
    t('org.verified'),
    t('registerTable.status'),
    t('registerTable.version'),
    t('registerTable.signed'),
    t('registerTable.renewed'),
    t('registerTable.lapses'),
    t('registerTable.withdrawn'),
    t('register.reason'),
    t('register.statement'),
    t('registerCsv.receipt'),
  ];
  const origin = ctx.meta.origin ?? new URL(request.url).origin;
  const csv = stringify({ bom: true, escape_formulas: true, record_delimiter: 'windows' });
  csv.write(header);
  // Write batch by batch, waiting when the reader is slower than the database.
  (async () => {
    try {
      for await (const batch of registerBatches(ctx.db, pledge.id, query, { now, locale: auth.locale })) {
        for (const e of batch) {
          const ok = csv.write([
            e.organization.name,
            t(`kind.${e.organization.kind}`),
            e.organization.country,
            e.organization.verified ? t('registerCsv.yes') : t('registerCsv.no'),
            t(`signatureStatus.${e.status}`),
            e.version,
            e.signedAt,
            e.lastRenewedAt,
            e.withdrawnAt ? '' : (e.lapsesAt ?? ''),
            e.withdrawnAt ?? '',
            e.withdrawalReason ?? '',
            e.statement ?? '',
            `${origin}/pledges/${pledge.slug}/signatures/${e.id}`,
          ]);
          if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
        }
      }
      csv.end();
    } catch (error) {
      csv.destroy(error as Error);
    }
  })();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      csv.on('data', (chunk: Buffer | string) => controller.enqueue(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(chunk)));
      csv.on('end', () => controller.close());
      csv.on('error', (error) => controller.error(error));
    },
    cancel() {
      csv.destroy();
    },
  });
  const date = now.toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="register-${pledge.slug}-${date}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
