// Publishing a new version, in two steps without JavaScript: the form, then a preview of exactly what will follow
// (the changes word by word, and what re-signing will ask of the organisations that signed), then publish.
import { Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/pledge.version';
import { requireUser } from '../auth/guards.server';
import { PledgeDiff } from '../components/pledge-diff';
import { PledgeTextFields } from '../components/pledge-form';
import { pledgeMeta } from '../components/pledge-meta';
import { Alert, Button, Card, FormError, PageHeader, TextAreaField, buttonClass } from '../components/ui';
import { parseInput } from '../domain/errors.server';
import { CURRENT_SIGNATURE } from '../domain/pledge-queries.server';
import { PublishPledgeVersionSchema } from '../domain/pledge-schemas';
import { publishPledgeVersion } from '../domain/pledges.server';
import { attempt, formValues } from '../web/forms.server';
import { useT } from '../web/i18n';
import { managedPledge, pledgeFromRequest, pledgeSource, textDiff } from '../web/pledges.server';
import { dispatchIntent, parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request);
  const { pledge } = await managedPledge(request, params.slug);
  return { pledge: { ...pledgeSource(pledge), current: pledge.currentVersion, next: pledge.currentVersion + 1 } };
}

export async function action({ request, params }: Route.ActionArgs) {
  await requireUser(request);
  const { ctx, pledge } = await pledgeFromRequest(request, params.slug);
  const formData = await request.formData();
  const input = () => ({ ...parseForm(PublishPledgeVersionSchema, formData), pledgeId: pledge.id });
  const values = { ...formValues(formData), factors: formData.getAll('factors').map(String) };
  return dispatchIntent(formData, {
    edit: async () => ({ stage: 'edit' as const, values, errors: undefined, preview: undefined }),
    preview: async () => {
      // The same validation as publishing, but nothing is written: the preview shows what publishing would do.
      const result = await attempt(async () => parseInput(PublishPledgeVersionSchema, input()), { stage: 'edit', values });
      if (!result.ok) return result.response;
      const [current, toResign] = await Promise.all([
        ctx.db.pledgeVersion.findUnique({
          where: { pledgeId_number: { pledgeId: pledge.id, number: pledge.currentVersion } },
          select: { body: true, title: true },
        }),
        ctx.db.pledgeSignature.count({ where: { pledgeId: pledge.id, ...CURRENT_SIGNATURE } }),
      ]);
      const data = result.value;
      return {
        stage: 'preview' as const,
        values,
        errors: undefined,
        preview: {
          toResign,
          titleChanged: current ? current.title !== data.title : true,
          diff: textDiff(current?.body ?? '', data.body),
        },
      };
    },
    publish: async () => {
      const result = await attempt(() => publishPledgeVersion(ctx, input()), { stage: 'edit', values });
      if (!result.ok) return result.response;
      return redirect(`/pledges/${pledge.slug}?done=versionPublished`);
    },
  });
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) => pledgeMeta(matches, (t) => `${t('pledge.newVersion')}: ${loaderData?.pledge.title ?? ''}`);

export default function NewVersion({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { pledge } = loaderData;
  const busy = navigation.state === 'submitting';
  const errors = actionData && 'errors' in actionData ? actionData.errors : undefined;
  const values = ((actionData && 'values' in actionData ? actionData.values : undefined) ?? {
    title: pledge.title,
    body: pledge.body,
    factors: pledge.factors,
  }) as Record<string, never> & {
    title?: string;
    body?: string;
    factors?: string[];
    changeNote?: string;
  };
  const preview = actionData && 'preview' in actionData && actionData.stage === 'preview' ? actionData.preview : undefined;
  if (pledge.status !== 'PUBLISHED') {
    return (
      <div className="mx-auto max-w-3xl">
        <PageHeader title={t('pledge.newVersion')} lead={pledge.title} />
        <Alert tone="info">{t(pledge.status === 'DRAFT' ? 'errors.pledgeNotPublished' : 'errors.pledgeClosed')}</Alert>
      </div>
    );
  }
  if (preview) {
    return (
      <div className="mx-auto max-w-3xl">
        <PageHeader title={t('pledgeVersion.previewTitle', { number: pledge.next })} lead={values.title} />
        <div className="space-y-6">
          <Card>
            <h2 className="text-lg font-semibold text-brand-900">{t('pledgeConfirm.whatFollows')}</h2>
            <ul className="mt-2 list-disc space-y-1 pl-6 text-sm text-slate-800" data-testid="version-consequences">
              <li>{t('pledgeVersion.follows1', { number: pledge.next })}</li>
              <li>{t('pledgeVersion.follows2', { count: preview.toResign, number: pledge.next, current: pledge.current })}</li>
              <li>{t('pledgeVersion.follows3')}</li>
              {preview.titleChanged ? <li>{t('pledgeVersion.titleChanged', { title: values.title ?? '' })}</li> : null}
            </ul>
            {values.changeNote ? (
              <p className="mt-4 text-sm text-slate-800">
                <span className="font-medium">{t('pledge.field.changeNote')}: </span>
                {values.changeNote}
              </p>
            ) : null}
          </Card>
          <Card aria-labelledby="changes-heading">
            <h2 id="changes-heading" className="mb-3 text-lg font-semibold text-brand-900">
              {t('pledgeVersion.changesHeading')}
            </h2>
            <PledgeDiff parts={preview.diff} from={pledge.current} to={pledge.next} />
          </Card>
          <Form method="post" className="flex flex-wrap gap-3">
            <input type="hidden" name="title" value={values.title ?? ''} />
            <input type="hidden" name="body" value={values.body ?? ''} />
            {(values.factors ?? []).map((f) => (
              <input key={f} type="hidden" name="factors" value={f} />
            ))}
            <input type="hidden" name="changeNote" value={values.changeNote ?? ''} />
            <Button name="intent" value="publish" disabled={busy}>
              {t('pledge.newVersion.submit', { number: pledge.next })}
            </Button>
            <Button name="intent" value="edit" variant="secondary" disabled={busy}>
              {t('pledgeVersion.backToEdit')}
            </Button>
          </Form>
        </div>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={t('pledge.newVersion')}
        lead={t('pledge.newVersion.lead')}
        actions={
          <Link to={`/pledges/${pledge.slug}`} className={buttonClass('secondary')}>
            {t('register.back')}
          </Link>
        }
      />
      <Card>
        <Form method="post" noValidate className="space-y-6">
          <FormError errors={errors} />
          <PledgeTextFields values={values} errors={errors} />
          <TextAreaField name="changeNote" label={t('pledge.field.changeNote')} rows={2} defaultValue={values.changeNote} errors={errors} />
          <Button name="intent" value="preview" disabled={busy}>
            {t('pledgeVersion.preview')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
