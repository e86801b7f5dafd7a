// The proposal form of a joint commitment: what (title, description, type, key factors), in which plan and for which
// pledges and issues, when, who (the proposing organisation and its responsible person, the other parties, an optional
// monitor) and, optionally, the first milestones. Plain controls in a POST form: it works without JavaScript; every
// field shows its own error and the summary at the top links to each.
import { useId, useState } from 'react';
import { Form, useNavigation } from 'react-router';
import { Alert, Button, FormError, SelectField, TextAreaField, TextField, fieldAnchor } from './ui';
import { ARUSHA_FACTORS, COMMITMENT_TYPES } from '../domain/enums';
import { type FormErrors, messageArgs } from '../web/forms';
import { useT } from '../web/i18n';

export type CommitmentFormValues = Record<string, string | string[] | undefined>;

export type CommitmentFormChoices = {
  proposers: { id: string; name: string; kind: string }[];
  organizations: { id: string; name: string; kind: string; country: string }[];
  monitors: { id: string; name: string }[];
  plans: { id: string; title: string; status: string; administration: string }[];
  pledges: { id: string; title: string }[];
  members: Record<string, { id: string; name: string }[]>;
  me: { id: string; name: string };
  milestoneRows: number;
};

const selectClass = (invalid: boolean) =>
  `mt-1 block w-full rounded-lg border bg-white px-3 py-2 text-base text-slate-900 shadow-sm focus:border-brand-700 ${invalid ? 'border-red-600' : 'border-slate-400'}`;

function ErrorText({ id, errors, name }: { id: string; errors?: FormErrors; name: string }) {
  const t = useT();
  const messages = errors?.fieldErrors?.[name] ?? [];
  if (!messages.length) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-red-800">
      {messages.map((m) => t(...messageArgs(m))).join(' ')}
    </p>
  );
}

const list = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** A group of checkboxes with a legend, a hint and the group's error; the first box is the error summary's target. */
function CheckboxGroup({
  name,
  legend,
  hint,
  options,
  checked,
  errors,
  scroll = false,
  columns = false,
}: {
  name: string;
  legend: string;
  hint?: string;
  options: { value: string; label: string; hint?: string }[];
  checked: string[];
  errors?: FormErrors;
  scroll?: boolean;
  columns?: boolean;
}) {
  const id = useId();
  const invalid = !!errors?.fieldErrors?.[name]?.length;
  const describedBy = [hint ? `${id}-hint` : null, invalid ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset aria-describedby={describedBy}>
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <div
        className={`mt-2 ${scroll ? 'max-h-72 overflow-y-auto rounded-lg border border-slate-300 p-3' : ''} ${columns ? 'grid gap-x-6 sm:grid-cols-2' : 'space-y-1'}`}
        tabIndex={scroll ? 0 : undefined}
        role={scroll ? 'group' : undefined}
        aria-label={scroll ? legend : undefined}
      >
        {options.map((o, i) => (
          <label key={o.value} className="flex min-h-11 items-start gap-3 py-1 text-base text-slate-900">
            <input
              type="checkbox"
              name={name}
              value={o.value}
              id={i === 0 && invalid ? fieldAnchor(name) : undefined}
              defaultChecked={checked.includes(o.value)}
              aria-invalid={invalid ? true : undefined}
              className="mt-0.5 h-5 w-5 shrink-0"
            />
            <span>
              {o.label}
              {o.hint ? <span className="block text-sm text-slate-600">{o.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
      <ErrorText id={`${id}-error`} errors={errors} name={name} />
    </fieldset>
  );
}

export function CommitmentForm({
  choices,
  values,
  errors,
  issue,
}: {
  choices: CommitmentFormChoices;
  values: CommitmentFormValues;
  errors?: FormErrors;
  issue: { id: string; reference: string; title: string } | null;
}) {
  const t = useT();
  const id = useId();
  const navigation = useNavigation();
  const submitting = navigation.state === 'submitting';
  const [proposer, setProposer] = useState(one(values.proposerOrganizationId) ?? choices.proposers[0]?.id ?? '');
  const responsibleInvalid = !!errors?.fieldErrors?.proposerResponsibleUserId?.length;
  const typeInvalid = !!errors?.fieldErrors?.type?.length;
  const kindLabel = (kind: string) => t(`kind.${kind}`);
  const orgOptions = choices.organizations.map((o) => ({ value: o.id, label: `${o.name} — ${kindLabel(o.kind)}` }));
  // Without JavaScript every proposing organisation's members are offered (grouped); with it, the chosen one's.
  const memberGroups = choices.proposers.filter((p) => choices.proposers.length === 1 || !proposer || p.id === proposer);
  return (
    <Form method="post" noValidate className="space-y-8" data-testid="commitment-form">
      <FormError errors={errors} />
      {issue ? (
        <>
          <input type="hidden" name="issueId" value={issue.id} />
          <Alert tone="info">
            <span data-testid="from-issue">{t('commitmentsPages.form.fromIssue', { reference: issue.reference, title: issue.title })}</span>
          </Alert>
        </>
      ) : null}

      <section aria-labelledby={`${id}-what`} className="space-y-5">
        <h2 id={`${id}-what`} className="text-lg font-semibold text-brand-900">
          {t('commitmentsPages.form.what')}
        </h2>
        <TextField name="title" label={t('commitmentsPages.field.title')} defaultValue={one(values.title)} maxLength={200} errors={errors} required />
        <TextAreaField
          name="description"
          label={t('commitmentsPages.field.description')}
          hint={t('commitmentsPages.form.descriptionHint')}
          defaultValue={one(values.description)}
          rows={6}
          errors={errors}
          required
        />
        <fieldset aria-describedby={typeInvalid ? `${id}-type-error` : undefined}>
          <legend className="text-sm font-medium text-slate-900">{t('commitmentsPages.field.type')}</legend>
          <div className="mt-2 space-y-2">
            {COMMITMENT_TYPES.map((type, i) => (
              <label key={type} className="flex min-h-11 items-start gap-3 text-base text-slate-900">
                <input
                  type="radio"
                  name="type"
                  value={type}
                  id={i === 0 && typeInvalid ? fieldAnchor('type') : undefined}
                  defaultChecked={one(values.type) === type}
                  aria-invalid={typeInvalid ? true : undefined}
                  className="mt-0.5 h-5 w-5 shrink-0"
                />
                <span>
                  <span className="font-medium">{t(`commitment.type.${type}`)}</span>
                  <span className="block text-sm text-slate-600">{t(`commitment.type.${type}.hint`)}</span>
                </span>
              </label>
            ))}
          </div>
          <ErrorText id={`${id}-type-error`} errors={errors} name="type" />
        </fieldset>
        <CheckboxGroup
          name="factors"
          legend={t('commitmentsPages.field.factors')}
          hint={t('commitmentsPages.form.factorsHint')}
          options={ARUSHA_FACTORS.map((f) => ({ value: f, label: t(`factor.${f}`) }))}
          checked={list(values.factors)}
          errors={errors}
          columns
        />
      </section>

      <section aria-labelledby={`${id}-context`} className="space-y-5">
        <h2 id={`${id}-context`} className="text-lg font-semibold text-brand-900">
          {t('commitmentsPages.form.context')}
        </h2>
        <SelectField
          name="actionPlanId"
          label={t('commitmentsPages.field.plan')}
          hint={t('commitmentsPages.form.planHint')}
          placeholder={t('commitmentsPages.form.noPlan')}
          options={choices.plans.map((p) => ({
            value: p.id,
            label: `${p.title} — ${p.administration}${p.status === 'DRAFT' ? ` (${t('actionPlan.status.DRAFT')})` : ''}`,
          }))}
          defaultValue={one(values.actionPlanId)}
          errors={errors}
        />
        {choices.pledges.length ? (
          <CheckboxGroup
            name="pledgeIds"
            legend={t('commitmentsPages.field.pledges')}
            hint={t('commitmentsPages.form.pledgesHint')}
            options={choices.pledges.map((p) => ({ value: p.id, label: p.title }))}
            checked={list(values.pledgeIds)}
            errors={errors}
            scroll={choices.pledges.length > 8}
          />
        ) : null}
        <TextField
          name="issueReferences"
          label={t('commitmentsPages.field.issues')}
          hint={t('commitmentsPages.form.issuesHint')}
          defaultValue={one(values.issueReferences)}
          maxLength={500}
          errors={errors}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField type="date" name="startDate" label={t('commitmentsPages.field.startDate')} defaultValue={one(values.startDate)} errors={errors} required />
          <TextField
            type="date"
            name="endDate"
            label={t('commitmentsPages.field.endDate')}
            hint={t('commitmentsPages.form.endDateHint')}
            defaultValue={one(values.endDate)}
            errors={errors}
          />
        </div>
      </section>

      <section aria-labelledby={`${id}-who`} className="space-y-5">
        <h2 id={`${id}-who`} className="text-lg font-semibold text-brand-900">
          {t('commitmentsPages.form.who')}
        </h2>
        <p className="text-sm text-slate-700">{t('commitmentsPages.form.whoLead')}</p>
        {choices.proposers.length > 1 ? (
          <SelectField
            name="proposerOrganizationId"
            label={t('commitmentsPages.field.proposer')}
            hint={t('commitmentsPages.form.proposerHint')}
            options={choices.proposers.map((o) => ({ value: o.id, label: o.name }))}
            defaultValue={proposer}
            onChange={(event) => setProposer(event.currentTarget.value)}
            errors={errors}
          />
        ) : (
          <div>
            <input type="hidden" name="proposerOrganizationId" value={choices.proposers[0]?.id ?? ''} />
            <p className="text-sm font-medium text-slate-900">{t('commitmentsPages.field.proposer')}</p>
            <p className="mt-1 text-base text-slate-900" data-testid="proposer-name">
              {choices.proposers[0]?.name}
            </p>
            <p className="mt-1 text-sm text-slate-600">{t('commitmentsPages.form.proposerHint')}</p>
          </div>
        )}
        <div>
          <label
            htmlFor={responsibleInvalid ? fieldAnchor('proposerResponsibleUserId') : `${id}-responsible`}
            className="block text-sm font-medium text-slate-900"
          >
            {t('commitmentsPages.field.responsible')}
          </label>
          <select
            id={responsibleInvalid ? fieldAnchor('proposerResponsibleUserId') : `${id}-responsible`}
            name="proposerResponsibleUserId"
            defaultValue={one(values.proposerResponsibleUserId) ?? ''}
            aria-invalid={responsibleInvalid ? true : undefined}
            aria-describedby={`${id}-responsible-hint${responsibleInvalid ? ` ${id}-responsible-error` : ''}`}
            className={selectClass(responsibleInvalid)}
          >
            <option value="">{t('commitmentsPages.form.me', { name: choices.me.name })}</option>
            {memberGroups.map((org) => (
              <optgroup key={org.id} label={org.name}>
                {(choices.members[org.id] ?? [])
                  .filter((u) => u.id !== choices.me.id)
                  .map((u) => (
                    <option key={`${org.id}:${u.id}`} value={u.id}>
                      {u.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
          <p id={`${id}-responsible-hint`} className="mt-1 text-sm text-slate-600">
            {t('commitmentsPages.form.responsibleHint')}
          </p>
          <ErrorText id={`${id}-responsible-error`} errors={errors} name="proposerResponsibleUserId" />
        </div>
        <CheckboxGroup
          name="partyOrganizationIds"
          legend={t('commitmentsPages.field.parties')}
          hint={t('commitmentsPages.form.partiesHint')}
          options={choices.organizations.filter((o) => o.id !== proposer).map((o) => ({ value: o.id, label: o.name, hint: kindLabel(o.kind) }))}
          checked={list(values.partyOrganizationIds)}
          errors={errors}
          scroll={choices.organizations.length > 10}
        />
        <SelectField
          name="monitorOrganizationId"
          label={t('commitmentsPages.field.monitor')}
          hint={t('commitmentsPages.form.monitorHint')}
          placeholder={t('commitmentsPages.form.noMonitor')}
          options={choices.monitors.map((o) => ({ value: o.id, label: o.name }))}
          defaultValue={one(values.monitorOrganizationId)}
          errors={errors}
        />
      </section>

      <section aria-labelledby={`${id}-milestones`} className="space-y-5">
        <h2 id={`${id}-milestones`} className="text-lg font-semibold text-brand-900">
          {t('commitmentsPages.form.milestones')}
        </h2>
        <p className="text-sm text-slate-700">{t('commitmentsPages.form.milestonesLead', { count: choices.milestoneRows })}</p>
        {Array.from({ length: choices.milestoneRows }, (_, i) => (
          <fieldset key={i} className="space-y-4 rounded-lg border border-slate-200 p-4">
            <legend className="px-1 text-sm font-semibold text-slate-900">{t('commitmentsPages.form.milestoneN', { n: i + 1 })}</legend>
            <TextField
              name={`milestones.${i}.title`}
              label={t('commitmentsPages.field.milestoneTitle')}
              defaultValue={one(values[`milestones.${i}.title`])}
              maxLength={200}
              errors={errors}
            />
            <TextAreaField
              name={`milestones.${i}.deliverable`}
              label={t('commitmentsPages.field.deliverable')}
              hint={t('commitmentsPages.form.deliverableHint')}
              defaultValue={one(values[`milestones.${i}.deliverable`])}
              rows={2}
              errors={errors}
            />
            <div className="grid gap-4 sm:grid-cols-2">
              <SelectField
                name={`milestones.${i}.ownerOrganizationId`}
                label={t('commitmentsPages.field.owner')}
                hint={t('commitmentsPages.form.ownerHint')}
                placeholder={t('commitmentsPages.form.ownerPlaceholder')}
                options={orgOptions}
                defaultValue={one(values[`milestones.${i}.ownerOrganizationId`])}
                errors={errors}
              />
              <TextField
                type="date"
                name={`milestones.${i}.dueDate`}
                label={t('commitmentsPages.field.dueDate')}
                defaultValue={one(values[`milestones.${i}.dueDate`])}
                errors={errors}
              />
            </div>
          </fieldset>
        ))}
      </section>

      <Alert tone="info">{t('commitmentsPages.form.follows')}</Alert>
      <Button disabled={submitting}>{submitting ? t('commitmentsPages.form.submitting') : t('commitmentsPages.form.submit')}</Button>
    </Form>
  );
}
