// Disputing a milestone marked done: a party that has not confirmed it says why the evidence does not show it
// delivered. The milestone reopens (the evidence stays shown as the round's history) and its owner is told.
import { Form } from 'react-router';
import type { Route } from './+types/milestone.dispute';
import { WhatFollows } from '../components/issue-act-page';
import { MilestoneActPage, MilestoneActSubmit } from '../components/milestone-act-page';
import { MilestoneEvidence } from '../components/milestone-evidence';
import { Card, FormError, SelectField, TextAreaField } from '../components/ui';
import { DisputeMilestoneSchema } from '../domain/commitment-schemas';
import { disputeMilestone } from '../domain/milestones.server';
import { metaT, pageTitleText, useT } from '../web/i18n';
import { milestoneActAction, milestoneForAct, milestoneView, withMilestone } from '../web/milestone-page.server';
import { parseForm } from '../web/route.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { subject, unavailable, milestone, commitment, openParties } = await milestoneForAct(request, params.reference, params.id, 'dispute');
  const view = milestoneView(commitment, milestone);
  return { subject, unavailable, parties: openParties, owner: view.owner.name, evidence: view.evidence, round: view.round };
}

export async function action({ request, params }: Route.ActionArgs) {
  return milestoneActAction(request, params.reference, params.id, 'dispute', (ctx, milestone, formData) =>
    disputeMilestone(ctx, withMilestone(parseForm(DisputeMilestoneSchema, formData), milestone)),
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('milestonePages.act.dispute')}${loaderData ? `: ${loaderData.subject.milestoneTitle}` : ''}`);

export default function DisputeMilestone({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { subject, unavailable, parties, owner, evidence, round } = loaderData;
  const errors = actionData?.errors;
  const values = (actionData?.values ?? {}) as Record<string, string>;
  const single = parties.length === 1 ? parties[0] : null;
  return (
    <MilestoneActPage
      subject={subject}
      title={t('milestonePages.act.dispute')}
      lead={t('milestonePages.dispute.lead')}
      unavailable={unavailable ? t(unavailable.key, { state: unavailable.state ? t(`milestone.state.${unavailable.state}`) : '' }) : null}
      aside={
        <Card aria-labelledby="evidence-heading">
          <MilestoneEvidence reference={subject.reference} milestoneId={subject.milestoneId} evidence={evidence} round={round} />
        </Card>
      }
    >
      <WhatFollows
        items={[
          t('milestonePages.dispute.follows1'),
          t('milestonePages.dispute.follows2', { owner }),
          t('milestonePages.dispute.follows3'),
          t('milestonePages.follows.record'),
        ]}
      />
      <Form method="post" noValidate className="space-y-4">
        <FormError errors={errors} />
        {single ? (
          <p className="text-sm text-slate-700" data-testid="acting-party">
            {t('milestonePages.actingFor', { organization: single.name })}
            <input type="hidden" name="organizationId" value={single.organizationId} />
          </p>
        ) : (
          <SelectField
            name="organizationId"
            label={t('milestonePages.field.actingParty')}
            options={parties.map((p) => ({ value: p.organizationId, label: p.name }))}
            placeholder={t('milestonePages.field.choose')}
            defaultValue={values.organizationId}
            errors={errors}
            required
          />
        )}
        <TextAreaField
          name="reason"
          label={t('milestonePages.dispute.reason')}
          hint={t('milestonePages.dispute.reasonHint')}
          rows={5}
          defaultValue={values.reason}
          errors={errors}
          required
        />
        <MilestoneActSubmit subject={subject} variant="danger">
          {t('milestonePages.dispute.submit')}
        </MilestoneActSubmit>
      </Form>
    </MilestoneActPage>
  );
}
