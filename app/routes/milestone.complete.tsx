// Marking a milestone done: its owner party says it is delivered, with evidence (a text, up to 10 links, files checked
// and stored as issue evidence is). Every other party is then asked to confirm it; it is completed once every party
// has. The owner's own confirmation is recorded with the act.
import { Form } from 'react-router';
import type { Route } from './+types/milestone.complete';
import { requireUser } from '../auth/guards.server';
import { WhatFollows } from '../components/issue-act-page';
import { IssueEvidenceField } from '../components/issue-evidence-field';
import { MilestoneActPage, MilestoneActSubmit } from '../components/milestone-act-page';
import { foldListErrors } from '../components/milestone-form';
import { FormError, TextAreaField } from '../components/ui';
import { CompleteMilestoneSchema } from '../domain/commitment-schemas';
import { MAX_EVIDENCE_LINKS } from '../domain/commitment-rules';
import { completeMilestone } from '../domain/milestones.server';
import type { FormErrors } from '../web/forms';
import { metaT, pageTitleText, useT } from '../web/i18n';
import { milestoneActAction, milestoneForAct, withMilestone } from '../web/milestone-page.server';
import { parseForm } from '../web/route.server';
import { readEvidenceForm } from '../web/uploads.server';

export async function loader({ request, params }: Route.LoaderArgs) {
  const { subject, unavailable, milestone, commitment } = await milestoneForAct(request, params.reference, params.id, 'complete');
  return {
    subject,
    unavailable,
    deliverable: milestone.deliverable,
    owner: milestone.ownerOrganization.name,
    ownerOrganizationId: milestone.ownerOrganization.id,
    others: commitment.parties.filter((p) => p.organizationId !== milestone.ownerOrganization.id).map((p) => p.name),
  };
}

export async function action({ request, params }: Route.ActionArgs) {
  // Who is asking, before the body (up to the upload limit) is read.
  await requireUser(request);
  await milestoneForAct(request, params.reference, params.id, 'complete');
  const upload = await readEvidenceForm(request);
  return milestoneActAction(
    request,
    params.reference,
    params.id,
    'complete',
    async (ctx, milestone, formData) => {
      if (upload.error) throw upload.error;
      return completeMilestone(ctx, withMilestone(parseForm(CompleteMilestoneSchema, formData), milestone), upload.files);
    },
    upload.formData,
  );
}

export const meta: Route.MetaFunction = ({ loaderData, matches }) =>
  pageTitleText(matches, `${metaT(matches)('milestonePages.act.complete')}${loaderData ? `: ${loaderData.subject.milestoneTitle}` : ''}`);

export default function CompleteMilestone({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { subject, unavailable, deliverable, owner, ownerOrganizationId, others } = loaderData;
  const result = actionData as { errors?: FormErrors; values?: Record<string, string> } | undefined;
  const errors = foldListErrors(result?.errors, ['evidenceLinks']);
  const values = result?.values ?? {};
  return (
    <MilestoneActPage
      subject={subject}
      title={t('milestonePages.act.complete')}
      lead={t('milestonePages.complete.lead', { organization: owner })}
      unavailable={unavailable ? t(unavailable.key, { state: unavailable.state ? t(`milestone.state.${unavailable.state}`) : '' }) : null}
    >
      <h2 className="text-lg font-semibold text-brand-900">{t('milestonePages.deliverable')}</h2>
      <p className="mt-1 mb-6 text-sm break-words whitespace-pre-line text-slate-900" data-testid="deliverable">
        {deliverable}
      </p>
      <WhatFollows
        items={[
          t('milestonePages.complete.follows1', { organization: owner }),
          t('milestonePages.complete.follows2', { parties: others.join(', ') }),
          t('milestonePages.complete.follows3'),
          t('milestonePages.follows.record'),
        ]}
      />
      <Form method="post" encType="multipart/form-data" noValidate className="space-y-4">
        <FormError errors={errors} labels={{ files: t('milestonePages.evidence.files') }} />
        <p className="text-sm text-slate-700">{t('milestonePages.complete.evidenceRequired')}</p>
        <TextAreaField
          name="evidenceText"
          label={t('milestonePages.field.evidenceText')}
          hint={t('milestonePages.field.evidenceTextHint')}
          rows={6}
          defaultValue={values.evidenceText}
          errors={errors}
        />
        <TextAreaField
          name="evidenceLinks"
          label={t('milestonePages.field.evidenceLinks')}
          hint={t('milestonePages.field.evidenceLinksHint', { max: MAX_EVIDENCE_LINKS })}
          rows={4}
          defaultValue={values.evidenceLinks}
          errors={errors}
          spellCheck={false}
          autoCapitalize="off"
        />
        <IssueEvidenceField errors={errors} label={t('milestonePages.evidence.files')} />
        <input type="hidden" name="organizationId" value={ownerOrganizationId} />
        <MilestoneActSubmit subject={subject}>{t('milestonePages.complete.submit')}</MilestoneActSubmit>
      </Form>
    </MilestoneActPage>
  );
}
