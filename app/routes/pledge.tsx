import { Form, Link, useNavigation } from 'react-router';
import type { Route } from './+types/pledge';
import { requireUser } from '../auth/guards.server';
import { getRequestAuth, requestMeta } from '../auth/session.server';
import { PledgeTermsFields, PledgeTextFields, pledgeTermsFromForm, pledgeTextFromForm } from '../components/pledge-form';
import { Alert, Badge, Button, Card, FormError, PageHeader, TextAreaField, TextField, buttonClass, SignatureStatusBadge } from '../components/ui';
import { renderMarkdown } from '../domain/markdown.server';
import { pledgeTimeline } from '../domain/pledge-register.server';
import { audienceAdmits, confirmationPhrases, renewalDue, signatureStatus } from '../domain/pledge-rules';
import { canSeePledge, closePledge, publishPledge, renewPledgeSignature, signPledge, updatePledgeDraft, withdrawPledgeSignature } from '../domain/pledges.server';
import { can } from '../domain/policy.server';
import { services } from '../services.server';
import type { FormErrors } from '../web/forms';
import { attempt, formValues } from '../web/forms.server';
import { useT } from '../web/i18n';
import { findPledgeBySlug } from '../web/pledges.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const auth = await getRequestAuth(request);
  const pledge = await findPledgeBySlug(params.slug);
  const canManage = can(auth.actor, 'pledge.manage', { organizationId: pledge.ownerOrganizationId ?? undefined });
  if (!canSeePledge(auth.actor, pledge)) throw new Response('Not found', { status: 404 });
  const { db } = services();
  const now = new Date();
  const [versions, timeline] = await Promise.all([
    db.pledgeVersion.findMany({ where: { pledgeId: pledge.id }, orderBy: { number: 'desc' } }),
    pledgeTimeline(db, pledge.id),
  ]);
  // One panel per organisation of the viewer: sign, re-sign, or manage the current signature.
  const memberships = auth.user?.memberships ?? [];
  const current = memberships.length
    ? await db.pledgeSignature.findMany({
        where: { pledgeId: pledge.id, organizationId: { in: memberships.map((m) => m.organizationId) }, supersededAt: null },
        include: { version: { select: { number: true } } },
        orderBy: { signedAt: 'desc' },
      })
    : [];
  const panels = memberships.map((m) => {
    const signature = current.find((s) => s.organizationId === m.organizationId && !s.withdrawnAt) ?? null;
    const withdrawn = current.find((s) => s.organizationId === m.organizationId && s.withdrawnAt) ?? null;
    return {
      organization: { id: m.organization.id, name: m.organization.name, kind: m.organization.kind },
      role: m.role,
      mayAct: can(auth.actor, 'pledge.sign', { organizationId: m.organizationId }),
      eligible: audienceAdmits(pledge.audience, m.organization.kind),
      phrase: confirmationPhrases(m.organization.name)[auth.locale],
      signature: signature
        ? {
            id: signature.id,
            version: signature.version.number,
            signedAt: signature.signedAt.toISOString(),
            status: signatureStatus(signature, pledge.renewalMonths, now),
            dueAt: renewalDue(signature.lastRenewedAt, pledge.renewalMonths)?.toISOString() ?? null,
          }
        : null,
      withdrawnAt: !signature && withdrawn ? withdrawn.withdrawnAt!.toISOString() : null,
    };
  });
  return {
    signedIn: !!auth.user,
    canManage,
    pledge: {
      id: pledge.id,
      slug: pledge.slug,
      title: pledge.title,
      body: pledge.body,
      bodyHtml: renderMarkdown(pledge.body),
      factors: pledge.factors,
      audience: pledge.audience,
      renewalMonths: pledge.renewalMonths,
      status: pledge.status,
      currentVersion: pledge.currentVersion,
      publishedAt: pledge.publishedAt?.toISOString() ?? null,
      owner: pledge.ownerOrganization ? { name: pledge.ownerOrganization.name, slug: pledge.ownerOrganization.slug } : null,
    },
    versions: versions.map((v) => ({ number: v.number, publishedAt: v.publishedAt.toISOString(), changeNote: v.changeNote })),
    timeline,
    panels,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  const auth = await requireUser(request);
  const pledge = await findPledgeBySlug(params.slug);
  const ctx = { db: services().db, actor: auth.actor, meta: requestMeta(request) };
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const target = String(formData.get('organizationId') ?? formData.get('signatureId') ?? '');
  const commands: Record<string, () => Promise<unknown>> = {
    saveDraft: () => updatePledgeDraft(ctx, pledge.id, { ...pledgeTextFromForm(formData), ...pledgeTermsFromForm(formData) }),
    publish: () => publishPledge(ctx, { pledgeId: pledge.id }),
    close: () => closePledge(ctx, { pledgeId: pledge.id }),
    sign: () =>
      signPledge(ctx, {
        pledgeId: pledge.id,
        organizationId: formData.get('organizationId'),
        statement: formData.get('statement') ?? undefined,
        confirmation: formData.get('confirmation') ?? '',
      }),
    withdraw: () => withdrawPledgeSignature(ctx, { signatureId: formData.get('signatureId'), reason: formData.get('reason') ?? '' }),
    renew: () =>
      renewPledgeSignature(ctx, {
        signatureId: formData.get('signatureId'),
        report: formData.get('report') ?? '',
        links: String(formData.get('links') ?? '')
          .split(/\s+/)
          .map((l) => l.trim())
          .filter(Boolean),
      }),
  };
  if (!(intent in commands)) throw new Response('Bad request', { status: 400 });
  const result = await attempt(commands[intent], { intent, target, values: { ...formValues(formData), factors: formData.getAll('factors') } });
  if (!result.ok) return result.response;
  return { intent, target, errors: undefined as FormErrors | undefined, values: undefined };
}

const doneMessages: Record<string, string> = {
  saveDraft: 'pledge.draftSaved',
  publish: 'pledge.published',
  sign: 'pledge.sign.done',
  withdraw: 'pledge.withdraw.done',
  renew: 'pledge.renew.done',
};

type Panel = Route.ComponentProps['loaderData']['panels'][number];
type ActionResult = Route.ComponentProps['actionData'];

function SignPanel({ panel, pledge, actionData }: { panel: Panel; pledge: Route.ComponentProps['loaderData']['pledge']; actionData: ActionResult }) {
  const t = useT();
  const navigation = useNavigation();
  const org = panel.organization;
  const mine = (intent: string, target: string) => actionData?.intent === intent && actionData?.target === target;
  const errorsFor = (intent: string, target: string) => (mine(intent, target) ? actionData?.errors : undefined);
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const busy = navigation.state === 'submitting';

  if (!panel.eligible) {
    return <p className="text-sm text-slate-700">{t('pledge.sign.notAllowedKind', { organization: org.name, audience: t(`audience.${pledge.audience}`) })}</p>;
  }
  if (!panel.mayAct) {
    return (
      <p className="text-sm text-slate-700" data-testid="cannot-sign">
        {t('pledge.sign.notAllowedRole', { organization: org.name, role: t(`role.${panel.role}`) })}
      </p>
    );
  }
  const sig = panel.signature;
  const signForm = (resign: boolean) => {
    const errors = errorsFor('sign', org.id);
    return (
      <Form method="post" noValidate className="space-y-4">
        <input type="hidden" name="intent" value="sign" />
        <input type="hidden" name="organizationId" value={org.id} />
        <FormError errors={errors} />
        <TextAreaField name="statement" label={t('pledge.sign.statement')} hint={t('pledge.sign.statementHint')} rows={3} defaultValue={mine('sign', org.id) ? values.statement : undefined} errors={errors} />
        <TextField name="confirmation" label={t('pledge.sign.confirmation', { phrase: panel.phrase })} autoComplete="off" defaultValue={mine('sign', org.id) ? values.confirmation : undefined} errors={errors} required />
        <Button disabled={busy}>{resign ? t('pledge.sign.resignSubmit', { number: pledge.currentVersion }) : t('pledge.sign.submit')}</Button>
      </Form>
    );
  };
  if (!sig) {
    if (pledge.status !== 'PUBLISHED') return null;
    return (
      <div>
        {panel.withdrawnAt ? <p className="mb-3 text-sm text-slate-700">{t('pledge.withdrawnNote', { organization: org.name, date: t.date(panel.withdrawnAt) })}</p> : null}
        {signForm(false)}
      </div>
    );
  }
  const withdrawErrors = errorsFor('withdraw', sig.id);
  const renewErrors = errorsFor('renew', sig.id);
  return (
    <div className="space-y-5">
      <p className="text-sm text-slate-800">
        <SignatureStatusBadge status={sig.status} />{' '}
        {t('pledge.yours.status', { status: t(`signatureStatus.${sig.status}`), date: t.date(sig.signedAt), version: sig.version })}{' '}
        {sig.status === 'LAPSED' ? t('pledge.yours.lapsed') : sig.dueAt ? t('pledge.yours.due', { date: t.date(sig.dueAt) }) : null}
      </p>
      {pledge.status === 'PUBLISHED' && sig.version < pledge.currentVersion ? (
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <p className="mb-3 text-sm text-amber-950">{t('pledge.sign.resign', { number: pledge.currentVersion, signed: sig.version })}</p>
          {signForm(true)}
        </div>
      ) : null}
      {pledge.status === 'PUBLISHED' ? (
        <details className="rounded-lg border border-slate-200 p-4" open={mine('renew', sig.id) && !!renewErrors}>
          <summary className="cursor-pointer font-semibold text-brand-800">{t('pledge.renew.title')}</summary>
          <Form method="post" noValidate className="mt-4 space-y-4">
            <input type="hidden" name="intent" value="renew" />
            <input type="hidden" name="signatureId" value={sig.id} />
            <FormError errors={renewErrors} />
            <TextAreaField name="report" label={t('pledge.renew.report')} rows={4} defaultValue={mine('renew', sig.id) ? values.report : undefined} errors={renewErrors} required />
            <TextAreaField name="links" label={t('pledge.renew.links')} rows={2} defaultValue={mine('renew', sig.id) ? values.links : undefined} errors={renewErrors} />
            <Button disabled={busy}>{t('pledge.renew.submit')}</Button>
          </Form>
        </details>
      ) : null}
      <details className="rounded-lg border border-red-200 p-4" open={mine('withdraw', sig.id) && !!withdrawErrors}>
        <summary className="cursor-pointer font-semibold text-red-800">{t('pledge.withdraw.title')}</summary>
        <Form method="post" noValidate className="mt-4 space-y-4">
          <input type="hidden" name="intent" value="withdraw" />
          <input type="hidden" name="signatureId" value={sig.id} />
          <FormError errors={withdrawErrors} />
          <TextAreaField name="reason" label={t('pledge.withdraw.reason')} rows={3} defaultValue={mine('withdraw', sig.id) ? values.reason : undefined} errors={withdrawErrors} required />
          <Button variant="danger" disabled={busy}>
            {t('pledge.withdraw.submit')}
          </Button>
        </Form>
      </details>
    </div>
  );
}

function TimelineEntry({ item }: { item: Route.ComponentProps['loaderData']['timeline'][number] }) {
  const t = useT();
  const text =
    item.type === 'version'
      ? t('pledge.timeline.version', { number: item.number })
      : item.type === 'signed' || item.type === 'resigned'
        ? t(`pledge.timeline.${item.type}`, { organization: item.organization, version: item.version })
        : item.type === 'withdrawn'
          ? t('pledge.timeline.withdrawn', { organization: item.organization })
          : item.type === 'report'
            ? t('pledge.timeline.report', { organization: item.organization })
            : t('pledge.timeline.closed');
  const detail = item.type === 'version' ? item.changeNote : item.type === 'withdrawn' ? item.reason : item.type === 'report' ? item.body : item.type === 'signed' || item.type === 'resigned' ? item.statement : null;
  return (
    <li className="relative border-l-2 border-brand-100 py-2 pl-4">
      <time dateTime={item.at} className="block text-xs text-slate-600">
        {t.date(item.at)}
      </time>
      <span className="text-sm font-medium text-slate-900">{text}</span>
      {detail ? <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{detail}</p> : null}
      {item.type === 'report' && item.links.length ? (
        <ul className="mt-1 text-sm">
          {item.links.map((link) => (
            <li key={link}>
              <a href={link} rel="nofollow noopener noreferrer" className="break-all text-brand-700 underline">
                {link}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

export default function PledgePage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const { pledge, versions, timeline, panels, canManage, signedIn } = loaderData;
  const intent = typeof actionData?.intent === 'string' ? actionData.intent : '';
  // Shown once the page's data has reloaded, so the message never sits beside the form it replaces.
  const done = navigation.state === 'idle' && actionData && !actionData.errors && doneMessages[intent] ? doneMessages[intent] : null;
  const draftErrors = actionData?.intent === 'saveDraft' || actionData?.intent === 'publish' || actionData?.intent === 'close' ? actionData.errors : undefined;
  const draftValues = actionData?.intent === 'saveDraft' && actionData.values ? (actionData.values as Record<string, never>) : undefined;
  return (
    <div>
      <PageHeader
        title={pledge.title}
        lead={pledge.publishedAt ? `${t('pledge.meta.publishedOn', { date: t.date(pledge.publishedAt) })} · ${t('pledges.version', { number: pledge.currentVersion })}` : t('pledgeStatus.DRAFT')}
        actions={
          pledge.status !== 'DRAFT' ? (
            <Link to={`/pledges/${pledge.slug}/register`} className={buttonClass('primary')}>
              {t('pledges.openRegister')}
            </Link>
          ) : undefined
        }
      />
      <div className="mb-6 space-y-3">
        {done ? <Alert tone="success">{t(done)}</Alert> : null}
        <FormError errors={draftErrors} />
        {pledge.status === 'CLOSED' ? <Alert tone="info">{t('pledge.closed')}</Alert> : null}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <div data-testid="pledge-body" className="prose-pledge max-w-none text-slate-900 [&_a]:text-brand-700 [&_a]:underline [&_blockquote]:border-l-4 [&_blockquote]:border-brand-200 [&_blockquote]:pl-4 [&_blockquote]:italic [&_h2]:mt-6 [&_h2]:text-xl [&_h2]:font-semibold [&_h3]:mt-4 [&_h3]:font-semibold [&_li]:mt-1 [&_ol]:list-decimal [&_ol]:pl-6 [&_p]:mt-3 [&_ul]:list-disc [&_ul]:pl-6" dangerouslySetInnerHTML={{ __html: pledge.bodyHtml }} />
          </Card>
          {pledge.status === 'DRAFT' && canManage ? (
            <Card aria-labelledby="draft-heading">
              <h2 id="draft-heading" className="mb-4 text-lg font-semibold text-brand-900">
                {t('pledge.saveDraft')}
              </h2>
              <Form method="post" noValidate className="space-y-6">
                <input type="hidden" name="intent" value="saveDraft" />
                <PledgeTextFields values={draftValues ?? { title: pledge.title, body: pledge.body, factors: pledge.factors }} errors={actionData?.intent === 'saveDraft' ? actionData.errors : undefined} />
                <PledgeTermsFields values={draftValues ?? { audience: pledge.audience, renewalMonths: pledge.renewalMonths ? String(pledge.renewalMonths) : '' }} errors={actionData?.intent === 'saveDraft' ? actionData.errors : undefined} />
                <Button variant="secondary" disabled={navigation.state === 'submitting'}>
                  {t('pledge.saveDraft')}
                </Button>
              </Form>
              <Form method="post" className="mt-6 border-t border-slate-200 pt-6">
                <input type="hidden" name="intent" value="publish" />
                <p className="mb-3 text-sm text-slate-700">{t('pledge.publishHint')}</p>
                <Button disabled={navigation.state === 'submitting'}>{t('pledge.publish')}</Button>
              </Form>
            </Card>
          ) : null}
          {timeline.length ? (
            <Card aria-labelledby="timeline-heading">
              <h2 id="timeline-heading" className="mb-3 text-lg font-semibold text-brand-900">
                {t('pledge.timeline')}
              </h2>
              <ol className="space-y-1">
                {timeline.map((item, i) => (
                  <TimelineEntry key={`${item.type}-${item.at}-${i}`} item={item} />
                ))}
              </ol>
            </Card>
          ) : null}
        </div>
        <div className="space-y-6">
          <Card aria-labelledby="about-heading">
            <h2 id="about-heading" className="sr-only">
              {t('pledge.meta.factors')}
            </h2>
            <dl className="space-y-4 text-sm">
              <div>
                <dt className="font-medium text-slate-600">{t('pledge.meta.factors')}</dt>
                <dd className="mt-1 flex flex-wrap gap-1.5">
                  {pledge.factors.map((f) => (
                    <Badge key={f}>{t(`factor.${f}`)}</Badge>
                  ))}
                </dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{t('pledge.meta.audience')}</dt>
                <dd className="mt-1 text-slate-900">{t(`audience.${pledge.audience}`)}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-600">{t('pledge.meta.renewal')}</dt>
                <dd className="mt-1 text-slate-900">{pledge.renewalMonths ? t('pledge.meta.renewalEvery', { months: pledge.renewalMonths }) : t('pledge.meta.noRenewal')}</dd>
              </div>
              {pledge.owner ? (
                <div>
                  <dt className="font-medium text-slate-600">{t('pledge.meta.owner')}</dt>
                  <dd className="mt-1">
                    <Link to={`/organizations/${pledge.owner.slug}`} className="text-brand-700 underline">
                      {pledge.owner.name}
                    </Link>
                  </dd>
                </div>
              ) : null}
            </dl>
          </Card>
          {pledge.status !== 'DRAFT' ? (
            <Card aria-labelledby="sign-heading">
              <h2 id="sign-heading" className="mb-3 text-lg font-semibold text-brand-900">
                {t('pledge.sign.submit')}
              </h2>
              {!signedIn ? (
                <p className="text-sm text-slate-700">
                  <Link to={`/signin?redirectTo=${encodeURIComponent(`/pledges/${pledge.slug}`)}`} className="font-semibold text-brand-700 underline">
                    {t('nav.signIn')}
                  </Link>{' '}
                  · {t('pledge.sign.signInToSign')}
                </p>
              ) : panels.length === 0 ? (
                <p className="text-sm text-slate-700">{t('pledge.sign.noOrganization')}</p>
              ) : (
                <div className="space-y-6">
                  {panels.map((panel) => (
                    <section key={panel.organization.id} aria-label={t('pledge.sign.title', { organization: panel.organization.name })}>
                      <h3 className="mb-2 font-semibold text-slate-900">{panel.organization.name}</h3>
                      <SignPanel panel={panel} pledge={pledge} actionData={actionData} />
                    </section>
                  ))}
                </div>
              )}
            </Card>
          ) : null}
          {versions.length ? (
            <Card aria-labelledby="versions-heading">
              <h2 id="versions-heading" className="mb-2 text-lg font-semibold text-brand-900">
                {t('pledge.versions')}
              </h2>
              <ul className="space-y-2 text-sm">
                {versions.map((v) => (
                  <li key={v.number}>
                    <span className="font-medium">{t('pledges.version', { number: v.number })}</span> · {t.date(v.publishedAt)}
                    {v.changeNote ? <p className="text-slate-700">{v.changeNote}</p> : null}
                  </li>
                ))}
              </ul>
              {canManage && pledge.status === 'PUBLISHED' ? (
                <div className="mt-4 flex flex-wrap gap-3 border-t border-slate-200 pt-4">
                  <Link to={`/pledges/${pledge.slug}/versions/new`} className={buttonClass('secondary')}>
                    {t('pledge.newVersion')}
                  </Link>
                  <Form method="post">
                    <input type="hidden" name="intent" value="close" />
                    <Button variant="danger">{t('pledge.close')}</Button>
                  </Form>
                </div>
              ) : null}
            </Card>
          ) : null}
        </div>
      </div>
    </div>
  );
}
