// The fields of a milestone (adding one, changing one while it is open): title, deliverable, the owner party, the due
// date (not before the commitment's start); and, when the viewer may act for several parties, which one acts.
import type { FormErrors } from '../web/forms';
import { useT } from '../web/i18n';
import { SelectField, TextAreaField, TextField } from './ui';

export type PartyOption = { value: string; label: string };

export function MilestoneFields({
  values,
  errors,
  parties,
  startDate,
}: {
  values: Record<string, string | undefined>;
  errors?: FormErrors;
  parties: PartyOption[];
  startDate: string;
}) {
  const t = useT();
  return (
    <>
      <TextField name="title" label={t('milestonePages.field.title')} defaultValue={values.title} errors={errors} required maxLength={200} />
      <TextAreaField
        name="deliverable"
        label={t('milestonePages.field.deliverable')}
        hint={t('milestonePages.field.deliverableHint')}
        rows={5}
        defaultValue={values.deliverable}
        errors={errors}
        required
      />
      <SelectField
        name="ownerOrganizationId"
        label={t('milestonePages.field.owner')}
        hint={t('milestonePages.field.ownerHint')}
        options={parties}
        placeholder={t('milestonePages.field.choose')}
        defaultValue={values.ownerOrganizationId}
        errors={errors}
        required
      />
      <TextField
        name="dueDate"
        type="date"
        label={t('milestonePages.field.dueDate')}
        hint={t('milestonePages.field.dueDateHint', { date: t.date(startDate) })}
        min={startDate}
        defaultValue={values.dueDate}
        errors={errors}
        required
        className="sm:w-64"
      />
    </>
  );
}

/**
 * Which party the viewer acts for, when it may act for more than one (otherwise the only one, said in a line). The
 * domain asks for it ('errors.commitment.chooseParty') when it is ambiguous.
 */
export function ActingPartyField({
  parties,
  values,
  errors,
  label,
}: {
  parties: { organizationId: string; name: string }[];
  values: Record<string, string | undefined>;
  errors?: FormErrors;
  label?: string;
}) {
  const t = useT();
  if (parties.length === 0) return null;
  if (parties.length === 1) {
    return (
      <p className="text-sm text-slate-700" data-testid="acting-party">
        {t('milestonePages.actingFor', { organization: parties[0].name })}
        <input type="hidden" name="organizationId" value={parties[0].organizationId} />
      </p>
    );
  }
  return (
    <SelectField
      name="organizationId"
      label={label ?? t('milestonePages.field.actingParty')}
      hint={t('milestonePages.field.actingPartyHint')}
      options={parties.map((p) => ({ value: p.organizationId, label: p.name }))}
      placeholder={t('milestonePages.field.choose')}
      defaultValue={values.organizationId}
      errors={errors}
      required
    />
  );
}

/** Field errors on list items (`evidenceLinks.3`) shown at their field (`evidenceLinks`). */
export function foldListErrors(errors: FormErrors | undefined, fields: string[]): FormErrors | undefined {
  if (!errors?.fieldErrors) return errors;
  const fieldErrors: NonNullable<FormErrors['fieldErrors']> = {};
  for (const [path, messages] of Object.entries(errors.fieldErrors)) {
    const field = fields.find((f) => path.startsWith(`${f}.`)) ?? path;
    const list = (fieldErrors[field] ??= []);
    for (const m of messages) if (!list.some((x) => JSON.stringify(x) === JSON.stringify(m))) list.push(m);
  }
  return { ...errors, fieldErrors };
}
