import { Form, Link, data, redirect } from 'react-router';
import type { Route } from './+types/organization.offices';
import { requireUser } from '../auth/guards.server';
import { OfficeDeadlinesForm } from '../components/office-deadlines-form';
import { OfficeForm } from '../components/office-form';
import { OfficeTable } from '../components/office-table';
import { Alert, Button, Card, FormError, PageHeader, buttonClass } from '../components/ui';
import { ForbiddenError, NotFoundError } from '../domain/errors.server';
import { localized } from '../domain/localized';
import { AdministrationDeadlinesSchema, CreateOfficeSchema, UpdateOfficeSchema } from '../domain/office-schemas';
import {
  administrationForOffices,
  archiveOffice,
  createOffice,
  getManagedOffice,
  listOffices,
  restoreOffice,
  updateAdministrationDeadlines,
  updateOffice,
} from '../domain/offices.server';
import { attempt, formValues } from '../web/forms.server';
import type { FormErrors } from '../web/forms';
import { pageTitle, useT } from '../web/i18n';
import { dispatchIntent, parseForm, routeContext } from '../web/route.server';

export const meta: Route.MetaFunction = ({ matches, loaderData }) =>
  loaderData ? pageTitle(matches, 'offices.caption', { name: loaderData.administration.name }) : pageTitle(matches, 'offices.title');

/** Messages after a post redirected back (post/redirect/get): only these keys. */
const DONE = {
  created: 'offices.created',
  updated: 'offices.updated',
  archived: 'offices.archivedDone',
  restored: 'offices.restored',
  deadlines: 'offices.deadlines.saved',
} as const;

const PAGE_SIZE = 100;

/** The administration, for its administrators and platform administrators; 404 / 403 for anyone else. */
async function administrationOrThrow(ctx: Parameters<typeof administrationForOffices>[0], slug: string) {
  try {
    return await administrationForOffices(ctx, slug);
  } catch (error) {
    if (error instanceof NotFoundError) throw data(null, { status: 404 });
    if (error instanceof ForbiddenError) throw data(null, { status: 403 });
    throw error;
  }
}

async function officeOrNull(ctx: Parameters<typeof getManagedOffice>[0], administrationId: string, officeId: string | null) {
  if (!officeId) return null;
  try {
    return await getManagedOffice(ctx, { administrationId, officeId });
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request);
  const { auth, ctx } = await routeContext(request);
  const administration = await administrationOrThrow(ctx, params.slug);
  const url = new URL(request.url);
  const after = url.searchParams.get('after');
  const page = await attempt(() => listOffices(ctx, { administrationId: administration.id, includeArchived: true, first: PAGE_SIZE, after }));
  if (!page.ok) throw redirect(`/organizations/${administration.slug}/offices`);
  const [editing, archiving] = await Promise.all([
    officeOrNull(ctx, administration.id, url.searchParams.get('edit')),
    officeOrNull(ctx, administration.id, url.searchParams.get('archive')),
  ]);
  const doneParam = url.searchParams.get('done');
  const row = (o: (typeof page.value.items)[number]) => ({
    id: o.id,
    nameEn: o.nameEn,
    nameRu: o.nameRu,
    kind: o.kind,
    latitude: o.latitude,
    longitude: o.longitude,
    archivedAt: o.archivedAt?.toISOString() ?? null,
    issueCount: o.issueCount,
  });
  return {
    administration: {
      id: administration.id,
      slug: administration.slug,
      name: localized(administration, 'name', auth.locale, administration.name),
      acknowledgeWorkingDays: administration.acknowledgeWorkingDays,
      respondDays: administration.respondDays,
      canConfigureDeadlines: administration.canConfigureDeadlines,
    },
    offices: page.value.items.map(row),
    endCursor: page.value.hasNextPage ? page.value.endCursor : null,
    paged: !!after,
    editing: editing ? row(editing) : null,
    archiving: archiving && !archiving.archivedAt ? row(archiving) : null,
    done: doneParam && Object.hasOwn(DONE, doneParam) ? DONE[doneParam as keyof typeof DONE] : null,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  await requireUser(request);
  const { ctx } = await routeContext(request);
  const administration = await administrationOrThrow(ctx, params.slug);
  const formData = await request.formData();
  const back = (done: keyof typeof DONE) => redirect(`/organizations/${administration.slug}/offices?done=${done}`);
  const officeId = String(formData.get('officeId') ?? '');
  return dispatchIntent(formData, {
    create: async () => {
      const input = { ...parseForm(CreateOfficeSchema, formData), administrationId: administration.id };
      const result = await attempt(() => createOffice(ctx, input), { intent: 'create', values: formValues(formData) });
      return result.ok ? back('created') : result.response;
    },
    update: async () => {
      // Only this administration's offices are edited from its page.
      await officeOrThrow(ctx, administration.id, officeId);
      const result = await attempt(() => updateOffice(ctx, parseForm(UpdateOfficeSchema, formData)), { intent: 'update', values: formValues(formData) });
      return result.ok ? back('updated') : result.response;
    },
    archive: async () => {
      await officeOrThrow(ctx, administration.id, officeId);
      const result = await attempt(() => archiveOffice(ctx, { officeId }), { intent: 'archive' });
      return result.ok ? back('archived') : result.response;
    },
    restore: async () => {
      await officeOrThrow(ctx, administration.id, officeId);
      const result = await attempt(() => restoreOffice(ctx, { officeId }), { intent: 'restore' });
      return result.ok ? back('restored') : result.response;
    },
    deadlines: async () => {
      const input = { ...parseForm(AdministrationDeadlinesSchema, formData), organizationId: administration.id };
      const result = await attempt(() => updateAdministrationDeadlines(ctx, input), { intent: 'deadlines', values: formValues(formData) });
      return result.ok ? back('deadlines') : result.response;
    },
  });
}

async function officeOrThrow(ctx: Parameters<typeof getManagedOffice>[0], administrationId: string, officeId: string) {
  const office = await officeOrNull(ctx, administrationId, officeId || null);
  if (!office) throw data(null, { status: 404 });
  return office;
}

export default function OfficesPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { administration, offices, endCursor, paged, editing, archiving, done } = loaderData;
  const basePath = `/organizations/${administration.slug}/offices`;
  // What a failed post answered: its intent, its errors, and the values to show again.
  const result = (actionData ?? null) as { intent?: string; errors?: FormErrors; values?: Record<string, string> } | null;
  const intent = result?.intent ?? null;
  const errorsFor = (name: string) => (intent === name ? result?.errors : undefined);
  const posted = (name: string) => (intent === name && result?.values ? result.values : null);
  const officeName = (o: { nameEn: string; nameRu: string }) => (t.locale === 'ru' ? o.nameRu : o.nameEn);
  return (
    <div>
      <p className="mb-4">
        <Link to={`/organizations/${administration.slug}`} className="font-medium text-brand-700 underline underline-offset-2">
          {t('offices.back', { name: administration.name })}
        </Link>
      </p>
      <PageHeader title={t('offices.title')} lead={t('offices.lead', { name: administration.name })} />
      <div className="space-y-6">
        {done && done !== DONE.deadlines ? <Alert tone="success">{t(done)}</Alert> : null}
        {['archive', 'restore'].includes(intent ?? '') ? <FormError errors={errorsFor(intent!)} /> : null}
        {archiving ? (
          <div id="archive-confirm">
            <Card aria-labelledby="archive-confirm-heading" className="border-red-300">
              <h2 id="archive-confirm-heading" className="text-lg font-semibold text-red-900">
                {t('offices.archiveConfirm.title', { name: officeName(archiving) })}
              </h2>
              <p className="mt-2 text-sm text-slate-700">{t('offices.archiveConfirm.body', { count: archiving.issueCount })}</p>
              <Form method="post" className="mt-4 flex flex-wrap gap-3">
                <input type="hidden" name="intent" value="archive" />
                <input type="hidden" name="officeId" value={archiving.id} />
                <Button variant="danger">{t('offices.archiveConfirm.confirm')}</Button>
                <Link to={basePath} className={buttonClass('ghost')}>
                  {t('offices.cancel')}
                </Link>
              </Form>
            </Card>
          </div>
        ) : null}
        <section aria-labelledby="offices-heading">
          <h2 id="offices-heading" className="mb-3 text-lg font-semibold text-brand-900">
            {t('offices.list')}
          </h2>
          {offices.length === 0 ? (
            <p className="rounded-xl border border-slate-200 bg-white p-6 text-slate-700">{t('offices.empty')}</p>
          ) : (
            <OfficeTable offices={offices} caption={t('offices.caption', { name: administration.name })} basePath={basePath} />
          )}
          <div className="mt-3 flex flex-wrap gap-4">
            {paged ? (
              <Link to={basePath} className="font-semibold text-brand-700 underline underline-offset-2">
                {t('notifications.firstPage')}
              </Link>
            ) : null}
            {endCursor ? (
              <Link to={`${basePath}?after=${encodeURIComponent(endCursor)}`} className="font-semibold text-brand-700 underline underline-offset-2">
                {t('offices.more')}
              </Link>
            ) : null}
          </div>
        </section>
        <div className="grid gap-6 lg:grid-cols-2">
          {editing ? (
            <OfficeForm
              key={`edit-${editing.id}`}
              mode="update"
              officeId={editing.id}
              title={t('offices.editTitle', { name: officeName(editing) })}
              values={posted('update') ?? editing}
              errors={errorsFor('update')}
              cancelTo={basePath}
            />
          ) : (
            <OfficeForm key="create" mode="create" title={t('offices.add')} values={posted('create') ?? {}} errors={errorsFor('create')} />
          )}
          {administration.canConfigureDeadlines ? (
            <OfficeDeadlinesForm
              values={{
                acknowledgeWorkingDays: posted('deadlines')?.acknowledgeWorkingDays ?? administration.acknowledgeWorkingDays,
                respondDays: posted('deadlines')?.respondDays ?? administration.respondDays,
              }}
              errors={errorsFor('deadlines')}
              saved={done === DONE.deadlines}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}
