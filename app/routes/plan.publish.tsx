// Publishing an action plan: from then on everyone sees it, its commitments and their combined progress. It cannot be
// made a draft again, so the page says what follows and asks to confirm; it ends on the plan with a receipt.
import { Form, Link, data, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/plan.publish';
import { Period, planHref } from '../components/action-plan-table';
import { WhatFollows } from '../components/issue-act-page';
import { Alert, Button, Card, FormError, PageHeader, buttonClass } from '../components/ui';
import { publishActionPlan } from '../domain/commitments.server';
import { attempt } from '../web/forms.server';
import { metaT, pageTitleText, useT } from '../web/i18n';
import { managedPlan } from '../web/action-plan-page.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { plan } = await managedPlan(request, params.slug);
  return {
    plan: {
      slug: plan.slug,
      title: plan.title,
      status: plan.status,
      administration: plan.administration.name,
      periodStart: plan.periodStart,
      periodEnd: plan.periodEnd,
      commitmentCount: plan.commitmentCount,
      description: plan.description,
    },
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const { ctx, plan } = await managedPlan(request, params.slug);
  const formData = await request.formData();
  if (formData.get('confirm') !== 'yes') {
    return data(
      { errors: { fieldErrors: { confirm: ['actionPlanPages.publish.confirmRequired'] }, formError: { key: 'errors.validation' } } },
      { status: 400 },
    );
  }
  const result = await attempt(() => publishActionPlan(ctx, { actionPlanId: plan.id }));
  if (!result.ok) return result.response;
  return redirect(`${planHref(plan.slug)}?done=published`);
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('actionPlanPages.publish.title')}${loaderData ? `: ${loaderData.plan.title}` : ''}`);

export default function PublishPlan({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { plan } = loaderData;
  const errors = actionData?.errors;
  const confirmError = errors?.fieldErrors?.confirm;
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2 text-sm">
        <Link to={planHref(plan.slug)} className="font-medium text-brand-700 underline underline-offset-2">
          ← {t('actionPlanPages.backToPlan', { title: plan.title })}
        </Link>
      </p>
      <PageHeader title={t('actionPlanPages.publish.title')} lead={plan.title} />
      {plan.status !== 'DRAFT' ? (
        <Alert tone="info">
          <span data-testid="act-unavailable">{t('actionPlanPages.publish.already')}</span>{' '}
          <Link to={planHref(plan.slug)} className="font-semibold underline">
            {t('actionPlanPages.backToPlan', { title: plan.title })}
          </Link>
        </Alert>
      ) : (
        <div className="space-y-6">
          <Card aria-labelledby="plan-summary-heading">
            <h2 id="plan-summary-heading" className="mb-3 text-lg font-semibold text-brand-900">
              {t('actionPlanPages.publish.what')}
            </h2>
            <dl className="grid gap-3 text-sm sm:grid-cols-2">
              <div>
                <dt className="font-medium text-slate-600">{t('actionPlanPages.column.administration')}</dt>
                <dd className="text-slate-900">{plan.administration}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{t('actionPlanPages.column.period')}</dt>
                <dd className="text-slate-900">
                  <Period start={plan.periodStart} end={plan.periodEnd} />
                </dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{t('actionPlanPages.column.commitments')}</dt>
                <dd className="text-slate-900">{t.number(plan.commitmentCount)}</dd>
              </div>
            </dl>
            {plan.description ? <p className="mt-4 text-sm break-words whitespace-pre-line text-slate-800">{plan.description}</p> : null}
          </Card>
          <Card>
            <WhatFollows
              items={[
                t('actionPlanPages.publish.follows1'),
                t('actionPlanPages.publish.follows2'),
                t('actionPlanPages.publish.follows3'),
                t('milestonePages.follows.record'),
              ]}
            />
            <Form method="post" noValidate className="space-y-4">
              <FormError errors={errors} />
              <div>
                <label className="flex items-start gap-3 text-sm text-slate-900">
                  <input
                    type="checkbox"
                    name="confirm"
                    value="yes"
                    required
                    id={confirmError ? 'field-confirm' : undefined}
                    aria-invalid={confirmError ? true : undefined}
                    aria-describedby={confirmError ? 'confirm-error' : undefined}
                    className="mt-1 h-5 w-5"
                  />
                  <span>{t('actionPlanPages.publish.confirm', { title: plan.title })}</span>
                </label>
                {confirmError ? (
                  <p id="confirm-error" className="mt-1 text-sm font-medium text-red-800">
                    {t('actionPlanPages.publish.confirmRequired')}
                  </p>
                ) : null}
              </div>
              <div className="flex flex-wrap gap-3">
                <Button disabled={navigation.state === 'submitting'}>{t('actionPlanPages.publish.submit')}</Button>
                <Link to={planHref(plan.slug, 'edit')} className={buttonClass('secondary')}>
                  {t('actionPlanPages.edit.title')}
                </Link>
              </div>
            </Form>
          </Card>
        </div>
      )}
    </div>
  );
}
