// The monitor's attestation: the commitment's independent monitor (a partner organisation) attests that a completed
// milestone was delivered, with an optional note. Shown beside the completion; it cannot be withdrawn.
import { Form } from 'react-router';
import type { Route } from './+types/milestone.attest';
import { WhatFollows } from '../components/issue-act-page';
import { MilestoneActPage, MilestoneActSubmit } from '../components/milestone-act-page';
import { MilestoneEvidence } from '../components/milestone-evidence';
import { Card, FormError, TextAreaField } from '../components/ui';
import { AttestMilestoneSchema } from '../domain/commitment-schemas';
import { attestMilestone } from '../domain/milestones.server';
import { LocalTime, metaT, pageTitleText, useT } from '../web/i18n';
import { milestoneActAction, milestoneForAct, milestoneView, withMilestone } from '../web/milestone-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { subject, unavailable, milestone, commitment } = await milestoneForAct(request, params.reference, params.id, 'attest');
  const view = milestoneView(commitment, milestone);
  return {
    subject,
    unavailable,
    monitor: commitment.monitor?.name ?? '',
    evidence: view.evidence,
    round: view.round,
    completedAt: view.completedAt,
    confirmations: view.confirmations,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  return milestoneActAction(request, params.reference, params.id, 'attest', (ctx, milestone, formData) =>
    attestMilestone(ctx, withMilestone(parseForm(AttestMilestoneSchema, formData), milestone)),
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('milestonePages.act.attest')}${loaderData ? `: ${loaderData.subject.milestoneTitle}` : ''}`);

export default function AttestMilestone({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { subject, unavailable, monitor, evidence, round, completedAt, confirmations } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  return (
    <MilestoneActPage
      subject={subject}
      title={t('milestonePages.act.attest')}
      lead={t('milestonePages.attest.lead', { organization: monitor })}
      unavailable={unavailable ? t(unavailable.key, { state: unavailable.state ? t(`milestone.state.${unavailable.state}`) : '' }) : null}
      aside={
        <Card aria-labelledby="evidence-heading">
          <MilestoneEvidence reference={subject.reference} milestoneId={subject.milestoneId} evidence={evidence} round={round} />
          {completedAt ? (
            <p className="mt-4 text-sm text-slate-700">
              {t('milestonePages.completedAt')} <LocalTime value={completedAt} />
            </p>
          ) : null}
          <ul className="mt-2 list-disc pl-5 text-sm text-slate-700">
            {confirmations.map((c) => (
              <li key={c.organizationId}>{c.confirmedAt ? t('milestonePages.confirmedBy', { organization: c.name, name: c.confirmedBy ?? '' }) : c.name}</li>
            ))}
          </ul>
        </Card>
      }
    >
      <p className="mb-6 text-base font-medium text-slate-900" data-testid="attest-statement">
        {t('milestonePages.attest.statement', { organization: monitor, title: subject.milestoneTitle })}
      </p>
      <WhatFollows items={[t('milestonePages.attest.follows1'), t('milestonePages.attest.follows2'), t('milestonePages.follows.record')]} />
      <Form method="post" noValidate className="space-y-4">
        <FormError errors={errors} />
        <TextAreaField
          name="note"
          label={t('milestonePages.attest.note')}
          hint={t('milestonePages.attest.noteHint')}
          rows={4}
          defaultValue={values.note}
          errors={errors}
        />
        <MilestoneActSubmit subject={subject}>{t('milestonePages.attest.submit')}</MilestoneActSubmit>
      </Form>
    </MilestoneActPage>
  );
}
