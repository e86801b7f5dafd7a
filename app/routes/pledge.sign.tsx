// Signing is its own step: for one organisation of the viewer, the exact text of the version being signed, what
// changed since the version the organisation signed, the sentence to type, an optional public statement. It ends on
// the signature's receipt.
import { Form, Link, redirect, useNavigation } from 'react-router';
import type { Route } from './+types/pledge.sign';
import { requireUser } from '../auth/guards.server';
import { PledgeBody } from '../components/pledge-body';
import { PledgeDiff } from '../components/pledge-diff';
import { pledgeMeta } from '../components/pledge-meta';
import { Alert, Button, Card, FormError, PageHeader, TextAreaField, TextField, buttonClass } from '../components/ui';
import { localized } from '../domain/localized';
import { renderMarkdown } from '../domain/markdown.server';
import { SignPledgeSchema } from '../domain/pledge-schemas';
import { signPledge } from '../domain/pledges.server';
import { attempt, formValues } from '../web/forms.server';
import { useT } from '../web/i18n';
import { confirmationPhrase, notFound, pledgeFromRequest, pledgeView, signingPanels, textDiff } from '../web/pledges.server';
import { parseForm } from '../web/route.server';

/** Compare two versions in the reader's language only when both are translated; otherwise in the original. */
function versionTexts(older: { body: string; translations: unknown }, newer: { body: string; translations: unknown }, locale: 'en' | 'ru') {
  const both = localized(older, 'body', locale, null) !== null && localized(newer, 'body', locale, null) !== null;
  return both ? [localized(older, 'body', locale, older.body), localized(newer, 'body', locale, newer.body)] : [older.body, newer.body];
}

export async function loader({ request, params }: Route.LoaderArgs) {
  await requireUser(request);
  const { auth, ctx, pledge } = await pledgeFromRequest(request, params.slug);
  if (pledge.status === 'DRAFT') throw notFound();
  const panels = await signingPanels(ctx, auth, pledge);
  const wanted = new URL(request.url).searchParams.get('organization');
  const eligible = panels.filter((p) => p.eligibility.ok);
  const chosen = panels.find((p) => p.organization.id === wanted) ?? (eligible.length === 1 && !wanted ? eligible[0] : null);
  const version = await ctx.db.pledgeVersion.findUnique({ where: { pledgeId_number: { pledgeId: pledge.id, number: pledge.currentVersion } } });
  if (!version) throw notFound();
  let diff = null;
  if (chosen?.eligibility.ok && chosen.entry && chosen.entry.version !== version.number) {
    const signed = await ctx.db.pledgeVersion.findUnique({ where: { pledgeId_number: { pledgeId: pledge.id, number: chosen.entry.version } } });
    if (signed) {
      const [before, after] = versionTexts(signed, version, auth.locale);
      diff = { from: signed.number, to: version.number, parts: textDiff(before, after) };
    }
  }
  // The phrase names the organisation as this page does (its Russian name on the Russian page); the command accepts it.
  const organization = chosen ? (auth.user?.memberships.find((m) => m.organizationId === chosen.organization.id)?.organization ?? null) : null;
  return {
    pledge: pledgeView(pledge, auth.locale),
    version: {
      number: version.number,
      title: localized(version, 'title', auth.locale, version.title),
      bodyHtml: renderMarkdown(localized(version, 'body', auth.locale, version.body)),
      publishedAt: version.publishedAt.toISOString(),
    },
    panels: panels.map((p) => ({ id: p.organization.id, name: p.organization.name, ok: p.eligibility.ok })),
    chosen,
    phrase: organization ? confirmationPhrase(organization, auth.locale) : null,
    diff,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  await requireUser(request);
  const { ctx, pledge } = await pledgeFromRequest(request, params.slug);
  const formData = await request.formData();
  const result = await attempt(() => signPledge(ctx, { ...parseForm(SignPledgeSchema, formData), pledgeId: pledge.id }), { values: formValues(formData) });
  if (!result.ok) return result.response;
  return redirect(`/pledges/${pledge.slug}/signatures/${result.value.id}?done=signed`);
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pledgeMeta(matches, (t) =>
    loaderData?.chosen
      ? t('pledgeSign.pageTitle', { organization: loaderData.chosen.organization.name, title: loaderData.pledge.title })
      : t('pledgeSign.chooseTitle', { title: loaderData?.pledge.title ?? '' }),
  );

export default function SignPledge({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { pledge, version, panels, chosen, phrase, diff } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const back = (
    <Link to={`/pledges/${pledge.slug}`} className={buttonClass('secondary')}>
      {t('register.back')}
    </Link>
  );
  if (!chosen) {
    return (
      <div className="mx-auto max-w-3xl">
        <PageHeader title={t('pledgeSign.chooseHeading')} lead={pledge.title} actions={back} />
        <Card>
          {panels.length === 0 ? (
            <p className="text-sm text-slate-700">{t('pledge.sign.noOrganization')}</p>
          ) : (
            <ul className="space-y-3">
              {panels.map((p) => (
                <li key={p.id}>
                  <Link to={`?organization=${encodeURIComponent(p.id)}`} className="font-semibold text-brand-700 underline">
                    {t('pledge.sign.title', { organization: p.name })}
                  </Link>
                  {p.ok ? null : <span className="text-sm text-slate-600"> · {t('pledgeSign.cannot')}</span>}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    );
  }
  const eligibility = chosen.eligibility;
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader
        title={t('pledge.sign.title', { organization: chosen.organization.name })}
        lead={t('pledgeSign.lead', { title: pledge.title, number: version.number })}
        actions={back}
      />
      {!eligibility.ok ? (
        <Alert tone="info">
          <span data-testid="cannot-sign">
            {eligibility.reason === 'errors.forbidden'
              ? t('pledge.sign.notAllowedRole', { organization: chosen.organization.name, role: t(`role.${chosen.role}`) })
              : t(eligibility.reason, eligibility.params)}
          </span>
        </Alert>
      ) : (
        <div className="space-y-6">
          <ol className="grid gap-2 text-sm text-slate-700 sm:grid-cols-3" aria-label={t('pledgeSign.steps')}>
            <li className="rounded-lg bg-brand-50 px-3 py-2 font-medium text-brand-900">1. {t('pledgeSign.stepRead')}</li>
            <li className="rounded-lg bg-brand-50 px-3 py-2 font-medium text-brand-900">2. {t('pledgeSign.stepConfirm')}</li>
            <li className="rounded-lg bg-slate-100 px-3 py-2">3. {t('pledgeSign.stepReceipt')}</li>
          </ol>
          {diff ? (
            <Card aria-labelledby="changes-heading">
              <h2 id="changes-heading" className="mb-3 text-lg font-semibold text-brand-900">
                {t('pledgeSign.changesHeading', { from: diff.from, to: diff.to })}
              </h2>
              <PledgeDiff parts={diff.parts} from={diff.from} to={diff.to} />
            </Card>
          ) : null}
          <Card aria-labelledby="text-heading">
            <h2 id="text-heading" className="text-lg font-semibold text-brand-900">
              {t('pledgeSign.textHeading', { number: version.number })}
            </h2>
            <p className="mb-2 text-sm text-slate-600">
              {version.title} · {t('pledge.meta.publishedOn', { date: t.date(version.publishedAt) })}
            </p>
            <PledgeBody html={version.bodyHtml} />
          </Card>
          <Card aria-labelledby="confirm-heading">
            <h2 id="confirm-heading" className="mb-3 text-lg font-semibold text-brand-900">
              {t('pledgeSign.confirmHeading')}
            </h2>
            <Form method="post" noValidate className="space-y-4">
              <input type="hidden" name="organizationId" value={chosen.organization.id} />
              {/* The version shown above: if another is published before this is sent, nothing is signed. */}
              <input type="hidden" name="versionNumber" value={version.number} />
              <FormError errors={errors} />
              <TextAreaField
                name="statement"
                label={t('pledge.sign.statement')}
                hint={t('pledge.sign.statementHint')}
                rows={3}
                defaultValue={values.statement}
                errors={errors}
              />
              <TextField
                name="confirmation"
                label={t('pledge.sign.confirmation', { phrase: phrase ?? '' })}
                autoComplete="off"
                defaultValue={values.confirmation}
                errors={errors}
                required
              />
              <p className="text-sm text-slate-700">{t('pledgeSign.whatFollows')}</p>
              <Button disabled={navigation.state === 'submitting'}>
                {eligibility.resign ? t('pledge.sign.resignSubmit', { number: version.number }) : t('pledge.sign.submit')}
              </Button>
            </Form>
          </Card>
        </div>
      )}
    </div>
  );
}
