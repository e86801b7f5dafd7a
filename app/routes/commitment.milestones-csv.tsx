// A commitment's milestones as CSV (the file the import reads back): UTF-8 with a byte-order mark, comma by default or
// semicolon with ?delimiter=semicolon (spreadsheets set to a decimal comma), formula cells escaped.
import type { Route } from './+types/commitment.milestones-csv';
import { NotFoundError } from '../domain/errors.server';
import { exportMilestonesCsv, milestoneCsvTarget } from '../domain/milestone-csv.server';
import { routeContext } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await routeContext(request);
  const reference = params.reference;
  if (!reference || reference.length > 40) throw new Response('Not found', { status: 404, statusText: 'Not Found' });
  try {
    const target = await milestoneCsvTarget(ctx, { reference: reference.toUpperCase() });
    const delimiter = new URL(request.url).searchParams.get('delimiter') === 'semicolon' ? ';' : ',';
    const csv = await exportMilestonesCsv(ctx, target.scope, { delimiter });
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="milestones-${target.key}-${new Date().toISOString().slice(0, 10)}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response('Not found', { status: 404, statusText: 'Not Found' });
    throw error;
  }
}
