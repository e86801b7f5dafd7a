// The national integrity action plans: published ones for everyone, drafts for the administration's members and
// platform administrators. Filtered by country in the URL (?country=KZ), a page at a time; each row with the
// combined progress of the plan's commitments. Administrators of a customs administration create plans here.
import { Form, Link } from 'react-router';
import type { Route } from './+types/plans';
import { ActionPlanTable } from '../components/action-plan-table';
import { Button, Card, PageHeader, SelectField, buttonClass } from '../components/ui';
import { actionPlanCountries, listActionPlans } from '../domain/commitment-queries.server';
import { ValidationError } from '../domain/errors.server';
import { COUNTRY_CODES, countryName } from '../domain/countries';
import { pageTitle, useT } from '../web/i18n';
import { PLANS_PAGE_SIZE, managedAdministrations, planRow } from '../web/action-plan-page.server';
import { routeContext } from '../web/route.server';

export async function loader({ request }: Route.LoaderArgs) {
  const { auth, ctx } = await routeContext(request);
  const params = new URL(request.url).searchParams;
  const requested = params.get('country')?.trim().toUpperCase() ?? '';
  const country = COUNTRY_CODES.includes(requested) ? requested : '';
  const after = params.get('after');
  let page;
  try {
    page = await listActionPlans(ctx, { first: PLANS_PAGE_SIZE, after: after && after.length <= 512 ? after : null, countryCode: country || null });
  } catch (error) {
    // A cursor that does not parse (an old or edited link): the first page.
    if (!(error instanceof ValidationError)) throw error;
    page = await listActionPlans(ctx, { first: PLANS_PAGE_SIZE, countryCode: country || null });
  }
  // Only countries that have plans, named on the server: browsers and Node name some countries differently, and the
  // page must hydrate with the same text it was rendered with.
  const countries = (await actionPlanCountries(ctx))
    .map((c) => ({ value: c, label: countryName(c, auth.locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, auth.locale));
  const next = new URLSearchParams();
  if (country) next.set('country', country);
  if (page.endCursor) next.set('after', page.endCursor);
  return {
    country,
    countries,
    paged: !!after,
    canCreate: managedAdministrations(auth).length > 0,
    plans: page.items.map(planRow),
    next: page.hasNextPage && page.endCursor ? `/plans?${next.toString()}` : null,
  };
}

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'actionPlan.nounPlural');

export default function Plans({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { plans, canCreate, country, countries, next, paged } = loaderData;
  return (
    <div>
      <PageHeader
        title={t('actionPlan.nounPlural')}
        lead={t('actionPlanPages.list.lead')}
        actions={
          canCreate ? (
            <Link to="/plans/new" className={buttonClass('primary')} data-testid="create-plan">
              {t('actionPlanPages.create')}
            </Link>
          ) : undefined
        }
      />
      <Form
        method="get"
        className="mb-6 flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 sm:flex-row sm:flex-wrap sm:items-end"
        aria-label={t('actionPlanPages.filters')}
      >
        <SelectField
          name="country"
          label={t('actionPlanPages.column.country')}
          defaultValue={country}
          placeholder={t('actionPlanPages.anyCountry')}
          options={countries}
          className="sm:w-72"
        />
        <div className="flex items-end gap-4">
          <Button variant="secondary">{t('actionPlanPages.filter')}</Button>
          {country ? (
            <Link to="/plans" className="min-h-11 content-center text-sm font-semibold text-brand-700 underline">
              {t('actionPlanPages.clear')}
            </Link>
          ) : null}
        </div>
      </Form>
      {plans.length === 0 ? (
        <Card>
          <p data-testid="plans-empty">{country ? t('actionPlanPages.list.noMatch') : t('actionPlanPages.list.empty')}</p>
        </Card>
      ) : (
        <ActionPlanTable rows={plans} caption={t('actionPlanPages.list.caption')} />
      )}
      {next || paged ? (
        <nav aria-label={t('actionPlanPages.pages')} className="mt-4 flex gap-4 text-sm">
          {paged ? (
            <Link to={country ? `/plans?country=${country}` : '/plans'} className="font-semibold text-brand-700 underline">
              {t('actionPlanPages.firstPage')}
            </Link>
          ) : null}
          {next ? (
            <Link to={next} className="font-semibold text-brand-700 underline">
              {t('actionPlanPages.nextPage')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
