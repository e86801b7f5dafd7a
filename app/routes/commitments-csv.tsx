// The commitment list as CSV: the rows the same filters select, in the same order, all of them (read page by page by
// keyset, streamed). UTF-8 with a byte-order mark so spreadsheet programs read Cyrillic right; cells a spreadsheet
// would run as a formula (=, +, -, @ …) are escaped with a leading apostrophe.
import { stringify } from 'csv-stringify';
import type { Route } from './+types/commitments-csv';
import { MAX_COMMITMENT_PAGE, listCommitments } from '../domain/commitment-queries.server';
import { isoDate, progressPercent } from '../domain/commitment-rules';
import { translate } from '../i18n';
import { commitmentFilterOf, parseCommitmentListQuery } from '../web/commitment-page.server';
import { routeContext } from '../web/route.server';

const BATCH = MAX_COMMITMENT_PAGE;
/** A guard against a runaway export: far more than any register holds. */
const MAX_ROWS = 50_000;

export async function loader({ request }: Route.LoaderArgs) {
  const { auth, ctx } = await routeContext(request);
  const query = parseCommitmentListQuery(new URL(request.url).searchParams);
  const filter = await commitmentFilterOf(ctx, query);
  const order = query.order ?? 'NEWEST';
  const t = (key: string) => translate(auth.locale, key);
  const origin = ctx.meta.origin ?? new URL(request.url).origin;
  const header = [
    'reference',
    'title',
    'type',
    'status',
    'progress_percent',
    'milestones_completed',
    'milestones',
    'next_due',
    'start_date',
    'end_date',
    'factors',
    'parties',
    'monitor',
    'action_plan',
    'url',
  ].map((column) => t(`commitmentsPages.csv.${column}`));
  const csv = stringify({ bom: true, escape_formulas: true, record_delimiter: 'windows' });
  csv.write(header);
  (async () => {
    try {
      let after: string | null = null;
      let written = 0;
      do {
        const page = await listCommitments(ctx, { first: BATCH, after, filter, order });
        for (const c of page.items) {
          const ok = csv.write([
            c.reference,
            c.title,
            t(`commitment.type.${c.type}`),
            t(`commitment.status.${c.status}`),
            progressPercent(c),
            c.completedCount,
            c.milestoneCount,
            c.nextOpenDueDate ? isoDate(c.nextOpenDueDate) : '',
            isoDate(c.startDate),
            c.endDate ? isoDate(c.endDate) : '',
            c.factors.map((f) => t(`factor.${f}`)).join('; '),
            c.parties.map((p) => (p.response === 'ACCEPTED' ? p.name : `${p.name} (${t(`commitment.party.${p.response}`)})`)).join('; '),
            c.monitor?.name ?? '',
            c.actionPlan?.title ?? '',
            `${origin}/commitments/${c.reference}`,
          ]);
          written++;
          if (!ok) await new Promise((resolve) => csv.once('drain', resolve));
        }
        after = page.hasNextPage ? page.endCursor : null;
      } while (after && written < MAX_ROWS);
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
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="commitments-${date}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
