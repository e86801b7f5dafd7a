// Confirming a milestone: a party says the owner's evidence shows it delivered. The page shows the evidence and says
// in whose name the viewer confirms ("your organisation X confirms …"); with several parties to act for, the viewer
// chooses. Once every party has confirmed this round the milestone is completed and counts towards progress.
import { Form } from 'react-router';
import type { Route } from './+types/milestone.confirm';
import { WhatFollows } from '../components/issue-act-page';
import { MilestoneActPage, MilestoneActSubmit } from '../components/milestone-act-page';
import { MilestoneEvidence } from '../components/milestone-evidence';
import { Card, FormError, SelectField } from '../components/ui';
import { ConfirmMilestoneSchema } from '../domain/commitment-schemas';
import { confirmMilestone } from '../domain/milestones.server';
import { metaT, pageTitleText, useT } from '../web/i18n';
import { milestoneActAction, milestoneForAct, milestoneView, withMilestone } from '../web/milestone-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { subject, unavailable, milestone, commitment, openParties } = await milestoneForAct(request, params.reference, params.id, 'confirm');
  const view = milestoneView(commitment, milestone);
  return {
    subject,
    unavailable,
    parties: openParties,
    deliverable: view.deliverable,
    owner: view.owner.name,
    evidence: view.evidence,
    round: view.round,
    awaiting: view.confirmations.filter((c) => !c.confirmedAt).length,
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  return milestoneActAction(request, params.reference, params.id, 'confirm', (ctx, milestone, formData) =>
    confirmMilestone(ctx, withMilestone(parseForm(ConfirmMilestoneSchema, formData), milestone)),
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('milestonePages.act.confirm')}${loaderData ? `: ${loaderData.subject.milestoneTitle}` : ''}`);

export default function ConfirmMilestone({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { subject, unavailable, parties, deliverable, owner, evidence, round, awaiting } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const single = parties.length === 1 ? parties[0] : null;
  return (
    <MilestoneActPage
      subject={subject}
      title={t('milestonePages.act.confirm')}
      lead={t('milestonePages.confirm.lead')}
      unavailable={unavailable ? t(unavailable.key, { state: unavailable.state ? t(`milestone.state.${unavailable.state}`) : '' }) : null}
      aside={
        <Card aria-labelledby="evidence-heading">
          <p className="mb-4 text-sm text-slate-700">
            <span className="font-medium text-slate-900">{t('milestonePages.deliverable')}:</span>{' '}
            <span className="break-words whitespace-pre-line">{deliverable}</span>
          </p>
          <MilestoneEvidence reference={subject.reference} milestoneId={subject.milestoneId} evidence={evidence} round={round} />
        </Card>
      }
    >
      <p className="mb-6 text-base font-medium text-slate-900" data-testid="confirm-statement">
        {single
          ? t('milestonePages.confirm.statement', { organization: single.name, owner, title: subject.milestoneTitle })
          : t('milestonePages.confirm.statementChoose', { owner, title: subject.milestoneTitle })}
      </p>
      <WhatFollows
        items={[
          t('milestonePages.confirm.follows1'),
          awaiting <= 1 ? t('milestonePages.confirm.follows2Last') : t('milestonePages.confirm.follows2', { count: awaiting - 1 }),
          t('milestonePages.confirm.follows3'),
          t('milestonePages.follows.record'),
        ]}
      />
      <Form method="post" noValidate className="space-y-4">
        <FormError errors={errors} />
        {single ? (
          <input type="hidden" name="organizationId" value={single.organizationId} />
        ) : (
          <SelectField
            name="organizationId"
            label={t('milestonePages.confirm.party')}
            options={parties.map((p) => ({ value: p.organizationId, label: p.name }))}
            placeholder={t('milestonePages.field.choose')}
            defaultValue={values.organizationId}
            errors={errors}
            required
          />
        )}
        <MilestoneActSubmit subject={subject}>{t('milestonePages.confirm.submit')}</MilestoneActSubmit>
      </Form>
    </MilestoneActPage>
  );
}
