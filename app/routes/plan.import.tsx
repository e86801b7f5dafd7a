// Importing milestone progress into an action plan's commitments from a CSV file: the upload page, for someone who may
// act for a party of at least one of them (rows of the others are row errors when they change anything). Sending the
// file stores it and starts the dry run in the background; the import's page (/imports/:id) shows progress, then the
// report.
import { redirect } from 'react-router';
import type { Route } from './+types/plan.import';
import { MilestoneImportUpload } from '../components/milestone-import-upload';
import { requireUser } from '../auth/guards.server';
import { NotFoundError, ValidationError } from '../domain/errors.server';
import { MAX_IMPORT_BYTES, milestoneCsvTarget, startMilestoneImport } from '../domain/milestone-csv.server';
import { attempt } from '../web/forms.server';
import { metaT, pageTitleText } from '../web/i18n';
import { routeContext } from '../web/route.server';
import { readEvidenceForm } from '../web/uploads.server';

async function target(request: Request, slug: string | undefined) {
  await requireUser(request);
  const { ctx } = await routeContext(request);
  if (!slug || slug.length > 200) throw new Response('Not found', { status: 404, statusText: 'Not Found' });
  try {
    const found = await milestoneCsvTarget(ctx, { slug });
    if (!found.canImport) throw new Response('Forbidden', { status: 403, statusText: 'Forbidden' });
    return { ctx, found };
  } catch (error) {
    if (error instanceof NotFoundError) throw new Response('Not found', { status: 404, statusText: 'Not Found' });
    throw error;
  }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  const { found } = await target(request, params.slug);
  return { target: { kind: found.kind, key: found.key, title: found.title }, maxMegabytes: MAX_IMPORT_BYTES / (1024 * 1024) };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx, found } = await target(request, params.slug);
  const upload = await readEvidenceForm(request);
  const result = await attempt(async () => {
    if (upload.error) throw upload.error;
    const file = upload.files[0];
    if (!file) throw ValidationError.field('files', { key: 'milestoneCsv.errors.noFile', params: {} });
    return startMilestoneImport(ctx, { scope: found.scope, csv: file.bytes, fileName: file.name });
  });
  if (!result.ok) return result.response;
  return redirect(`/imports/${encodeURIComponent(result.value.id)}`);
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('milestoneCsv.upload.title')}${loaderData ? `: ${loaderData.target.title}` : ''}`);

export default function PlanImport({ loaderData, actionData }: Route.ComponentProps) {
  return <MilestoneImportUpload target={loaderData.target} maxMegabytes={loaderData.maxMegabytes} errors={actionData?.errors} />;
}
