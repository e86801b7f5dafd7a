// Accepting a commitment for one of the viewer's parties: the page shows exactly what is committed to, asks which
// party (when the viewer may act for several) and who is responsible for it there, and ends on the commitment page
// with a receipt. Once every party has accepted, the commitment becomes active and public.
import { Form } from 'react-router';
import type { Route } from './+types/commitment.accept';
import { ActButtons, ActFollows, CommitmentActPage, PartyChoice } from '../components/commitment-act-page';
import { CommitmentSummary } from '../components/commitment-summary';
import { FormError } from '../components/ui';
import { acceptCommitment } from '../domain/commitments.server';
import { AcceptCommitmentSchema } from '../domain/commitment-schemas';
import { metaT, pageTitleText, useT } from '../web/i18n';
import { commitmentActAction, commitmentForAct, commitmentView, membersOf } from '../web/commitment-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { ctx, auth, commitment, parties, subject, unavailable } = await commitmentForAct(request, params.reference, 'accept');
  const members = await membersOf(
    ctx,
    parties.map((p) => p.organizationId),
  );
  const others = commitment.parties.filter((p) => p.response !== 'ACCEPTED' && !parties.some((q) => q.organizationId === p.organizationId));
  return {
    subject,
    unavailable,
    parties,
    members: parties.map((p) => ({ organizationId: p.organizationId, name: p.name, users: members[p.organizationId] ?? [] })),
    me: auth.user ? { id: auth.user.id, name: auth.user.name } : null,
    waitingForOthers: others.length,
    commitment: commitmentView(commitment),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  return commitmentActAction(request, params.reference, 'accept', (ctx, commitment, formData) =>
    acceptCommitment(ctx, { ...parseForm(AcceptCommitmentSchema, formData), commitmentId: commitment.id }),
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('commitmentsPages.accept.title')}${loaderData ? `: ${loaderData.subject.reference}` : ''}`);

export default function AcceptCommitment({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { subject, unavailable, parties, members, me, waitingForOthers, commitment } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const responsibleError = errors?.fieldErrors?.responsibleUserId ?? [];
  return (
    <CommitmentActPage
      commitment={subject}
      title={t('commitmentsPages.accept.title')}
      lead={t('commitmentsPages.accept.lead')}
      unavailable={unavailable ? t(unavailable) : null}
      aside={<CommitmentSummary commitment={commitment} />}
    >
      <ActFollows
        items={[
          t('commitmentsPages.accept.follows1'),
          waitingForOthers > 0 ? t('commitmentsPages.accept.followsWaiting', { count: waitingForOthers }) : t('commitmentsPages.accept.followsActive'),
          t('commitmentsPages.act.followsRecord'),
        ]}
      />
      <Form method="post" noValidate className="space-y-6">
        <FormError errors={errors} />
        <PartyChoice parties={parties} value={values.organizationId} errors={errors} />
        <div>
          <label htmlFor={responsibleError.length ? 'field-responsibleUserId' : 'accept-responsible'} className="block text-sm font-medium text-slate-900">
            {t('commitmentsPages.accept.responsible')}
          </label>
          <select
            id={responsibleError.length ? 'field-responsibleUserId' : 'accept-responsible'}
            name="responsibleUserId"
            defaultValue={values.responsibleUserId ?? ''}
            aria-describedby={`accept-responsible-hint${responsibleError.length ? ' accept-responsible-error' : ''}`}
            aria-invalid={responsibleError.length ? true : undefined}
            className={`mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-brand-700 ${responsibleError.length ? 'border-red-600' : 'border-slate-400'}`}
          >
            <option value="">{me ? t('commitmentsPages.accept.me', { name: me.name }) : ''}</option>
            {members.map((org) => (
              <optgroup key={org.organizationId} label={org.name}>
                {org.users
                  .filter((u) => u.id !== me?.id)
                  .map((u) => (
                    <option key={`${org.organizationId}:${u.id}`} value={u.id}>
                      {u.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
          <p id="accept-responsible-hint" className="mt-1 text-sm text-slate-600">
            {t('commitmentsPages.accept.responsibleHint')}
          </p>
          {responsibleError.length ? (
            <p id="accept-responsible-error" className="mt-1 text-sm font-medium text-red-800">
              {responsibleError.map((m) => (typeof m === 'string' ? t(m) : t(m.key, m.params))).join(' ')}
            </p>
          ) : null}
        </div>
        <ActButtons reference={subject.reference}>{t('commitmentsPages.accept.submit')}</ActButtons>
      </Form>
    </CommitmentActPage>
  );
}
