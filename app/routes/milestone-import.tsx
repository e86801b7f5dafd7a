// One milestone progress import (/imports/:id), seen only by the person who uploaded it (anyone else: 404): progress
// while its rows are checked, the dry run's report, the apply step (confirmed, one transaction, audited) and the
// receipt. A failed apply leaves everything as it was and the page says why.
import { redirect } from 'react-router';
import type { Route } from './+types/milestone-import';
import { type ImportPageData, type ImportPageRow, MilestoneImportReport } from '../components/milestone-import-report';
import { requireUser } from '../auth/guards.server';
import { NotFoundError, ValidationError } from '../domain/errors.server';
import { type ImportRow, applyMilestoneImport, getMilestoneImport } from '../domain/milestone-csv.server';
import { attempt } from '../web/forms.server';
import { metaT, pageTitleText } from '../web/i18n';
import { dispatchIntent, routeContext } from '../web/route.server';

/** Rows shown per table at most; the summary counts them all. */
const SHOWN_ROWS = 500;

async function importFromRequest(request: Request, id: string | undefined) {
  await requireUser(request);
  const { ctx } = await routeContext(request);
  try {
    return { ctx, view: await getMilestoneImport(ctx, id ?? '') };
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response('Not found', { status: 404, statusText: 'Not Found' });
    throw error;
  }
}

const pageRow = (row: ImportRow): ImportPageRow => ({
  line: row.line,
  milestoneId: row.milestoneId,
  commitmentReference: row.commitmentReference,
  milestoneTitle: row.milestoneTitle,
  errors: row.errors,
  changes: row.changes,
});

export async function loader({ request, params }: Route.LoaderArgs) {
  const { view } = await importFromRequest(request, params.id);
  const report = view.report;
  const data: ImportPageData = {
    id: view.id,
    status: view.status,
    fileName: view.fileName,
    totalRows: view.totalRows,
    processedRows: view.processedRows,
    error: view.error,
    createdAt: view.createdAt.toISOString(),
    checkedAt: view.checkedAt?.toISOString() ?? null,
    appliedAt: view.appliedAt?.toISOString() ?? null,
    target:
      view.subject.kind === 'commitment'
        ? { kind: 'commitment', key: view.subject.reference, title: view.subject.title }
        : { kind: 'plan', key: view.subject.slug, title: view.subject.title },
    report: report
      ? {
          delimiter: report.delimiter,
          fileErrors: report.fileErrors,
          summary: report.summary,
          errorRows: report.rows
            .filter((r) => r.errors.length)
            .slice(0, SHOWN_ROWS)
            .map(pageRow),
          changeRows: report.rows
            .filter((r) => !r.errors.length && r.changes.length)
            .slice(0, SHOWN_ROWS)
            .map(pageRow),
          applied: report.applied ?? null,
          failure: report.failure ?? null,
        }
      : null,
  };
  return { data };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx, view } = await importFromRequest(request, params.id);
  const formData = await request.formData();
  return dispatchIntent(formData, {
    apply: async () => {
      const result = await attempt(async () => {
        if (formData.get('confirm') !== 'yes') throw ValidationError.field('confirm', 'milestoneCsv.errors.confirmRequired');
        return applyMilestoneImport(ctx, view.id);
      });
      if (!result.ok) return result.response;
      return redirect(`/imports/${encodeURIComponent(view.id)}`);
    },
  });
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(
    matches,
    loaderData ? metaT(matches)('milestoneCsv.report.title', { fileName: loaderData.data.fileName }) : metaT(matches)('milestoneCsv.upload.title'),
  );

export default function MilestoneImportPage({ loaderData, actionData }: Route.ComponentProps) {
  return <MilestoneImportReport data={loaderData.data} errors={actionData && 'errors' in actionData ? actionData.errors : undefined} />;
}
