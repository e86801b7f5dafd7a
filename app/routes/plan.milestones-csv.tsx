// An action plan's milestones as CSV: every milestone of the plan's commitments the reader may see, grouped by
// commitment (the file the import reads back). UTF-8 with a byte-order mark, comma by default or semicolon with
// ?delimiter=semicolon, formula cells escaped.
import type { Route } from './+types/plan.milestones-csv';
import { NotFoundError } from '../domain/errors.server';
import { exportMilestonesCsv, milestoneCsvTarget } from '../domain/milestone-csv.server';
import { routeContext } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx } = await routeContext(request);
  const slug = params.slug;
  if (!slug || slug.length > 200) throw new Response('Not found', { status: 404, statusText: 'Not Found' });
  try {
    const target = await milestoneCsvTarget(ctx, { slug });
    const delimiter = new URL(request.url).searchParams.get('delimiter') === 'semicolon' ? ';' : ',';
    const csv = await exportMilestonesCsv(ctx, target.scope, { delimiter });
    // The slug is [a-z0-9-] (withFreeSlug); anything else is dropped from the file name.
    const name = target.key.replace(/[^a-z0-9-]/gi, '').slice(0, 80) || 'plan';
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="milestones-${name}-${new Date().toISOString().slice(0, 10)}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response('Not found', { status: 404, statusText: 'Not Found' });
    throw error;
  }
}
